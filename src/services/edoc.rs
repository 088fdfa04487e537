//! E-document capability: a provider declares (or withdraws) it from a period on; every declaration
//! is kept, and a billing run uses the one in force for its period.

use chrono::NaiveDateTime;

use crate::domain::edoc::{Declaration, in_force};
use crate::domain::events;
use crate::domain::ids::{ProviderId, new_id};
use crate::domain::period::Period;
use crate::domain::vocabulary::{Channel, WebhookEvent};
use crate::error::{Code, Error, Result};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::crypto::Keys;
use crate::domain::message::Email;
use crate::services::audit::{self, Actor};
use crate::services::outbox;
use crate::services::providers::current_period;
use crate::store::addresses::{self, ElectronicRecipient};
use crate::store::charges;
use crate::store::db::{DbConn, write_tx};
use crate::store::providers::{self as store, EdocChangeRow};

/// The capability in force now, and every declaration made.
#[derive(Debug)]
pub struct Capability {
    pub in_force: Option<Declaration>,
    pub history: Vec<EdocChangeRow>,
}

/// Whether the declarations make the provider capable for `period`.
fn capable_in(history: &[EdocChangeRow], period: Period) -> bool {
    let declarations: Vec<Declaration> =
        history.iter().filter_map(|c| Period::parse(&c.since).map(|since| Declaration { capable: c.edoc_capable, since })).collect();
    in_force(&declarations, period).is_some_and(|d| d.capable)
}

/// A withdrawal from `since`: an email to each resident who got this provider's charges by email,
/// and `account.delivery_changed` (to paper) for each such account when the provider has a webhook.
fn notify_withdrawal(conn: &mut DbConn, keys: &Keys, provider_id: &ProviderId, since: Period, now: NaiveDateTime) -> Result<()> {
    let provider = store::find(conn, provider_id)?.ok_or_else(|| Error::not_found("provider"))?;
    let recipients = addresses::electronic_of_provider(conn, provider_id)?;
    let mut by_resident: BTreeMap<&str, Vec<&ElectronicRecipient>> = BTreeMap::new();
    for r in &recipients {
        by_resident.entry(r.resident_id.as_str()).or_default().push(r);
    }
    let mut rows = Vec::new();
    for (resident_id, of_resident) in by_resident {
        let payer_codes: BTreeSet<&str> = of_resident.iter().map(|r| r.payer_code.as_str()).collect();
        let email = withdrawal_email(&provider.requisites.name, since, of_resident[0], &payer_codes);
        let dedupe = format!("edoc-withdrawn:{provider_id}:{since}:{}:{resident_id}", now.and_utc().timestamp());
        rows.push(outbox::email_row(keys, "edoc_withdrawn", &email, Some(dedupe), now)?);
    }
    let mut accounts_told = HashSet::new();
    if provider.webhook_url.is_some() {
        for r in recipients.iter().filter(|r| accounts_told.insert(r.account_number.as_str())) {
            let data = events::AccountDeliveryChangedEvent {
                account_number: r.account_number.clone(),
                payer_code: r.payer_code.clone(),
                delivery: Channel::Paper,
                effective_from: since.to_string(),
            };
            rows.push(outbox::webhook_row(
                provider_id,
                WebhookEvent::AccountDeliveryChanged,
                serde_json::to_value(data).map_err(Error::internal)?,
                None,
                now,
            ));
        }
    }
    outbox::insert(conn, &rows)
}

fn withdrawal_email(provider: &str, since: Period, to: &ElectronicRecipient, payer_codes: &BTreeSet<&str>) -> Email {
    let greeting = to.name.as_deref().map(|n| format!("Здравствуйте, {n}!")).unwrap_or_else(|| "Здравствуйте!".into());
    let codes = payer_codes.iter().copied().collect::<Vec<_>>().join(", ");
    let text = format!(
        "{greeting}\n\n{provider} больше не выставляет электронные квитанции. Начиная с расчётного периода {}, его \
         начисления по лицевым счетам с кодом плательщика {codes} будут в бумажном едином платёжном документе, который \
         доставляют по адресу.\n\nКвитанции остальных поставщиков по-прежнему приходят на эту почту. Вопросы о начислениях \
         задавайте в центре обслуживания поставщика.\n\n— ebill, единый платёжный агент\n",
        since.dotted()
    );
    Email {
        to: to.email.clone(), subject: format!("{provider}: квитанции снова будут на бумаге"), text, ..Default::default()
    }
}

pub fn capability(conn: &mut DbConn, provider_id: &ProviderId) -> Result<Capability> {
    let history = store::edoc_changes(conn, &[provider_id.to_owned()])?;
    let declarations: Vec<Declaration> =
        history.iter().filter_map(|c| Period::parse(&c.since).map(|since| Declaration { capable: c.edoc_capable, since })).collect();
    let in_force = in_force(&declarations, current_period()).cloned();
    Ok(Capability { in_force, history })
}

/// Declares capability (or its withdrawal) from `since` on; the past that a billing run has closed
/// cannot be changed. A withdrawal tells the residents whose receipts it moves back to paper, and the
/// provider's webhook each account it moves.
pub fn declare(
    conn: &mut DbConn,
    keys: &Keys,
    provider_id: &ProviderId,
    capable: bool,
    since: Period,
    now: NaiveDateTime,
) -> Result<Capability> {
    write_tx(conn, |conn| {
        let before = capable_in(&store::edoc_changes(conn, &[provider_id.to_owned()])?, since);
        if let Some(closed) = charges::latest_closed(conn)?.as_deref().and_then(Period::parse)
            && since <= closed
        {
            return Err(Error::rule(
                Code::PeriodClosed,
                format!("the billing run of {closed} has closed that period; declare from {} on", closed.next()),
            ));
        }
        store::insert_edoc_change(
            conn,
            &EdocChangeRow {
                id: new_id("edc"),
                provider_id: provider_id.to_owned(),
                edoc_capable: capable,
                since: since.to_string(),
                created_at: now,
            },
        )?;
        let data = serde_json::json!({"edoc_capable": capable, "since": since.to_string()});
        audit::record(conn, Actor::Provider(provider_id), "edoc.declared", ("provider", provider_id), data, now)?;
        if before && !capable {
            notify_withdrawal(conn, keys, provider_id, since, now)?;
        }
        Ok::<_, Error>(())
    })?;
    capability(conn, provider_id)
}
