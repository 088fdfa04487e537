//! `TestApp`: the real app on a random port with its own fresh database (a temp-file SQLite, or a
//! fresh PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set), and the
//! helpers the tests share.

use std::collections::HashMap;
use std::sync::OnceLock;

use diesel::prelude::*;
use ebill::config::Config;
use ebill::startup::Application;
use ebill::store::db::{self, DbConn};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: db::Pool,
    pub dir: std::path::PathBuf,
    _temp: Option<tempfile::TempDir>,
    pub config: Config,
    pg_database: Option<(String, String)>,
}

/// A response read whole: status, headers and JSON body (Null when the body is not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "unexpected status; body: {}", self.text);
        self
    }

    /// Asserts a problem+json answer with `status` and `code`.
    #[track_caller]
    pub fn expect_problem(self, status: u16, code: &str) -> Self {
        let reply = self.expect(status);
        assert_eq!(reply.header("content-type"), Some("application/problem+json"), "{}", reply.text);
        assert_eq!(reply.body["code"], code, "{}", reply.text);
        assert_eq!(reply.body["status"], status);
        assert!(reply.body["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{}", reply.text);
        reply
    }

    /// The fields named in a validation problem.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"].as_array().into_iter().flatten().filter_map(|e| e["field"].as_str().map(str::to_owned)).collect()
    }
}

fn pg_url_with_db(base: &str, name: &str) -> String {
    let mut url = url::Url::parse(base).expect("TEST_DATABASE_URL is a URL");
    url.set_path(name);
    url.to_string()
}

/// The migrated template database, made once per schema version (under an advisory lock, since test
/// processes may run side by side).
fn pg_template(base: &str) -> String {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let mut hasher_input = String::new();
            let mut entries: Vec<_> = std::fs::read_dir("migrations/postgres").expect("migrations").flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                for file in ["up.sql", "down.sql"] {
                    hasher_input.push_str(&std::fs::read_to_string(entry.path().join(file)).unwrap_or_default());
                }
            }
            let name = format!("ebill_tpl_{}", &ebill::crypto::sha256_hex(hasher_input.as_bytes())[..16]);
            let mut admin = PgConnection::establish(base).expect("connect to TEST_DATABASE_URL");
            diesel::sql_query("SELECT pg_advisory_lock(727274)").execute(&mut admin).expect("lock");
            #[derive(QueryableByName)]
            struct Exists {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                exists: bool,
            }
            let found = diesel::sql_query(format!("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = '{name}') AS exists"))
                .get_result::<Exists>(&mut admin)
                .expect("query pg_database")
                .exists;
            if !found {
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).expect("create template");
                let mut conn = DbConn::Pg(PgConnection::establish(&pg_url_with_db(base, &name)).expect("connect to template"));
                db::migrate(&mut conn).expect("migrate template");
            }
            diesel::sql_query("SELECT pg_advisory_unlock(727274)").execute(&mut admin).expect("unlock");
            name
        })
        .clone()
}

fn fresh_pg_database(base: &str) -> (String, String) {
    let template = pg_template(base);
    let name = format!("ebill_test_{}", uuid::Uuid::now_v7().simple());
    let mut admin = PgConnection::establish(base).expect("connect to TEST_DATABASE_URL");
    let mut tries = 0;
    while let Err(e) = diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin) {
        // Two clones of one template at the same instant may collide; try again.
        tries += 1;
        assert!(tries < 50, "create test database: {e}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    (pg_url_with_db(base, &name), name)
}

impl TestApp {
    /// The app with default settings (rate limits off).
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// The app with settings changed by `tweak`.
    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let base = std::env::var("TEST_DATABASE_URL").ok().filter(|v| !v.is_empty());
        let (database_url, pg_database) = match &base {
            Some(base) => {
                let (url, name) = tokio::task::spawn_blocking({
                    let base = base.clone();
                    move || fresh_pg_database(&base)
                })
                .await
                .expect("create database");
                (url, Some((base.clone(), name)))
            }
            None => (format!("sqlite://{}", dir.path().join("ebill.db").display()), None),
        };
        let vars: HashMap<&str, String> = HashMap::from([
            ("EBILL_DATABASE_URL", database_url),
            ("EBILL_BIND", "127.0.0.1:0".into()),
            ("EBILL_JWT_SECRET", "test-secret-test-secret-test-secret!".into()),
            ("EBILL_MAIL", format!("dir:{}", dir.path().join("mail").display())),
            ("EBILL_SMS", format!("file:{}", dir.path().join("sms.jsonl").display())),
            ("EBILL_RATE_LIMITS", "off".into()),
            ("EBILL_DB_POOL_SIZE", "4".into()),
            ("EBILL_WORKERS", "1".into()),
            ("EBILL_WEBHOOK_ALLOW_PRIVATE", "true".into()),
            ("EBILL_OUTBOX_POLL_MS", "20".into()),
            ("EBILL_OUTBOX_RETRY_BASE_MS", "50".into()),
        ]);
        let mut config = Config::from_lookup(|name| vars.get(name).cloned()).expect("test config");
        tweak(&mut config);
        let path = dir.path().to_owned();
        Self::start(config, path, Some(dir), pg_database).await
    }

    async fn start(
        config: Config,
        dir: std::path::PathBuf,
        temp: Option<tempfile::TempDir>,
        pg_database: Option<(String, String)>,
    ) -> Self {
        let app = Application::build(config.clone()).await.expect("app starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run_until_stopped());
        let pool = db::pool(&config.database_url, 2, std::time::Duration::from_secs(10)).expect("test pool");
        Self { address, client: reqwest::Client::new(), pool, dir, _temp: temp, config, pg_database }
    }

    /// Another instance of the app on this one's database and folders (as after a restart).
    pub async fn another_instance(&self, tweak: impl FnOnce(&mut Config)) -> Self {
        let mut config = self.config.clone();
        tweak(&mut config);
        Self::start(config, self.dir.clone(), None, None).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// Sends a request and reads the whole answer.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body read");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, headers, body, text }
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> reqwest::RequestBuilder {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(self.request(Method::GET, path, token)).await
    }

    pub async fn post(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.send(self.request(Method::POST, path, token).json(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.send(self.request(Method::PUT, path, token).json(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value, token: Option<&str>) -> Reply {
        self.send(self.request(Method::PATCH, path, token).json(body)).await
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(self.request(Method::DELETE, path, token)).await
    }

    /// Runs `f` on a connection of the test's own database.
    pub fn db<T>(&self, f: impl FnOnce(&mut DbConn) -> T) -> T {
        f(&mut self.pool.get().expect("test connection"))
    }

    /// Adds an operator and logs in: (access token, refresh token).
    pub async fn operator_login(&self, email: &str) -> (String, String) {
        let password = "operator-password-1";
        self.db(|conn| ebill::services::operators::add(conn, email, password, ebill::clock::now())).expect("operator added");
        let reply = self
            .post("/v1/oauth/token", &json!({"grant_type": "password", "username": email, "password": password}), None)
            .await
            .expect(200);
        (reply.body["access_token"].as_str().unwrap().to_owned(), reply.body["refresh_token"].as_str().unwrap().to_owned())
    }

    /// An operator's access token.
    pub async fn operator_token(&self) -> String {
        self.operator_login(&format!("op{}@agent.example", uuid::Uuid::now_v7().simple())).await.0
    }

    /// Registers a provider (pending).
    pub async fn register_provider(&self, seed: u64) -> Registered {
        let body = provider_body(seed);
        let reply = self.post("/v1/providers", &body, None).await.expect(201);
        Registered {
            id: reply.body["id"].as_str().unwrap().to_owned(),
            client_id: reply.body["client_id"].as_str().unwrap().to_owned(),
            client_secret: reply.body["client_secret"].as_str().unwrap().to_owned(),
        }
    }

    /// A client-credentials token (the reply, which may be a refusal).
    pub async fn provider_token_reply(&self, p: &Registered) -> Reply {
        let form = [("grant_type", "client_credentials"), ("client_id", p.client_id.as_str()), ("client_secret", p.client_secret.as_str())];
        self.send(self.client.post(self.url("/v1/oauth/token")).form(&form)).await
    }

    /// Registers a provider, has an operator approve it, and returns it with a token.
    pub async fn active_provider(&self, seed: u64) -> ActiveProvider {
        let registered = self.register_provider(seed).await;
        let operator = self.operator_token().await;
        self.post(&format!("/v1/providers/{}/approve", registered.id), &json!({}), Some(&operator)).await.expect(200);
        let token = self.provider_token_reply(&registered).await.expect(200).body["access_token"].as_str().unwrap().to_owned();
        ActiveProvider { id: registered.id.clone(), registered, token }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((base, name)) = self.pg_database.take() {
            if let Ok(mut admin) = PgConnection::establish(&base) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct Registered {
    pub id: String,
    pub client_id: String,
    pub client_secret: String,
}

#[derive(Debug, Clone)]
pub struct ActiveProvider {
    pub id: String,
    pub registered: Registered,
    pub token: String,
}

/// A valid 10-digit INN derived from `seed`.
pub fn inn10(seed: u64) -> String {
    let body = format!("19{:07}", seed % 10_000_000);
    let weights = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let sum: u32 = body.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    format!("{body}{}", sum % 11 % 10)
}

/// A valid 13-digit OGRN derived from `seed`.
pub fn ogrn13(seed: u64) -> String {
    let body = format!("10219{:07}", seed % 10_000_000);
    let n: u64 = body.parse().unwrap();
    format!("{body}{}", n % 11 % 10)
}

/// A complete, valid registration body.
pub fn provider_body(seed: u64) -> Value {
    json!({
        "name": format!("Provider {seed}"),
        "inn": inn10(seed),
        "kpp": "190101001",
        "ogrn": ogrn13(seed),
        "email": format!("billing{seed}@provider.example"),
        "phone": "+7 (3902) 22-33-44",
        "bank": {
            "name": "ПАО Сбербанк",
            "bik": "044525225",
            "account": "40702810438000060473",
            "correspondent_account": "30101810400000000225"
        }
    })
}

/// An account with an address on «ул. Ленина» in Абакан.
pub fn account(number: &str, house: &str, apartment: &str) -> Value {
    json!({"number": number, "address": {"city": "Абакан", "street": "ул. Ленина", "house": house, "apartment": apartment}})
}

/// One charge item for `account` and service `code`.
pub fn charge(account: &str, code: &str, amount: i64) -> Value {
    json!({
        "account_number": account,
        "service": {"code": code, "name": format!("Услуга {code}"), "unit": "м³"},
        "volume": "1.5", "tariff": "42.37", "amount": amount
    })
}

impl TestApp {
    /// Uploads `n` accounts `A0..` (one premises each) for the provider.
    pub async fn upload_accounts(&self, token: &str, n: usize) -> Reply {
        let accounts: Vec<Value> =
            (0..n).map(|i| account(&format!("A{i}"), &format!("{}", i / 100 + 1), &format!("{}", i % 100 + 1))).collect();
        self.put("/v1/providers/me/accounts", &json!({"accounts": accounts}), Some(token)).await
    }

    /// Marks a period closed, as its billing run would.
    pub fn close_period(&self, period: &str) {
        use ebill::store::schema::closed_periods;
        self.db(|conn| {
            diesel::insert_into(closed_periods::table)
                .values((closed_periods::period.eq(period), closed_periods::closed_at.eq(ebill::clock::now())))
                .execute(conn)
                .unwrap()
        });
    }

    /// Every item of a paged list, following `next_cursor`.
    pub async fn collect(&self, path: &str, token: Option<&str>) -> Vec<Value> {
        let mut items = Vec::new();
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut next = format!("{path}{separator}limit=500");
        loop {
            let page = self.get(&next, token).await.expect(200);
            items.extend(page.body["data"].as_array().unwrap().iter().cloned());
            match page.body["next_cursor"].as_str() {
                Some(cursor) => next = format!("{path}{separator}limit=500&cursor={cursor}"),
                None => return items,
            }
        }
    }
}

/// A message read back from the mail folder.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

fn decode_subject(raw: &str) -> String {
    // RFC 2047 `=?utf-8?b?…?=` words, as lettre writes non-ASCII subjects; the space between two
    // encoded words is not part of the text.
    use base64::Engine;
    let mut out = String::new();
    let mut last_encoded = false;
    for word in raw.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        let encoded = lower.starts_with("=?utf-8?b?") && lower.ends_with("?=");
        if !(out.is_empty() || encoded && last_encoded) {
            out.push(' ');
        }
        if encoded {
            let bytes = base64::engine::general_purpose::STANDARD.decode(&word[10..word.len() - 2]).unwrap_or_default();
            out.push_str(&String::from_utf8(bytes).unwrap_or_default());
        } else {
            out.push_str(word);
        }
        last_encoded = encoded;
    }
    out
}

pub fn parse_eml(raw: &str) -> Mail {
    use base64::Engine;
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((raw, ""));
    let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
    let header = |name: &str| unfolded.lines().find_map(|l| l.strip_prefix(&format!("{name}: ")).map(str::to_owned)).unwrap_or_default();
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    let text = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default()).unwrap_or_default();
    Mail { to: header("To").trim_matches(['<', '>']).to_owned(), subject: decode_subject(&header("Subject")), text }
}

/// One SMS read back from the SMS file.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct SmsLine {
    pub to: String,
    pub text: String,
    pub sent_at: String,
}

impl TestApp {
    /// Every email written to the mail folder so far.
    pub fn mails(&self) -> Vec<Mail> {
        let dir = self.dir.join("mail");
        let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| parse_eml(&std::fs::read_to_string(e.path()).unwrap()))
            .collect()
    }

    /// Every SMS written to the SMS file so far.
    pub fn sms(&self) -> Vec<SmsLine> {
        // Whole lines only: the sink may be appending the last one while it is read.
        let text = std::fs::read_to_string(self.dir.join("sms.jsonl")).unwrap_or_default();
        let whole = &text[..text.rfind('\n').map_or(0, |end| end + 1)];
        whole.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    /// Waits (up to 10 s) until `ready` holds.
    pub async fn eventually<T>(&self, what: &str, mut ready: impl FnMut(&Self) -> Option<T>) -> T {
        for _ in 0..500 {
            if let Some(value) = ready(self) {
                return value;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        panic!("timed out waiting for {what}");
    }

    /// The emails to `to`, once `n` have arrived.
    pub async fn mails_to(&self, to: &str, n: usize) -> Vec<Mail> {
        self.eventually(&format!("{n} emails to {to}"), |app| {
            let mails: Vec<Mail> = app.mails().into_iter().filter(|m| m.to == to).collect();
            (mails.len() >= n).then_some(mails)
        })
        .await
    }

    /// The SMS to `phone`, once `n` have arrived.
    pub async fn sms_to(&self, phone: &str, n: usize) -> Vec<SmsLine> {
        self.eventually(&format!("{n} SMS to {phone}"), |app| {
            let sms: Vec<SmsLine> = app.sms().into_iter().filter(|m| m.to == phone).collect();
            (sms.len() >= n).then_some(sms)
        })
        .await
    }

    /// The code in the `n`-th SMS (1-based) to `phone`.
    pub async fn code_sent_to(&self, phone: &str, n: usize) -> String {
        let sms = self.sms_to(phone, n).await;
        sms[n - 1].text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_owned()
    }

    /// Registers a resident and returns their id (email unconfirmed).
    pub async fn register_resident(&self, email: &str, phone: &str) -> String {
        let body = json!({"email": email, "phone": phone, "password": "resident-password-1", "name": "Анна"});
        self.post("/v1/residents", &body, None).await.expect(201).body["id"].as_str().unwrap().to_owned()
    }

    /// Follows the confirmation link of the `n`-th email to `email`.
    pub async fn confirm_email(&self, email: &str, n: usize) {
        let mails = self.mails_to(email, n).await;
        let text = &mails.iter().filter(|m| m.subject.contains("Подтвердите")).nth(n - 1).unwrap().text;
        let token = text.split("?token=").nth(1).unwrap().split_whitespace().next().unwrap();
        self.post("/v1/residents/email-confirmations", &json!({"token": token}), None).await.expect(200);
    }

    /// A resident's access token.
    pub async fn resident_token(&self, email: &str) -> String {
        let body = json!({"grant_type": "password", "username": email, "password": "resident-password-1"});
        self.post("/v1/oauth/token", &body, None).await.expect(200).body["access_token"].as_str().unwrap().to_owned()
    }

    /// A registered resident with a confirmed email: (id, token).
    pub async fn confirmed_resident(&self, email: &str, phone: &str) -> (String, String) {
        let id = self.register_resident(email, phone).await;
        self.confirm_email(email, 1).await;
        (id, self.resident_token(email).await)
    }

    /// An operator-issued link code for a payer code.
    pub async fn link_code(&self, payer_code: &str) -> String {
        let operator = self.operator_token().await;
        self.post(&format!("/v1/premises/{payer_code}/link-codes"), &json!({}), Some(&operator)).await.expect(201).body["link_code"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Links the premises of `payer_code` to the resident; returns the address id.
    pub async fn link(&self, token: &str, payer_code: &str) -> String {
        let code = self.link_code(payer_code).await;
        let reply = self.post("/v1/me/addresses", &json!({"payer_code": payer_code, "link_code": code}), Some(token)).await.expect(201);
        reply.body["id"].as_str().unwrap().to_owned()
    }

    /// A provider with one account (`LS-1`, ул. Ленина 1, кв. 1), e-document capable from 2021-01
    /// when `capable`: (provider, payer code).
    pub async fn provider_with_account(&self, seed: u64, capable: bool) -> (ActiveProvider, String) {
        let provider = self.active_provider(seed).await;
        let reply = self
            .put("/v1/providers/me/accounts", &json!({"accounts": [account("LS-1", "1", "1")]}), Some(&provider.token))
            .await
            .expect(200);
        if capable {
            self.put("/v1/providers/me/edoc", &json!({"edoc_capable": true, "since": "2021-01"}), Some(&provider.token)).await.expect(200);
        }
        let payer_code = reply.body["accounts"][0]["payer_code"].as_str().unwrap().to_owned();
        (provider, payer_code)
    }
}

impl TestApp {
    /// Switches an address to electronic receipts with the code of the `n`-th SMS to `phone`.
    pub async fn switch_to_electronic(&self, token: &str, address: &str, phone: &str, n: usize) {
        let body = json!({"channel": "electronic", "sms_notifications": false});
        let asked = self.put(&format!("/v1/me/addresses/{address}/delivery"), &body, Some(token)).await.expect(202);
        let verification = asked.body["verification"]["id"].as_str().unwrap().to_owned();
        let code = self.code_sent_to(phone, n).await;
        self.post(&format!("/v1/verifications/{verification}/confirm"), &json!({"code": code}), Some(token)).await.expect(200);
    }
}

/// The `sub` (principal id) of an access token.
pub fn subject_of(token: &str) -> String {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
    claims["sub"].as_str().unwrap().to_owned()
}

/// A webhook receiver on loopback that answers 200 and keeps every event it gets.
pub async fn webhook_sink() -> (wiremock::MockServer, std::sync::Arc<std::sync::Mutex<Vec<Value>>>) {
    let hooks = wiremock::MockServer::start().await;
    let received: std::sync::Arc<std::sync::Mutex<Vec<Value>>> = Default::default();
    let sink = received.clone();
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .respond_with(move |req: &wiremock::Request| {
            sink.lock().unwrap().push(serde_json::from_slice(&req.body).unwrap());
            wiremock::ResponseTemplate::new(200)
        })
        .mount(&hooks)
        .await;
    (hooks, received)
}
