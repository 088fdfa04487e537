//! The outbox worker: sends what the outbox holds through the transports, with retries and
//! exponential backoff. Rows are claimed with a lease, so a crashed worker's messages are sent by the
//! next one; a message is marked sent only after its transport accepted it; a permanent refusal is not
//! retried, and an email's falls back to paper (`services::bounces`). Every attempt at a webhook is
//! recorded as a delivery (`services::webhooks`) with the message's new state; a provider's `ping` is
//! sent from here too, at once.

use std::sync::Arc;

use futures_util::StreamExt;

use crate::crypto::Keys;
use crate::delivery::Refused;
use crate::domain::ids::ProviderId;
use crate::domain::message::Sms;
use crate::domain::vocabulary::{MessageChannel, WebhookEvent};
use crate::error::{Error, Result};
use crate::services::pdf::Printing;
use crate::services::webhooks::{self, Target};
use crate::services::{bounces, documents, outbox as outbox_rows};
use crate::state::Core;
use crate::store::db::{DbConn, write_tx};
use crate::store::outbox::{self, OutboxRow};
use crate::store::providers;
use crate::store::webhook_deliveries::WebhookDeliveryRow;
use crate::trace::TraceParent;

/// Attempts before a message is given up as `failed` (kept for operators to see).
pub const MAX_ATTEMPTS: i32 = 12;
const BATCH: i64 = 64;
const PARALLEL: usize = 16;

/// A webhook that was called (or refused by its URL): where it went and what came back.
struct Called {
    url: String,
    status: Option<u16>,
    latency: std::time::Duration,
}

/// What sending a message came to; for a webhook, also where it went and what the receiver answered.
type Sent = (Result<(), Refused>, Option<Called>);

/// Sends one message.
async fn send(state: &Core, row: &OutboxRow) -> Sent {
    let delivery = &state.delivery;
    let result = match row.channel {
        MessageChannel::Email => send_email(state, row).await,
        MessageChannel::Sms => match open::<Sms>(state, row) {
            Ok(sms) => delivery.sms.send(&row.id, &sms, &next_hop(row)).await,
            Err(refused) => Err(refused),
        },
        MessageChannel::Webhook => {
            let provider_id = ProviderId::from(row.recipient.as_str());
            let provider = match state.db(move |conn| Ok(providers::find(conn, &provider_id)?)).await {
                Ok(Some(provider)) => provider,
                Ok(None) => return (Err(Refused::Permanent("the provider is gone".into())), None),
                Err(e) => return (Err(Refused::temporary(e)), None),
            };
            let Some(target) = Target::of(&provider, crate::clock::now()) else {
                return (Err(Refused::Permanent("the provider has no webhook_url".into())), None);
            };
            let secrets: Vec<&str> = target.secrets.iter().map(String::as_str).collect();
            let event_id = row.event_id.as_deref().unwrap_or(&row.id);
            let call = delivery.webhooks.send(event_id, &target.url, &row.payload, &secrets, &next_hop(row)).await;
            return (call.result, Some(Called { url: target.url, status: call.status, latency: call.latency }));
        }
    };
    (result, None)
}

async fn send_email(state: &Core, row: &OutboxRow) -> Result<(), Refused> {
    let email = match (row.topic.as_str(), &row.document_id) {
        (outbox_rows::E_RECEIPT, Some(document_id)) => {
            let to: outbox_rows::ReceiptTo = open(state, row)?;
            let (keys, id) = (state.keys.clone(), document_id.clone());
            let view = state.db(move |conn| documents::e_receipt_view(conn, &keys, &id)).await.map_err(Refused::temporary)?;
            let (agent, public_url) = (state.config.agent.clone(), state.config.public_url.clone());
            let render = move || documents::e_receipt_email(&view, &to.to, &Printing { agent: &agent, public_url: &public_url });
            tokio::task::spawn_blocking(render).await.map_err(Refused::temporary)?.map_err(Refused::temporary)?
        }
        _ => open(state, row)?,
    };
    state.delivery.mailer.send(&row.id, &state.delivery.mail_from, &email).await
}

/// The record of an attempt at a webhook message, `error` being why it failed.
fn webhook_attempt(row: &OutboxRow, called: Called, error: Option<&str>, at: chrono::NaiveDateTime) -> Option<webhooks::Attempt> {
    let Ok(event_type) = row.topic.parse::<WebhookEvent>() else {
        tracing::warn!("outbox {}: webhook of unknown type {} not recorded as a delivery", row.id, row.topic);
        return None;
    };
    let event_id = row.event_id.clone().unwrap_or_else(|| row.id.clone());
    Some(webhooks::Attempt {
        provider_id: ProviderId::from(row.recipient.as_str()),
        redelivery: event_id != row.id,
        event_id,
        event_type,
        url: called.url,
        response_status: called.status,
        latency: called.latency,
        error: error.map(str::to_owned),
        outbox_id: Some(row.id.clone()),
        body: row.payload.clone(),
        at,
    })
}

/// Sends a `ping` to the provider's webhook now and records the attempt as a delivery:
/// 409 `no_webhook_url` without a URL.
pub async fn ping(state: &Core, provider_id: ProviderId) -> Result<WebhookDeliveryRow> {
    let now = crate::clock::now();
    let pinged = provider_id.clone();
    let (target, event_id, body) = state.db(move |conn| webhooks::ping(conn, &pinged, now)).await?;
    let secrets: Vec<&str> = target.secrets.iter().map(String::as_str).collect();
    let trace = crate::trace::current().map_or_else(TraceParent::begin, |t| t.child());
    let call = state.delivery.webhooks.send(&event_id, &target.url, &body, &secrets, &trace).await;
    let attempt = webhooks::Attempt {
        provider_id,
        event_id,
        event_type: WebhookEvent::Ping,
        url: target.url,
        response_status: call.status,
        latency: call.latency,
        error: call.result.err().map(|refused| refused.message().to_owned()),
        redelivery: false,
        outbox_id: None,
        body,
        at: crate::clock::now(),
    };
    state.db(move |conn| webhooks::record(conn, attempt)).await
}

fn open<T: serde::de::DeserializeOwned>(state: &Core, row: &OutboxRow) -> Result<T, Refused> {
    let json =
        state.keys.open(&row.payload).ok_or_else(|| Refused::Permanent("the payload cannot be opened with this server's key".into()))?;
    serde_json::from_str(&json).map_err(|e| Refused::Permanent(format!("bad payload: {e}")))
}

/// How one attempt at a message ended.
enum Attempt {
    Sent,
    Retry(String, chrono::NaiveDateTime),
    GiveUp(String),
    /// Refused for good: an email's address bounced (it falls back to paper), anything else failed.
    Bounced {
        to: String,
        reason: String,
    },
}

/// Sends every message due now (one claimed batch); returns how many were attempted.
pub async fn run_once(state: &Core) -> Result<usize> {
    let now = crate::clock::now();
    let lease = chrono::Duration::from_std(state.config.outbox_lease).map_err(Error::internal)?;
    let rows = state.db(move |conn| Ok(outbox::claim_due(conn, now, now + lease, BATCH)?)).await?;
    let count = rows.len();
    let results: Vec<(OutboxRow, Sent)> = futures_util::stream::iter(rows)
        .map(|row| async move {
            let result = send(state, &row).await;
            (row, result)
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    let now = crate::clock::now();
    let outcomes: Vec<(OutboxRow, Attempt, Option<webhooks::Attempt>)> = results
        .into_iter()
        .map(|(row, (result, called))| {
            let attempts = row.attempts + 1;
            let outcome = match result {
                Ok(()) => Attempt::Sent,
                Err(refused) => {
                    state.metrics.send_failures.with_label_values(&[row.channel.as_str()]).inc();
                    tracing::warn!("outbox {} ({} {}): attempt {attempts} failed: {}", row.id, row.channel, row.topic, refused.message());
                    match refused {
                        Refused::Permanent(reason) if row.channel == MessageChannel::Email => {
                            match outbox_rows::email_recipient(&state.keys, &row.payload) {
                                Some(to) => Attempt::Bounced { to, reason },
                                None => Attempt::GiveUp(reason),
                            }
                        }
                        Refused::Permanent(reason) => Attempt::GiveUp(reason),
                        Refused::Temporary(reason) if attempts < MAX_ATTEMPTS => {
                            Attempt::Retry(reason, now + chrono::Duration::from_std(state.delivery.retry_delay(attempts)).unwrap_or(lease))
                        }
                        Refused::Temporary(reason) => Attempt::GiveUp(reason),
                    }
                }
            };
            let webhook = called.and_then(|called| {
                let error = match &outcome {
                    Attempt::Sent => None,
                    Attempt::Retry(error, _) | Attempt::GiveUp(error) | Attempt::Bounced { reason: error, .. } => Some(error.as_str()),
                };
                webhook_attempt(&row, called, error, now)
            });
            (row, outcome, webhook)
        })
        .collect();
    let keys = state.keys.clone();
    state
        .db(move |conn| {
            for (row, outcome, webhook) in outcomes {
                // The message's state and the record of the attempt go together: an attempt is
                // never recorded twice, nor lost.
                write_tx(conn, |conn| record(conn, &keys, &row, &outcome, webhook, now))?;
            }
            Ok::<_, Error>(())
        })
        .await?;
    Ok(count)
}

/// Records how an attempt at a message ended: the message's state, an e-receipt's fate, a bounce's
/// fallback to paper, a webhook's delivery.
fn record(
    conn: &mut DbConn,
    keys: &Keys,
    row: &OutboxRow,
    outcome: &Attempt,
    webhook: Option<webhooks::Attempt>,
    now: chrono::NaiveDateTime,
) -> Result<()> {
    let (id, attempts) = (&row.id, row.attempts + 1);
    match outcome {
        Attempt::Sent => outbox::mark_sent(conn, id, attempts, now)?,
        Attempt::Retry(error, at) => outbox::mark_failed_attempt(conn, id, attempts, error, Some(*at))?,
        Attempt::GiveUp(error) | Attempt::Bounced { reason: error, .. } => outbox::mark_failed_attempt(conn, id, attempts, error, None)?,
    }
    // An e-receipt's fate is the provider's to hear.
    if let (Some(document_id), MessageChannel::Email) = (&row.document_id, row.channel) {
        match outcome {
            Attempt::Sent => documents::after_email(conn, document_id, true, now)?,
            Attempt::GiveUp(_) | Attempt::Bounced { .. } => documents::after_email(conn, document_id, false, now)?,
            Attempt::Retry(..) => {}
        }
    }
    if let Attempt::Bounced { to, reason } = outcome {
        bounces::hard(conn, keys, to, row.document_id.as_ref(), reason, now)?;
    }
    if let Some(webhook) = webhook {
        webhooks::record(conn, webhook)?;
    }
    Ok(())
}

/// The trace context a send passes on: a child of the request that queued the message, or a new trace.
fn next_hop(row: &OutboxRow) -> TraceParent {
    row.traceparent.as_deref().and_then(TraceParent::parse).map_or_else(TraceParent::begin, |t| t.child())
}

/// The worker: drains the outbox while there is work, then waits `poll`; at the stop it ends after the
/// batch in hand (each message of it sent and recorded).
pub fn spawn_worker(state: Arc<Core>) {
    let core = state.clone();
    core.workers.spawn(async move {
        while !state.workers.asked() {
            match run_once(&state).await {
                Ok(n) if n as i64 == BATCH => continue,
                Ok(_) => {}
                Err(e) => tracing::warn!("outbox worker: {e}"),
            }
            if !state.workers.pause(state.config.outbox_poll).await {
                break;
            }
        }
    });
}
