//! Queries over `webhook_deliveries`: every attempt at a provider's webhook, written with the outcome
//! of the attempt, read by the provider newest first.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{ProviderId, WebhookDeliveryId};
use crate::domain::vocabulary::{WebhookDeliveryStatus, WebhookEvent};
use crate::store::db::DbConn;
use crate::store::schema::webhook_deliveries;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = webhook_deliveries)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct WebhookDeliveryRow {
    pub id: WebhookDeliveryId,
    pub provider_id: ProviderId,
    /// The event sent (`webhook-id`); a redelivery sends the same one again.
    pub event_id: String,
    pub event_type: WebhookEvent,
    pub url: String,
    /// 1 for the first attempt at the event, counting every redelivery's attempts too.
    pub attempt: i32,
    pub status: WebhookDeliveryStatus,
    /// What the receiver answered; `None` when it was not reached.
    pub response_status: Option<i32>,
    pub latency_ms: i32,
    pub error: Option<String>,
    /// Sent because the provider asked for the event again.
    pub redelivery: bool,
    /// The outbox message the attempt was made for (`None` for a ping).
    pub outbox_id: Option<String>,
    /// The event as sent.
    pub body: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &WebhookDeliveryRow) -> QueryResult<()> {
    diesel::insert_into(webhook_deliveries::table).values(row).execute(conn).map(drop)
}

/// The number of the latest attempt at an event (0 before the first).
pub fn last_attempt(conn: &mut DbConn, event_id: &str) -> QueryResult<i32> {
    let last: Option<i32> = webhook_deliveries::table
        .filter(webhook_deliveries::event_id.eq(event_id))
        .select(diesel::dsl::max(webhook_deliveries::attempt))
        .first(conn)?;
    Ok(last.unwrap_or(0))
}

/// A delivery of `provider_id` (another provider's is not found).
pub fn find_of(conn: &mut DbConn, provider_id: &ProviderId, id: &WebhookDeliveryId) -> QueryResult<Option<WebhookDeliveryRow>> {
    webhook_deliveries::table
        .find(id)
        .filter(webhook_deliveries::provider_id.eq(provider_id))
        .select(WebhookDeliveryRow::as_select())
        .first(conn)
        .optional()
}

/// What a provider looks for.
#[derive(Debug, Default, Clone, Copy)]
pub struct Filter {
    pub status: Option<WebhookDeliveryStatus>,
    pub event_type: Option<WebhookEvent>,
}

/// Up to `limit` deliveries of `provider_id` matching `filter`, newest first, older than `before`.
pub fn page(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    filter: Filter,
    before: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<WebhookDeliveryRow>> {
    let mut query = webhook_deliveries::table
        .filter(webhook_deliveries::provider_id.eq(provider_id))
        .select(WebhookDeliveryRow::as_select())
        .order(webhook_deliveries::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(status) = filter.status {
        query = query.filter(webhook_deliveries::status.eq(status));
    }
    if let Some(event_type) = filter.event_type {
        query = query.filter(webhook_deliveries::event_type.eq(event_type));
    }
    if let Some(before) = before {
        query = query.filter(webhook_deliveries::id.lt(before.to_owned()));
    }
    query.load(conn)
}
