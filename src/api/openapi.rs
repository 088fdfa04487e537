//! The OpenAPI document: info, tags, the bearer scheme, and what every operation has by construction,
//! added here once instead of in every handler:
//!
//! - `Conventions` (on utoipa's document): the `Idempotency-Key` parameter, the error responses the
//!   shared machinery gives (bad token, bad body, bad query, unknown id, idempotency conflicts, busy
//!   database, the 429 of an operation marked `x-rate-limit`), and `security: []` on every operation
//!   that names no security: it is public.
//! - `document` (on the finished JSON, for what utoipa 5 cannot express): keywords a derive cannot
//!   state (`schema_extras`), `pattern` against NUL on request text (`text`), response headers with
//!   `required` (`headers`), an example per error code (`examples`), and the `webhooks` (`webhooks`).
//!
//! A new operation gets all of it by being mounted. It declares in its `#[utoipa::path]` only what is
//! its own: its security (`security(("bearer" = []))`; none means public), the error responses of its
//! own rules with their codes in backticks in the description (`` `period_closed`: … ``, which picks
//! their examples), `headers(("Location" = String, …))` / `Link` when it sends them, and
//! `extensions(("x-rate-limit" = json!("<limit>")))` when it calls `state.limits.check`.

mod examples;
mod headers;
mod text;
mod webhooks;

use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{AuthorizationCode, Flow, Http, HttpAuthScheme, OAuth2, Scopes, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Required, ResponseBuilder};

use serde_json::{Map, Value, json};

use crate::api::errors::ProblemBody;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ebill",
        description = "Open platform of a utility payment agent: providers push charges, residents switch their \
addresses between paper and electronic receipts with an SMS code, operators run the monthly billing.\n\n\
Conventions: JSON bodies in snake_case; money in integer kopecks; periods `YYYY-MM`; errors are RFC 9457 \
`application/problem+json` with a stable `code`, the failing `errors[].field` for validation, and a `request_id`. \
Every state-changing request accepts an `Idempotency-Key` (replayed for 24 h with `Idempotent-Replayed: true`). \
Lists page with `limit` and `cursor`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    tags(
        (name = "auth", description = "OAuth 2 tokens"),
        (name = "providers", description = "Resource providers: registration, directory, profile, e-document capability"),
        (name = "accounts", description = "A provider's personal accounts and the premises they map to"),
        (name = "charges", description = "A provider's monthly charges"),
        (name = "premises", description = "Dwellings and their payer codes (operators)"),
        (name = "residents", description = "Residents' cabinets: registration, profile, SMS verifications"),
        (name = "addresses", description = "A resident's linked premises and their delivery preference"),
        (name = "documents", description = "E-receipts and paper ЕПД of a resident's premises"),
        (name = "billing", description = "Monthly billing runs (operators)"),
        (name = "apps", description = "Third-party apps that act for residents with their consent (operators register them)"),
        (name = "checks", description = "Public anti-fraud checks of documents and bank details"),
        (name = "operations", description = "Health, readiness and metrics"),
        (name = "audit", description = "Who did what, when: operators' decisions and consent changes (operators)"),
        (name = "webhooks", description = "Events POSTed to a provider's `webhook_url`, signed with its webhook secret"),
    ),
    components(schemas(
        ProblemBody,
        crate::domain::events::DocumentDeliveryEvent,
        crate::domain::events::AccountDeliveryChangedEvent,
        crate::domain::events::PingEvent,
    )),
)]
pub struct ApiDoc;

/// Applied to the finished document (after every route has added its path).
pub struct Conventions;

fn problem(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content("application/problem+json", Content::new(Some(Ref::from_schema_name("ProblemBody"))))
        .build()
        .into()
}

/// Adds the error response `status` to `op`; when the operation has it already, its description gains
/// `description` (so every code that status can carry is named, and gets its example).
fn add(op: &mut Operation, status: &str, description: &str) {
    match op.responses.responses.get_mut(status) {
        Some(RefOr::T(response)) => {
            if !response.description.contains(description) {
                response.description = format!("{}; or {description}", response.description.trim_end_matches('.'));
            }
        }
        Some(RefOr::Ref(_)) => {}
        None => {
            op.responses.responses.insert(status.to_owned(), problem(description));
        }
    }
}

/// Whether an operation takes a bearer token, and whether it may be called without one.
pub fn security_of(op: &Operation) -> (bool, bool) {
    let reqs = op.security.as_deref().unwrap_or_default();
    let anonymous_ok =
        reqs.is_empty() || reqs.iter().any(|r| serde_json::to_value(r).is_ok_and(|v| v.as_object().is_some_and(|o| o.is_empty())));
    let token_ok = reqs.iter().any(|r| serde_json::to_value(r).is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty())));
    (token_ok, anonymous_ok)
}

impl Modify for Conventions {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::builder().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build()),
        );
        let scopes: Scopes = crate::domain::scope::Scope::ALL.iter().map(|s| (s.as_str(), s.consent_text())).collect();
        let mut oauth2 = OAuth2::new([Flow::AuthorizationCode(AuthorizationCode::new("/v1/oauth/authorize", "/v1/oauth/token", scopes))]);
        oauth2.description = Some(
            "Apps acting for residents: authorization code with PKCE (S256 only), a registered app's client_id. \
             Each resident operation lists the scope it needs; a token without it gets 403 `insufficient_scope`."
                .into(),
        );
        components.add_security_scheme("oauth2", SecurityScheme::OAuth2(oauth2));

        for (path, item) in api.paths.paths.iter_mut() {
            let has_path_params = path.contains('{');
            let changing = [item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
            for op in changing.into_iter().flatten() {
                if !path.starts_with("/v1/oauth/") {
                    let key = ParameterBuilder::new()
                        .name("Idempotency-Key")
                        .parameter_in(ParameterIn::Header)
                        .required(Required::False)
                        .description(Some(
                            "Replays the first answer to a retry with the same key and body for 24 h. Use a new key for each new \
                             request: the same key with another request is refused (422 `idempotency_key_reused`).",
                        ))
                        .schema(Some(
                            ObjectBuilder::new()
                                .schema_type(Type::String)
                                .min_length(Some(1))
                                .max_length(Some(255))
                                .pattern(Some("^[\\x21-\\x7e]+$")),
                        ))
                        .build();
                    op.parameters.get_or_insert_with(Vec::new).push(key);
                    add(op, "400", "`invalid_idempotency_key`: the Idempotency-Key header is not 1 to 255 visible ASCII characters");
                    add(op, "409", "`idempotency_in_flight`: a request with the same Idempotency-Key is still running");
                    add(op, "422", "`idempotency_key_reused`: the Idempotency-Key was used with a different request");
                }
            }
            let all = [item.get.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
            for op in all.into_iter().flatten() {
                // An operation that names no security is public, and says so.
                if op.security.is_none() {
                    op.security = Some(Vec::new());
                }
                let (token_ok, anonymous_ok) = security_of(op);
                if token_ok {
                    add(op, "401", "`unauthorized`: missing, invalid or expired bearer token");
                }
                if token_ok && !anonymous_ok {
                    add(
                        op,
                        "403",
                        "`forbidden`: the token's role may not call this operation, or `insufficient_scope`: an app's token lacks the scope it needs",
                    );
                }
                if has_path_params {
                    add(op, "404", "`not_found`: unknown id, or one that belongs to someone else");
                }
                if op.request_body.is_some() {
                    add(op, "400", "`malformed_json`: the body is not valid JSON");
                    add(op, "413", "`payload_too_large`: the body is too large");
                    add(op, "415", "`unsupported_media_type`: the body is not JSON");
                    add(op, "422", "`validation_failed`: `errors` names each failing field");
                }
                let has_query = op.parameters.iter().flatten().any(|p| matches!(p.parameter_in, ParameterIn::Query));
                if has_query {
                    add(op, "400", "`invalid_query`: a query parameter does not parse, or is not one of this operation's");
                    add(op, "422", "`validation_failed`: a query parameter is out of range");
                }
                if op.extensions.as_ref().is_some_and(|e| e.contains_key("x-rate-limit")) {
                    add(op, "429", "`rate_limited`: too many requests; retry after `Retry-After` seconds");
                }
                add(op, "503", "`unavailable`: the database is busy or unreachable; retry after `Retry-After` seconds");
            }
        }
    }
}

/// What a derive cannot state about a request schema, next to the type it belongs to: merged into the
/// component of that name.
fn schema_extras() -> Vec<(&'static str, Value)> {
    vec![
        ("ConsentRequest", crate::api::residents::ConsentRequest::schema_extra()),
        ("CreateProviderRequest", crate::api::providers::CreateProviderRequest::schema_extra()),
        ("NewAppRequest", crate::api::apps::NewAppRequest::schema_extra()),
        ("UpdateMeRequest", crate::api::residents::UpdateMeRequest::schema_extra()),
    ]
}

/// Merges `extra` into `target`: objects key by key, anything else replaced.
fn merge(target: &mut Value, extra: Value) {
    match (target, extra) {
        (Value::Object(target), Value::Object(extra)) => {
            for (key, value) in extra {
                merge(target.entry(key).or_insert(Value::Null), value);
            }
        }
        (target, extra) => *target = extra,
    }
}

/// The operations of `doc`, each as its JSON object.
fn operations_mut(doc: &mut Value) -> Vec<&mut Map<String, Value>> {
    const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return Vec::new() };
    paths
        .values_mut()
        .filter_map(Value::as_object_mut)
        .flat_map(|item| item.iter_mut().filter(|(method, _)| METHODS.contains(&method.as_str())).map(|(_, op)| op))
        .filter_map(Value::as_object_mut)
        .collect()
}

/// Every response of every operation of `doc`: its operation id, status and JSON object.
fn responses_mut(doc: &mut Value) -> Vec<(String, String, &mut Map<String, Value>)> {
    let mut all = Vec::new();
    for op in operations_mut(doc) {
        let id = op.get("operationId").and_then(Value::as_str).unwrap_or_default().to_owned();
        for (status, response) in op.get_mut("responses").and_then(Value::as_object_mut).into_iter().flatten() {
            if let Some(response) = response.as_object_mut() {
                all.push((id.clone(), status.clone(), response));
            }
        }
    }
    all
}

/// The published document: utoipa's, finished with what utoipa 5 cannot express (see the module
/// documentation). `ebill openapi` prints it, `/openapi.json` serves it.
pub fn document(spec: &utoipa::openapi::OpenApi) -> Value {
    let mut doc = serde_json::to_value(spec).unwrap_or_default();
    doc["servers"] = json!([{"url": "/", "description": "The server that serves this document"}]);
    for (name, extra) in schema_extras() {
        if let Some(schema) = doc.pointer_mut(&format!("/components/schemas/{name}")) {
            merge(schema, extra);
        }
    }
    text::apply(&mut doc);
    headers::apply(&mut doc);
    examples::apply(&mut doc);
    webhooks::apply(&mut doc);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_says_what_the_machinery_does() {
        let mut doc = crate::api::document();
        assert_eq!(doc["openapi"], "3.1.0");
        let events: Vec<&String> = doc["webhooks"].as_object().expect("webhooks").keys().collect();
        assert_eq!(events, ["account.delivery_changed", "document.delivered", "document.failed", "ping"]);
        for op in operations_mut(&mut doc) {
            assert!(op.get("security").is_some_and(Value::is_array), "{:?} names no security", op.get("operationId"));
        }
        let mut problems = 0;
        for (id, status, response) in responses_mut(&mut doc) {
            let headers = response.get("headers").cloned().unwrap_or_default();
            if status == "429" {
                for name in ["Retry-After", "RateLimit-Policy", "RateLimit"] {
                    assert_eq!(headers[name]["required"], true, "{id} {status} {name}");
                }
            }
            // A link code is shown once and has no URL of its own; every other creation says where.
            if status == "201" && id != "issue_link_code" {
                assert_eq!(headers["Location"]["required"], true, "{id} creates without a Location");
            }
            if let Some(problem) = response.get("content").and_then(|c| c.get("application/problem+json")) {
                problems += 1;
                let examples = problem["examples"].as_object().unwrap_or_else(|| panic!("{id} {status} has no example"));
                assert!(!examples.is_empty(), "{id} {status}");
            }
        }
        assert!(problems > 100, "{problems}");
        // The operations the limits count say so, and document their 429.
        let token = &doc["paths"]["/v1/oauth/token"]["post"];
        assert_eq!(token["x-rate-limit"], "token");
        assert!(token["responses"]["200"]["headers"]["RateLimit"].is_object());
        assert!(token["responses"]["429"].is_object());
    }

    #[test]
    fn request_text_may_not_hold_nul() {
        let doc = crate::api::document();
        let holder = &doc["components"]["schemas"]["AccountInput"]["properties"]["holder"];
        assert_eq!(holder["pattern"], r"^[^\x00]*$");
        let cursor = &doc["paths"]["/v1/providers"]["get"]["parameters"];
        assert!(cursor.as_array().expect("parameters").iter().any(|p| p["name"] == "cursor" && p["schema"]["pattern"].is_string()));
    }
}
