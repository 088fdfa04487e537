//! problem+json (RFC 9457) rendering of `Error`, the request id carried into every error body, and the
//! handlers that turn actix's own extractor errors into the same format.

use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{Error, FieldError, Problem};

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
    pub code: String,
    /// Quote it when asking for support: it is in the server's log too.
    pub request_id: Option<String>,
    /// The failing fields, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// OAuth 2 error code (token endpoint only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Remaining tries (verification codes only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
}

/// The problem an error answers with.
pub fn classify(err: &Error) -> Problem {
    match err {
        Error::Problem(p) => (**p).clone(),
        Error::Db(DieselError::NotFound) => Problem::new(404, "not_found", "Not found", "no such resource"),
        Error::Db(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {
            Problem::new(409, "conflict", "Conflict", "a resource with these values already exists")
        }
        // The edges refuse text PostgreSQL cannot store, naming the field; this catches what they miss.
        Error::Db(DieselError::DatabaseError(_, info)) if unstorable_text(info.message()) => {
            Problem::new(422, "unstorable_text", "Validation failed", "the request holds text that cannot be stored (a NUL character?)")
        }
        Error::Pool(_) => {
            Problem::new(503, "unavailable", "Service unavailable", "the database is busy; retry shortly").header("Retry-After", "1")
        }
        Error::Db(_) | Error::Internal(_) => Problem::new(500, "internal", "Internal server error", "something went wrong on our side"),
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
            log::error!("request {}: {self}", request_id.as_deref().unwrap_or("-"));
        }
        render(problem, request_id)
    }
}

/// The problem+json document of `problem`.
pub fn problem_body(problem: &Problem, request_id: Option<&str>) -> serde_json::Value {
    let mut body = serde_json::json!({
        "type": format!("/problems/{}", problem.code),
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        "code": problem.code,
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

fn render(problem: Problem, request_id: Option<String>) -> HttpResponse {
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
    Error::bad_request("invalid_path", format!("bad path parameter: {err}")).into()
}

/// Query strings that do not parse: 400.
pub fn query_error(err: actix_web::error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let detail = match &err {
        actix_web::error::QueryPayloadError::Deserialize(e) => format!("bad query parameter: {e}"),
        other => format!("bad query string: {other}"),
    };
    Error::bad_request("invalid_query", detail).into()
}

/// Form bodies that do not parse: 400, or 415 for the wrong content type.
pub fn form_error(err: actix_web::error::UrlencodedError, _req: &HttpRequest) -> actix_web::Error {
    match err {
        actix_web::error::UrlencodedError::ContentType => unsupported_media_type("application/x-www-form-urlencoded").into(),
        actix_web::error::UrlencodedError::Overflow { .. } | actix_web::error::UrlencodedError::UnknownLength => too_large().into(),
        other => Error::bad_request("malformed_body", format!("bad form body: {other}")).into(),
    }
}

pub fn unsupported_media_type(expected: &str) -> Error {
    Problem::new(415, "unsupported_media_type", "Unsupported media type", format!("send the body as {expected}")).into()
}

pub fn too_large() -> Error {
    Problem::new(413, "payload_too_large", "Payload too large", "the request body is larger than this endpoint accepts").into()
}
