//! An example on every problem+json response: one named example per code the response's description
//! names in backticks (`` `period_closed`: … ``), or the first code of its status when it names none.
//! Each example is rendered once, under `components/examples/{code}`, by the function that renders
//! real errors (`errors::problem_body`), so examples and answers cannot part.

use serde_json::{Map, Value, json};

use crate::api::errors::{Problem, http, problem_body};
use crate::error::{Code, FieldError};

const PROBLEM_JSON: &str = "application/problem+json";
const REQUEST_ID: &str = "0193f6a2c1d27c3e9f1a2b3c4d5e6f70";

/// What the example of each code says (exhaustive: a new code needs its example).
fn detail(code: Code) -> (&'static str, Vec<FieldError>) {
    let field = |field: &str, message: &str| vec![FieldError::new(field, message)];
    match code {
        Code::BadRequest => ("the request could not be read", vec![]),
        Code::MalformedJson => ("the body is not valid JSON: expected value at line 1 column 1", vec![]),
        Code::MalformedBody => ("bad form body: missing field `grant_type`", vec![]),
        Code::InvalidPath => ("bad path parameter: cannot parse", vec![]),
        Code::InvalidQuery => ("limit: invalid digit found in string", vec![]),
        Code::InvalidIdempotencyKey => ("Idempotency-Key must be 1 to 255 visible ASCII characters", vec![]),
        Code::InvalidRequest => ("client_secret is required for this grant_type", vec![]),
        Code::InvalidGrant => ("wrong username or password", vec![]),
        Code::UnsupportedGrantType => ("grant_type 'implicit' is not supported", vec![]),
        Code::UnauthorizedClient => ("this client may not use this grant", vec![]),
        Code::InvalidScope => ("unknown scope 'admin'", vec![]),
        Code::Unauthorized => ("missing or invalid bearer token", vec![]),
        Code::InvalidClient => ("unknown client or wrong secret", vec![]),
        Code::InvalidSignature => ("missing, wrong or stale Webhook-Signature", vec![]),
        Code::Forbidden => ("this operation is not for this role", vec![]),
        Code::InsufficientScope => ("the token lacks the scope addresses:write", vec![]),
        Code::NotFound => ("no such resource", vec![]),
        Code::MethodNotAllowed => ("this method is not allowed here", vec![]),
        Code::RequestTimeout => ("the request took too long to arrive", vec![]),
        Code::Conflict => ("a resource with these values already exists", vec![]),
        Code::AlreadyLinked => ("this premises is already linked to the cabinet", vec![]),
        Code::BillingRunInProgress => ("a billing run is in progress; try again when it has finished", vec![]),
        Code::EmailAlreadyConfirmed => ("the email is already confirmed", vec![]),
        Code::EmailNotConfirmed => ("electronic receipts need a confirmed email", vec![]),
        Code::EmailTaken => ("this email is registered already", vec![]),
        Code::EmailUndeliverable => ("mail to this email bounced; change or confirm it again", vec![]),
        Code::IdempotencyInFlight => ("a request with this Idempotency-Key is still running", vec![]),
        Code::InvalidTransition => ("the provider is already active", vec![]),
        Code::OperatorExists => ("an operator with this email exists", vec![]),
        Code::PeriodClosed => ("the billing run of 2021-08 has started: the period is closed", vec![]),
        Code::NoWebhookUrl => ("the provider has no webhook_url: set one with PATCH /v1/providers/me", vec![]),
        Code::ProviderExists => ("a provider with this INN and KPP is registered", vec![]),
        Code::RunExists => ("the billing run of 2021-08 exists", vec![]),
        Code::VerificationExpired => ("the code has expired; ask for a new one", vec![]),
        Code::VerificationDead => ("5 wrong codes: ask for a new verification", vec![]),
        Code::VerificationSuperseded => ("a newer verification replaced this one", vec![]),
        Code::VerificationUsed => ("this verification is confirmed already", vec![]),
        Code::PayloadTooLarge => ("the request body is larger than this endpoint accepts", vec![]),
        Code::UriTooLong => ("the URI is too long", vec![]),
        Code::UnsupportedMediaType => ("send the body as application/json", vec![]),
        Code::NotAcceptable => ("this operation answers application/json or application/pdf", vec![]),
        Code::HeadersTooLarge => ("the request headers are too large", vec![]),
        Code::ValidationFailed => ("inn: check digit does not match", field("inn", "must be 10 or 12 digits with valid check digits")),
        Code::IdempotencyKeyReused => ("this Idempotency-Key was used with a different request; use a new key for a new request", vec![]),
        Code::WrongCode => ("wrong code", vec![]),
        Code::UnstorableText => ("the request holds text that cannot be stored (a NUL character?)", vec![]),
        Code::RateLimited => ("retry in 42 s", vec![]),
        Code::SmsRateLimited => ("one SMS a minute to this phone: retry in 42 s", vec![]),
        Code::LinkRateLimited => ("too many wrong link codes for this payer code: retry in 1800 s", vec![]),
        Code::Internal => ("something went wrong on our side", vec![]),
        Code::Unavailable => ("the database is busy; retry shortly", vec![]),
        Code::NotReady => ("the database is unreachable or not migrated", vec![]),
    }
}

/// The example of `code`: the problem document the server renders for it.
fn example(code: Code) -> Value {
    let (detail, errors) = detail(code);
    let mut problem = Problem::of(code, detail);
    problem.errors = errors;
    if code == Code::WrongCode {
        problem.extensions.insert("attempts_left".into(), 4.into());
    }
    let (_, title) = http(code);
    json!({"summary": format!("{} ({title})", code.as_str()), "value": problem_body(&problem, Some(REQUEST_ID))})
}

/// The codes a response of `status` names in backticks in its description, or its status's first code.
fn codes_of(status: u16, description: &str) -> Vec<Code> {
    let named: Vec<Code> = description
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|word| Code::ALL.iter().copied().find(|c| c.as_str() == word))
        .filter(|c| http(*c).0 == status)
        .fold(Vec::new(), |mut codes, c| {
            if !codes.contains(&c) {
                codes.push(c);
            }
            codes
        });
    if !named.is_empty() {
        return named;
    }
    Code::ALL.iter().copied().find(|c| http(*c).0 == status).into_iter().collect()
}

/// Adds the examples to every problem+json response of `doc` and their definitions to its components.
pub fn apply(doc: &mut Value) {
    let mut used: Vec<Code> = Vec::new();
    for (_, status, response) in super::responses_mut(doc) {
        let Ok(status) = status.parse::<u16>() else { continue };
        let description = response.get("description").and_then(Value::as_str).unwrap_or_default().to_owned();
        let Some(content) = response.get_mut("content").and_then(|c| c.get_mut(PROBLEM_JSON)).and_then(Value::as_object_mut) else {
            continue;
        };
        let codes = codes_of(status, &description);
        let examples: Map<String, Value> =
            codes.iter().map(|c| (c.as_str().to_owned(), json!({"$ref": format!("#/components/examples/{}", c.as_str())}))).collect();
        if examples.is_empty() {
            continue;
        }
        for code in codes {
            if !used.contains(&code) {
                used.push(code);
            }
        }
        content.insert("examples".into(), Value::Object(examples));
    }
    let examples: Map<String, Value> =
        Code::ALL.iter().filter(|c| used.contains(c)).map(|c| (c.as_str().to_owned(), example(*c))).collect();
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert("examples".into(), Value::Object(examples));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_codes_of_the_status_win_over_the_default() {
        assert_eq!(codes_of(409, "`run_exists` or `period_closed`"), [Code::RunExists, Code::PeriodClosed]);
        assert_eq!(codes_of(409, "Already active"), [Code::Conflict]);
        // A code of another status is not this response's example.
        assert_eq!(codes_of(422, "`period_closed`"), [Code::ValidationFailed]);
        assert_eq!(codes_of(599, "nothing"), []);
    }

    #[test]
    fn every_example_is_what_the_server_renders() {
        for code in Code::ALL {
            let value = &example(*code)["value"];
            assert_eq!(value["code"], code.as_str());
            assert_eq!(value["status"], http(*code).0);
        }
    }
}
