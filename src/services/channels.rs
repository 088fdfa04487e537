//! Rule 2 of the domain, as the API shows it before a run: which channel a provider's charges for a
//! premises take in the next billing run, and that run's period.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use crate::domain::edoc::{Declaration, in_force};
use crate::domain::events;
use crate::domain::ids::{PremisesId, ProviderId};
use crate::domain::period::Period;
use crate::domain::vocabulary::{Channel, WebhookEvent};
use crate::error::{Error, Result};
use crate::services::outbox;
use crate::services::providers::current_period;
use crate::store::db::DbConn;
use crate::store::{accounts, addresses, charges, premises, providers};

/// The first period whose billing run has not started: the one after the latest closed period, or
/// the current month while none is closed.
pub fn next_billing_period(conn: &mut DbConn) -> Result<Period> {
    Ok(period_after(charges::latest_closed(conn)?.as_deref()))
}

/// The period after the latest closed one, or the current month while none is closed.
pub fn period_after(latest_closed: Option<&str>) -> Period {
    latest_closed.and_then(Period::parse).map(Period::next).unwrap_or_else(current_period)
}

/// Of these providers, the active ones that are e-document capable for `period`.
pub fn capable_providers(conn: &mut DbConn, provider_ids: &[ProviderId], period: Period) -> Result<HashSet<ProviderId>> {
    let mut history: HashMap<ProviderId, Vec<Declaration>> = HashMap::new();
    for change in providers::edoc_changes(conn, provider_ids)? {
        if let Some(since) = Period::parse(&change.since) {
            history.entry(change.provider_id).or_default().push(Declaration { capable: change.edoc_capable, since });
        }
    }
    let active = providers::active_among(conn, provider_ids)?;
    Ok(history
        .into_iter()
        .filter(|(id, declarations)| active.contains(id) && in_force(declarations, period).is_some_and(|d| d.capable))
        .map(|(id, _)| id)
        .collect())
}

/// For one provider: the premises (of those given) whose charges go out electronically next run.
pub fn electronic_for_provider(conn: &mut DbConn, provider_id: &ProviderId, premises_ids: &[PremisesId]) -> Result<HashSet<PremisesId>> {
    let period = next_billing_period(conn)?;
    if !capable_providers(conn, std::slice::from_ref(provider_id), period)?.contains(provider_id) {
        return Ok(HashSet::new());
    }
    Ok(addresses::electronic_premises(conn, premises_ids)?)
}

/// Queues `account.delivery_changed` for every capable provider's account at the premises when the
/// premises' residents' choice flipped (`electronic_before` → now).
pub fn emit_if_flipped(conn: &mut DbConn, premises_id: &PremisesId, electronic_before: bool, now: NaiveDateTime) -> Result<()> {
    let electronic_now = addresses::electronic_premises(conn, std::slice::from_ref(premises_id))?.contains(premises_id);
    if electronic_now == electronic_before {
        return Ok(());
    }
    let period = next_billing_period(conn)?;
    let accounts = accounts::of_premises_many(conn, std::slice::from_ref(premises_id))?;
    let provider_ids: Vec<ProviderId> = accounts.iter().map(|a| a.provider_id.clone()).collect();
    let capable = capable_providers(conn, &provider_ids, period)?;
    let with_hooks = providers::with_webhook(conn, &provider_ids)?;
    let payer_code = premises::find_many(conn, std::slice::from_ref(premises_id))?.pop().map(|p| p.payer_code).unwrap_or_default();
    let delivery = if electronic_now { Channel::Electronic } else { Channel::Paper };
    let rows: Vec<_> = accounts
        .iter()
        .filter(|a| capable.contains(&a.provider_id) && with_hooks.contains(&a.provider_id))
        .map(|a| {
            let data = events::AccountDeliveryChangedEvent {
                account_number: a.number.clone(),
                payer_code: payer_code.clone(),
                delivery,
                effective_from: period.to_string(),
            };
            Ok(outbox::webhook_row(
                &a.provider_id,
                WebhookEvent::AccountDeliveryChanged,
                serde_json::to_value(data).map_err(Error::internal)?,
                None,
                now,
            ))
        })
        .collect::<Result<_>>()?;
    outbox::insert(conn, &rows)
}
