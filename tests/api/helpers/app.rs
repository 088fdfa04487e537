//! `TestApp`: the real app on a random port with its own fresh database (a temp-file SQLite, or a
//! fresh PostgreSQL database cloned from a migrated template when `TEST_DATABASE_URL` is set), the
//! requests the tests send, and waiting for what the app does in the background.

use std::collections::{HashMap, HashSet};

use ebill::config::Config;
use ebill::startup::Application;
use ebill::store::db::{self, DbConn};
use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::database;

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
    /// The body as sent (a PDF).
    pub bytes: Vec<u8>,
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
                    move || database::fresh_pg_database(&base)
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
        let bytes = response.bytes().await.expect("body read").to_vec();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, headers, body, text, bytes }
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

    /// Every item of a paged list, following `next_cursor`.
    /// (A cursor that comes back a second time fails the test instead of looping.)
    pub async fn collect(&self, path: &str, token: Option<&str>) -> Vec<Value> {
        let mut items = Vec::new();
        let mut cursors = HashSet::new();
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut next = format!("{path}{separator}limit=500");
        loop {
            let page = self.get(&next, token).await.expect(200);
            items.extend(page.body["data"].as_array().unwrap().iter().cloned());
            match page.body["next_cursor"].as_str() {
                Some(cursor) => {
                    assert!(cursors.insert(cursor.to_owned()), "{path}: the cursor {cursor} came back: the list does not advance");
                    next = format!("{path}{separator}limit=500&cursor={cursor}");
                }
                None => return items,
            }
        }
    }

    /// Waits (up to 10 s) until the outbox holds nothing left to send: every message sent or given
    /// up. Then what was sent can be counted exactly.
    pub async fn settled(&self) {
        self.eventually("the outbox to settle", |app| {
            let pending: i64 = app.db(|conn| {
                use diesel::prelude::*;
                use ebill::store::schema::outbox;
                outbox::table.filter(outbox::status.eq("pending")).count().get_result(conn).unwrap()
            });
            (pending == 0).then_some(())
        })
        .await;
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((base, name)) = self.pg_database.take() {
            database::drop_database(&base, &name);
        }
    }
}
