//! A provider's webhook deliveries: every attempt recorded with what the receiver answered, the
//! provider's list of them, an event sent again through the outbox, and the ping a provider asks for.

use std::time::Duration;

use chrono::NaiveDateTime;

use crate::domain::events::PingEvent;
use crate::domain::ids::{ProviderId, WebhookDeliveryId, new_id};
use crate::domain::message::webhook_secrets;
use crate::domain::vocabulary::{WebhookDeliveryStatus, WebhookEvent};
use crate::error::{Code, Error, Result};
use crate::services::outbox;
use crate::store::db::{DbConn, write_tx};
use crate::store::providers::{self, ProviderRow};
use crate::store::webhook_deliveries::{self as store, Filter, WebhookDeliveryRow};

/// Where a provider's webhooks go now, and the secrets that sign them.
#[derive(Debug, Clone)]
pub struct Target {
    pub url: String,
    pub secrets: Vec<String>,
}

impl Target {
    /// The provider's current webhook URL and signing secrets; `None` without a URL.
    pub fn of(provider: &ProviderRow, now: NaiveDateTime) -> Option<Self> {
        let url = provider.webhook_url.clone()?;
        let secrets =
            webhook_secrets(&provider.webhook_secret, provider.webhook_secret_previous.as_deref(), provider.webhook_secret_rotated_at, now);
        Some(Self { url, secrets: secrets.into_iter().map(str::to_owned).collect() })
    }
}

/// One attempt at an event, as the sender saw it.
#[derive(Debug, Clone)]
pub struct Attempt {
    pub provider_id: ProviderId,
    pub event_id: String,
    pub event_type: WebhookEvent,
    pub url: String,
    /// The receiver's HTTP status; `None` when it was not reached.
    pub response_status: Option<u16>,
    pub latency: Duration,
    /// Why it failed; `None` when the receiver took it.
    pub error: Option<String>,
    pub redelivery: bool,
    pub outbox_id: Option<String>,
    pub body: String,
    pub at: NaiveDateTime,
}

/// Records an attempt, numbered after the event's earlier ones (redeliveries' included).
pub fn record(conn: &mut DbConn, attempt: Attempt) -> Result<WebhookDeliveryRow> {
    write_tx(conn, |conn| {
        let number = store::last_attempt(conn, &attempt.event_id)? + 1;
        let row = WebhookDeliveryRow {
            id: WebhookDeliveryId::new(),
            provider_id: attempt.provider_id,
            event_id: attempt.event_id,
            event_type: attempt.event_type,
            url: attempt.url,
            attempt: number,
            status: if attempt.error.is_none() { WebhookDeliveryStatus::Succeeded } else { WebhookDeliveryStatus::Failed },
            response_status: attempt.response_status.map(i32::from),
            latency_ms: i32::try_from(attempt.latency.as_millis()).unwrap_or(i32::MAX),
            error: attempt.error.map(|e| e.chars().take(1000).collect()),
            redelivery: attempt.redelivery,
            outbox_id: attempt.outbox_id,
            body: attempt.body,
            created_at: attempt.at,
        };
        store::insert(conn, &row)?;
        Ok(row)
    })
}

/// A page of the provider's deliveries, newest first.
pub fn page(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    filter: Filter,
    before: Option<&str>,
    limit: u32,
) -> Result<Vec<WebhookDeliveryRow>> {
    Ok(store::page(conn, provider_id, filter, before, i64::from(limit) + 1)?)
}

/// The provider's webhook target, or 409 `no_webhook_url`.
fn target_of(conn: &mut DbConn, provider_id: &ProviderId, now: NaiveDateTime) -> Result<Target> {
    let provider = providers::find(conn, provider_id)?.ok_or_else(|| Error::not_found("provider"))?;
    Target::of(&provider, now)
        .ok_or_else(|| Error::rule(Code::NoWebhookUrl, "the provider has no webhook_url; set one with PATCH /v1/providers/me"))
}

/// Queues the event of a delivery again, to the provider's current URL (signed with its current
/// secrets when sent): the same event id and body, as a message of its own that the outbox retries
/// like any webhook. Returns the event id.
pub fn redeliver(conn: &mut DbConn, provider_id: &ProviderId, id: &WebhookDeliveryId, now: NaiveDateTime) -> Result<String> {
    write_tx(conn, |conn| {
        let delivery = store::find_of(conn, provider_id, id)?.ok_or_else(|| Error::not_found("webhook delivery"))?;
        target_of(conn, provider_id, now)?;
        outbox::insert(conn, &[outbox::redelivery_row(provider_id, delivery.event_type, &delivery.event_id, delivery.body, now)])?;
        Ok(delivery.event_id)
    })
}

/// A `ping` to send now: where to, the event id and its body.
pub fn ping(conn: &mut DbConn, provider_id: &ProviderId, now: NaiveDateTime) -> Result<(Target, String, String)> {
    let target = target_of(conn, provider_id, now)?;
    let id = new_id("evt");
    let data = serde_json::to_value(PingEvent { provider_id: provider_id.to_string() }).map_err(Error::internal)?;
    let body = outbox::event_body(&id, WebhookEvent::Ping, data, now);
    Ok((target, id, body))
}
