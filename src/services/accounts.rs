//! A provider's accounts: bulk upsert (≤ 10,000 per call, one transaction) that maps each address to
//! a premises (creating it, with a new payer code, when none matches) and audits moves, which it
//! also reports as warnings. An upload can be rehearsed (`Effect::Rehearse`): all runs, nothing is kept.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use crate::domain::address::Address;
use crate::domain::anomaly::{Findings, Warning, WarningCode};
use crate::domain::ids::{AccountId, PremisesId, ProviderId, new_id};
use crate::domain::payer_code;
use crate::domain::vocabulary::MoveReason;
use crate::error::{Code, Result};
use crate::store::accounts::{self as store, AccountRow, NewMove};
use crate::store::db::{DbConn, Effect};
use crate::store::premises::{self, PremisesRow};

/// One account as checked by the API: its number, address (with the address's normalised key) and holder.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub number: String,
    pub address: Address,
    pub address_key: String,
    pub holder: Option<String>,
}

/// An account of an upload and the payer code of its premises.
#[derive(Debug)]
pub struct Placed {
    pub number: String,
    pub payer_code: String,
    /// Whether the upload creates the premises (a rehearsal's code is then not the one it will get).
    pub new_premises: bool,
}

/// What an upsert did, each account's premises in request order, and the moves it made as warnings.
#[derive(Debug)]
pub struct Upserted {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub placed: Vec<Placed>,
    pub warnings: Vec<Warning>,
}

/// Upserts the accounts of `provider_id` in one transaction (`Effect::Rehearse`: rolled back).
pub fn upsert(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    accounts: Vec<NewAccount>,
    now: NaiveDateTime,
    effect: Effect,
) -> Result<Upserted> {
    effect.transaction(conn, |conn| {
        premises::lock_for_creation(conn)?;
        let (premises_by_key, created_keys) = premises_for(conn, &accounts, now)?;
        let numbers: Vec<String> = accounts.iter().map(|a| a.number.clone()).collect();
        let existing: HashMap<String, AccountRow> =
            store::find_by_numbers(conn, provider_id, &numbers)?.into_iter().map(|a| (a.number.clone(), a)).collect();

        let (mut created, mut updated, mut unchanged) = (0, 0, 0);
        let (mut inserts, mut changes) = (Vec::new(), Vec::new());
        let mut moves = Vec::new();
        let mut found = Findings::default();
        let mut placed = Vec::with_capacity(accounts.len());
        for (i, account) in accounts.into_iter().enumerate() {
            let target = &premises_by_key[&account.address_key];
            placed.push(Placed {
                number: account.number.clone(),
                payer_code: target.payer_code.clone(),
                new_premises: created_keys.contains(&account.address_key),
            });
            match existing.get(&account.number) {
                None => {
                    created += 1;
                    inserts.push(AccountRow {
                        id: AccountId::new(),
                        provider_id: provider_id.to_owned(),
                        number: account.number,
                        premises_id: target.id.clone(),
                        holder: account.holder,
                        created_at: now,
                        updated_at: now,
                    });
                }
                Some(old) if old.premises_id == target.id && old.holder == account.holder => unchanged += 1,
                Some(old) => {
                    updated += 1;
                    if old.premises_id != target.id {
                        found.add(WarningCode::AccountsMoved, format!("accounts[{i}].address"), || {
                            format!(
                                "accounts[{i}].address: account {} moves to the premises of payer code {}",
                                old.number, target.payer_code
                            )
                        });
                        moves.push(NewMove {
                            id: new_id("mov"),
                            account_id: old.id.clone(),
                            from_premises_id: old.premises_id.clone(),
                            to_premises_id: target.id.clone(),
                            reason: MoveReason::AddressChanged,
                            moved_at: now,
                        });
                    }
                    changes.push(AccountRow { premises_id: target.id.clone(), holder: account.holder, updated_at: now, ..old.clone() });
                }
            }
        }
        if !moves.is_empty() && crate::store::runs::any_running(conn)? {
            return Err(crate::error::Error::rule(
                Code::BillingRunInProgress,
                "a billing run is writing documents now; send address changes when it has finished",
            ));
        }
        // Uploads are serial (the premises lock; SQLite's single writer), so accounts not found above are new.
        store::insert_new(conn, &inserts)?;
        store::upsert_many(conn, &changes)?;
        store::insert_moves(conn, &moves)?;
        Ok(Upserted { created, updated, unchanged, placed, warnings: found.into_warnings() })
    })
}

/// The premises of every address key, creating the missing ones with fresh payer codes; and the keys
/// of those it created.
fn premises_for(conn: &mut DbConn, accounts: &[NewAccount], now: NaiveDateTime) -> Result<(HashMap<String, PremisesRow>, HashSet<String>)> {
    let mut keys: Vec<String> = accounts.iter().map(|a| a.address_key.clone()).collect();
    keys.sort();
    keys.dedup();
    let mut by_key: HashMap<String, PremisesRow> =
        premises::find_by_keys(conn, &keys)?.into_iter().map(|p| (p.address_key.clone(), p)).collect();
    let mut seen = HashSet::new();
    let missing: Vec<&NewAccount> =
        accounts.iter().filter(|a| !by_key.contains_key(&a.address_key) && seen.insert(a.address_key.as_str())).collect();
    if missing.is_empty() {
        return Ok((by_key, HashSet::new()));
    }
    let first = premises::take_serials(conn, "payer_code", missing.len() as i64)?;
    let rows: Vec<PremisesRow> = missing
        .iter()
        .zip(first..)
        .map(|(account, serial)| {
            let shown = account.address.tidy();
            PremisesRow {
                id: PremisesId::new(),
                payer_code: payer_code::from_serial(serial as u64),
                address_key: account.address_key.clone(),
                city: shown.city,
                street: shown.street,
                house: shown.house,
                building: shown.building,
                apartment: shown.apartment,
                merged_into: None,
                created_at: now,
            }
        })
        .collect();
    premises::insert_many(conn, &rows)?;
    let created = rows.iter().map(|p| p.address_key.clone()).collect();
    by_key.extend(rows.into_iter().map(|p| (p.address_key.clone(), p)));
    Ok((by_key, created))
}

/// A page of the provider's accounts with their premises, and whether each one's charges go out
/// electronically in the next billing run.
pub fn page(conn: &mut DbConn, provider_id: &ProviderId, after: Option<&str>, limit: u32) -> Result<Vec<(AccountRow, PremisesRow, bool)>> {
    let rows = store::page_with_premises(conn, provider_id, after, i64::from(limit) + 1)?;
    let premises_ids: Vec<PremisesId> = rows.iter().map(|(_, p)| p.id.clone()).collect();
    let electronic = crate::services::channels::electronic_for_provider(conn, provider_id, &premises_ids)?;
    Ok(rows
        .into_iter()
        .map(|(a, p)| {
            let e = electronic.contains(&p.id);
            (a, p, e)
        })
        .collect())
}
