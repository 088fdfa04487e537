//! Crash and stop tests of the real binary: `ebill serve` is killed with SIGKILL at random moments,
//! during 10,000-row charge pushes sent with idempotency keys and during a billing run, and started
//! again; what was not acknowledged is sent again with the same key. Nothing acknowledged may be lost, no
//! batch may be partial, no push may run twice, and no document or email may be missing or doubled.
//! Stopped with SIGTERM, it answers what is in flight and exits within its shutdown timeout, idle
//! keep-alive connections or not. On SQLite by default, on PostgreSQL when `TEST_DATABASE_URL` is set.

#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use rand::Rng;
use serde_json::{Value, json};
use tokio::sync::Mutex;

const BIN: &str = env!("CARGO_BIN_EXE_ebill");
const ACCOUNTS: usize = 10_000;
const PUSHES: usize = 16;
const MIN_KILLS: usize = 4;
const DEADLINE: Duration = Duration::from_secs(240);

/// A database of its own (a SQLite file, or a fresh PostgreSQL database dropped at the end).
struct Database {
    url: String,
    drop_with: Option<(String, String)>,
}

impl Database {
    fn fresh(dir: &std::path::Path) -> Self {
        match std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            None => Self { url: format!("sqlite://{}", dir.join("ebill.db").display()), drop_with: None },
            Some(base) => {
                let name = format!("ebill_crash_{}", uuid::Uuid::now_v7().simple());
                let mut admin = PgConnection::establish(&base).unwrap();
                diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut admin).unwrap();
                let mut url = url::Url::parse(&base).unwrap();
                url.set_path(&name);
                Self { url: url.to_string(), drop_with: Some((base, name)) }
            }
        }
    }

    fn conn(&self) -> ebill::store::db::DbConn {
        use diesel::r2d2::ManageConnection;
        let url = ebill::store::db::DatabaseUrl::parse(&self.url).unwrap();
        ebill::store::db::Manager::new(url).connect().unwrap()
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some((base, name)) = self.drop_with.take()
            && let Ok(mut admin) = PgConnection::establish(&base)
        {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut admin);
        }
    }
}

/// The server process, started again after each kill on the same port and database.
struct Server {
    env: Vec<(String, String)>,
    port: u16,
    child: Option<Child>,
    kills: usize,
}

impl Server {
    fn new(db: &Database, dir: &std::path::Path, extra: &[(&str, &str)]) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut env: Vec<(String, String)> = [
            ("EBILL_DATABASE_URL", db.url.clone()),
            ("EBILL_BIND", format!("127.0.0.1:{port}")),
            ("EBILL_PUBLIC_URL", format!("http://127.0.0.1:{port}")),
            ("EBILL_JWT_SECRET", "crash-test-secret-crash-test-secret".into()),
            ("EBILL_RATE_LIMITS", "off".into()),
            ("EBILL_MAIL", format!("dir:{}", dir.join("mail").display())),
            ("EBILL_SMS", format!("file:{}", dir.join("sms.jsonl").display())),
            ("EBILL_OUTBOX_POLL_MS", "50".into()),
            ("EBILL_OUTBOX_LEASE_MS", "3000".into()),
            ("EBILL_DB_POOL_SIZE", "4".into()),
            ("EBILL_WORKERS", "2".into()),
            ("RUST_LOG", "error".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        env.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Self { env, port, child: None, kills: 0 }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command.args(args).envs(self.env.iter().map(|(k, v)| (k, v))).stdin(Stdio::null());
        command
    }

    /// Runs a one-off subcommand (`migrate`, `demo`, `operator add …`) to its end.
    fn run(&self, args: &[&str], extra: &[(&str, &str)]) {
        let status = self.command(args).envs(extra.iter().copied()).stdout(Stdio::null()).status().unwrap();
        assert!(status.success(), "ebill {args:?} failed");
    }

    async fn start(&mut self) {
        self.child = Some(self.command(&["serve"]).stdout(Stdio::null()).spawn().unwrap());
        let url = format!("http://127.0.0.1:{}/readyz", self.port);
        for _ in 0..300 {
            if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the server did not become ready");
    }

    /// SIGTERM, as an orchestrator stops a replica: how long the process took to exit, and how.
    async fn terminate(&mut self) -> (Duration, std::process::ExitStatus) {
        let mut child = self.child.take().expect("a running server");
        let sent = Instant::now();
        let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
        assert!(status.success(), "kill -TERM failed");
        loop {
            if let Some(exited) = child.try_wait().unwrap() {
                return (sent.elapsed(), exited);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// SIGKILL: no clean-up of any kind, as a power cut.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
            self.kills += 1;
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Kills the server at random moments (every 0.1 to 1 s) and starts it again, until stopped or
/// `most` kills are done.
fn spawn_killer(server: Arc<Mutex<Server>>, stop: Arc<AtomicBool>, most: usize) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        for _ in 0..most {
            let pause = rand::thread_rng().gen_range(100..1000);
            tokio::time::sleep(Duration::from_millis(pause)).await;
            if stop.load(Ordering::SeqCst) {
                break;
            }
            let mut server = server.lock().await;
            server.kill();
            server.start().await;
        }
    })
}

/// Sends a request until the server answers it (a killed server drops it on the floor); 409 in
/// flight and 503 are sent again too. The final answer: (status, body).
async fn until_answered(request: impl Fn() -> reqwest::RequestBuilder) -> (u16, Value) {
    let started = Instant::now();
    loop {
        assert!(started.elapsed() < DEADLINE, "no answer within {DEADLINE:?}");
        if let Ok(response) = request().send().await {
            let status = response.status().as_u16();
            let body: Value = response.json().await.unwrap_or(Value::Null);
            let retry = status == 503 || (status == 409 && body["code"] == "idempotency_in_flight");
            if !retry {
                return (status, body);
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn token(client: &reqwest::Client, server: &Server, form: &[(&str, &str)]) -> String {
    let reply: Value = client.post(server.url("/v1/oauth/token")).form(form).send().await.unwrap().json().await.unwrap();
    reply["access_token"].as_str().unwrap_or_else(|| panic!("no token: {reply}")).to_owned()
}

/// An approved provider's token (the operator `ops@crash.test` must exist).
async fn provider_token(client: &reqwest::Client, server: &Server) -> String {
    let body = json!({
        "name": "МУП «Водоканал»", "inn": "1901067718", "kpp": "190101001", "ogrn": "1027700132195",
        "email": "billing@vodokanal.example", "phone": "+7 3902 22-33-44",
        "bank": {"name": "ПАО Сбербанк", "bik": "044525225", "account": "40702810438000060473", "correspondent_account": "30101810400000000225"}
    });
    let registered: Value = client.post(server.url("/v1/providers")).json(&body).send().await.unwrap().json().await.unwrap();
    let operator =
        token(client, server, &[("grant_type", "password"), ("username", "ops@crash.test"), ("password", "operator-password-1")]).await;
    let id = registered["id"].as_str().unwrap();
    client.post(server.url(&format!("/v1/providers/{id}/approve"))).bearer_auth(&operator).send().await.unwrap();
    let (client_id, secret) = (registered["client_id"].as_str().unwrap(), registered["client_secret"].as_str().unwrap());
    token(client, server, &[("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret)]).await
}

/// Uploads `ACCOUNTS` accounts (`LS-0` …) to the server at `base`.
async fn upload_accounts(client: &reqwest::Client, base: &str, provider: &str) -> reqwest::Response {
    let accounts: Vec<Value> = (0..ACCOUNTS)
        .map(|i| json!({"number": format!("LS-{i}"), "address": {"city": "Абакан", "street": "ул. Ленина", "house": format!("{}", i / 100 + 1), "apartment": format!("{}", i % 100 + 1)}}))
        .collect();
    client.put(format!("{base}/v1/providers/me/accounts")).bearer_auth(provider).json(&json!({"accounts": accounts})).send().await.unwrap()
}

fn period(i: usize) -> String {
    format!("{}-{:02}", 2020 + i / 12, i % 12 + 1)
}

#[tokio::test]
async fn pushes_survive_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::fresh(dir.path());
    let mut server = Server::new(&db, dir.path(), &[]);
    server.run(&["operator", "add", "--email", "ops@crash.test"], &[("EBILL_OPERATOR_PASSWORD", "operator-password-1")]);
    server.start().await;
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).timeout(Duration::from_secs(60)).build().unwrap();

    // A provider with 10,000 accounts, before any kill.
    let provider = provider_token(&client, &server).await;
    let uploaded = upload_accounts(&client, &server.url(""), &provider).await;
    assert_eq!(uploaded.status(), 200);

    let url = server.url("/v1/providers/me/charges");
    let server = Arc::new(Mutex::new(server));
    let stop = Arc::new(AtomicBool::new(false));
    let killer = spawn_killer(server.clone(), stop.clone(), 12);
    let mut acknowledged: HashMap<String, String> = HashMap::new();
    // At least PUSHES pushes, and more (up to four times as many) until the killer has struck
    // MIN_KILLS times: on a fast or a busy machine alike the pushes and the kills overlap.
    let mut pushed = 0;
    while pushed < PUSHES || (server.lock().await.kills < MIN_KILLS && pushed < 4 * PUSHES) {
        let i = pushed;
        let items: Vec<Value> = (0..ACCOUNTS)
            .map(|a| json!({"account_number": format!("LS-{a}"), "service": {"code": "HW", "name": "Горячая вода", "unit": "м³"}, "amount": 1000 + a + i}))
            .collect();
        let body = json!({"period": period(i), "items": items});
        let (status, answer) =
            until_answered(|| client.post(&url).bearer_auth(&provider).header("idempotency-key", format!("push-{i}")).json(&body)).await;
        assert_eq!(status, 200, "push {i}: {answer}");
        assert_eq!(answer["created"], ACCOUNTS, "push {i}: {answer}");
        acknowledged.insert(period(i), answer["batch_id"].as_str().unwrap().to_owned());
        pushed += 1;
    }
    stop.store(true, Ordering::SeqCst);
    killer.await.unwrap();
    let kills = server.lock().await.kills;
    assert!(kills >= MIN_KILLS, "only {kills} kills happened: the test proved little");

    // What is stored: each acknowledged push once, whole.
    let mut conn = db.conn();
    use ebill::store::schema::{charge_batches, charges};
    let batches: Vec<(String, String)> =
        charge_batches::table.select((charge_batches::period, charge_batches::id)).load(&mut conn).unwrap();
    assert_eq!(batches.len(), pushed, "a push ran twice, or one is missing: {batches:?}");
    for (period, batch) in &batches {
        assert_eq!(acknowledged.get(period), Some(batch), "the acknowledged batch of {period} is not the stored one");
        let rows: Vec<(String, i64)> =
            charges::table.filter(charges::period.eq(period)).select((charges::batch_id, charges::amount)).load(&mut conn).unwrap();
        assert_eq!(rows.len(), ACCOUNTS, "{period} is partial");
        assert!(rows.iter().all(|(b, _)| b == batch), "{period} holds rows of another run of the push");
    }
    eprintln!("pushes: {pushed} × {ACCOUNTS} rows acknowledged and stored once, across {kills} kills");
}

/// `n` more residents of the demo city, each with a confirmed email and one premises on electronic
/// receipts (the demo has one), so the run queues many e-receipt emails.
fn add_electronic_residents(conn: &mut ebill::store::db::DbConn, n: usize) {
    use ebill::store::schema::{addresses, premises, residents};
    let now = ebill::clock::now();
    let premises: Vec<String> = premises::table.select(premises::id).order(premises::payer_code.desc()).limit(n as i64).load(conn).unwrap();
    for (i, premises_id) in premises.iter().enumerate() {
        let resident = format!("res_crash_{i}");
        diesel::insert_into(residents::table)
            .values((
                residents::id.eq(&resident),
                residents::email.eq(format!("r{i}@crash.test")),
                residents::email_confirmed_at.eq(Some(now)),
                residents::phone.eq(format!("+7913200{i:04}")),
                residents::password_hash.eq("-"),
                residents::created_at.eq(now),
                residents::updated_at.eq(now),
            ))
            .execute(conn)
            .unwrap();
        diesel::insert_into(addresses::table)
            .values((
                addresses::id.eq(format!("adr_crash_{i}")),
                addresses::resident_id.eq(&resident),
                addresses::premises_id.eq(premises_id),
                addresses::channel.eq("electronic"),
                addresses::sms_notifications.eq(false),
                addresses::created_at.eq(now),
            ))
            .execute(conn)
            .unwrap();
    }
}

/// The ids of a run's e-receipt emails, once every one of them is sent.
async fn e_receipts_sent(conn: &mut ebill::store::db::DbConn, run_id: &ebill::domain::ids::RunId) -> Vec<String> {
    use ebill::store::schema::outbox;
    let started = Instant::now();
    loop {
        let rows: Vec<(String, String)> = outbox::table
            .filter(outbox::run_id.eq(run_id))
            .filter(outbox::topic.eq("e_receipt"))
            .select((outbox::id, outbox::status))
            .load(conn)
            .unwrap();
        if !rows.is_empty() && rows.iter().all(|(_, s)| s == "sent") {
            return rows.into_iter().map(|(id, _)| id).collect();
        }
        assert!(started.elapsed() < DEADLINE, "e-receipt emails still unsent: {rows:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Checks that every premises of a finished run got its documents once and that they carry the
/// period's charges exactly once; returns how many e-receipt emails the run should send.
fn documents_once(conn: &mut ebill::store::db::DbConn, run_id: &ebill::domain::ids::RunId, finished: &ebill::store::runs::RunRow) -> i64 {
    // Every premises with charges got its documents once, and they carry every charge once.
    #[derive(QueryableByName)]
    struct Counted {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let count = |conn: &mut ebill::store::db::DbConn, query: &str| -> i64 {
        ebill::store::db::sql(conn, query).bind::<diesel::sql_types::Text, _>(run_id).get_result::<Counted>(conn).unwrap().n
    };
    let premises = count(conn, "SELECT COUNT(*) AS n FROM run_premises WHERE run_id = $1");
    let covered = count(conn, "SELECT COUNT(DISTINCT premises_id) AS n FROM documents WHERE run_id = $1");
    assert_eq!((premises, covered), (i64::from(finished.premises_total), premises), "a premises has no document");
    let billed = count(conn, "SELECT CAST(COALESCE(SUM(total), 0) AS BIGINT) AS n FROM documents WHERE run_id = $1");
    let charged = count(
        conn,
        "SELECT CAST(COALESCE(SUM(c.amount + c.recalculation + c.debt + c.penalty), 0) AS BIGINT) AS n FROM charges c \
         JOIN billing_runs r ON r.period = c.period WHERE r.id = $1",
    );
    assert_eq!(billed, charged, "the documents do not carry the period's charges exactly once");
    count(
        conn,
        "SELECT COUNT(*) AS n FROM documents d JOIN run_recipients r ON r.run_id = d.run_id AND r.premises_id = d.premises_id \
         WHERE d.run_id = $1 AND d.kind = 'e_receipt' AND r.email IS NOT NULL",
    )
}

#[tokio::test]
async fn a_billing_run_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::fresh(dir.path());
    let mut server = Server::new(&db, dir.path(), &[("EBILL_BILLING_CHUNK", "1")]);
    server.run(&["demo"], &[]);
    add_electronic_residents(&mut db.conn(), 60);
    server.start().await;
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).timeout(Duration::from_secs(60)).build().unwrap();
    let login = [("grant_type", "password"), ("username", ebill::demo::OPERATOR_EMAIL), ("password", ebill::demo::OPERATOR_PASSWORD)];
    let operator = token(&client, &server, &login).await;

    let url = server.url("/v1/billing-runs");
    let (status, run) = until_answered(|| {
        client.post(&url).bearer_auth(&operator).header("idempotency-key", "run-2021-09").json(&json!({"period": "2021-09"}))
    })
    .await;
    assert_eq!(status, 202, "{run}");
    let run_id = ebill::domain::ids::RunId::from(run["id"].as_str().unwrap());
    // Killed after a random few chunks, three times. A kill costs the run its lease (15 s) before a
    // process takes it up again, so a few are enough.
    let mut conn = db.conn();
    let started = Instant::now();
    let mut killed_at = 0;
    let finished = loop {
        let run = ebill::store::runs::find(&mut conn, &run_id).unwrap().unwrap();
        if run.status != ebill::domain::vocabulary::RunStatus::Running {
            break run;
        }
        assert!(started.elapsed() < DEADLINE, "the run did not finish: {} of {} chunks", run.chunks_done, run.chunks_total);
        if server.kills < 3 && run.chunks_done >= killed_at + rand::thread_rng().gen_range(2..20) {
            server.kill();
            server.start().await;
            killed_at = run.chunks_done;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    let kills = server.kills;
    assert_eq!(finished.status, ebill::domain::vocabulary::RunStatus::Finished, "{:?}", finished.last_error);
    assert!(kills >= 1, "no kill happened during the run: the test proved little");

    let expected_mails = documents_once(&mut conn, &run_id, &finished);
    assert!(expected_mails > 0, "the demo city has electronic residents");

    // Every e-receipt email is sent, once.
    let messages = e_receipts_sent(&mut conn, &run_id).await;
    assert_eq!(messages.len() as i64, expected_mails, "an e-receipt email is missing or queued twice");
    let files: HashSet<String> = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".eml")).map(str::to_owned))
        .collect();
    assert!(messages.iter().all(|id| files.contains(id)), "an e-receipt email was marked sent but not delivered");
    eprintln!("billing: {} premises, {expected_mails} e-receipt emails, across {kills} kills", finished.premises_total);
}

#[tokio::test]
async fn sigterm_answers_what_is_in_flight_and_exits_within_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::fresh(dir.path());
    let mut server = Server::new(&db, dir.path(), &[("EBILL_SHUTDOWN_TIMEOUT", "3")]);
    server.run(&["operator", "add", "--email", "ops@crash.test"], &[("EBILL_OPERATOR_PASSWORD", "operator-password-1")]);
    server.start().await;
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).timeout(Duration::from_secs(60)).build().unwrap();
    let provider = provider_token(&client, &server).await;

    // An idle keep-alive connection, as a load balancer's pool keeps them.
    use std::io::{Read, Write};
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nhost: ebill\r\n\r\n").unwrap();
    let mut answer = [0u8; 256];
    let read = idle.read(&mut answer).unwrap();
    assert!(String::from_utf8_lossy(&answer[..read]).starts_with("HTTP/1.1 200"));

    // A 10,000-account upload in flight when the stop comes.
    let in_flight = {
        let (client, base, provider) = (client.clone(), server.url(""), provider.clone());
        tokio::spawn(async move { upload_accounts(&client, &base, &provider).await.status().as_u16() })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    assert!(!in_flight.is_finished(), "the upload was still in flight when the stop came");
    let (took, exited) = server.terminate().await;
    assert_eq!(in_flight.await.unwrap(), 200, "the request in flight was answered");
    assert!(exited.success(), "a clean exit: {exited:?}");
    assert!(took < Duration::from_secs(3 + 2), "stopped in {took:?} with an idle connection open (timeout 3 s)");
    drop(idle);

    // Nothing acknowledged was lost: every account is there after a restart.
    server.start().await;
    let stored: i64 = {
        use ebill::store::schema::provider_accounts;
        provider_accounts::table.count().get_result(&mut db.conn()).unwrap()
    };
    assert_eq!(stored, ACCOUNTS as i64);
    eprintln!("SIGTERM: exited in {took:?}, the request in flight answered");
}

#[tokio::test]
async fn json_logs_are_one_object_a_line_with_the_request_and_never_a_secret_nor_a_probe() {
    let dir = tempfile::tempdir().unwrap();
    let db = Database::fresh(dir.path());
    let log = dir.path().join("server.log");
    let mut server = Server::new(&db, dir.path(), &[("EBILL_LOG_FORMAT", "json"), ("RUST_LOG", "info"), ("EBILL_SHUTDOWN_TIMEOUT", "1")]);
    server.run(&["operator", "add", "--email", "ops@crash.test"], &[("EBILL_OPERATOR_PASSWORD", "operator-password-1")]);
    server.child = Some(server.command(&["serve"]).stdout(Stdio::null()).stderr(std::fs::File::create(&log).unwrap()).spawn().unwrap());
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    for _ in 0..300 {
        if client.get(server.url("/readyz")).send().await.is_ok_and(|r| r.status().is_success()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let operator =
        token(&client, &server, &[("grant_type", "password"), ("username", "ops@crash.test"), ("password", "operator-password-1")]).await;
    let listed = client
        .get(server.url("/v1/providers?status=pending"))
        .bearer_auth(&operator)
        .header("x-request-id", "req-json-1")
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), 200);
    let probe = client.get(server.url("/healthz")).header("x-request-id", "req-probe-1").send().await.unwrap();
    assert_eq!(probe.status(), 200);
    let (_, exited) = server.terminate().await;
    assert!(exited.success());

    let text = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))).collect();
    assert!(lines.iter().all(|l| l["timestamp"].is_string() && l["level"].is_string() && l["target"].is_string()), "{text}");
    let access = lines.iter().find(|l| l["request_id"] == "req-json-1").unwrap_or_else(|| panic!("no access line: {text}"));
    assert_eq!((&access["target"], &access["method"], &access["route"]), (&json!("ebill::access"), &json!("GET"), &json!("/v1/providers")));
    assert_eq!((&access["status"], &access["principal"]), (&json!(200), &json!("operator")));
    assert!(access["latency_ms"].is_number() && access["trace_id"].as_str().is_some_and(|t| t.len() == 32), "{access}");
    assert!(access["message"].is_string());
    assert!(!text.contains("operator-password-1") && !text.contains(&operator), "a secret in the log");
    assert!(lines.iter().all(|l| l["request_id"] != "req-probe-1"), "a health probe's access event is debug: {text}");
}

/// The `.eml` files (message ids) a replica's mail folder holds.
fn mail_ids(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir.join("mail"))
        .map(|entries| {
            entries.flatten().filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".eml")).map(str::to_owned)).collect()
        })
        .unwrap_or_default()
}

/// Three `ebill serve` processes on one PostgreSQL and one Redis (runs when both `TEST_DATABASE_URL` and
/// `TEST_REDIS_URL` are set, as in `.ci/run`): the registration limit is one total across them, a token
/// from one works on the others, each outbox message goes out from exactly one of them, a billing run
/// survives `kill -9` of the replica that holds it and ends on another with every document and email
/// once, and a replica with both workers off serves the API and sends nothing.
#[tokio::test]
async fn three_replicas_share_limits_tokens_the_outbox_and_a_billing_run() {
    let (Some(_), Some(redis)) =
        (std::env::var("TEST_DATABASE_URL").ok().filter(|v| !v.is_empty()), std::env::var("TEST_REDIS_URL").ok().filter(|v| !v.is_empty()))
    else {
        eprintln!("the replica test needs TEST_DATABASE_URL and TEST_REDIS_URL: not run");
        return;
    };
    let root = tempfile::tempdir().unwrap();
    let db = Database::fresh(root.path());
    let prefix = format!("replicas-{}", uuid::Uuid::now_v7().simple());
    let dirs: Vec<std::path::PathBuf> = (0..3).map(|i| root.path().join(format!("r{i}"))).collect();
    // One public URL, as behind a load balancer: it is also the tokens' issuer.
    let shared = [
        ("EBILL_PUBLIC_URL", "https://ebill.replicas.test"),
        ("EBILL_REDIS_URL", redis.as_str()),
        ("EBILL_REDIS_PREFIX", prefix.as_str()),
        ("EBILL_RATE_LIMITS", "on,registrations=5/h,token=1000/m"),
        ("EBILL_BILLING_CHUNK", "1"),
    ];
    // The first replica drives no billing run until the second, which then holds the run, is killed.
    let roles: [&[(&str, &str)]; 3] =
        [&[("EBILL_BILLING_WORKER", "off")], &[], &[("EBILL_OUTBOX_WORKER", "off"), ("EBILL_BILLING_WORKER", "off")]];
    let mut replicas: Vec<Server> = dirs
        .iter()
        .zip(roles)
        .map(|(dir, role)| {
            std::fs::create_dir_all(dir).unwrap();
            let extra: Vec<(&str, &str)> = shared.iter().chain(role).copied().collect();
            Server::new(&db, dir, &extra)
        })
        .collect();
    replicas[0].run(&["demo"], &[]);
    add_electronic_residents(&mut db.conn(), 40);
    for replica in &mut replicas {
        replica.start().await;
    }
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).timeout(Duration::from_secs(60)).build().unwrap();

    // One limit across the three: 5 registrations an hour from this address, wherever they land.
    let mut statuses = Vec::new();
    for i in 0..8 {
        let body = json!({"email": format!("n{i}@replicas.test"), "phone": format!("+7913300{i:04}"), "password": "resident-password-1",
                          "consent": {"version": ebill::domain::consent::CONSENT_VERSION}});
        let reply = client.post(replicas[i % 3].url("/v1/residents")).json(&body).send().await.unwrap();
        statuses.push(reply.status().as_u16());
    }
    assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 5, "{statuses:?}");
    assert!(statuses[5..].iter().all(|s| *s == 429), "{statuses:?}");

    // A token from one replica works on the others.
    let login = [("grant_type", "password"), ("username", ebill::demo::OPERATOR_EMAIL), ("password", ebill::demo::OPERATOR_PASSWORD)];
    let operator = token(&client, &replicas[2], &login).await;
    for replica in &replicas {
        let reply = client.get(replica.url("/v1/providers?status=pending")).bearer_auth(&operator).send().await.unwrap();
        assert_eq!(reply.status(), 200);
    }

    // What the outbox holds so far (the five confirmation emails, the demo's e-receipts): each email
    // sent by exactly one replica, none by the API-only one.
    use ebill::store::schema::outbox;
    let mut conn = db.conn();
    let started = Instant::now();
    let emails: HashSet<String> = loop {
        let rows: Vec<(String, String)> =
            outbox::table.filter(outbox::channel.eq("email")).select((outbox::id, outbox::status)).load(&mut conn).unwrap();
        if rows.iter().all(|(_, s)| s == "sent") {
            break rows.into_iter().map(|(id, _)| id).collect();
        }
        assert!(started.elapsed() < DEADLINE, "the outbox was not drained");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(emails.len() >= 5, "the confirmation emails are in the outbox");
    let per_replica: Vec<Vec<String>> = dirs.iter().map(|d| mail_ids(d)).collect();
    let delivered: HashSet<String> = per_replica.iter().flatten().cloned().collect();
    assert_eq!(delivered, emails, "every email delivered, and nothing else");
    assert_eq!(per_replica.iter().map(Vec::len).sum::<usize>(), emails.len(), "an email went out from two replicas");
    assert!(per_replica[2].is_empty(), "the API-only replica sent mail");

    // A billing run, held by the second replica (the only one driving runs), survives its kill -9.
    let (status, run) = until_answered(|| {
        client
            .post(replicas[1].url("/v1/billing-runs"))
            .bearer_auth(&operator)
            .header("idempotency-key", "replicas-2021-09")
            .json(&json!({"period": "2021-09"}))
    })
    .await;
    assert_eq!(status, 202, "{run}");
    let run_id = ebill::domain::ids::RunId::from(run["id"].as_str().unwrap());
    let started = Instant::now();
    let mut killed = false;
    let finished = loop {
        let run = ebill::store::runs::find(&mut conn, &run_id).unwrap().unwrap();
        if run.status != ebill::domain::vocabulary::RunStatus::Running {
            break run;
        }
        assert!(started.elapsed() < DEADLINE, "the run did not finish: {} of {} chunks", run.chunks_done, run.chunks_total);
        if !killed && run.chunks_done >= 3 {
            replicas[1].kill();
            killed = true;
            // The first replica restarted with its billing worker on (a rolling deploy), takes the run
            // up once the lease of the dead one lapses.
            replicas[0].kill();
            replicas[0].env.push(("EBILL_BILLING_WORKER".into(), "on".into()));
            replicas[0].start().await;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    };
    assert!(killed, "the run ended before its holder could be killed");
    assert_eq!(finished.status, ebill::domain::vocabulary::RunStatus::Finished, "{:?}", finished.last_error);
    let expected_mails = documents_once(&mut conn, &run_id, &finished);
    // Every e-receipt email of the run sent once (one outbox row each), and delivered.
    let messages = e_receipts_sent(&mut conn, &run_id).await;
    assert_eq!(messages.len() as i64, expected_mails, "an e-receipt email is missing or queued twice");
    let delivered: HashSet<String> = dirs.iter().flat_map(|d| mail_ids(d)).collect();
    assert!(messages.iter().all(|id| delivered.contains(id)), "an e-receipt marked sent was never delivered");
    assert!(mail_ids(&dirs[2]).is_empty(), "the API-only replica sent mail");
    eprintln!("replicas: {} e-receipts; the run's holder was killed and another replica finished it", messages.len());
}
