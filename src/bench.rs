//! `ebill bench`: measures the platform over real HTTP against a server started here on a fresh
//! database, beside the bare SQL that writes the same rows, and prints both as rows/second.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use serde_json::{Value, json};

use crate::config::{Config, RateLimits};
use crate::startup::{Application, StartError};
use crate::store::charges::ChargeRow;
use crate::store::db::{self, DatabaseUrl, DbConn};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub accounts: usize,
    pub services: usize,
    pub batch: usize,
}

/// One backend's figures.
#[derive(Debug)]
pub struct Figures {
    pub backend: &'static str,
    pub accounts_per_sec: f64,
    pub charges_per_sec: f64,
    pub bare_per_sec: f64,
    pub bare_name: &'static str,
}

struct Server {
    base: String,
    client: reqwest::Client,
    pool: db::Pool,
}

async fn start(database_url: DatabaseUrl) -> Result<Server, StartError> {
    let mut config = Config::from_lookup(|_| None)?;
    config.database_url = database_url;
    config.bind = "127.0.0.1:0".parse()?;
    config.rate_limits = RateLimits::parse("off")?;
    config.jwt_secret = Some(crate::config::Secret(crate::crypto::random_token(32)));
    let app = Application::build(config.clone()).await?;
    let pool = db::pool(&config.database_url, 2, Duration::from_secs(10))?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    Ok(Server { base, client: reqwest::Client::new(), pool })
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

    /// An approved provider's token.
    async fn provider_token(&self) -> Result<String, StartError> {
        let mut conn = self.pool.get()?;
        let password = crate::crypto::random_token(16);
        crate::services::operators::add(&mut conn, "bench@agent.example", &password, crate::clock::now()).map_err(|e| e.to_string())?;
        let post = reqwest::Method::POST;
        let op = self
            .call(
                post.clone(),
                "/v1/oauth/token",
                None,
                &json!({"grant_type": "password", "username": "bench@agent.example", "password": password}),
            )
            .await?;
        let op = op["access_token"].as_str().unwrap_or_default().to_owned();
        let bank = json!({"name": "ПАО Сбербанк", "bik": "044525225", "account": "40702810438000060473", "correspondent_account": "30101810400000000225"});
        let registered = self
            .call(
                post.clone(),
                "/v1/providers",
                None,
                &json!({"name": "Bench Heat", "inn": "1901067718", "kpp": "190101001", "ogrn": "1027700132195", "email": "bench@heat.example", "phone": "+73902000000", "bank": bank}),
            )
            .await?;
        let id = registered["id"].as_str().unwrap_or_default();
        self.call(post.clone(), &format!("/v1/providers/{id}/approve"), Some(&op), &json!({})).await?;
        let token = self
            .call(
                post,
                "/v1/oauth/token",
                None,
                &json!({"grant_type": "client_credentials", "client_id": registered["client_id"], "client_secret": registered["client_secret"]}),
            )
            .await?;
        Ok(token["access_token"].as_str().unwrap_or_default().to_owned())
    }
}

fn account_json(i: usize) -> Value {
    json!({"number": format!("{:08}", i), "address": {"city": "Абакан", "street": format!("ул. Улица {}", i / 2000), "house": format!("{}", i / 100 % 20 + 1), "apartment": format!("{}", i % 100 + 1)}})
}

fn charge_json(account: usize, service: usize) -> Value {
    json!({"account_number": format!("{:08}", account), "service": {"code": format!("svc{service}"), "name": format!("Услуга {service}"), "unit": "м³"},
           "volume": "3.25", "tariff": "42.37", "amount": 13770 + (account % 97) as i64, "recalculation": 0, "debt": 0, "penalty": 0})
}

/// The same rows the push writes, for the bare-SQL baseline.
fn charge_rows(shape: Shape, provider_id: &str, period: &str) -> Vec<ChargeRow> {
    let now = crate::clock::now();
    (0..shape.accounts * shape.services)
        .map(|i| {
            let (account, service) = (i / shape.services, i % shape.services);
            ChargeRow {
                provider_id: provider_id.to_owned(),
                period: period.to_owned(),
                account_number: format!("{account:08}"),
                service_code: format!("svc{service}"),
                service_name: format!("Услуга {service}"),
                unit: "м³".into(),
                volume: Some("3.25".into()),
                tariff: Some("42.37".into()),
                amount: 13770 + (account % 97) as i64,
                recalculation: 0,
                debt: 0,
                penalty: 0,
                batch_id: "bench".into(),
                created_at: now,
                updated_at: now,
            }
        })
        .collect()
}

/// The bare SQL that writes the same rows into a copy of `charges` (with its key): `COPY` on
/// PostgreSQL, multi-row `INSERT`s in one transaction on SQLite.
fn bare_write(conn: &mut DbConn, rows: &[ChargeRow]) -> QueryResult<Duration> {
    use crate::store::schema::charge_staging;
    let started = Instant::now();
    db::write_tx(conn, |conn| {
        match conn {
            DbConn::Pg(c) => {
                diesel::sql_query("CREATE TEMP TABLE charge_staging (LIKE charges INCLUDING ALL) ON COMMIT DROP").execute(c)?;
                diesel::copy_from(charge_staging::table).from_insertable(rows).execute(c)?;
            }
            DbConn::Sqlite(c) => {
                diesel::sql_query("DROP TABLE IF EXISTS temp.charge_staging").execute(c)?;
                diesel::sql_query(
                    "CREATE TEMP TABLE charge_staging (provider_id TEXT NOT NULL, period TEXT NOT NULL, account_number TEXT NOT NULL, \
                     service_code TEXT NOT NULL, service_name TEXT NOT NULL, unit TEXT NOT NULL, volume TEXT, tariff TEXT, \
                     amount BIGINT NOT NULL, recalculation BIGINT NOT NULL, debt BIGINT NOT NULL, penalty BIGINT NOT NULL, \
                     batch_id TEXT NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL, \
                     PRIMARY KEY (provider_id, period, account_number, service_code))",
                )
                .execute(c)?;
                for chunk in rows.chunks(db::chunk_rows(15)) {
                    diesel::insert_into(charge_staging::table).values(chunk).execute(c)?;
                }
            }
        }
        Ok::<_, diesel::result::Error>(())
    })?;
    Ok(started.elapsed())
}

fn rate(rows: usize, took: Duration) -> f64 {
    rows as f64 / took.as_secs_f64().max(1e-9)
}

/// Uploads the accounts and pushes the charges of one period over HTTP, then writes the same charge
/// rows with bare SQL, on the database at `database_url` (which must be fresh).
pub async fn ingest(database_url: DatabaseUrl, shape: Shape) -> Result<Figures, StartError> {
    let backend = if database_url.is_postgres() { "postgresql" } else { "sqlite" };
    let server = start(database_url).await?;
    let token = server.provider_token().await?;
    let put = reqwest::Method::PUT;
    let post = reqwest::Method::POST;

    let started = Instant::now();
    for first in (0..shape.accounts).step_by(shape.batch) {
        let accounts: Vec<Value> = (first..(first + shape.batch).min(shape.accounts)).map(account_json).collect();
        server.call(put.clone(), "/v1/providers/me/accounts", Some(&token), &json!({"accounts": accounts})).await?;
    }
    let accounts_per_sec = rate(shape.accounts, started.elapsed());

    let period = "2021-08";
    let total = shape.accounts * shape.services;
    let started = Instant::now();
    for first in (0..total).step_by(shape.batch) {
        let items: Vec<Value> =
            (first..(first + shape.batch).min(total)).map(|i| charge_json(i / shape.services, i % shape.services)).collect();
        server.call(post.clone(), "/v1/providers/me/charges", Some(&token), &json!({"period": period, "items": items})).await?;
    }
    let charges_per_sec = rate(total, started.elapsed());

    let provider_id: String = {
        use crate::store::schema::providers;
        let mut conn = server.pool.get()?;
        providers::table.select(providers::id).first(&mut *conn)?
    };
    let rows = charge_rows(shape, &provider_id, period);
    let took =
        tokio::task::spawn_blocking(move || -> Result<Duration, StartError> { Ok(bare_write(&mut *server.pool.get()?, &rows)?) }).await??;
    Ok(Figures {
        backend,
        accounts_per_sec,
        charges_per_sec,
        bare_per_sec: rate(total, took),
        bare_name: if backend == "postgresql" { "COPY" } else { "multi-row INSERT" },
    })
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
        None => Ok((DatabaseUrl::Sqlite(dir.join("bench.db")), None)),
    }
}

/// Drops a scratch PostgreSQL database.
pub fn drop_database(admin_url: &str, name: &str) -> Result<(), StartError> {
    let mut conn = diesel::PgConnection::establish(admin_url)?;
    diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn)?;
    Ok(())
}
