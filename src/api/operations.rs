//! Health, readiness and Prometheus metrics.

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::state::AppState;
use crate::error::Result;
use crate::store::db;

/// The process (or its database) answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: HealthStatus,
}

/// Always `ok`: anything else is an error answer.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    Ok,
}

/// Liveness.
///
/// The process is up and answering.
#[utoipa::path(tag = "operations", responses((status = 200, description = "Up", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: HealthStatus::Ok })
}

/// Readiness.
///
/// The database answers and every migration is applied; 503 otherwise.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Not ready", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<HttpResponse> {
    let complete = state.db(|conn| db::migrations_complete(conn).map_err(crate::error::Error::internal)).await;
    match complete {
        Ok(true) => Ok(HttpResponse::Ok().json(Health { status: HealthStatus::Ok })),
        _ => Err(crate::error::Error::rule(crate::error::Code::NotReady, "the database is unreachable or not migrated")),
    }
}

/// The keys that sign documents and access tokens.
///
/// A JSON Web Key Set (RFC 7517) of the agent's Ed25519 keys (`kty` `OKP`): every document's `signed`
/// JWS and every access token names its key by `kid`. Keys are added by `ebill keys rotate` and never
/// removed, so older documents keep verifying; a new key signs access tokens a minute after it appears
/// here.
#[utoipa::path(tag = "operations", responses((status = 200, description = "The signing keys", body = Object)))]
#[get("/.well-known/jwks.json")]
pub async fn jwks(state: web::Data<AppState>) -> Result<HttpResponse> {
    let app = state.clone();
    let set = state.db(move |conn| crate::services::signing::jwks(conn, &app.keys, crate::clock::now())).await?;
    Ok(HttpResponse::Ok().insert_header(("cache-control", "public, max-age=300")).json(set))
}

/// The authorization server's metadata.
///
/// RFC 8414: the issuer, the authorization, token and revocation endpoints, the key set, the grants,
/// scopes, PKCE methods and client authentication methods apps may use.
#[utoipa::path(tag = "auth", responses((status = 200, description = "The metadata", body = Object)))]
#[get("/.well-known/oauth-authorization-server")]
pub async fn oauth_metadata(state: web::Data<AppState>) -> HttpResponse {
    let issuer = state.config.issuer();
    let scopes: Vec<&str> = crate::domain::scope::Scope::ALL.iter().map(|s| s.as_str()).collect();
    let mut grants = vec!["authorization_code", "refresh_token", "client_credentials"];
    if state.config.password_grant {
        grants.push("password");
    }
    let metadata = serde_json::json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/v1/oauth/authorize"),
        "token_endpoint": format!("{issuer}/v1/oauth/token"),
        "revocation_endpoint": format!("{issuer}/v1/oauth/revoke"),
        "jwks_uri": format!("{issuer}/.well-known/jwks.json"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": grants,
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": scopes,
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "revocation_endpoint_auth_methods_supported": ["none", "client_secret_basic", "client_secret_post"],
        "authorization_response_iss_parameter_supported": true,
        "service_documentation": format!("{issuer}/docs/"),
        "ui_locales_supported": ["ru"],
    });
    HttpResponse::Ok().insert_header(("cache-control", "public, max-age=300")).json(metadata)
}

/// Metrics.
///
/// Prometheus text exposition: request counts and latencies by route and status, the outbox (messages
/// by status, the oldest waiting, failed sends), billing-run progress and duration, the database pool
/// (connections in use and idle, waits), rate-limit rejections and fallbacks.
#[utoipa::path(tag = "operations", responses((status = 200, description = "Metrics", body = String, content_type = "text/plain")))]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.state();
    state.metrics.set_pool(pool.connections, pool.idle_connections);
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(state.metrics.render())
}
