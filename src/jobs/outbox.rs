//! The outbox worker: sends what the outbox holds through the transports, with retries and
//! exponential backoff. Rows are claimed with a lease, so a crashed worker's messages are sent by the
//! next one; a message is marked sent only after its transport accepted it; a permanent refusal is not
//! retried, and an email's falls back to paper (`services::bounces`).

use std::sync::Arc;

use futures_util::StreamExt;

use crate::delivery::Refused;
use crate::domain::ids::ProviderId;
use crate::domain::message::{Sms, webhook_secrets};
use crate::domain::vocabulary::MessageChannel;
use crate::error::{Error, Result};
use crate::services::pdf::Printing;
use crate::services::{bounces, documents, outbox as outbox_rows};
use crate::state::Core;
use crate::store::outbox::{self, OutboxRow};
use crate::store::providers;
use crate::trace::TraceParent;

/// Attempts before a message is given up as `failed` (kept for operators to see).
pub const MAX_ATTEMPTS: i32 = 12;
const BATCH: i64 = 64;
const PARALLEL: usize = 16;

async fn send(state: &Core, row: &OutboxRow) -> Result<(), Refused> {
    let delivery = &state.delivery;
    match row.channel {
        MessageChannel::Email => {
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
            delivery.mailer.send(&row.id, &delivery.mail_from, &email).await
        }
        MessageChannel::Sms => {
            let sms: Sms = open(state, row)?;
            delivery.sms.send(&row.id, &sms, &next_hop(row)).await
        }
        MessageChannel::Webhook => {
            let provider_id = ProviderId::from(row.recipient.as_str());
            let provider = state.db(move |conn| Ok(providers::find(conn, &provider_id)?)).await.map_err(Refused::temporary)?;
            let provider = provider.ok_or_else(|| Refused::Permanent("the provider is gone".into()))?;
            let url = provider.webhook_url.ok_or_else(|| Refused::Permanent("the provider has no webhook_url".into()))?;
            let secrets = webhook_secrets(
                &provider.webhook_secret,
                provider.webhook_secret_previous.as_deref(),
                provider.webhook_secret_rotated_at,
                crate::clock::now(),
            );
            delivery.webhooks.send(&row.id, &url, &row.payload, &secrets, &next_hop(row)).await
        }
    }
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
    let results: Vec<(OutboxRow, Result<(), Refused>)> = futures_util::stream::iter(rows)
        .map(|row| async move {
            let result = send(state, &row).await;
            (row, result)
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    let now = crate::clock::now();
    let outcomes: Vec<(OutboxRow, Attempt)> = results
        .into_iter()
        .map(|(row, result)| {
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
            (row, outcome)
        })
        .collect();
    let keys = state.keys.clone();
    state
        .db(move |conn| {
            for (row, outcome) in outcomes {
                let (id, attempts) = (&row.id, row.attempts + 1);
                match &outcome {
                    Attempt::Sent => outbox::mark_sent(conn, id, attempts, now)?,
                    Attempt::Retry(error, at) => outbox::mark_failed_attempt(conn, id, attempts, error, Some(*at))?,
                    Attempt::GiveUp(error) | Attempt::Bounced { reason: error, .. } => {
                        outbox::mark_failed_attempt(conn, id, attempts, error, None)?
                    }
                }
                // An e-receipt's fate is the provider's to hear.
                if let (Some(document_id), MessageChannel::Email) = (&row.document_id, row.channel) {
                    match outcome {
                        Attempt::Sent => documents::after_email(conn, document_id, true, now)?,
                        Attempt::GiveUp(_) | Attempt::Bounced { .. } => documents::after_email(conn, document_id, false, now)?,
                        Attempt::Retry(..) => {}
                    }
                }
                if let Attempt::Bounced { to, reason } = &outcome {
                    bounces::hard(conn, &keys, to, row.document_id.as_ref(), reason, now)?;
                }
            }
            Ok::<_, Error>(())
        })
        .await?;
    Ok(count)
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
