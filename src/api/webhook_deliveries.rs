//! A provider's webhook deliveries: every attempt at its webhook with what the receiver answered, an
//! event sent again on request, and a signed `ping` sent at once to try the receiver.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::AuthProvider;
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::limits::Limit;
use crate::api::pagination::{Page, PageParams};
use crate::api::state::AppState;
use crate::domain::ids::WebhookDeliveryId;
use crate::domain::vocabulary::{WebhookDeliveryStatus, WebhookEvent};
use crate::error::Result;
use crate::services::webhooks;
use crate::store::webhook_deliveries::{Filter, WebhookDeliveryRow};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct WebhookDeliveriesFilter {
    /// Only attempts that ended so: `succeeded` or `failed`.
    pub status: Option<WebhookDeliveryStatus>,
    /// Only events of this type: `ping`, `document.delivered`, `document.failed`,
    /// `account.delivery_changed`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub event_type: Option<WebhookEvent>,
}

/// One attempt at sending an event to the provider's webhook.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookDeliveryResponse {
    pub id: String,
    /// The event (`webhook-id` header, `id` of the body); the same in every attempt and redelivery of it.
    pub event_id: String,
    #[serde(rename = "type")]
    pub event_type: WebhookEvent,
    /// Where it was sent.
    pub url: String,
    /// 1 for the first attempt at the event, counting on through retries and redeliveries.
    pub attempt: i32,
    /// `succeeded` (the receiver answered 2xx) or `failed`.
    pub status: WebhookDeliveryStatus,
    /// The HTTP status the receiver answered; null when it could not be reached or was not called.
    pub response_status: Option<i32>,
    /// How long the receiver took to answer (or the call to fail).
    pub latency_ms: i32,
    /// Why the attempt failed; null when it succeeded.
    pub error: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// Sent because the provider asked for the event again.
    pub redelivery: bool,
}

fn response(row: WebhookDeliveryRow) -> WebhookDeliveryResponse {
    WebhookDeliveryResponse {
        id: row.id.into(),
        event_id: row.event_id,
        event_type: row.event_type,
        url: row.url,
        attempt: row.attempt,
        status: row.status,
        response_status: row.response_status,
        latency_ms: row.latency_ms,
        error: row.error,
        created_at: row.created_at.and_utc(),
        redelivery: row.redelivery,
    }
}

/// Where a redelivery is.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RedeliveryStatus {
    /// In the outbox: sent shortly, retried like any webhook.
    Queued,
}

/// An event queued to be sent again.
#[derive(Debug, Serialize, ToSchema)]
pub struct RedeliveryResponse {
    pub event_id: String,
    pub status: RedeliveryStatus,
}

/// List webhook deliveries.
///
/// Every attempt at the provider's webhook, newest first: the event, the URL, what the receiver
/// answered (`response_status`, null when it could not be reached) and how fast. A failed attempt is
/// retried with backoff (a new attempt each time); `status=failed` finds what to ask for again.
#[utoipa::path(
    tag = "providers",
    params(PageParams, WebhookDeliveriesFilter),
    responses((status = 200, description = "A page of deliveries, newest first", body = Page<WebhookDeliveryResponse>)),
    security(("bearer" = [])),
)]
#[get("/providers/me/webhook-deliveries")]
pub async fn list_webhook_deliveries(
    state: web::Data<AppState>,
    me: AuthProvider,
    page: web::Query<PageParams>,
    filter: web::Query<WebhookDeliveriesFilter>,
) -> Result<HttpResponse> {
    let (limit, before) = (page.limit()?, page.after()?);
    let filter = Filter { status: filter.status, event_type: filter.event_type };
    let rows = state.db(move |conn| webhooks::page(conn, &me.0, filter, before.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(rows, limit, |r| r.id.to_string(), response)))
}

/// Redeliver a webhook event.
///
/// Queues the event of a delivery again: the same event id (`webhook-id`) and the same body, signed
/// with the current secrets when sent, to the current webhook URL. It is retried like any webhook;
/// its attempts are listed with `redelivery: true`.
#[utoipa::path(
    tag = "providers",
    params(("id" = String, Path, description = "A delivery's id (`whd_…`)")),
    responses(
        (status = 202, description = "Queued", body = RedeliveryResponse),
        (status = 404, description = "`not_found`: no such delivery of this provider", body = ProblemBody, content_type = "application/problem+json"),
        (status = 409, description = "`no_webhook_url`: the provider has no webhook URL", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/providers/me/webhook-deliveries/{id}/redeliver")]
pub async fn redeliver_webhook(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthProvider,
    id: web::Path<WebhookDeliveryId>,
) -> Result<HttpResponse> {
    let id = id.into_inner();
    once(&state, &req, move |conn| {
        let event_id = webhooks::redeliver(conn, &me.0, &id, crate::clock::now())?;
        Answer::accepted(&RedeliveryResponse { event_id, status: RedeliveryStatus::Queued })
    })
    .await
}

/// Send a test webhook.
///
/// Sends a signed `ping` event (`{"id", "type": "ping", "created_at", "data": {"provider_id"}}`) to
/// the webhook URL now, once, and answers with the attempt (also listed among the deliveries): whether
/// the receiver took it, its HTTP status and latency. Rate limited per provider (10 a minute).
#[utoipa::path(
    tag = "providers",
    responses(
        (status = 200, description = "Sent: the attempt, succeeded or failed", body = WebhookDeliveryResponse),
        (status = 409, description = "`no_webhook_url`: the provider has no webhook URL", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: more than 10 pings a minute", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    extensions(("x-rate-limit" = json!("webhook_tests"))),
)]
#[post("/providers/me/webhooks/test")]
pub async fn test_webhook(state: web::Data<AppState>, req: HttpRequest, me: AuthProvider) -> Result<HttpResponse> {
    state.limits.check(Limit::WebhookTest, me.0.as_str(), &req).await?;
    let sent = crate::jobs::outbox::ping(&state.core, me.0).await?;
    Ok(HttpResponse::Ok().json(response(sent)))
}
