//! Queuing messages in the outbox, in the caller's transaction. Email and SMS bodies are sealed
//! (they may carry one-time codes and personal data); an SMS's recipient column holds a keyed hash
//! of the phone, enough to count sends per phone.

use chrono::NaiveDateTime;

use crate::crypto::Keys;
use crate::domain::ids::{DocumentId, ProviderId, new_id};
use crate::domain::message::{Email, Sms, mask_email};
use crate::domain::vocabulary::{MessageChannel, MessageStatus, WebhookEvent};
use crate::error::{Error, Result};
use crate::store::db::DbConn;
use crate::store::outbox::{self as store, OutboxRow};

fn row(
    id: String,
    channel: MessageChannel,
    topic: &str,
    recipient: String,
    payload: String,
    dedupe_key: Option<String>,
    now: NaiveDateTime,
) -> OutboxRow {
    OutboxRow {
        id,
        channel,
        topic: topic.into(),
        recipient,
        payload,
        dedupe_key,
        status: MessageStatus::Pending,
        attempts: 0,
        next_attempt_at: now,
        last_error: None,
        created_at: now,
        sent_at: None,
        run_id: None,
        document_id: None,
        traceparent: crate::trace::current().map(|t| t.header()),
        event_id: None,
    }
}

/// Queues messages; one whose `dedupe_key` was queued before is skipped (never sent twice).
pub fn insert(conn: &mut DbConn, rows: &[OutboxRow]) -> Result<()> {
    Ok(store::insert_many(conn, rows)?)
}

/// The recipient key of an SMS: a keyed hash of the phone.
pub fn sms_recipient(keys: &Keys, phone: &str) -> String {
    keys.code_hash("sms-recipient", phone)
}

pub fn email_row(keys: &Keys, topic: &str, email: &Email, dedupe_key: Option<String>, now: NaiveDateTime) -> Result<OutboxRow> {
    let payload = keys.seal(&serde_json::to_string(email).map_err(Error::internal)?);
    Ok(row(new_id("msg"), MessageChannel::Email, topic, mask_email(&email.to), payload, dedupe_key, now))
}

/// An e-receipt's email to one resident: only the address is sealed here; the worker renders the
/// (immutable) document into the message when it sends it, so a billing run writes small rows.
pub fn e_receipt_row(keys: &Keys, document_id: &DocumentId, to: &str, dedupe_key: String, now: NaiveDateTime) -> Result<OutboxRow> {
    let payload = keys.seal(&serde_json::to_string(&ReceiptTo { to: to.to_owned() }).map_err(Error::internal)?);
    let mut row = row(new_id("msg"), MessageChannel::Email, E_RECEIPT, mask_email(to), payload, Some(dedupe_key), now);
    row.document_id = Some(document_id.to_owned());
    Ok(row)
}

/// The address a queued email goes to, from its sealed payload (an `Email` or a `ReceiptTo`: both
/// have `to`), lowercased.
pub fn email_recipient(keys: &Keys, payload: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct To {
        to: String,
    }
    serde_json::from_str::<To>(&keys.open(payload)?).ok().map(|t| t.to.to_lowercase())
}

/// The topic of e-receipt emails, rendered at send time.
pub const E_RECEIPT: &str = "e_receipt";

/// The sealed payload of an e-receipt email.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct ReceiptTo {
    pub to: String,
}

pub fn sms_row(keys: &Keys, topic: &str, sms: &Sms, dedupe_key: Option<String>, now: NaiveDateTime) -> Result<OutboxRow> {
    let payload = keys.seal(&serde_json::to_string(sms).map_err(Error::internal)?);
    Ok(row(new_id("msg"), MessageChannel::Sms, topic, sms_recipient(keys, &sms.to), payload, dedupe_key, now))
}

/// A webhook event as sent: `{id, type, created_at, data}`.
pub fn event_body(id: &str, event: WebhookEvent, data: serde_json::Value, now: NaiveDateTime) -> String {
    serde_json::json!({"id": id, "type": event, "created_at": now.and_utc().to_rfc3339(), "data": data}).to_string()
}

/// A webhook event for a provider: `{id, type, created_at, data}`; the row's id is the event's.
pub fn webhook_row(
    provider_id: &ProviderId,
    event: WebhookEvent,
    data: serde_json::Value,
    dedupe_key: Option<String>,
    now: NaiveDateTime,
) -> OutboxRow {
    let id = new_id("evt");
    let body = event_body(&id, event, data, now);
    let mut row = row(id.clone(), MessageChannel::Webhook, event.as_str(), provider_id.to_string(), body, dedupe_key, now);
    row.event_id = Some(id);
    row
}

/// An event sent again at the provider's request: a message of its own (no dedupe key, so the
/// original's never swallows it) carrying the same event id and the same body.
pub fn redelivery_row(provider_id: &ProviderId, event: WebhookEvent, event_id: &str, body: String, now: NaiveDateTime) -> OutboxRow {
    let mut row = row(new_id("msg"), MessageChannel::Webhook, event.as_str(), provider_id.to_string(), body, None, now);
    row.event_id = Some(event_id.to_owned());
    row
}
