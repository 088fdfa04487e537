//! `ebill bench reads`: what residents' apps read most, on the real server and on a bare actix + diesel
//! server over the same database, with the same load in interleaved rounds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use serde_json::{Value, json};

use super::load::{self, Sample};
use super::{Shape, start};
use ebill::startup::StartError;
use ebill::store::db::{self, DatabaseUrl, DbConn};

/// The city and the load.
#[derive(Debug, Clone, Copy)]
pub struct ReadsShape {
    pub premises: usize,
    pub providers: u64,
    /// Months billed before measuring (each adds a resident's documents).
    pub months: usize,
    /// Residents whose tokens the load uses (each has two addresses).
    pub residents: usize,
    pub connections: usize,
    /// Rounds per read: the real server then the bare one (or the other way round), each `round` long.
    pub rounds: usize,
    pub round: Duration,
    /// The fixed rate at which latency is measured, requests/second.
    pub rate: f64,
}

/// One read's figures on both servers.
#[derive(Debug)]
pub struct ReadFigures {
    pub name: &'static str,
    /// As fast as each server answers, the rounds together.
    pub real: Sample,
    pub bare: Sample,
    /// At the fixed rate.
    pub real_paced: Sample,
    pub bare_paced: Sample,
}

/// One backend's figures.
#[derive(Debug)]
pub struct ReadsFigures {
    pub backend: &'static str,
    pub addresses: usize,
    pub documents: usize,
    pub reads: Vec<ReadFigures>,
}

const PASSWORD: &str = "bench-resident-password";

/// Builds the city on the fresh database at `database_url` (accounts and charges over HTTP, `months`
/// billing runs, residents with two electronic addresses each), then measures each read on the real
/// and the bare server.
pub async fn reads(database_url: DatabaseUrl, shape: ReadsShape) -> Result<ReadsFigures, StartError> {
    let backend = if database_url.is_postgres() { "postgresql" } else { "sqlite" };
    let server = start(database_url.clone()).await?;
    let operator = server.operator_token().await?;
    let mut providers = Vec::new();
    for n in 0..shape.providers {
        let (_, token) = server.provider(n, &operator).await?;
        server.upload_accounts(&token, shape.premises, 10_000).await?;
        if n < 2 {
            server
                .call(reqwest::Method::PUT, "/v1/providers/me/edoc", Some(&token), &json!({"edoc_capable": true, "since": "2021-01"}))
                .await?;
        }
        providers.push(token);
    }
    let hash = ebill::crypto::hash_password(PASSWORD).map_err(|e| e.to_string())?;
    let (pool, pairs) = (server.pool.clone(), shape.premises / 4);
    tokio::task::spawn_blocking(move || -> Result<(), StartError> { Ok(residents_in_pairs(&mut *pool.get()?, pairs, &hash)?) }).await??;
    let mut period = ebill::domain::period::Period::parse("2021-06").ok_or("bad period")?;
    for _ in 0..shape.months {
        let month = period.to_string();
        for token in &providers {
            let charges = Shape { accounts: shape.premises, services: 2, batch: 10_000, concurrency: 1, rounds: 1 };
            server.push_charges(token, &month, charges).await?;
        }
        server.run_billing(&operator, &month).await?;
        period = period.next();
    }

    let mut tokens = Vec::new();
    for k in 0..shape.residents.min(pairs) {
        let login = json!({"grant_type": "password", "username": format!("r{k}@bench.example"), "password": PASSWORD});
        let answer = server.call(reqwest::Method::POST, "/v1/oauth/token", None, &login).await?;
        tokens.push(answer["access_token"].as_str().unwrap_or_default().to_owned());
    }
    let mut documents = Vec::new();
    for (k, token) in tokens.iter().enumerate() {
        let page = server.call(reqwest::Method::GET, "/v1/me/documents", Some(token), &Value::Null).await?;
        let kind = if k % 2 == 0 { "paper" } else { "e_receipt" };
        let id = page["data"].as_array().and_then(|d| d.iter().rev().find(|d| d["kind"] == kind)).map(|d| d["id"].clone());
        documents.push(id.and_then(|id| id.as_str().map(str::to_owned)).ok_or("a resident without documents")?);
    }
    let first = server.call(reqwest::Method::GET, "/v1/me/documents", Some(&tokens[0]), &Value::Null).await?;
    let addresses = server.call(reqwest::Method::GET, "/v1/me/addresses", Some(&tokens[0]), &Value::Null).await?;

    let config = &server.config;
    let bare_port = super::bare::start(database_url, config.issuer(), config.workers, config.pool_size).await?;
    let bare = SocketAddr::from(([127, 0, 0, 1], bare_port));
    let each = |path: &dyn Fn(usize) -> String| -> Arc<Vec<Vec<u8>>> {
        Arc::new(tokens.iter().enumerate().map(|(k, t)| load::get(&path(k), Some(t))).collect())
    };
    let plans: Vec<(&'static str, Arc<Vec<Vec<u8>>>)> = vec![
        ("GET /healthz", Arc::new(vec![load::get("/healthz", None)])),
        ("GET /v1/me/addresses", each(&|_| "/v1/me/addresses".to_owned())),
        ("GET /v1/me/documents", each(&|_| "/v1/me/documents".to_owned())),
        ("GET /v1/me/documents/{id}", each(&|k| format!("/v1/me/documents/{}", documents[k]))),
    ];
    let mut reads = Vec::new();
    for (name, requests) in plans {
        same_answers(name, server.addr, bare, &requests).await?;
        reads.push(measure(name, server.addr, bare, requests, shape).await?);
    }
    Ok(ReadsFigures {
        backend,
        addresses: addresses["data"].as_array().map_or(0, Vec::len),
        documents: first["data"].as_array().map_or(0, Vec::len),
        reads,
    })
}

/// The real and the bare server must answer each request alike (the bare server is a baseline only
/// if it does the same work).
async fn same_answers(name: &str, real: SocketAddr, bare: SocketAddr, requests: &[Vec<u8>]) -> Result<(), StartError> {
    for request in requests.iter().take(8) {
        let (a, b) = (load::once(real, request).await?, load::once(bare, request).await?);
        let parse = |body: &[u8]| serde_json::from_slice::<Value>(body).unwrap_or(Value::Null);
        if a.0 != 200 || a.0 != b.0 || parse(&a.1) != parse(&b.1) {
            return Err(format!(
                "{name}: the bare server answers otherwise\nreal {}: {}\nbare {}: {}",
                a.0,
                String::from_utf8_lossy(&a.1),
                b.0,
                String::from_utf8_lossy(&b.1)
            )
            .into());
        }
    }
    Ok(())
}

/// A warm-up on each, then `rounds` closed-loop rounds alternating which server goes first, then the
/// fixed-rate latency on each.
async fn measure(
    name: &'static str,
    real: SocketAddr,
    bare: SocketAddr,
    requests: Arc<Vec<Vec<u8>>>,
    shape: ReadsShape,
) -> Result<ReadFigures, StartError> {
    let closed = |addr| load::closed(addr, requests.clone(), shape.connections, shape.round);
    closed(real).await?;
    closed(bare).await?;
    let (mut real_all, mut bare_all) = (Sample::default(), Sample::default());
    for round in 0..shape.rounds {
        if round % 2 == 0 {
            real_all.merge(closed(real).await?);
            bare_all.merge(closed(bare).await?);
        } else {
            bare_all.merge(closed(bare).await?);
            real_all.merge(closed(real).await?);
        }
    }
    let paced = |addr| load::paced(addr, requests.clone(), shape.connections, shape.rate, shape.round * 2);
    let real_paced = paced(real).await?;
    let bare_paced = paced(bare).await?;
    Ok(ReadFigures { name, real: real_all, bare: bare_all, real_paced, bare_paced })
}

/// Residents `r0` … with a confirmed email, each linked (electronic) to two neighbouring premises:
/// `pairs` residents, the first `2 × pairs` premises by payer code.
fn residents_in_pairs(conn: &mut DbConn, pairs: usize, password_hash: &str) -> QueryResult<()> {
    let now = ebill::clock::now();
    let numbered = "SELECT p.id, ROW_NUMBER() OVER (ORDER BY p.payer_code) - 1 AS n FROM premises p";
    db::sql(
        conn,
        &format!(
            "INSERT INTO residents (id, email, email_confirmed_at, phone, password_hash, created_at, updated_at) \
             SELECT 'res_bench_' || (x.n / 2), 'r' || (x.n / 2) || '@bench.example', $1, '+79130000000', $2, $1, $1 \
             FROM ({numbered}) x WHERE x.n < $3 AND x.n % 2 = 0"
        ),
    )
    .bind::<diesel::sql_types::Timestamp, _>(now)
    .bind::<diesel::sql_types::Text, _>(password_hash)
    .bind::<diesel::sql_types::BigInt, _>(2 * pairs as i64)
    .execute(conn)?;
    db::sql(
        conn,
        &format!(
            "INSERT INTO addresses (id, resident_id, premises_id, channel, sms_notifications, effective_from, created_at, unlinked_at) \
             SELECT 'adr_bench_' || x.n, 'res_bench_' || (x.n / 2), x.id, 'electronic', FALSE, NULL, $1, NULL \
             FROM ({numbered}) x WHERE x.n < $2"
        ),
    )
    .bind::<diesel::sql_types::Timestamp, _>(now)
    .bind::<diesel::sql_types::BigInt, _>(2 * pairs as i64)
    .execute(conn)?;
    Ok(())
}
