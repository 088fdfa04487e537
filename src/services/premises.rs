//! Premises for operators: search, and merging two premises that address normalisation could not
//! match (the merged payer code is retired, never reused).

use chrono::NaiveDateTime;

use crate::domain::ids::{OperatorId, PremisesId, new_id};
use crate::domain::vocabulary::MoveReason;
use crate::error::{Code, Error, Result};
use crate::services::audit::{self, Actor};
use crate::store::accounts::{self, NewMove};
use crate::store::db::{DbConn, write_tx};
use crate::store::premises::{self as store, NewMerge, PremisesRow};

/// A page of live premises, each with its accounts (of every provider).
pub fn page(
    conn: &mut DbConn,
    search: Option<&str>,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<(PremisesRow, Vec<accounts::AccountRow>)>> {
    let rows = store::page(conn, search, after, i64::from(limit) + 1)?;
    let ids: Vec<PremisesId> = rows.iter().map(|p| p.id.clone()).collect();
    let mut by_premises: std::collections::HashMap<PremisesId, Vec<accounts::AccountRow>> = std::collections::HashMap::new();
    for account in accounts::of_premises_many(conn, &ids)? {
        by_premises.entry(account.premises_id.clone()).or_default().push(account);
    }
    Ok(rows
        .into_iter()
        .map(|p| {
            let a = by_premises.remove(&p.id).unwrap_or_default();
            (p, a)
        })
        .collect())
}

/// The result of a merge.
#[derive(Debug)]
pub struct Merged {
    pub into: PremisesRow,
    pub accounts_moved: usize,
}

/// Merges premises `from` into `into` (both by payer code): every account moves (audited), and so
/// do the residents' links.
pub fn merge(conn: &mut DbConn, from: &str, into: &str, operator_id: &OperatorId, now: NaiveDateTime) -> Result<Merged> {
    write_tx(conn, |conn| {
        let source =
            store::find_by_payer_code(conn, from)?.filter(|p| p.merged_into.is_none()).ok_or_else(|| Error::not_found("premises"))?;
        let target = store::find_by_payer_code(conn, into)?
            .filter(|p| p.merged_into.is_none())
            .ok_or_else(|| Error::invalid("into_payer_code", "no such premises (or it was merged itself)"))?;
        if source.id == target.id {
            return Err(Error::invalid("into_payer_code", "is the premises being merged"));
        }
        if crate::store::runs::any_running(conn)? {
            return Err(Error::rule(Code::BillingRunInProgress, "a billing run is writing documents now; merge when it has finished"));
        }
        let moved = accounts::of_premises_many(conn, std::slice::from_ref(&source.id))?;
        let moves: Vec<NewMove> = moved
            .iter()
            .map(|a| NewMove {
                id: new_id("mov"),
                account_id: a.id.clone(),
                from_premises_id: source.id.clone(),
                to_premises_id: target.id.clone(),
                reason: MoveReason::PremisesMerged,
                moved_at: now,
            })
            .collect();
        accounts::repoint(conn, &source.id, &target.id, now)?;
        crate::store::addresses::repoint(conn, &source.id, &target.id, now)?;
        accounts::insert_moves(conn, &moves)?;
        store::mark_merged(conn, &source.id, &target.id)?;
        store::insert_merge(
            conn,
            &NewMerge {
                id: new_id("mrg"),
                from_premises_id: source.id,
                into_premises_id: target.id.clone(),
                operator_id: operator_id.clone(),
                accounts_moved: moves.len() as i32,
                merged_at: now,
            },
        )?;
        let data = serde_json::json!({"into_payer_code": target.payer_code, "accounts_moved": moves.len()});
        audit::record(conn, Actor::Operator(operator_id), "premises.merged", ("premises", from), data, now)?;
        Ok(Merged { into: target, accounts_moved: moves.len() })
    })
}
