//! `?validate_only=true` on the bulk writes: the call runs every rule and statement of the real one,
//! then is rolled back; it answers 200 with what the real call would do, the items the real call
//! would refuse (its 422's `errors`) among it. Never recorded under an `Idempotency-Key`.

use actix_web::HttpResponse;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::error::{Code, Error, FieldError, Result};
use crate::store::db::Effect;

/// The query of an operation that can be rehearsed.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ValidateOnly {
    /// `true`: run every rule of the call and store nothing. The answer (200) says what the call would
    /// do, with the items it would refuse in `errors` (instead of a 422) and its `warnings`. Not
    /// recorded under an `Idempotency-Key`: the real call with the same key runs afresh.
    #[serde(default)]
    pub validate_only: bool,
}

impl ValidateOnly {
    pub fn effect(&self) -> Effect {
        if self.validate_only { Effect::Rehearse } else { Effect::Write }
    }
}

/// Whether a query string asks for a rehearsal (read by the idempotency middleware, which runs before
/// the handler parses the query).
pub fn asked(query: &str) -> bool {
    !query.is_empty() && url::form_urlencoded::parse(query.as_bytes()).any(|(name, value)| name == "validate_only" && value == "true")
}

/// The failing fields of a refusal, when it is one for its fields (`validation_failed`).
fn failing_fields(err: &Error) -> Option<Vec<FieldError>> {
    match err {
        Error::Rule(rule) if rule.code == Code::ValidationFailed => Some(rule.errors.clone()),
        _ => None,
    }
}

/// The answer of a rehearsal: 200 with `done` (what the call would do), or with `refused` of the
/// failing fields when the real call would answer 422; any other refusal is the real call's.
pub fn answer<T: Serialize>(done: Result<T>, refused: impl FnOnce(Vec<FieldError>) -> T) -> Result<HttpResponse> {
    match done {
        Ok(done) => Ok(HttpResponse::Ok().json(done)),
        Err(err) => match failing_fields(&err) {
            Some(errors) => Ok(HttpResponse::Ok().json(refused(errors))),
            None => Err(err),
        },
    }
}

/// A request's body, or the whole answer of a rehearsal whose body fails its rules.
pub enum Checked<B> {
    Body(B),
    Answered(HttpResponse),
}

/// The body of a call, or how a rehearsal answers when the body already fails its rules: the
/// extractor's refusal stands as it is for a real call, and as `answer` says for a rehearsal.
pub fn body<B, T: Serialize>(
    body: Result<B, actix_web::Error>,
    effect: Effect,
    refused: impl FnOnce(Vec<FieldError>) -> T,
) -> Result<Checked<B>, actix_web::Error> {
    match body {
        Ok(body) => Ok(Checked::Body(body)),
        Err(err) if effect == Effect::Rehearse => match err.as_error::<Error>().and_then(failing_fields) {
            Some(errors) => Ok(Checked::Answered(HttpResponse::Ok().json(refused(errors)))),
            None => Err(err),
        },
        Err(err) => Err(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_validate_only_true_asks_for_a_rehearsal() {
        assert!(asked("validate_only=true") && asked("limit=5&validate_only=true"));
        for query in ["", "validate_only=false", "validate_only=1", "validate_only", "validate_onl=true"] {
            assert!(!asked(query), "{query}");
        }
    }
}
