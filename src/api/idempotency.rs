//! `Idempotency-Key` handling for every state-changing request: the first answer is stored and replayed
//! (`Idempotent-Replayed: true`) to a retry with the same key and body from the same principal for 24 h;
//! a different body → 422; a retry while the first is still running → 409.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::middleware::Next;
use actix_web::{HttpResponse, web};
use chrono::{Duration, NaiveDateTime};

use crate::api::auth::principal;
use crate::api::fallback::RouteTable;
use crate::api::limits::client_ip;
use crate::crypto::sha256_hex;
use crate::error::{Error, Problem, Result};
use crate::state::AppState;
use crate::store::db::{DbConn, write_tx};
use crate::store::idempotency::{self as keys, IdempotencyRow};

const HEADER: &str = "idempotency-key";
/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);
/// How long an unfinished first request holds its key before a retry may take over (a crashed replica).
const ABANDONED_AFTER: Duration = Duration::minutes(2);

enum Begin {
    Fresh,
    Replay { status: u16, content_type: String, body: String },
    Mismatch,
    InFlight,
}

fn begin(conn: &mut DbConn, principal: &str, key: &str, hash: &str, now: NaiveDateTime) -> Result<Begin> {
    write_tx(conn, |conn| {
        let fresh = IdempotencyRow {
            principal: principal.to_owned(),
            idempotency_key: key.to_owned(),
            request_hash: hash.to_owned(),
            status: "in_flight".into(),
            response_status: None,
            response_content_type: None,
            response_body: None,
            created_at: now,
        };
        let Some(row) = keys::find(conn, principal, key)? else {
            keys::insert(conn, &fresh)?;
            return Ok(Begin::Fresh);
        };
        let expired = row.created_at < now - RETENTION;
        let abandoned = row.status == "in_flight" && row.created_at < now - ABANDONED_AFTER;
        if expired || (abandoned && row.request_hash == hash) {
            keys::delete(conn, principal, key)?;
            keys::insert(conn, &fresh)?;
            return Ok(Begin::Fresh);
        }
        if row.request_hash != hash {
            return Ok(Begin::Mismatch);
        }
        match (row.status.as_str(), row.response_status, row.response_body) {
            ("done", Some(status), Some(body)) => Ok(Begin::Replay {
                status: u16::try_from(status).unwrap_or(500),
                content_type: row.response_content_type.unwrap_or_else(|| "application/json".into()),
                body,
            }),
            _ => Ok(Begin::InFlight),
        }
    })
}

/// Whether an answer is final enough to replay: not a server error, and not one a retry may cure.
fn storable(status: u16) -> bool {
    status < 500 && !matches!(status, 401 | 403 | 408 | 409 | 429)
}

fn reject(req: ServiceRequest, err: Error) -> ServiceResponse<BoxBody> {
    req.into_response(actix_web::ResponseError::error_response(&err))
}

pub async fn idempotency(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let changes = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    let key = req.headers().get(HEADER).map(|v| v.to_str().map(str::to_owned));
    let (Some(key), true, false) = (key, changes, req.path().starts_with("/v1/oauth/")) else {
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
        let err = Error::bad_request("invalid_idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters");
        return Ok(reject(req, err));
    };
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(e) => return Ok(req.into_response(e.error_response())),
    };
    let target = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let mut material = format!("{} {target}\n", req.method()).into_bytes();
    material.extend_from_slice(&body);
    let hash = sha256_hex(&material);
    req.set_payload(Payload::from(body));

    let now = crate::clock::now();
    let (s, k) = (scope.clone(), key.clone());
    let begun = state.db(move |conn| begin(conn, &s, &k, &hash, now)).await;
    match begun {
        Ok(Begin::Fresh) => {}
        Ok(Begin::Replay { status, content_type, body }) => {
            let status = actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::OK);
            let response = HttpResponse::build(status).content_type(content_type).insert_header(("idempotent-replayed", "true")).body(body);
            return Ok(req.into_response(response));
        }
        Ok(Begin::Mismatch) => {
            let problem = Problem::new(
                422,
                "idempotency_key_reused",
                "Idempotency key reused",
                "this Idempotency-Key was used with a different request; use a new key for a new request",
            );
            return Ok(reject(req, problem.into()));
        }
        Ok(Begin::InFlight) => {
            let err = Error::conflict("idempotency_in_flight", "a request with this Idempotency-Key is still being processed; retry later");
            return Ok(reject(req, err));
        }
        Err(err) => return Ok(reject(req, err)),
    }

    let res = next.call(req).await;
    let forget = {
        let state = state.clone();
        let (scope, key) = (scope.clone(), key.clone());
        move || async move {
            let _ = state.db(move |conn| Ok(keys::delete(conn, &scope, &key)?)).await;
        }
    };
    let res = match res {
        Ok(res) if storable(res.status().as_u16()) => res,
        other => {
            forget().await;
            return Ok(other?.map_into_boxed_body());
        }
    };
    let status = res.status().as_u16();
    let content_type = res.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("application/json").to_owned();
    let (http_req, response) = res.into_parts();
    let (head, body) = response.into_parts();
    let Ok(bytes) = actix_web::body::to_bytes(body).await else {
        forget().await;
        let err = Error::internal("response body could not be buffered");
        return Ok(ServiceResponse::new(http_req, actix_web::ResponseError::error_response(&err)));
    };
    let stored = match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let text = text.to_owned();
            state.db(move |conn| Ok(keys::complete(conn, &scope, &key, i32::from(status), &content_type, &text)?)).await
        }
        Err(_) => Err(Error::internal("binary responses are not stored")),
    };
    if stored.is_err() {
        forget().await;
    }
    Ok(ServiceResponse::new(http_req, head.set_body(BoxBody::new(bytes))))
}
