//! A provider's e-document capability (declared from a period on, with its history) and the webhook
//! signing secret.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::AuthProvider;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::services::edoc::{self, Capability};
use crate::services::providers;

/// A declaration of e-document capability.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"edoc_capable": true, "since": "2021-08"}))]
pub struct EdocRequest {
    /// `true` to take part in electronic delivery, `false` to withdraw.
    pub edoc_capable: bool,
    /// The first period (`YYYY-MM`) it applies to; it must come after every closed period (409
    /// `period_closed` otherwise).
    #[validate(custom(function = "rules::period"))]
    #[schema(value_type = formats::Period)]
    pub since: String,
}

impl Rules for EdocRequest {}

/// One declaration as made.
#[derive(Debug, Serialize, ToSchema)]
pub struct EdocDeclaration {
    pub edoc_capable: bool,
    #[schema(value_type = formats::Period)]
    pub since: String,
    pub declared_at: chrono::DateTime<chrono::Utc>,
}

/// Capability now, and every declaration made, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct EdocResponse {
    /// Whether the provider takes part in electronic delivery in the current period.
    pub edoc_capable: bool,
    /// The period the capability in force started (null when not capable).
    #[schema(value_type = Option<formats::Period>)]
    pub edoc_since: Option<String>,
    pub history: Vec<EdocDeclaration>,
}

fn response(c: Capability) -> EdocResponse {
    let capable = c.in_force.as_ref().is_some_and(|d| d.capable);
    EdocResponse {
        edoc_capable: capable,
        edoc_since: c.in_force.filter(|d| d.capable).map(|d| d.since.to_string()),
        history: c
            .history
            .into_iter()
            .map(|h| EdocDeclaration { edoc_capable: h.edoc_capable, since: h.since, declared_at: h.created_at.and_utc() })
            .collect(),
    }
}

/// Declare e-document capability.
///
/// Registers (or withdraws) the provider's capability to deliver its charges electronically, from a
/// period on. Every declaration is kept; the billing run of a period uses the latest declaration whose
/// `since` is not after that period. A period already closed by its billing run cannot be changed (409).
#[utoipa::path(
    tag = "providers",
    request_body = EdocRequest,
    responses(
        (status = 200, description = "Declared", body = EdocResponse),
        (status = 409, description = "`period_closed`: `since` is a closed period", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[put("/providers/me/edoc")]
pub async fn put_edoc(state: web::Data<AppState>, req: HttpRequest, me: AuthProvider, body: Body<EdocRequest>) -> Result<HttpResponse> {
    let since = Period::parse(&body.0.since).ok_or_else(|| Error::invalid("since", "must be YYYY-MM"))?;
    let capable = body.0.edoc_capable;
    let keys = state.keys.clone();
    once(&state, &req, move |conn| Answer::ok(&response(edoc::declare(conn, &keys, &me.0, capable, since, crate::clock::now())?))).await
}

/// Get e-document capability.
///
/// The capability in force now and the history of declarations.
#[utoipa::path(tag = "providers", responses((status = 200, description = "Capability", body = EdocResponse)), security(("bearer" = [])))]
#[get("/providers/me/edoc")]
pub async fn get_edoc(state: web::Data<AppState>, me: AuthProvider) -> Result<HttpResponse> {
    let capability = state.db(move |conn| edoc::capability(conn, &me.0)).await?;
    Ok(HttpResponse::Ok().json(response(capability)))
}

/// A new webhook signing secret, shown once.
#[derive(Serialize, ToSchema)]
pub struct WebhookSecretResponse {
    /// Verify `Webhook-Signature: t=…,v1=…` with it: `v1` is the hex HMAC-SHA256 of `"{t}.{body}"`.
    pub webhook_secret: String,
    /// Until then deliveries also carry a `v1` signed with the previous secret.
    pub previous_secret_valid_until: chrono::DateTime<chrono::Utc>,
}

/// Rotate the webhook secret.
///
/// Issues a new secret for signing webhooks. For 24 hours each delivery carries two signatures (new
/// and previous secret), so the receiver can switch without losing events.
#[utoipa::path(tag = "providers", responses((status = 200, description = "The new secret", body = WebhookSecretResponse)), security(("bearer" = [])))]
#[post("/providers/me/webhook-secret")]
pub async fn rotate_webhook_secret(state: web::Data<AppState>, req: HttpRequest, me: AuthProvider) -> Result<HttpResponse> {
    once(&state, &req, move |conn| {
        let (secret, until) = providers::rotate_webhook_secret(conn, &me.0, crate::clock::now())?;
        let rotated = WebhookSecretResponse { webhook_secret: secret, previous_secret_valid_until: until.and_utc() };
        Ok(Answer::ok(&rotated)?.secret())
    })
    .await
}
