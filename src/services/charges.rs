//! Charge pushes: ≤ 10,000 items for one period, all or nothing, upserted by (account, period,
//! service) with set-based SQL; refused once the period is closed by its billing run.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use diesel::Connection;
use diesel::result::{DatabaseErrorKind, Error as DbError};

use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{BatchId, ProviderId};
use crate::domain::period::Period;
use crate::error::{Code, Error, FieldError, Result};
use crate::store::charges::{self as store, ChargeRow, NewBatch};
use crate::store::db::{DbConn, write_tx};

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
}

/// Stores a push atomically: every item, or (with the failing items named) none.
pub fn push(conn: &mut DbConn, provider_id: &ProviderId, period: Period, items: Vec<ChargeInput>, now: NaiveDateTime) -> Result<Pushed> {
    let batch_id = BatchId::new();
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
    write_tx(conn, |conn| {
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
        store::insert_batch(
            conn,
            &NewBatch {
                id: batch_id.clone(),
                provider_id: provider_id.clone(),
                period: period.clone(),
                items: rows.len() as i32,
                created: created as i32,
                updated: updated as i32,
                created_at: now,
            },
        )?;
        Ok(Pushed { batch_id: batch_id.clone(), created, updated })
    })
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
