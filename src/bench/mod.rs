//! `ebill bench`: measures the platform over real HTTP against a server started here on a fresh
//! database, beside the bare SQL that writes the same rows (or, for reads, a bare server answering the
//! same), and prints both.

mod bare;
mod load;
pub mod reads;

use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::{Value, json};

use ebill::config::{Config, RateLimits};
use ebill::domain::period::Period;
use ebill::startup::{Application, StartError};
use ebill::store::charges::ChargeRow;
use ebill::store::db::{self, DatabaseUrl, DbConn};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub accounts: usize,
    pub services: usize,
    pub batch: usize,
    pub concurrency: usize,
    /// Months pushed, each timed beside its own bare write.
    pub rounds: usize,
}

/// One backend's figures.
#[derive(Debug)]
pub struct Figures {
    pub backend: &'static str,
    pub accounts_per_sec: f64,
    /// Per round (one month's charges): pushed over HTTP and bare, rows/second.
    pub rounds: Vec<Round>,
    pub bare_name: &'static str,
}

#[derive(Debug, Clone, Copy)]
pub struct Round {
    pub charges_per_sec: f64,
    pub bare_per_sec: f64,
}

impl Round {
    pub fn ratio(&self) -> f64 {
        self.charges_per_sec / self.bare_per_sec.max(1e-9)
    }
}

struct Server {
    base: String,
    addr: std::net::SocketAddr,
    client: reqwest::Client,
    pool: db::Pool,
    config: Config,
}

async fn start(database_url: DatabaseUrl) -> Result<Server, StartError> {
    let mut config = Config::from_lookup(|_| None)?;
    config.database_url = database_url;
    config.bind = "127.0.0.1:0".parse()?;
    config.rate_limits = RateLimits::parse("off")?;
    config.jwt_secret = Some(ebill::config::Secret(ebill::crypto::random_token(32)));
    // The run is what is measured; its emails wait in the outbox.
    config.outbox_worker = false;
    let app = Application::build(config.clone()).await?;
    let pool = db::pool(&config.database_url, 2, Duration::from_secs(10))?;
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], app.port()));
    tokio::spawn(app.run_until_stopped());
    Ok(Server { base: format!("http://{addr}"), addr, client: reqwest::Client::new(), pool, config })
}

impl Server {
    async fn call(&self, method: reqwest::Method, path: &str, token: Option<&str>, body: &Value) -> Result<Value, StartError> {
        let mut request = self.client.request(method, format!("{}{path}", self.base)).json(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await?;
        let status = response.status();
        let body: Value = response.json().await?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {body}").into());
        }
        Ok(body)
    }

    /// An operator's token (the operator is made directly in the database).
    async fn operator_token(&self) -> Result<String, StartError> {
        let password = ebill::crypto::random_token(16);
        {
            let mut conn = self.pool.get()?;
            ebill::services::operators::add(&mut conn, "bench@agent.example", &password, ebill::clock::now()).map_err(|e| e.to_string())?;
        }
        let login = json!({"grant_type": "password", "username": "bench@agent.example", "password": password});
        let op = self.call(reqwest::Method::POST, "/v1/oauth/token", None, &login).await?;
        Ok(op["access_token"].as_str().unwrap_or_default().to_owned())
    }

    /// Provider number `n`, registered over HTTP and approved: (id, token).
    async fn provider(&self, n: u64, operator: &str) -> Result<(String, String), StartError> {
        let post = reqwest::Method::POST;
        let bank = json!({"name": "ПАО Сбербанк", "bik": "044525225", "account": "40702810438000060473", "correspondent_account": "30101810400000000225"});
        let body = json!({"name": format!("Bench provider {n}"), "inn": inn(n), "kpp": "190101001", "ogrn": "1027700132195",
                          "email": format!("bench{n}@provider.example"), "phone": "+73902000000", "bank": bank});
        let registered = self.call(post.clone(), "/v1/providers", None, &body).await?;
        let id = registered["id"].as_str().unwrap_or_default().to_owned();
        self.call(post.clone(), &format!("/v1/providers/{id}/approve"), Some(operator), &json!({})).await?;
        let grant =
            json!({"grant_type": "client_credentials", "client_id": registered["client_id"], "client_secret": registered["client_secret"]});
        let token = self.call(post, "/v1/oauth/token", None, &grant).await?;
        Ok((id, token["access_token"].as_str().unwrap_or_default().to_owned()))
    }

    /// Uploads accounts `0..n` in batches; returns the seconds it took.
    async fn upload_accounts(&self, token: &str, n: usize, batch: usize) -> Result<f64, StartError> {
        let started = Instant::now();
        for first in (0..n).step_by(batch) {
            let accounts: Vec<Value> = (first..(first + batch).min(n)).map(account_json).collect();
            self.call(reqwest::Method::PUT, "/v1/providers/me/accounts", Some(token), &json!({"accounts": accounts})).await?;
        }
        Ok(started.elapsed().as_secs_f64())
    }

    /// Pushes `services` charges for each of accounts `0..n` in batches, `concurrency` at a time; returns
    /// the seconds it took. The request bodies are serialised before the clock starts.
    async fn push_charges(&self, token: &str, period: &str, shape: Shape) -> Result<f64, StartError> {
        let Shape { accounts: n, services, batch, concurrency, .. } = shape;
        use futures_util::{StreamExt, TryStreamExt};
        let total = n * services;
        let bodies = (0..total)
            .step_by(batch)
            .map(|first| {
                let items: Vec<Value> = (first..(first + batch).min(total)).map(|i| charge_json(i / services, i % services)).collect();
                serde_json::to_vec(&json!({"period": period, "items": items}))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let url = format!("{}/v1/providers/me/charges", self.base);
        let started = Instant::now();
        futures_util::stream::iter(bodies)
            .map(|body| {
                let request = self.client.post(&url).bearer_auth(token).header("content-type", "application/json").body(body);
                async move {
                    let response = request.send().await?;
                    match response.status() {
                        status if status.is_success() => Ok(()),
                        status => Err(StartError::from(format!("charge push: {status} {}", response.text().await.unwrap_or_default()))),
                    }
                }
            })
            .buffer_unordered(concurrency)
            .try_collect::<Vec<()>>()
            .await?;
        Ok(started.elapsed().as_secs_f64())
    }
}

impl Server {
    /// Runs the billing of `period` to its end; the run as last read.
    async fn run_billing(&self, operator: &str, period: &str) -> Result<Value, StartError> {
        let run = self.call(reqwest::Method::POST, "/v1/billing-runs", Some(operator), &json!({"period": period})).await?;
        let id = run["id"].as_str().unwrap_or_default().to_owned();
        loop {
            let status = self.call(reqwest::Method::GET, &format!("/v1/billing-runs/{id}"), Some(operator), &Value::Null).await?;
            match status["status"].as_str() {
                Some("running") => tokio::time::sleep(Duration::from_millis(100)).await,
                Some("finished") => return Ok(status),
                _ => return Err(format!("the run ended {}: {}", status["status"], status["last_error"]).into()),
            }
        }
    }
}

/// The billing benchmark's period.
const PERIOD: &str = "2021-08";

/// A valid 10-digit INN for bench provider `n`.
fn inn(n: u64) -> String {
    let body = format!("19{:07}", n % 10_000_000);
    (0..10).map(|d| format!("{body}{d}")).find(|candidate| ebill::domain::requisites::inn_is_valid(candidate)).unwrap_or_default()
}

fn account_json(i: usize) -> Value {
    json!({"number": format!("{:08}", i), "address": {"city": "Абакан", "street": format!("ул. Улица {}", i / 2000), "house": format!("{}", i / 100 % 20 + 1), "apartment": format!("{}", i % 100 + 1)}})
}

/// An account's volume (3.25 to 4.21 m³) and what it costs at 42,37 ₽: consistent, as a provider's
/// charges are, so a push warns of nothing (a push whose every item warns returns them all).
fn metered(account: usize) -> (String, i64) {
    let hundredths = 325 + (account % 97) as i64;
    (format!("{}.{:02}", hundredths / 100, hundredths % 100), (hundredths * 4237 + 50) / 100)
}

fn charge_json(account: usize, service: usize) -> Value {
    let (volume, amount) = metered(account);
    json!({"account_number": format!("{account:08}"), "service": {"code": format!("svc{service}"), "name": format!("Услуга {service}"), "unit": "м³"},
           "volume": volume, "tariff": "42.37", "amount": amount, "recalculation": 0, "debt": 0, "penalty": 0})
}

/// The same rows the push writes, for the bare-SQL baseline.
fn charge_rows(shape: Shape, provider_id: &str, period: &str) -> Vec<ChargeRow> {
    let now = ebill::clock::now();
    (0..shape.accounts * shape.services)
        .map(|i| {
            let (account, service) = (i / shape.services, i % shape.services);
            let (volume, amount) = metered(account);
            ChargeRow {
                provider_id: provider_id.into(),
                period: period.to_owned(),
                account_number: format!("{account:08}"),
                service_code: format!("svc{service}"),
                service_name: format!("Услуга {service}"),
                unit: "м³".into(),
                amounts: ebill::domain::charge::ChargeAmounts {
                    volume: Some(volume),
                    tariff: Some("42.37".into()),
                    amount,
                    ..Default::default()
                },
                batch_id: "bench".into(),
                created_at: now,
                updated_at: now,
            }
        })
        .collect()
}

/// The bare SQL that writes the same rows into `charges` (under another provider id, so no key
/// collides), in one transaction: `COPY` on PostgreSQL, multi-row `INSERT`s on SQLite.
fn bare_write(conn: &mut DbConn, rows: &[ChargeRow]) -> QueryResult<Duration> {
    use ebill::store::schema::charges;
    let started = Instant::now();
    db::write_tx(conn, |conn| ebill::bulk_insert!(conn, charges::table, rows))?;
    Ok(started.elapsed())
}

fn rate(rows: usize, took: Duration) -> f64 {
    rows as f64 / took.as_secs_f64().max(1e-9)
}

/// Uploads the accounts, then, for each round, pushes the charges of one month over HTTP and writes
/// the same charge rows with bare SQL right after, on the database at `database_url` (which must be
/// fresh). Pairing each push with its own bare write keeps a checkpoint or an autovacuum from
/// skewing one side of the ratio only.
pub async fn ingest(database_url: DatabaseUrl, shape: Shape) -> Result<Figures, StartError> {
    let backend = if database_url.is_postgres() { "postgresql" } else { "sqlite" };
    let server = start(database_url).await?;
    let operator = server.operator_token().await?;
    let (provider_id, token) = server.provider(0, &operator).await?;
    let accounts_secs = server.upload_accounts(&token, shape.accounts, shape.batch).await?;
    let total = shape.accounts * shape.services;
    let mut rounds = Vec::with_capacity(shape.rounds);
    let mut period = Period::parse("2021-01").ok_or("bad period")?;
    for _ in 0..shape.rounds {
        let month = period.to_string();
        let charges_secs = server.push_charges(&token, &month, shape).await?;
        let rows = charge_rows(shape, &format!("{provider_id}-bare"), &month);
        let pool = server.pool.clone();
        let took =
            tokio::task::spawn_blocking(move || -> Result<Duration, StartError> { Ok(bare_write(&mut *pool.get()?, &rows)?) }).await??;
        rounds.push(Round { charges_per_sec: total as f64 / charges_secs.max(1e-9), bare_per_sec: rate(total, took) });
        period = period.next();
    }
    Ok(Figures {
        backend,
        accounts_per_sec: shape.accounts as f64 / accounts_secs.max(1e-9),
        rounds,
        bare_name: if backend == "postgresql" { "COPY" } else { "multi-row INSERT" },
    })
}

/// One billing measurement.
#[derive(Debug)]
pub struct BillingFigures {
    pub backend: &'static str,
    pub premises: usize,
    pub documents: i64,
    pub run_secs: f64,
    pub bare_secs: f64,
    /// The paper printed as PDF: documents, pages, seconds, and the process's peak resident memory
    /// meanwhile (MiB).
    pub printed: Printed,
}

/// The paper of a run printed as the operators print it.
#[derive(Debug)]
pub struct Printed {
    pub documents: usize,
    pub pages: u64,
    pub secs: f64,
    /// The process's resident memory when printing started, and its peak while printing (MiB).
    pub start_mib: f64,
    pub peak_mib: f64,
}

/// `premises` premises with an account at each of `providers` providers (the first two e-document
/// capable), one charge each, a third of the premises electronic; times the billing run (over HTTP,
/// start to finished) and the bare `INSERT … SELECT` of the same document rows; then prints up to
/// `print_limit` of its paper documents as PDF.
pub async fn billing(database_url: DatabaseUrl, premises: usize, providers: u64, print_limit: usize) -> Result<BillingFigures, StartError> {
    let backend = if database_url.is_postgres() { "postgresql" } else { "sqlite" };
    let server = start(database_url).await?;
    let operator = server.operator_token().await?;
    for n in 0..providers {
        let (_, token) = server.provider(n, &operator).await?;
        server.upload_accounts(&token, premises, 10_000).await?;
        server.push_charges(&token, PERIOD, Shape { accounts: premises, services: 1, batch: 10_000, concurrency: 1, rounds: 1 }).await?;
        if n < 2 {
            server
                .call(reqwest::Method::PUT, "/v1/providers/me/edoc", Some(&token), &json!({"edoc_capable": true, "since": "2021-01"}))
                .await?;
        }
    }
    let pool = server.pool.clone();
    tokio::task::spawn_blocking(move || -> Result<(), StartError> { Ok(electronic_third(&mut *pool.get()?)?) }).await??;

    let started = Instant::now();
    let status = server.run_billing(&operator, PERIOD).await?;
    let run_secs = started.elapsed().as_secs_f64();
    let id = status["id"].as_str().unwrap_or_default().to_owned();
    let documents = status["e_receipts"].as_i64().unwrap_or(0) + status["paper_documents"].as_i64().unwrap_or(0);
    let (pool, run_id) = (server.pool.clone(), id.clone());
    let bare =
        tokio::task::spawn_blocking(move || -> Result<Duration, StartError> { Ok(bare_documents(&mut *pool.get()?, &id)?) }).await??;
    let printed = print_paper(&server, &operator, &run_id, print_limit).await?;
    Ok(BillingFigures { backend, premises, documents, run_secs, bare_secs: bare.as_secs_f64(), printed })
}

/// Prints up to `limit` paper documents of run `run` the way operators do: PDFs of up to 500 documents
/// (`Accept: application/pdf`), following `Link: rel="next"`. The peak memory is the process's
/// high-water mark, reset before printing (Linux `clear_refs`), server and client together.
async fn print_paper(server: &Server, token: &str, run: &str, limit: usize) -> Result<Printed, StartError> {
    // Resetting the high-water mark is best effort: without it, the figure is the whole run's peak.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start_mib = memory_mib("VmRSS:");
    let started = Instant::now();
    let (mut documents, mut pages) = (0, 0);
    let mut next = Some(format!("/v1/billing-runs/{run}/paper?limit={}", limit.min(500)));
    while let Some(path) = next.take().filter(|_| documents < limit) {
        let response =
            server.client.get(format!("{}{path}", server.base)).bearer_auth(token).header("accept", "application/pdf").send().await?;
        if !response.status().is_success() {
            return Err(format!("{path}: {}", response.status()).into());
        }
        next = response
            .headers()
            .get("link")
            .and_then(|v| v.to_str().ok())
            .and_then(|l| l.strip_prefix('<')?.split_once('>'))
            .map(|(p, _)| p.to_owned());
        let bytes = response.bytes().await?;
        pages += page_count(&bytes).ok_or("a PDF without a page count")?;
        documents += limit.min(500);
    }
    let secs = started.elapsed().as_secs_f64();
    Ok(Printed { documents: documents.min(limit), pages, secs, start_mib, peak_mib: memory_mib("VmHWM:") })
}

/// The `/Count` of a PDF's page tree (krilla writes one page tree).
fn page_count(pdf: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(pdf, b"/Count ")? + b"/Count ".len();
    let digits: String = pdf[at..].iter().take_while(|b| b.is_ascii_digit()).map(|b| char::from(*b)).collect();
    digits.parse().ok()
}

/// A memory figure of the process from `/proc/self/status` (`VmRSS:` now, `VmHWM:` the peak), MiB; 0
/// where `/proc` does not tell.
fn memory_mib(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(field).map(|v| v.trim().trim_end_matches("kB").trim().to_owned())))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Makes every third premises electronic: a resident with a confirmed email linked to it.
fn electronic_third(conn: &mut DbConn) -> QueryResult<()> {
    let now = ebill::clock::now();
    let third = "CAST(SUBSTR(p.payer_code, 1, 9) AS INTEGER) % 3 = 0";
    db::sql(conn, &format!(
        "INSERT INTO residents (id, email, email_confirmed_at, pending_email, phone, pending_phone, password_hash, name, created_at, updated_at) \
         SELECT 'res_' || p.id, p.id || '@bench.example', $1, NULL, '+79130000000', NULL, 'x', NULL, $1, $1 FROM premises p WHERE {third}"
    ))
    .bind::<diesel::sql_types::Timestamp, _>(now)
    .execute(conn)?;
    db::sql(
        conn,
        &format!(
            "INSERT INTO addresses (id, resident_id, premises_id, channel, sms_notifications, effective_from, created_at, unlinked_at) \
         SELECT 'adr_' || p.id, 'res_' || p.id, p.id, 'electronic', FALSE, NULL, $1, NULL FROM premises p WHERE {third}"
        ),
    )
    .bind::<diesel::sql_types::Timestamp, _>(now)
    .execute(conn)?;
    Ok(())
}

#[derive(QueryableByName)]
struct SchemaSql {
    #[diesel(sql_type = diesel::sql_types::Text)]
    sql: String,
}

/// Makes `bench_documents` and `bench_lines`: tables of the same columns, keys, indexes and foreign
/// keys as `documents` and `document_lines`, so the bare SQL writes what the run writes, as durably.
fn scratch_tables(conn: &mut DbConn) -> QueryResult<()> {
    let statements = match conn {
        DbConn::Pg(_) => "CREATE TABLE bench_documents (LIKE documents INCLUDING ALL); \
             ALTER TABLE bench_documents ADD FOREIGN KEY (run_id) REFERENCES billing_runs (id), \
                 ADD FOREIGN KEY (premises_id) REFERENCES premises (id), ADD FOREIGN KEY (provider_id) REFERENCES providers (id); \
             CREATE TABLE bench_lines (LIKE document_lines INCLUDING ALL); \
             ALTER TABLE bench_lines ADD FOREIGN KEY (document_id) REFERENCES bench_documents (id);"
            .to_owned(),
        DbConn::Sqlite(_) => {
            let schema: Vec<SchemaSql> = db::sql(
                conn,
                "SELECT sql FROM sqlite_master WHERE tbl_name IN ('documents', 'document_lines') AND sql IS NOT NULL ORDER BY type DESC",
            )
            .load(conn)?;
            schema
                .iter()
                .map(|s| {
                    s.sql
                        .replace(" documents (", " bench_documents (")
                        .replace(" document_lines (", " bench_lines (")
                        .replace("INDEX ", "INDEX bench_")
                        + ";"
                })
                .collect()
        }
    };
    diesel::connection::SimpleConnection::batch_execute(conn, &statements)
}

/// The bare SQL that writes the same documents and lines as run `run_id`, into tables shaped like
/// the real ones.
fn bare_documents(conn: &mut DbConn, run_id: &str) -> QueryResult<Duration> {
    scratch_tables(conn)?;
    let now = ebill::clock::now();
    let started = Instant::now();
    db::write_tx(conn, |conn| {
        let electronic = "EXISTS (SELECT 1 FROM addresses a JOIN residents r ON r.id = a.resident_id WHERE a.premises_id = pa.premises_id \
                          AND a.unlinked_at IS NULL AND a.channel = 'electronic' AND r.email_confirmed_at IS NOT NULL)";
        db::sql(conn, &format!(
            "INSERT INTO bench_documents (id, run_id, chunk, period, premises_id, kind, provider_id, total, verification_code, link_code_sealed, delivery_status, created_at) \
             SELECT 'e' || x.premises_id || x.provider_id, $1, 0, $2, x.premises_id, 'e_receipt', x.provider_id, 0, 'e' || x.premises_id || x.provider_id, NULL, 'queued', $3 \
             FROM (SELECT DISTINCT pa.premises_id, pa.provider_id FROM charges c \
                   JOIN provider_accounts pa ON pa.provider_id = c.provider_id AND pa.number = c.account_number \
                   WHERE c.period = $2 AND pa.provider_id IN (SELECT provider_id FROM run_providers WHERE run_id = $1) AND {electronic}) x"
        ))
        .bind::<diesel::sql_types::Text, _>(run_id)
        .bind::<diesel::sql_types::Text, _>(PERIOD)
        .bind::<diesel::sql_types::Timestamp, _>(now)
        .execute(conn)?;
        db::sql(conn,
            "INSERT INTO bench_documents (id, run_id, chunk, period, premises_id, kind, provider_id, total, verification_code, link_code_sealed, delivery_status, created_at) \
             SELECT 'p' || x.premises_id, $1, 0, $2, x.premises_id, 'paper', NULL, 0, 'p' || x.premises_id, NULL, 'printed', $3 \
             FROM (SELECT DISTINCT pa.premises_id FROM charges c \
                   JOIN provider_accounts pa ON pa.provider_id = c.provider_id AND pa.number = c.account_number \
                   WHERE c.period = $2 AND NOT EXISTS (SELECT 1 FROM bench_documents e WHERE e.premises_id = pa.premises_id AND e.provider_id = c.provider_id)) x",
        )
        .bind::<diesel::sql_types::Text, _>(run_id)
        .bind::<diesel::sql_types::Text, _>(PERIOD)
        .bind::<diesel::sql_types::Timestamp, _>(now)
        .execute(conn)?;
        db::sql(conn,
            "INSERT INTO bench_lines (document_id, provider_id, account_number, service_code, service_name, unit, volume, tariff, amount, recalculation, debt, penalty, total) \
             SELECT d.id, c.provider_id, c.account_number, c.service_code, c.service_name, c.unit, c.volume, c.tariff, \
                    c.amount, c.recalculation, c.debt, c.penalty, c.amount + c.recalculation + c.debt + c.penalty \
             FROM bench_documents d JOIN provider_accounts pa ON pa.premises_id = d.premises_id \
             JOIN charges c ON c.provider_id = pa.provider_id AND c.account_number = pa.number AND c.period = d.period \
             WHERE (d.kind = 'e_receipt' AND c.provider_id = d.provider_id) \
                OR (d.kind = 'paper' AND NOT EXISTS (SELECT 1 FROM bench_documents e WHERE e.premises_id = d.premises_id \
                       AND e.kind = 'e_receipt' AND e.provider_id = c.provider_id))",
        )
        .execute(conn)?;
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(started.elapsed())
}

/// A directory for a bench's SQLite files, removed when dropped (the bench's own, so the binary
/// needs no temp-file crate).
pub struct ScratchDir(std::path::PathBuf);

impl ScratchDir {
    pub fn new() -> std::io::Result<Self> {
        let path = std::env::temp_dir().join(format!("ebill-bench-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&path)?;
        Ok(Self(path))
    }

    pub fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            tracing::warn!("bench: cannot remove {}: {e}", self.0.display());
        }
    }
}

/// A fresh database for one run: a new PostgreSQL database next to `admin_url`, or a temp SQLite file.
pub fn scratch_database(admin_url: Option<&str>, dir: &std::path::Path) -> Result<(DatabaseUrl, Option<String>), StartError> {
    match admin_url {
        Some(admin) => {
            let name = format!("ebill_bench_{}", uuid::Uuid::now_v7().simple());
            let mut conn = diesel::PgConnection::establish(admin)?;
            diesel::sql_query(format!("CREATE DATABASE {name}")).execute(&mut conn)?;
            let mut url = url::Url::parse(admin)?;
            url.set_path(&name);
            Ok((DatabaseUrl::Postgres(url.to_string()), Some(name)))
        }
        None => Ok((DatabaseUrl::Sqlite(dir.join(format!("bench-{}.db", uuid::Uuid::now_v7().simple()))), None)),
    }
}

/// Drops a scratch PostgreSQL database.
pub fn drop_database(admin_url: &str, name: &str) -> Result<(), StartError> {
    let mut conn = diesel::PgConnection::establish(admin_url)?;
    diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn)?;
    Ok(())
}
