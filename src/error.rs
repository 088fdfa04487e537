//! The one error type of services and handlers, in domain terms: a rule that refused the request
//! (with its stable `Code`), a limit that was hit, a database or internal failure. Nothing here knows
//! HTTP: `api::errors` maps each code to a status, a title and headers (problem+json), and a page
//! front shows the same error next to its field.

use serde::Serialize;
use utoipa::ToSchema;

use crate::config::Quota;

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

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)+) => {
        /// Every stable `code` the API answers with, in one table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum Code {
            $($(#[$doc])* $variant,)+
        }

        impl Code {
            /// Every code, for the spec and the tests.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)+
                }
            }
        }
    };
}

codes! {
    /// The request could not be read (a header, the framing).
    BadRequest = "bad_request",
    /// The body is not JSON.
    MalformedJson = "malformed_json",
    /// The body could not be read or parsed.
    MalformedBody = "malformed_body",
    InvalidPath = "invalid_path",
    /// A query parameter that does not parse, or holds NUL.
    InvalidQuery = "invalid_query",
    InvalidIdempotencyKey = "invalid_idempotency_key",
    /// OAuth: a token request missing a parameter or holding a bad one.
    InvalidRequest = "invalid_request",
    /// OAuth: a wrong password, or a refresh token that is invalid, expired or revoked.
    InvalidGrant = "invalid_grant",
    UnsupportedGrantType = "unsupported_grant_type",
    /// OAuth: the client may not use this grant (an app asking for the password grant, a suspended app).
    UnauthorizedClient = "unauthorized_client",
    /// OAuth: a scope that does not exist or that the app may not ask for.
    InvalidScope = "invalid_scope",
    /// No valid bearer token.
    Unauthorized = "unauthorized",
    /// OAuth: unknown client, wrong secret, or a provider that is not active.
    InvalidClient = "invalid_client",
    /// A signed hook whose signature is missing, wrong or stale.
    InvalidSignature = "invalid_signature",
    /// The right token of the wrong role.
    Forbidden = "forbidden",
    /// An app's token without the scope the operation needs (RFC 6750), or an operation only first-party
    /// logins may call.
    InsufficientScope = "insufficient_scope",
    /// An unknown or foreign id, or no such route.
    NotFound = "not_found",
    MethodNotAllowed = "method_not_allowed",
    RequestTimeout = "request_timeout",
    /// A resource with these values exists already.
    Conflict = "conflict",
    AlreadyLinked = "already_linked",
    BillingRunInProgress = "billing_run_in_progress",
    EmailAlreadyConfirmed = "email_already_confirmed",
    EmailNotConfirmed = "email_not_confirmed",
    EmailTaken = "email_taken",
    EmailUndeliverable = "email_undeliverable",
    IdempotencyInFlight = "idempotency_in_flight",
    InvalidTransition = "invalid_transition",
    /// The provider has no webhook URL to send to (a ping, a redelivery).
    NoWebhookUrl = "no_webhook_url",
    OperatorExists = "operator_exists",
    PeriodClosed = "period_closed",
    ProviderExists = "provider_exists",
    RunExists = "run_exists",
    VerificationExpired = "verification_expired",
    VerificationDead = "verification_dead",
    VerificationSuperseded = "verification_superseded",
    VerificationUsed = "verification_used",
    PayloadTooLarge = "payload_too_large",
    UriTooLong = "uri_too_long",
    UnsupportedMediaType = "unsupported_media_type",
    /// The `Accept` header names no representation the operation produces.
    NotAcceptable = "not_acceptable",
    HeadersTooLarge = "headers_too_large",
    /// Fields that fail their rules, each named in `errors`.
    ValidationFailed = "validation_failed",
    IdempotencyKeyReused = "idempotency_key_reused",
    /// A wrong SMS code; `attempts_left` says how many remain.
    WrongCode = "wrong_code",
    /// Text no database can store (caught by the database rather than at the edge).
    UnstorableText = "unstorable_text",
    RateLimited = "rate_limited",
    SmsRateLimited = "sms_rate_limited",
    LinkRateLimited = "link_rate_limited",
    /// A bug or an outage on our side.
    Internal = "internal",
    /// The database is busy.
    Unavailable = "unavailable",
    /// The database is unreachable or not migrated (`/readyz`).
    NotReady = "not_ready",
}

/// A refusal by a rule: its code, what to tell the caller, the failing fields, and extra members
/// (`attempts_left`).
#[derive(Debug, Clone)]
pub struct Rule {
    pub code: Code,
    pub detail: String,
    pub errors: Vec<FieldError>,
    pub extensions: serde_json::Map<String, serde_json::Value>,
}

impl Rule {
    /// Adds a member to the answer (e.g. `attempts_left`).
    pub fn with(mut self, name: &str, value: impl Into<serde_json::Value>) -> Self {
        self.extensions.insert(name.to_owned(), value.into());
        self
    }

    /// Names a failing field.
    pub fn field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.errors.push(FieldError::new(field, message));
        self
    }
}

/// A limit that was hit: which (`name`, for the `RateLimit-Policy`), its quota, and when a request
/// may come again.
#[derive(Debug, Clone)]
pub struct Limited {
    pub code: Code,
    pub name: String,
    pub quota: Quota,
    pub retry_after_secs: u64,
    pub detail: String,
}

/// Everything that can go wrong answering a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule refused the request.
    #[error("{}: {}", .0.code.as_str(), .0.detail)]
    Rule(Box<Rule>),
    /// A limit was hit.
    #[error("{}: {}", .0.code.as_str(), .0.detail)]
    RateLimited(Box<Limited>),
    /// A database error; `NotFound` answers 404, a unique violation 409, anything else 500.
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
    /// No connection could be had in time: 503.
    #[error("database pool: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// A bug or an outage: 500 with a generic body, the whole cause chain only in the log.
    #[error("internal: {0}")]
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Rule> for Error {
    fn from(rule: Rule) -> Self {
        Self::Rule(Box::new(rule))
    }
}

impl Error {
    /// A refusal with `code`; add fields and members to the `Rule` with `rule_of`.
    pub fn rule(code: Code, detail: impl Into<String>) -> Self {
        Self::rule_of(code, detail).into()
    }

    /// The `Rule` of `code`, to add fields or members to before it becomes an error.
    pub fn rule_of(code: Code, detail: impl Into<String>) -> Rule {
        Rule { code, detail: detail.into(), errors: Vec::new(), extensions: Default::default() }
    }

    /// A bug or an outage, with its cause kept for the log.
    pub fn internal(cause: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Self::Internal(cause.into())
    }

    /// No or a bad token.
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Self::rule(Code::Unauthorized, detail)
    }

    /// The right token of the wrong role.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::rule(Code::Forbidden, detail)
    }

    /// An unknown or foreign id of `what` (never revealing which).
    pub fn not_found(what: &str) -> Self {
        Self::rule(Code::NotFound, format!("no such {what}"))
    }

    /// Too many requests against the limit `name` of `quota`; come back in `retry_after_secs`.
    pub fn rate_limited(code: Code, name: &str, quota: Quota, retry_after_secs: u64, detail: String) -> Self {
        Self::RateLimited(Box::new(Limited { code, name: name.to_owned(), quota, retry_after_secs, detail }))
    }

    /// Every failing field at once.
    pub fn validation(errors: Vec<FieldError>) -> Self {
        let detail = match errors.as_slice() {
            [one] => format!("{}: {}", one.field, one.message),
            many => format!("{} fields are invalid", many.len()),
        };
        Rule { code: Code::ValidationFailed, detail, errors, extensions: Default::default() }.into()
    }

    /// One failing field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::validation(vec![FieldError::new(field, message)])
    }

    /// The code of a refusal or a hit limit; `None` for failures of our own.
    pub fn code(&self) -> Option<Code> {
        match self {
            Self::Rule(rule) => Some(rule.code),
            Self::RateLimited(limited) => Some(limited.code),
            _ => None,
        }
    }

    /// Every cause, outermost first, for the log of a 500.
    pub fn chain(&self) -> String {
        let mut text = self.to_string();
        // The other variants' text already holds their one cause.
        let mut source = match self {
            Self::Internal(inner) => inner.source(),
            _ => None,
        };
        while let Some(cause) = source {
            text.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        text
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("the payload cannot be written")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn the_log_of_an_internal_error_has_every_cause() {
        let error = Error::internal(Outer(std::io::Error::other("disk full")));
        assert_eq!(error.chain(), "internal: the payload cannot be written: disk full");
        assert_eq!(error.code(), None);
        assert_eq!(Error::not_found("provider").code(), Some(Code::NotFound));
    }

    #[test]
    fn codes_are_unique() {
        let texts: std::collections::HashSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(texts.len(), Code::ALL.len());
    }
}
