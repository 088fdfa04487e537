//! The OpenAPI document: info, tags, the bearer scheme, and the error responses every operation can
//! give by construction (bad token, bad body, bad query, unknown id, idempotency conflicts), added
//! here once instead of in every handler.

use utoipa::Modify;
use utoipa::OpenApi;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{AuthorizationCode, Flow, Http, HttpAuthScheme, OAuth2, Scopes, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Required, ResponseBuilder};

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
        license(name = "MIT OR Apache-2.0"),
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
    ),
    components(schemas(ProblemBody)),
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

fn add(op: &mut Operation, status: &str, description: &str) {
    op.responses.responses.entry(status.to_owned()).or_insert_with(|| problem(description));
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
                        .description(Some("Replays the first answer to a retry with the same key and body for 24 h."))
                        .schema(Some(ObjectBuilder::new().schema_type(Type::String).min_length(Some(1)).max_length(Some(255))))
                        .build();
                    op.parameters.get_or_insert_with(Vec::new).push(key);
                    add(op, "400", "The Idempotency-Key header is not 1 to 255 visible ASCII characters");
                    add(op, "409", "Conflict with the current state, or a request with the same Idempotency-Key is still running");
                    add(op, "422", "Validation failed, or the Idempotency-Key was used with a different request");
                }
            }
            let all = [item.get.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()];
            for op in all.into_iter().flatten() {
                let (token_ok, anonymous_ok) = security_of(op);
                if token_ok {
                    add(op, "401", "Missing, invalid or expired bearer token");
                }
                if token_ok && !anonymous_ok {
                    add(
                        op,
                        "403",
                        "The token's role may not call this operation, or an app's token lacks the scope it needs (`insufficient_scope`)",
                    );
                }
                if has_path_params {
                    add(op, "404", "Unknown id, or one that belongs to someone else");
                }
                if op.request_body.is_some() {
                    add(op, "400", "The body is not valid JSON");
                    add(op, "413", "The body is too large");
                    add(op, "415", "The body is not JSON");
                    add(op, "422", "Validation failed: `errors` names each failing field");
                }
                let has_query = op.parameters.iter().flatten().any(|p| matches!(p.parameter_in, ParameterIn::Query));
                if has_query {
                    add(op, "400", "A query parameter does not parse");
                    add(op, "422", "A query parameter is out of range");
                }
                add(op, "503", "The database is busy or unreachable; retry");
            }
        }
    }
}
