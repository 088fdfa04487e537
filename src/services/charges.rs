//! Charge pushes: ≤ 10,000 items for one period, all or nothing, upserted by (account, period,
//! service) with set-based SQL; refused once the period is closed by its billing run. Each push is
//! checked for anomalies against the period before (warnings, kept with the batch), and can be
//! rehearsed (`validate_only`): every rule and statement runs, then all is rolled back.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DbError};

use crate::domain::anomaly::{self, Findings, Warning, WarningCode};
use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{BatchId, ProviderId};
use crate::domain::period::Period;
use crate::error::{Code, Error, FieldError, Result};
use crate::store::charges::{self as store, BatchRow, ChargeRow};
use crate::store::db::{DbConn, Effect};

/// One checked charge of a push.
#[derive(Debug, Clone)]
pub struct ChargeInput {
    pub account_number: String,
    pub service_code: String,
    pub service_name: String,
    pub unit: String,
    pub amounts: ChargeAmounts,
}

#[derive(Debug)]
pub struct Pushed {
    pub batch_id: BatchId,
    pub created: usize,
    pub updated: usize,
    pub warnings: Vec<Warning>,
}

/// Stores a push atomically: every item, or (with the failing items named) none. `Effect::Rehearse`
/// runs it all and keeps nothing.
pub fn push(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    period: Period,
    items: Vec<ChargeInput>,
    now: NaiveDateTime,
    effect: Effect,
) -> Result<Pushed> {
    let batch_id = BatchId::new();
    let (last_period, next_period) = (period.prev().to_string(), period.next().to_string());
    let period = period.to_string();
    let rows: Vec<ChargeRow> = items
        .into_iter()
        .map(|i| ChargeRow {
            provider_id: provider_id.to_owned(),
            period: period.clone(),
            account_number: i.account_number,
            service_code: i.service_code,
            service_name: i.service_name,
            unit: i.unit,
            amounts: i.amounts,
            batch_id: batch_id.clone(),
            created_at: now,
            updated_at: now,
        })
        .collect();
    effect.transaction(conn, |conn| {
        store::lock_period_shared(conn, &period)?;
        if store::is_closed(conn, &period)? {
            return Err(Error::rule(
                Code::PeriodClosed,
                format!("the billing run of {period} has closed it: charges are no longer accepted"),
            ));
        }
        let mut numbers: Vec<&str> = rows.iter().map(|r| r.account_number.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        let unknown: HashSet<String> = store::unknown_accounts(conn, provider_id, &numbers)?.into_iter().collect();
        if !unknown.is_empty() {
            let errors = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| unknown.contains(&r.account_number))
                .map(|(i, _)| {
                    FieldError::new(
                        format!("items[{i}].account_number"),
                        "not an account of this provider (send it with PUT /v1/providers/me/accounts first)",
                    )
                })
                .collect();
            return Err(Error::validation(errors));
        }
        let existing = write(conn, provider_id, &period, &rows)?;
        let (created, updated) = (rows.len() - existing, existing);
        let mut warnings = anomalies(conn, provider_id, [&last_period, &period], &numbers, &rows)?;
        let listed = anomaly::MISSING_LISTED as i64;
        let (missing, first) = store::note_charged(conn, provider_id, [&last_period, &period, &next_period], &numbers, listed)?;
        if missing > 0 {
            warnings.push(anomaly::accounts_missing(missing, first, &last_period, &period));
        }
        store::insert_batch(
            conn,
            &BatchRow {
                id: batch_id.clone(),
                provider_id: provider_id.clone(),
                period: period.clone(),
                items: rows.len() as i32,
                created: created as i32,
                updated: updated as i32,
                created_at: now,
                warnings: serde_json::to_string(&warnings).map_err(Error::internal)?,
            },
        )?;
        Ok(Pushed { batch_id: batch_id.clone(), created, updated, warnings })
    })
}

/// The warnings of a push just written (`rows`, of the accounts `numbers`) about its items: amounts
/// far from last period's, volume × tariff that does not make the amount, accounts whose total is
/// negative. (The accounts missing since last period are counted by `store::note_charged`.)
fn anomalies(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    [last, period]: [&str; 2],
    numbers: &[&str],
    rows: &[ChargeRow],
) -> Result<Vec<Warning>> {
    let mut found = Findings::default();
    let mut last_amounts = HashMap::new();
    let mut totals: HashMap<String, i64> = HashMap::new();
    for stored in store::amounts_of(conn, provider_id, [last, period], numbers)? {
        if stored.period == last {
            last_amounts.entry(stored.account_number).or_insert_with(HashMap::new).insert(stored.service_code, stored.amount);
        } else {
            *totals.entry(stored.account_number).or_default() += stored.total;
        }
    }
    let mut negative_seen = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let amounts = &row.amounts;
        let item = || format!("items[{i}].amount");
        if let Some(&previous) = last_amounts.get(&row.account_number).and_then(|services| services.get(&row.service_code))
            && anomaly::far_from(amounts.amount, previous)
        {
            found.add(WarningCode::AmountFarFromLastPeriod, item(), || anomaly::far_example(&item(), amounts.amount, previous, last));
        }
        if let (Some(volume), Some(tariff)) = (&amounts.volume, &amounts.tariff)
            && anomaly::mismatch(volume, tariff, amounts.amount)
        {
            found.add(WarningCode::VolumeTariffMismatch, item(), || anomaly::mismatch_example(&item(), volume, tariff, amounts.amount));
        }
        if let Some(&total) = totals.get(&row.account_number).filter(|t| **t < 0)
            && negative_seen.insert(row.account_number.as_str())
        {
            let item = format!("items[{i}].account_number");
            found.add(WarningCode::NegativeTotal, item, || anomaly::negative_example(&row.account_number, total));
        }
    }
    Ok(found.into_warnings())
}

/// Writes the checked rows and answers how many of them were stored already. The rows go in with the
/// backend's fastest bulk write, at a savepoint; if some were stored already (by an earlier push or a
/// concurrent one), that fails with a unique violation and they are counted and upserted instead.
fn write(conn: &mut DbConn, provider_id: &ProviderId, period: &str, rows: &[ChargeRow]) -> Result<usize> {
    match conn.transaction(|conn| store::insert_new(conn, rows)) {
        Ok(()) => return Ok(0),
        Err(DbError::DatabaseError(DatabaseErrorKind::UniqueViolation, _)) => {}
        Err(other) => return Err(other.into()),
    }
    let existing = store::count_existing(conn, provider_id, period, rows)?;
    store::upsert(conn, rows)?;
    Ok(existing as usize)
}

/// A push of the provider's, by id (another provider's is not found).
pub fn batch(conn: &mut DbConn, provider_id: &ProviderId, id: &str) -> Result<BatchRow> {
    store::find_batch(conn, provider_id, id)?.ok_or_else(|| Error::not_found("batch"))
}

/// A page of the provider's charges.
pub fn page(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    period: Option<Period>,
    after: Option<(String, String, String)>,
    limit: u32,
) -> Result<Vec<ChargeRow>> {
    Ok(store::page(conn, provider_id, period.map(|p| p.to_string()).as_deref(), after, i64::from(limit) + 1)?)
}
