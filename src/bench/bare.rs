//! The reads bench's baseline: a bare actix + diesel server on the real server's database with the same
//! token check (EdDSA, the same keys and claims) and one hand-written statement per read, answering the
//! same JSON — no middleware, no layers, nothing but what the answer needs.

use std::collections::HashMap;
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Integer, Nullable, Text, Timestamp};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{Value, json};

use diesel::r2d2;
use ebill::domain::period::Period;
use ebill::domain::qr;
use ebill::services::signing::{self, Signer};
use ebill::startup::StartError;
use ebill::store::db::{self, DatabaseUrl, DbConn, Pool};

/// What the handlers share.
struct Bare {
    pool: Pool,
    issuer: String,
    validation: Validation,
    keys: HashMap<String, DecodingKey>,
    signer: Signer,
    postgres: bool,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    role: String,
}

/// Starts the bare server on a free port of 127.0.0.1 with `workers` workers and a pool of
/// `pool_size`; returns its port. It runs until the process ends.
pub async fn start(database_url: DatabaseUrl, issuer: &str, workers: usize, pool_size: u32) -> Result<u16, StartError> {
    let pool = r2d2::Pool::builder()
        .max_size(pool_size)
        .connection_timeout(std::time::Duration::from_secs(10))
        .connection_customizer(Box::new(Prepare))
        .build(db::Manager::new(database_url.clone()))?;
    let (keys, signer) = {
        let pool = pool.clone();
        tokio::task::spawn_blocking(move || -> Result<_, StartError> {
            let mut conn = pool.get()?;
            let master = ebill::startup::master_key(&mut conn)?;
            let now = ebill::clock::now();
            let public = signing::token_keys(&mut conn, &master, now).map_err(|e| e.to_string())?.public;
            let signer = signing::signer(&mut conn, &master, now).map_err(|e| e.to_string())?;
            Ok((public, signer))
        })
        .await??
    };
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.set_issuer(&[issuer]);
    validation.set_audience(&["ebill-api"]);
    validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
    validation.validate_nbf = true;
    validation.leeway = ebill::services::jwt::LEEWAY_SECS;
    let bare = web::Data::new(Arc::new(Bare {
        pool,
        issuer: issuer.to_owned(),
        validation,
        keys: keys.into_iter().map(|(kid, raw)| (kid, DecodingKey::from_ed_der(&raw))).collect(),
        signer,
        postgres: database_url.is_postgres(),
    }));
    let server = actix_web::HttpServer::new(move || {
        actix_web::App::new()
            .app_data(bare.clone())
            .route("/healthz", web::get().to(healthz))
            .route("/v1/me/addresses", web::get().to(addresses))
            .route("/v1/me/documents", web::get().to(documents))
            .route("/v1/me/documents/{id}", web::get().to(document))
    })
    .workers(workers)
    .disable_signals()
    .bind("127.0.0.1:0")?;
    let port = server.addrs().first().map(|a| a.port()).ok_or("the bare server has no address")?;
    tokio::spawn(server.run());
    Ok(port)
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(r#"{"status":"ok"}"#)
}

/// The resident the bearer token names, if it is a valid resident's token.
fn resident(req: &HttpRequest, bare: &Bare) -> Option<String> {
    let token = req.headers().get("authorization")?.to_str().ok()?.strip_prefix("Bearer ")?;
    let kid = jsonwebtoken::decode_header(token).ok()?.kid?;
    let claims = jsonwebtoken::decode::<Claims>(token, bare.keys.get(&kid)?, &bare.validation).ok()?.claims;
    (claims.role == "resident").then_some(claims.sub)
}

/// Runs `query` on a pooled connection off the workers; 401 without a resident, 404 for `None`.
async fn answer<F>(req: HttpRequest, bare: web::Data<Arc<Bare>>, query: F) -> HttpResponse
where
    F: FnOnce(&mut DbConn, &Bare, String) -> QueryResult<Option<Value>> + Send + 'static,
{
    let Some(resident) = resident(&req, &bare) else { return HttpResponse::Unauthorized().finish() };
    let bare = bare.into_inner();
    let found = web::block(move || -> Result<Option<Value>, String> {
        let mut conn = bare.pool.get().map_err(|e| e.to_string())?;
        query(&mut conn, &bare, resident).map_err(|e| e.to_string())
    })
    .await;
    match found {
        Ok(Ok(Some(body))) => HttpResponse::Ok().json(body),
        Ok(Ok(None)) => HttpResponse::NotFound().finish(),
        Ok(Err(e)) => HttpResponse::InternalServerError().body(e),
        Err(e) => HttpResponse::InternalServerError().body(e.to_string()),
    }
}

/// The premises of a row: its payer code and address.
#[derive(QueryableByName)]
struct Place {
    #[diesel(sql_type = Text)]
    payer_code: String,
    #[diesel(sql_type = Text)]
    city: String,
    #[diesel(sql_type = Text)]
    street: String,
    #[diesel(sql_type = Text)]
    house: String,
    #[diesel(sql_type = Nullable<Text>)]
    building: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    apartment: Option<String>,
}

impl Place {
    fn json(&self) -> Value {
        json!({"city": self.city, "street": self.street, "house": self.house, "building": self.building, "apartment": self.apartment})
    }

    fn line(&self) -> String {
        ebill::domain::address::line(&self.city, &self.street, &self.house, self.building.as_deref(), self.apartment.as_deref())
    }
}

#[derive(QueryableByName)]
struct AddressLine {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = Bool)]
    sms_notifications: bool,
    #[diesel(sql_type = Nullable<Text>)]
    effective_from: Option<String>,
    #[diesel(embed)]
    place: Place,
    #[diesel(sql_type = Nullable<Text>)]
    provider_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    provider_name: Option<String>,
    #[diesel(sql_type = Nullable<Bool>)]
    capable: Option<bool>,
    #[diesel(sql_type = Nullable<Text>)]
    v_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    v_phone: Option<String>,
    #[diesel(sql_type = Nullable<Timestamp>)]
    v_expires_at: Option<chrono::NaiveDateTime>,
    #[diesel(sql_type = Nullable<Integer>)]
    v_attempts_left: Option<i32>,
}

/// The first page of documents, as the real server pages them (50 by default).
const PAGE: usize = 50;

/// The bare server's statements, one per read.
#[derive(Clone, Copy)]
enum Statement {
    Addresses,
    Documents,
    Document,
}

impl Statement {
    const ALL: [Statement; 3] = [Statement::Addresses, Statement::Documents, Statement::Document];

    fn name(self) -> &'static str {
        match self {
            Statement::Addresses => "bare_addresses",
            Statement::Documents => "bare_documents",
            Statement::Document => "bare_document",
        }
    }

    /// The statement with `$1`, `$2` for the resident and the document.
    fn text(self, postgres: bool) -> String {
        match self {
            // The period the next billing run bills: the month after the latest closed one, else this one.
            Statement::Addresses => format!(
                "SELECT a.id, a.channel, a.sms_notifications, a.effective_from, p.payer_code, p.city, p.street, p.house, p.building, \
                        p.apartment, pr.id AS provider_id, pr.name AS provider_name, \
                        (SELECT e.edoc_capable FROM provider_edoc_changes e WHERE e.provider_id = pr.id AND e.since <= {} \
                         ORDER BY e.created_at DESC, e.id DESC LIMIT 1) AS capable, \
                        v.id AS v_id, v.phone AS v_phone, v.expires_at AS v_expires_at, v.attempts_left AS v_attempts_left \
                 FROM addresses a JOIN premises p ON p.id = a.premises_id \
                 LEFT JOIN provider_accounts pa ON pa.premises_id = a.premises_id \
                 LEFT JOIN providers pr ON pr.id = pa.provider_id AND pr.status = 'active' \
                 LEFT JOIN verifications v ON v.address_id = a.id AND v.status = 'pending' \
                 WHERE a.resident_id = $1 AND a.unlinked_at IS NULL \
                 ORDER BY a.created_at, a.id, pr.name, pr.id, v.created_at DESC",
                if postgres {
                    "COALESCE(to_char(to_date((SELECT MAX(period) FROM closed_periods), 'YYYY-MM') + interval '1 month', 'YYYY-MM'), \
                     to_char(now(), 'YYYY-MM'))"
                } else {
                    "COALESCE(strftime('%Y-%m', (SELECT MAX(period) FROM closed_periods) || '-01', '+1 month'), strftime('%Y-%m', 'now'))"
                }
            ),
            Statement::Documents => format!(
                "SELECT d.id, d.kind, d.period, a.id AS address_id, d.provider_id, d.total, d.verification_code \
                 FROM documents d JOIN addresses a ON a.premises_id = d.premises_id \
                 WHERE a.resident_id = $1 AND a.unlinked_at IS NULL ORDER BY d.id LIMIT {}",
                PAGE + 1
            ),
            Statement::Document => "SELECT d.id, d.kind, d.period, d.provider_id, d.total, d.verification_code, d.created_at, \
                        a.id AS address_id, p.payer_code, p.city, p.street, p.house, p.building, p.apartment, \
                        l.provider_id AS l_provider_id, l.account_number, l.service_code, l.service_name, l.unit, l.volume, l.tariff, \
                        l.amount, l.recalculation, l.debt, l.penalty, l.total AS l_total, \
                        rp.name, rp.inn, rp.kpp, rp.bank_name, rp.bank_bik, rp.bank_account, rp.bank_correspondent_account \
                 FROM documents d JOIN addresses a ON a.premises_id = d.premises_id AND a.resident_id = $1 AND a.unlinked_at IS NULL \
                 JOIN premises p ON p.id = d.premises_id \
                 LEFT JOIN document_lines l ON l.document_id = d.id \
                 LEFT JOIN run_payees rp ON rp.run_id = d.run_id AND rp.provider_id = l.provider_id \
                 WHERE d.id = $2 ORDER BY l.provider_id, l.account_number, l.service_code"
                .to_owned(),
        }
    }
}

/// On PostgreSQL each connection prepares the statements once, as the real server's statement cache
/// keeps its own (planning a join there costs more than running it); SQLite prepares quickly.
#[derive(Debug)]
struct Prepare;

impl r2d2::CustomizeConnection<DbConn, r2d2::Error> for Prepare {
    fn on_acquire(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        if let DbConn::Pg(_) = conn {
            let types = |s: Statement| if matches!(s, Statement::Document) { "(text, text)" } else { "(text)" };
            let prepare: String =
                Statement::ALL.iter().map(|s| format!("PREPARE {}{} AS {};", s.name(), types(*s), s.text(true))).collect();
            diesel::connection::SimpleConnection::batch_execute(conn, &prepare).map_err(r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Runs `statement` with `params`: the prepared one on PostgreSQL (its parameters as quoted literals),
/// the text bound on SQLite.
fn run<T: QueryableByName<<DbConn as diesel::Connection>::Backend> + 'static>(
    conn: &mut DbConn,
    bare: &Bare,
    statement: Statement,
    params: &[&str],
) -> QueryResult<Vec<T>> {
    if bare.postgres {
        let quoted: Vec<String> = params.iter().map(|p| format!("'{}'", p.replace('\'', "''"))).collect();
        return diesel::sql_query(format!("EXECUTE {}({})", statement.name(), quoted.join(", "))).load(conn);
    }
    let mut query = db::sql(conn, &statement.text(false)).into_boxed();
    for param in params {
        query = query.bind::<Text, _>(param.to_string());
    }
    query.load(conn)
}

async fn addresses(req: HttpRequest, bare: web::Data<Arc<Bare>>) -> HttpResponse {
    answer(req, bare, |conn, bare, resident| {
        let rows: Vec<AddressLine> = run(conn, bare, Statement::Addresses, &[&resident])?;
        let mut data: Vec<Value> = Vec::new();
        let mut last: Option<String> = None;
        for row in rows {
            if last.as_deref() != Some(&row.id) {
                let pending = match (&row.v_id, &row.v_phone, row.v_expires_at, row.v_attempts_left) {
                    (Some(id), Some(phone), Some(expires_at), Some(attempts_left)) => json!({
                        "id": id, "channel": "sms", "to": ebill::domain::phone::mask(phone),
                        "expires_at": expires_at.and_utc(), "status": "pending", "attempts_left": attempts_left}),
                    _ => Value::Null,
                };
                data.push(json!({
                    "id": row.id, "payer_code": row.place.payer_code,
                    "address": row.place.json(),
                    "providers": [],
                    "delivery": {"channel": row.channel, "sms_notifications": row.sms_notifications, "effective_from": row.effective_from,
                                 "pending_verification": pending},
                }));
                last = Some(row.id.clone());
            }
            let (Some(id), Some(name), Some(providers)) =
                (row.provider_id, row.provider_name, data.last_mut().and_then(|a| a["providers"].as_array_mut()))
            else {
                continue;
            };
            if !providers.iter().any(|p| p["id"] == id.as_str()) {
                providers.push(json!({"id": id, "name": name, "edoc_capable": row.capable.unwrap_or(false)}));
            }
        }
        Ok(Some(json!({"data": data, "next_cursor": null})))
    })
    .await
}

#[derive(QueryableByName)]
struct Summary {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    period: String,
    #[diesel(sql_type = Text)]
    address_id: String,
    #[diesel(sql_type = Nullable<Text>)]
    provider_id: Option<String>,
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = Text)]
    verification_code: String,
}

/// The first page (50) of the resident's documents, oldest first, as the real server pages them.
async fn documents(req: HttpRequest, bare: web::Data<Arc<Bare>>) -> HttpResponse {
    answer(req, bare, |conn, bare, resident| {
        let mut rows: Vec<Summary> = run(conn, bare, Statement::Documents, &[&resident])?;
        let more = rows.len() > PAGE;
        rows.truncate(PAGE);
        let next_cursor = more.then(|| {
            use base64::Engine;
            rows.last().map(|d| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("c1:{}", d.id)))
        });
        let data: Vec<Value> = rows
            .into_iter()
            .map(|d| {
                json!({"id": d.id, "kind": d.kind, "period": d.period, "address_id": d.address_id, "provider_id": d.provider_id,
                       "total": d.total, "verification_code": d.verification_code})
            })
            .collect();
        Ok(Some(json!({"data": data, "next_cursor": next_cursor.flatten()})))
    })
    .await
}

#[derive(QueryableByName)]
struct DocumentLine {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    period: String,
    #[diesel(sql_type = Nullable<Text>)]
    provider_id: Option<String>,
    #[diesel(sql_type = BigInt)]
    total: i64,
    #[diesel(sql_type = Text)]
    verification_code: String,
    #[diesel(sql_type = Timestamp)]
    created_at: chrono::NaiveDateTime,
    #[diesel(sql_type = Text)]
    address_id: String,
    #[diesel(embed)]
    place: Place,
    #[diesel(sql_type = Nullable<Text>)]
    l_provider_id: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    account_number: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    service_code: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    service_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    unit: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    volume: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    tariff: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    amount: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    recalculation: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    debt: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    penalty: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    l_total: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    inn: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    kpp: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    bank_name: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    bank_bik: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    bank_account: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    bank_correspondent_account: Option<String>,
}

/// A payee of a document: the provider's requisites, the payer's lowest account number with them and
/// the sum of their lines.
struct Payee<'a> {
    row: &'a DocumentLine,
    account_number: &'a str,
    total: i64,
}

async fn document(req: HttpRequest, bare: web::Data<Arc<Bare>>, id: web::Path<String>) -> HttpResponse {
    let id = id.into_inner();
    answer(req, bare, move |conn, bare, resident| {
        let rows: Vec<DocumentLine> = run(conn, bare, Statement::Document, &[&resident, &id])?;
        let Some(d) = rows.first() else { return Ok(None) };
        let period = Period::parse(&d.period).ok_or_else(|| diesel::result::Error::DeserializationError("a bad period".into()))?;
        let address = d.place.line();
        let mut payees: Vec<Payee> = Vec::new();
        for row in rows.iter().filter(|r| r.name.is_some()) {
            let (account, total) = (row.account_number.as_deref().unwrap_or_default(), row.l_total.unwrap_or_default());
            match payees.iter_mut().find(|p| p.row.l_provider_id == row.l_provider_id) {
                Some(p) => {
                    p.total += total;
                    p.account_number = p.account_number.min(account);
                }
                None => payees.push(Payee { row, account_number: account, total }),
            }
        }
        payees.sort_by(|a, b| (&a.row.name, &a.row.l_provider_id).cmp(&(&b.row.name, &b.row.l_provider_id)));
        let lines: Vec<&DocumentLine> = rows.iter().filter(|r| r.l_provider_id.is_some()).collect();
        let signed_lines: Vec<Value> = lines
            .iter()
            .map(|l| {
                json!({"provider_id": l.l_provider_id, "account_number": l.account_number, "service_code": l.service_code,
                       "service_name": l.service_name, "unit": l.unit, "volume": l.volume, "tariff": l.tariff, "amount": l.amount,
                       "recalculation": l.recalculation, "debt": l.debt, "penalty": l.penalty, "total": l.l_total})
            })
            .collect();
        let signed_payees: Vec<Value> = payees
            .iter()
            .map(|p| {
                let r = p.row;
                json!({"provider_id": r.l_provider_id, "name": r.name, "inn": r.inn, "kpp": r.kpp, "bank_name": r.bank_name,
                       "bik": r.bank_bik, "account": r.bank_account, "correspondent_account": r.bank_correspondent_account,
                       "account_number": p.account_number, "total": p.total})
            })
            .collect();
        let signed = bare.signer.sign(&json!({
            "iss": bare.issuer, "document_id": d.id, "kind": d.kind, "period": d.period, "payer_code": d.place.payer_code, "address": address,
            "lines": signed_lines, "payees": signed_payees, "total": d.total, "verification_code": d.verification_code,
            "issued_at": d.created_at.and_utc().to_rfc3339(),
        }));
        let lines: Vec<Value> = lines
            .iter()
            .map(|l| {
                json!({"provider_id": l.l_provider_id, "account_number": l.account_number,
                       "service": {"code": l.service_code, "name": l.service_name, "unit": l.unit},
                       "volume": l.volume, "tariff": l.tariff, "amount": l.amount, "recalculation": l.recalculation, "debt": l.debt,
                       "penalty": l.penalty, "total": l.l_total})
            })
            .collect();
        let payees: Vec<Value> = payees
            .iter()
            .map(|p| {
                let r = p.row;
                let text = |v: &Option<String>| v.clone().unwrap_or_default();
                let (name, inn, bank_name, bik, account, corresp) = (
                    text(&r.name),
                    text(&r.inn),
                    text(&r.bank_name),
                    text(&r.bank_bik),
                    text(&r.bank_account),
                    text(&r.bank_correspondent_account),
                );
                let qr_payload = qr::payload(&qr::Payment {
                    name: &name,
                    personal_acc: &account,
                    bank_name: &bank_name,
                    bic: &bik,
                    corresp_acc: &corresp,
                    payee_inn: &inn,
                    kpp: r.kpp.as_deref(),
                    sum: p.total,
                    pers_acc: p.account_number,
                    payer_address: &address,
                    period,
                });
                json!({"provider_id": r.l_provider_id, "name": name, "inn": inn, "kpp": r.kpp,
                       "bank": {"name": bank_name, "bik": bik, "account": account, "correspondent_account": corresp},
                       "account_number": p.account_number, "total": p.total, "qr_payload": qr_payload})
            })
            .collect();
        Ok(Some(json!({
            "id": d.id, "kind": d.kind, "period": d.period, "address_id": d.address_id, "provider_id": d.provider_id, "total": d.total,
            "verification_code": d.verification_code, "payer_code": d.place.payer_code,
            "address": d.place.json(),
            "lines": lines, "payees": payees, "signed": signed,
        })))
    })
    .await
}
