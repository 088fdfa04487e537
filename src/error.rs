//! The one error type of services and handlers: every variant knows its HTTP status and stable code;
//! `api::errors` renders it as problem+json.

use serde::Serialize;
use utoipa::ToSchema;

/// A field that failed validation: `items[3].amount`, with a readable message.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
}

/// A client-facing failure: status, stable machine code, title and detail, plus optional field errors,
/// extra members and headers.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: u16,
    pub code: &'static str,
    pub title: &'static str,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub extensions: serde_json::Map<String, serde_json::Value>,
    pub headers: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(status: u16, code: &'static str, title: &'static str, detail: impl Into<String>) -> Self {
        Self { status, code, title, detail: detail.into(), errors: Vec::new(), extensions: Default::default(), headers: Vec::new() }
    }

    /// Adds a member to the body (e.g. `attempts_left`).
    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.extensions.insert(name.to_owned(), value.into());
        self
    }

    /// Adds a response header (e.g. `Retry-After`).
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

/// Everything that can go wrong answering a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A failure the client caused or must know about (4xx, 503).
    #[error("{} {}: {}", .0.status, .0.code, .0.detail)]
    Problem(Box<Problem>),
    /// A database error; `NotFound` answers 404, a unique violation 409, anything else 500.
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    /// No connection could be had in time: 503.
    #[error("database pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// A bug or an outage: 500 with a generic body, the cause only in the log.
    #[error("internal: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Problem> for Error {
    fn from(p: Problem) -> Self {
        Self::Problem(Box::new(p))
    }
}

impl Error {
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        Self::Internal(cause.to_string())
    }

    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Self {
        Problem::new(400, code, "Bad request", detail).into()
    }

    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Problem::new(401, "unauthorized", "Unauthorized", detail).header("WWW-Authenticate", "Bearer").into()
    }

    pub fn forbidden(detail: impl Into<String>) -> Self {
        Problem::new(403, "forbidden", "Forbidden", detail).into()
    }

    /// 404 for an unknown or foreign id of `what` (never revealing which).
    pub fn not_found(what: &str) -> Self {
        Problem::new(404, "not_found", "Not found", format!("no such {what}")).into()
    }

    pub fn conflict(code: &'static str, detail: impl Into<String>) -> Self {
        Problem::new(409, code, "Conflict", detail).into()
    }

    /// 429 with `Retry-After` and the `RateLimit-Policy` / `RateLimit` headers of the policy `name`.
    pub fn rate_limited(
        code: &'static str,
        title: &'static str,
        name: &str,
        quota: crate::config::Quota,
        wait_secs: u64,
        detail: String,
    ) -> Self {
        Problem::new(429, code, title, detail)
            .header("retry-after", wait_secs.to_string())
            .header("ratelimit-policy", format!("\"{name}\";q={};w={}", quota.count, quota.per.as_secs()))
            .header("ratelimit", format!("\"{name}\";r=0;t={wait_secs}"))
            .into()
    }

    pub fn gone(code: &'static str, detail: impl Into<String>) -> Self {
        Problem::new(410, code, "Gone", detail).into()
    }

    /// 422 listing each failing field.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        let mut p = Problem::new(422, "validation_failed", "Validation failed", detail);
        p.errors = errors;
        p.into()
    }

    /// 422 for one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            Self::Problem(p) => Some(p),
            _ => None,
        }
    }
}

/// Collects field errors while checking a request, then fails once with all of them.
#[derive(Debug, Default)]
pub struct Checks(pub Vec<FieldError>);

impl Checks {
    /// Records `message` for `field` unless `ok`.
    pub fn check(&mut self, ok: bool, field: impl Into<String>, message: impl Into<String>) {
        if !ok {
            self.0.push(FieldError::new(field, message));
        }
    }

    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing failed, else one 422 naming every failing field.
    pub fn finish(self) -> Result<()> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::validation(self.0)) }
    }
}
