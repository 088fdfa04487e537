//! The HTTP layer: one module per resource, plus the shared plumbing (errors, auth, limits,
//! idempotency, pagination, the OpenAPI document).

pub mod account;
pub mod accounts;
pub mod addresses;
pub mod apps;
pub mod audit;
pub mod auth;
pub mod authorizations;
pub mod billing_runs;
pub mod charges;
pub mod checks;
pub mod deliveries;
pub mod documents;
pub mod dto;
pub mod errors;
pub mod fallback;
pub mod hooks;
pub mod idempotency;
pub mod input;
pub mod json;
pub mod limits;
pub mod negotiate;
pub mod oauth;
pub mod observe;
pub mod openapi;
pub mod operations;
pub mod pagination;
pub mod premises;
pub mod provider_settings;
pub mod providers;
pub mod residents;
pub mod rules;
pub mod state;
pub mod validate_only;
pub mod verifications;
pub mod webhook_deliveries;

use actix_web::middleware::from_fn;
use actix_web::web;
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{AppExt, scope};

/// The browser apps of `origins` may call `/v1` (bearer tokens, no cookies); with none, no CORS
/// header is ever sent and browsers keep other sites out.
fn cors(origins: &[String]) -> actix_web::middleware::Condition<actix_cors::Cors> {
    let cors = origins
        .iter()
        .fold(actix_cors::Cors::default(), |cors, origin| cors.allowed_origin(origin))
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers(["authorization", "content-type", "accept", "idempotency-key", "traceparent"])
        .expose_headers(["location", "retry-after", "ratelimit", "ratelimit-policy", "x-request-id", "idempotent-replayed", "link"])
        .max_age(600);
    actix_web::middleware::Condition::new(!origins.is_empty(), cors)
}

/// Every documented route. The spec is generated from exactly this list.
fn routes(cfg: &mut ServiceConfig, origins: &[String]) {
    cfg.service(operations::healthz)
        .service(operations::readyz)
        .service(operations::metrics)
        .service(operations::jwks)
        .service(operations::oauth_metadata)
        .service(
            scope::scope("/v1")
                .wrap(from_fn(idempotency::idempotency))
                .wrap(from_fn(input::refuse_unstorable))
                .wrap(cors(origins))
                .service(crate::web::oauth::authorize)
                .service(oauth::token)
                .service(oauth::revoke)
                .service(providers::register_provider)
                .service(providers::list_providers)
                .service(providers::get_my_provider)
                .service(providers::update_my_provider)
                .service(providers::get_provider)
                .service(providers::approve_provider)
                .service(providers::suspend_provider)
                .service(provider_settings::put_edoc)
                .service(provider_settings::get_edoc)
                .service(provider_settings::rotate_webhook_secret)
                .service(webhook_deliveries::list_webhook_deliveries)
                .service(webhook_deliveries::redeliver_webhook)
                .service(webhook_deliveries::test_webhook)
                .service(accounts::put_accounts)
                .service(accounts::list_accounts)
                .service(charges::push_charges)
                .service(charges::list_charges)
                .service(charges::get_batch)
                .service(premises::list_premises)
                .service(premises::merge_premises)
                .service(premises::issue_link_code)
                .service(residents::register_resident)
                .service(residents::confirm_email)
                .service(residents::resend_email_confirmation)
                .service(residents::get_me)
                .service(residents::update_me)
                .service(account::request_password_reset)
                .service(account::confirm_password_reset)
                .service(account::delete_me)
                .service(account::export_me)
                .service(authorizations::list_authorizations)
                .service(authorizations::withdraw_authorization)
                .service(addresses::list_addresses)
                .service(addresses::link_address)
                .service(addresses::get_address)
                .service(addresses::unlink_address)
                .service(addresses::request_delivery)
                .service(addresses::delivery_history)
                .service(verifications::confirm)
                .service(verifications::resend)
                .service(documents::list_documents)
                .service(documents::get_document)
                .service(billing_runs::list_runs)
                .service(apps::register_app)
                .service(apps::list_apps)
                .service(apps::suspend_app)
                .service(billing_runs::start_run)
                .service(billing_runs::get_run)
                .service(billing_runs::paper_documents)
                .service(billing_runs::paper_document)
                .service(deliveries::list_deliveries)
                .service(checks::check_document)
                .service(checks::check_payee)
                .service(audit::list_audit_events)
                .service(hooks::mail_bounces),
        );
}

/// The OpenAPI document as published (`/openapi.json`, `ebill openapi`): `spec()` finished with what
/// utoipa cannot express (`openapi::document`).
pub fn document() -> serde_json::Value {
    openapi::document(&spec())
}

/// The OpenAPI document of the API as utoipa builds it from the same route list the server mounts
/// (the route table reads it).
pub fn spec() -> utoipa::openapi::OpenApi {
    let mut spec =
        actix_web::App::new().into_utoipa_app().openapi(openapi::ApiDoc::openapi()).configure(|cfg| routes(cfg, &[])).split_for_parts().1;
    utoipa::Modify::modify(&openapi::Conventions, &mut spec);
    spec
}

/// Mounts the API on an app: the routes, `/openapi.json`, `/docs`, and problem+json for everything
/// that does not match.
pub fn mount<T>(app: actix_web::App<T>, spec: &utoipa::openapi::OpenApi, cors_origins: &[String]) -> actix_web::App<T>
where
    T: actix_web::dev::ServiceFactory<actix_web::dev::ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let scopes = crate::domain::scope::Scope::ALL.iter().map(|s| s.as_str().to_owned()).collect();
    let oauth = utoipa_swagger_ui::oauth::Config::new().scopes(scopes).use_pkce_with_authorization_code_grant(true);
    let swagger =
        utoipa_swagger_ui::SwaggerUi::new("/docs/{_:.*}").external_url_unchecked("/openapi.json", openapi::document(spec)).oauth(oauth);
    app.app_data(web::Data::new(fallback::RouteTable::from_spec(spec)))
        .app_data(web::PayloadConfig::new(json::MAX_BODY))
        .app_data(web::PathConfig::default().error_handler(errors::path_error))
        .app_data(web::QueryConfig::default().error_handler(errors::query_error))
        .app_data(web::FormConfig::default().error_handler(errors::form_error))
        .into_utoipa_app()
        .configure(|cfg| routes(cfg, cors_origins))
        .into_app()
        .service(swagger)
        .service(web::redirect("/docs", "/docs/"))
        .configure(crate::web::routes)
        .default_service(web::to(fallback::fallback))
}
