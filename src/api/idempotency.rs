//! `Idempotency-Key` handling for every state-changing request: the first answer is replayed
//! (`Idempotent-Replayed: true`) to a retry with the same key and body from the same principal for
//! 24 h; a different body → 422; a retry while the first is still running → 409.
//!
//! The answer is recorded in the transaction of the request's effect (`once`), so a crash leaves
//! either both (the retry gets the committed answer) or neither (the retry runs the request, once).
//! While a request runs, its key is held: in this process by `Busy`, across replicas by a PostgreSQL
//! advisory lock that dies with the transaction. Stored answers are sealed: some carry secrets.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_TYPE, LOCATION};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, web};
use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use crate::api::auth::principal;
use crate::api::errors::{classify, current_request_id, problem_body};
use crate::api::fallback::RouteTable;
use crate::api::limits::client_ip;
use crate::api::state::AppState;
use crate::crypto::{Keys, sha256_hex};
use crate::error::{Code, Error, Result};
use crate::store::db::{DbConn, try_lock_key, write_tx};
use crate::store::idempotency::{self as keys, IdempotencyRow};

const HEADER: &str = "idempotency-key";
/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);

/// An answer a retry can be given again: status, JSON body and `Location`.
#[derive(Debug, Clone)]
pub struct Answer {
    status: StatusCode,
    content_type: &'static str,
    body: String,
    location: Option<String>,
    /// `Cache-Control: no-store`: the answer shows a secret once.
    secret: bool,
}

impl Answer {
    fn json(status: StatusCode, body: &impl Serialize) -> Result<Self> {
        let body = serde_json::to_string(body).map_err(Error::internal)?;
        Ok(Self { status, content_type: "application/json", body, location: None, secret: false })
    }

    pub fn ok(body: &impl Serialize) -> Result<Self> {
        Self::json(StatusCode::OK, body)
    }

    pub fn accepted(body: &impl Serialize) -> Result<Self> {
        Self::json(StatusCode::ACCEPTED, body)
    }

    pub fn created(body: &impl Serialize) -> Result<Self> {
        Self::json(StatusCode::CREATED, body)
    }

    /// Adds a `Location` header.
    pub fn at(mut self, location: String) -> Self {
        self.location = Some(location);
        self
    }

    /// Marks an answer that shows a secret: never cached (and, as every recorded answer, sealed).
    pub fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    /// An answer without a body (204, or a 202 with nothing to say).
    pub fn empty(status: StatusCode) -> Self {
        Self { status, content_type: "application/json", body: String::new(), location: None, secret: false }
    }

    fn into_response(self, replayed: bool) -> HttpResponse {
        let mut response = HttpResponse::build(self.status);
        if let Some(location) = self.location {
            response.insert_header((LOCATION, location));
        }
        if replayed {
            response.insert_header(("idempotent-replayed", "true"));
        }
        if self.secret {
            response.insert_header(("cache-control", "no-store"));
        }
        if self.body.is_empty() {
            return response.finish();
        }
        response.content_type(self.content_type).body(self.body)
    }
}

/// The key of a request, handed by the middleware to the handler through the request's extensions.
#[derive(Clone)]
struct Claim {
    scope: String,
    key: String,
    hash: String,
    request_id: Option<String>,
    /// Set when the handler recorded the answer itself (`once`).
    recorded: Arc<AtomicBool>,
}

impl Claim {
    fn lock_name(&self) -> String {
        format!("idempotency:{}\n{}", self.scope, self.key)
    }

    fn row(&self, keys: &Keys, answer: &Answer, now: NaiveDateTime) -> IdempotencyRow {
        IdempotencyRow {
            principal: self.scope.clone(),
            idempotency_key: self.key.clone(),
            request_hash: self.hash.clone(),
            status: "done".into(),
            response_status: Some(i32::from(answer.status.as_u16())),
            response_content_type: Some(answer.content_type.to_owned()),
            response_body: Some(keys.seal(&answer.body)),
            response_location: answer.location.clone(),
            created_at: now,
        }
    }
}

/// Whether an answer is final enough to replay: not a server error, and not one a retry may cure.
/// The spec lists `Idempotent-Replayed` on exactly these answers.
pub(crate) fn replayable(status: u16) -> bool {
    status < 500 && !matches!(status, 401 | 403 | 408 | 409 | 429)
}

/// What a key's record says about a new request with it.
enum Found {
    /// Nothing recorded (or only an expired record): run the request.
    Nothing,
    Replay(Answer),
    Mismatch,
}

fn look_up(conn: &mut DbConn, keys: &Keys, claim: &Claim, now: NaiveDateTime) -> Result<Found> {
    let Some(row) = keys::find(conn, &claim.scope, &claim.key)? else { return Ok(Found::Nothing) };
    if row.created_at < now - RETENTION {
        keys::delete(conn, &claim.scope, &claim.key)?;
        return Ok(Found::Nothing);
    }
    if row.request_hash != claim.hash {
        return Ok(Found::Mismatch);
    }
    let status = row.response_status.and_then(|s| u16::try_from(s).ok()).and_then(|s| StatusCode::from_u16(s).ok());
    let stored = row.response_body.unwrap_or_default();
    // Answers recorded before they were sealed are replayed as they are.
    let body = keys.open(&stored).unwrap_or(stored);
    let content_type = match row.response_content_type.as_deref() {
        Some("application/problem+json") => "application/problem+json",
        _ => "application/json",
    };
    let answer = Answer { status: status.unwrap_or(StatusCode::OK), content_type, body, location: row.response_location, secret: true };
    Ok(Found::Replay(answer))
}

fn mismatch() -> Error {
    Error::rule(Code::IdempotencyKeyReused, "this Idempotency-Key was used with a different request; use a new key for a new request")
}

fn in_flight() -> Error {
    Error::rule(Code::IdempotencyInFlight, "a request with this Idempotency-Key is still being processed; retry later")
}

/// The answer an error gives, when it is one to record.
fn error_answer(err: &Error, request_id: Option<&str>) -> Option<Answer> {
    let problem = classify(err);
    replayable(problem.status).then(|| Answer {
        status: StatusCode::from_u16(problem.status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
        content_type: "application/problem+json",
        body: problem_body(&problem, request_id).to_string(),
        location: None,
        secret: false,
    })
}

/// Runs a request's effect `f` and answers with what it returns. With an `Idempotency-Key`, `f` runs
/// in one transaction with the record of its answer (the answer, or the error a retry would get
/// again), so a crash can never separate the effect from the record.
pub async fn once<F>(state: &web::Data<AppState>, req: &HttpRequest, f: F) -> Result<HttpResponse>
where
    F: FnOnce(&mut DbConn) -> Result<Answer> + Send + 'static,
{
    let claim = req.extensions().get::<Claim>().cloned();
    let Some(claim) = claim else {
        return state.db(f).await.map(|answer| answer.into_response(false));
    };
    claim.recorded.store(true, Ordering::SeqCst);
    let keys = state.keys.clone();
    let outcome = state
        .db(move |conn| {
            write_tx(conn, |conn| {
                if !try_lock_key(conn, &claim.lock_name())? {
                    return Err(in_flight());
                }
                let now = crate::clock::now();
                match look_up(conn, &keys, &claim, now)? {
                    Found::Replay(answer) => return Ok(Ok((answer, true))),
                    Found::Mismatch => return Err(mismatch()),
                    Found::Nothing => {}
                }
                let result = f(conn);
                let recorded = match &result {
                    Ok(answer) => Some(answer.clone()),
                    Err(err) => error_answer(err, claim.request_id.as_deref()),
                };
                if let Some(answer) = recorded {
                    keys::insert(conn, &claim.row(&keys, &answer, now))?;
                }
                Ok(result.map(|answer| (answer, false)))
            })
        })
        .await?;
    outcome.map(|(answer, replayed)| answer.into_response(replayed))
}

fn reject(req: ServiceRequest, err: Error) -> ServiceResponse<BoxBody> {
    req.into_response(actix_web::ResponseError::error_response(&err))
}

/// The middleware: checks the key, replays a recorded answer, holds the key while the request runs,
/// and records answers the handler did not record itself (refusals before any effect).
pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let changes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let key = req.headers().get(HEADER).map(|v| v.to_str().map(str::to_owned));
    // A rehearsal (`validate_only`) changes nothing: its key is neither looked up nor kept.
    let rehearsal = crate::api::validate_only::asked(req.query_string());
    let (Some(key), true, false, false) = (key, changes, req.path().starts_with("/v1/oauth/"), rehearsal) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let (Some(state), Some(routes)) = (req.app_data::<web::Data<AppState>>().cloned(), req.app_data::<web::Data<RouteTable>>().cloned())
    else {
        return Ok(reject(req, Error::internal("app state missing")));
    };
    // Unknown routes answer 404/405 and calls without a valid token 401, key or no key; nothing is
    // remembered for them.
    let Some(needs_token) = routes.needs_token(req.method().as_str(), req.path()) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let scope = match principal(req.request(), &state) {
        Ok(Some(p)) => p.scope(),
        Ok(None) if !needs_token => format!("ip:{}", client_ip(req.request())),
        _ => return Ok(next.call(req).await?.map_into_boxed_body()),
    };
    let Some(key) = key.ok().filter(|k| !k.is_empty() && k.len() <= 255) else {
        let err = Error::rule(Code::InvalidIdempotencyKey, "Idempotency-Key must be 1 to 255 visible ASCII characters");
        return Ok(reject(req, err));
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(e) => return Ok(req.into_response(e.error_response())),
    };
    let target = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let mut material = format!("{} {target}\n", req.method()).into_bytes();
    material.extend_from_slice(&body);
    req.set_payload(Payload::from(body));
    let claim = Claim { scope, key, hash: sha256_hex(&material), request_id: current_request_id(), recorded: Arc::default() };

    let Some(_busy) = state.busy.enter(claim.lock_name()) else {
        return Ok(reject(req, in_flight()));
    };
    let (keys, lookup) = (state.keys.clone(), claim.clone());
    match state.db(move |conn| look_up(conn, &keys, &lookup, crate::clock::now())).await {
        Ok(Found::Nothing) => {}
        Ok(Found::Replay(answer)) => return Ok(req.into_response(answer.into_response(true))),
        Ok(Found::Mismatch) => return Ok(reject(req, mismatch())),
        Err(err) => return Ok(reject(req, err)),
    }
    req.extensions_mut().insert(claim.clone());
    let res = next.call(req).await?;
    if claim.recorded.load(Ordering::SeqCst) || !replayable(res.status().as_u16()) {
        return Ok(res.map_into_boxed_body());
    }
    record_after(&state, claim, res).await
}

/// Records the answer of a request that reached no effect (refused by an extractor, or a handler
/// that writes nothing), so its retry gets the same answer.
async fn record_after(
    state: &web::Data<AppState>,
    claim: Claim,
    res: ServiceResponse<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let status = res.status();
    let content_type = match res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
        Some("application/problem+json") => "application/problem+json",
        _ => "application/json",
    };
    let location = res.headers().get(LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (http_req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let Ok(bytes) = actix_web::body::to_bytes(body).await else {
        let err = Error::internal("response body could not be buffered");
        return Ok(ServiceResponse::new(http_req, actix_web::ResponseError::error_response(&err)));
    };
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let answer = Answer { status, content_type, body: text.to_owned(), location, secret: false };
        let keys = state.keys.clone();
        let row = claim.row(&keys, &answer, crate::clock::now());
        // A record that loses to a concurrent one, or fails, only costs the retry a fresh run of a
        // request that had no effect.
        if let Err(e) = state.db(move |conn| Ok(keys::insert(conn, &row)?)).await {
            tracing::warn!("idempotency record not kept: {e}");
        }
    }
    Ok(ServiceResponse::new(http_req, head.set_body(BoxBody::new(bytes))))
}
