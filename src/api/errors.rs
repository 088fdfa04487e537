//! problem+json (RFC 9457) rendering of `Error`, the request id carried into every error body, and the
//! handlers that turn actix's own extractor errors into the same format.

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{Code, Error, FieldError};

tokio::task_local! {
    /// The id of the request being served, set by the request-id middleware.
    pub static REQUEST_ID: String;
}

/// The current request's id, when inside a request.
pub fn current_request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// An RFC 9457 problem document, as every error of the API is answered.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/validation_failed", "title": "Validation failed", "status": 422,
    "detail": "inn: check digit does not match", "code": "validation_failed",
    "request_id": "0193f6a2c1d27c3e9f1a2b3c4d5e6f70",
    "errors": [{"field": "inn", "message": "check digit does not match"}]
}))]
pub struct ProblemBody {
    /// A URI reference naming the problem type: `/problems/{code}`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    /// Stable machine-readable code.
    pub code: Code,
    /// Quote it when asking for support: it is in the server's log too.
    pub request_id: Option<String>,
    /// The failing fields, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// OAuth 2 error code (RFC 6749 §5.2): the `code` again, on the OAuth errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// OAuth 2 error description: the `detail` again, on the OAuth errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// Remaining tries (verification codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

/// The status and title of each code: the one table of the HTTP mapping.
pub fn http(code: Code) -> (u16, &'static str) {
    match code {
        Code::BadRequest
        | Code::MalformedJson
        | Code::MalformedBody
        | Code::InvalidPath
        | Code::InvalidQuery
        | Code::InvalidIdempotencyKey => (400, "Bad request"),
        Code::InvalidRequest | Code::InvalidGrant | Code::UnsupportedGrantType | Code::UnauthorizedClient | Code::InvalidScope => {
            (400, "Invalid token request")
        }
        Code::Unauthorized | Code::InvalidSignature => (401, "Unauthorized"),
        Code::InvalidClient => (401, "Invalid client"),
        Code::Forbidden => (403, "Forbidden"),
        Code::InsufficientScope => (403, "Insufficient scope"),
        Code::NotFound => (404, "Not found"),
        Code::MethodNotAllowed => (405, "Method not allowed"),
        Code::RequestTimeout => (408, "Request timeout"),
        Code::Conflict
        | Code::AlreadyLinked
        | Code::BillingRunInProgress
        | Code::EmailAlreadyConfirmed
        | Code::EmailNotConfirmed
        | Code::EmailTaken
        | Code::EmailUndeliverable
        | Code::IdempotencyInFlight
        | Code::InvalidTransition
        | Code::NoWebhookUrl
        | Code::OperatorExists
        | Code::PeriodClosed
        | Code::ProviderExists
        | Code::RunExists => (409, "Conflict"),
        Code::VerificationExpired | Code::VerificationDead | Code::VerificationSuperseded | Code::VerificationUsed => (410, "Gone"),
        Code::PayloadTooLarge => (413, "Payload too large"),
        Code::UriTooLong => (414, "URI too long"),
        Code::UnsupportedMediaType => (415, "Unsupported media type"),
        Code::NotAcceptable => (406, "Not acceptable"),
        Code::HeadersTooLarge => (431, "Request headers too large"),
        Code::ValidationFailed | Code::UnstorableText => (422, "Validation failed"),
        Code::IdempotencyKeyReused => (422, "Idempotency key reused"),
        Code::WrongCode => (422, "Wrong code"),
        Code::RateLimited | Code::LinkRateLimited => (429, "Too many requests"),
        Code::SmsRateLimited => (429, "Too many SMS"),
        Code::Internal => (500, "Internal server error"),
        Code::Unavailable => (503, "Service unavailable"),
        Code::NotReady => (503, "Not ready"),
    }
}

/// The code that answers a status actix chose by itself (a body over the limit, a bad header).
pub fn code_of_status(status: u16) -> Code {
    match status {
        404 => Code::NotFound,
        405 => Code::MethodNotAllowed,
        406 => Code::NotAcceptable,
        408 => Code::RequestTimeout,
        413 => Code::PayloadTooLarge,
        414 => Code::UriTooLong,
        415 => Code::UnsupportedMediaType,
        431 => Code::HeadersTooLarge,
        500..=599 => Code::Internal,
        _ => Code::BadRequest,
    }
}

/// An error as HTTP answers it: status, code, title, detail, fields, extra members and headers.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: u16,
    pub code: Code,
    pub title: &'static str,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub extensions: serde_json::Map<String, serde_json::Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl Problem {
    /// The problem of `code` with `detail`, and the headers and members its code always brings.
    pub fn of(code: Code, detail: impl Into<String>) -> Self {
        let (status, title) = http(code);
        let detail = detail.into();
        let mut problem = Self { status, code, title, detail, errors: Vec::new(), extensions: Default::default(), headers: Vec::new() };
        match code {
            Code::Unauthorized => problem.headers.push(("www-authenticate", "Bearer".into())),
            Code::InvalidClient => problem.headers.push(("www-authenticate", "Basic realm=\"ebill\"".into())),
            Code::Unavailable => problem.headers.push(("retry-after", "1".into())),
            Code::NotReady => problem.headers.push(("retry-after", "5".into())),
            _ => {}
        }
        // OAuth clients look for `error` and `error_description` (RFC 6749 §5.2).
        if matches!(
            code,
            Code::InvalidRequest
                | Code::InvalidGrant
                | Code::UnsupportedGrantType
                | Code::InvalidClient
                | Code::UnauthorizedClient
                | Code::InvalidScope
                | Code::InsufficientScope
        ) {
            problem.extensions.insert("error".into(), code.as_str().into());
            problem.extensions.insert("error_description".into(), problem.detail.clone().into());
        }
        problem
    }
}

/// The problem an error answers with.
pub fn classify(err: &Error) -> Problem {
    match err {
        Error::Rule(rule) => {
            let mut problem = Problem::of(rule.code, rule.detail.clone());
            problem.errors = rule.errors.clone();
            problem.extensions.extend(rule.extensions.clone());
            if rule.code == Code::InsufficientScope {
                // RFC 6750 §3: the scope the operation needs, when one would do.
                let scope = rule.extensions.get("scope").and_then(|s| s.as_str()).map(|s| format!(", scope=\"{s}\"")).unwrap_or_default();
                problem.headers.push(("www-authenticate", format!("Bearer error=\"insufficient_scope\"{scope}")));
            }
            problem
        }
        Error::RateLimited(limited) => {
            let (name, quota, wait) = (&limited.name, limited.quota, limited.retry_after_secs);
            let mut problem = Problem::of(limited.code, limited.detail.clone());
            problem.headers.push(("retry-after", wait.to_string()));
            problem.headers.push(("ratelimit-policy", format!("\"{name}\";q={};w={}", quota.count, quota.per.as_secs())));
            problem.headers.push(("ratelimit", format!("\"{name}\";r=0;t={wait}")));
            problem
        }
        Error::Db(DieselError::NotFound) => Problem::of(Code::NotFound, "no such resource"),
        Error::Db(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Problem::of(Code::Conflict, "a resource with these values already exists")
        }
        // The edges refuse text PostgreSQL cannot store, naming the field; this catches what they miss.
        Error::Db(DieselError::DatabaseError(_, info)) if unstorable_text(info.message()) => {
            Problem::of(Code::UnstorableText, "the request holds text that cannot be stored (a NUL character?)")
        }
        Error::Pool(_) => Problem::of(Code::Unavailable, "the database is busy; retry shortly"),
        Error::Db(_) | Error::Internal(_) => Problem::of(Code::Internal, "something went wrong on our side"),
    }
}

/// PostgreSQL's refusals of text it cannot store (NUL, bytes that are not UTF-8).
fn unstorable_text(message: &str) -> bool {
    message.contains("invalid byte sequence") || message.contains("unsupported Unicode escape sequence")
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(classify(self).status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn error_response(&self) -> HttpResponse {
        let problem = classify(self);
        let request_id = current_request_id();
        if problem.status >= 500 {
            tracing::error!("request {}: {}", request_id.as_deref().unwrap_or("-"), self.chain());
        }
        render(problem, request_id)
    }
}

/// The problem+json document of `problem`.
pub fn problem_body(problem: &Problem, request_id: Option<&str>) -> serde_json::Value {
    let mut body = serde_json::json!({
        "type": format!("/problems/{}", problem.code.as_str()),
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "code": problem.code.as_str(),
        "request_id": request_id,
    });
    if let Some(map) = body.as_object_mut() {
        if !problem.errors.is_empty() {
            map.insert("errors".into(), serde_json::to_value(&problem.errors).unwrap_or_default());
        }
        map.extend(problem.extensions.clone());
    }
    body
}

/// The problem+json answer of `problem`.
pub fn render(problem: Problem, request_id: Option<String>) -> HttpResponse {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = problem_body(&problem, request_id.as_deref());
    let mut response = HttpResponse::build(status);
    response.content_type("application/problem+json");
    for (name, value) in problem.headers {
        if let (Ok(name), Ok(value)) = (HeaderName::from_bytes(name.as_bytes()), HeaderValue::from_str(&value)) {
            response.insert_header((name, value));
        }
    }
    response.body(body.to_string())
}

/// Path parameters that do not parse: 400.
pub fn path_error(err: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    Error::rule(Code::InvalidPath, format!("bad path parameter: {err}")).into()
}

/// Query strings that do not parse: 400.
pub fn query_error(err: actix_web::error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        actix_web::error::QueryPayloadError::Deserialize(e) => format!("bad query parameter: {e}"),
        other => format!("bad query string: {other}"),
    };
    Error::rule(Code::InvalidQuery, detail).into()
}

/// Form bodies that do not parse: 400, or 415 for the wrong content type.
pub fn form_error(err: actix_web::error::UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
    match err {
        actix_web::error::UrlencodedError::ContentType => unsupported_media_type("application/x-www-form-urlencoded").into(),
        actix_web::error::UrlencodedError::Overflow { .. } | actix_web::error::UrlencodedError::UnknownLength => too_large().into(),
        other => Error::rule(Code::MalformedBody, format!("bad form body: {other}")).into(),
    }
}

pub fn unsupported_media_type(expected: &str) -> Error {
    Error::rule(Code::UnsupportedMediaType, format!("send the body as {expected}"))
}

pub fn too_large() -> Error {
    Error::rule(Code::PayloadTooLarge, "the request body is larger than this endpoint accepts")
}
