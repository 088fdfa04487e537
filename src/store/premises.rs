//! Queries over `premises` (with their payer codes), `counters` and `premises_merges`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{OperatorId, PremisesId};
use crate::store::db::{DbConn, chunk_rows};
use crate::store::schema::{counters, premises, premises_merges};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = premises, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PremisesRow {
    pub id: PremisesId,
    pub payer_code: String,
    pub address_key: String,
    pub city: String,
    pub street: String,
    pub house: String,
    pub building: Option<String>,
    pub apartment: Option<String>,
    pub merged_into: Option<PremisesId>,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = premises_merges)]
pub struct NewMerge {
    pub id: String,
    pub from_premises_id: PremisesId,
    pub into_premises_id: PremisesId,
    pub operator_id: OperatorId,
    pub accounts_moved: i32,
    pub merged_at: NaiveDateTime,
}

/// On PostgreSQL, serialises the creation of premises until the transaction ends (SQLite's write
/// transactions already are serial), so two pushes of the same new address cannot both create it.
pub fn lock_for_creation(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("LOCK TABLE premises IN SHARE ROW EXCLUSIVE MODE").execute(c)?;
    }
    Ok(())
}

/// The live (not merged) premises with these address keys.
pub fn find_by_keys(conn: &mut DbConn, keys: &[String]) -> QueryResult<Vec<PremisesRow>> {
    let mut found = Vec::with_capacity(keys.len());
    for chunk in keys.chunks(chunk_rows(1)) {
        found.extend(
            premises::table
                .filter(premises::address_key.eq_any(chunk))
                .filter(premises::merged_into.is_null())
                .select(PremisesRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Writes new premises (looked up under `lock_for_creation`, so none of them is stored yet).
pub fn insert_many(conn: &mut DbConn, rows: &[PremisesRow]) -> QueryResult<()> {
    crate::bulk_insert!(conn, premises::table, rows)
}

pub fn find_by_payer_code(conn: &mut DbConn, payer_code: &str) -> QueryResult<Option<PremisesRow>> {
    premises::table.filter(premises::payer_code.eq(payer_code)).select(PremisesRow::as_select()).first(conn).optional()
}

pub fn find_many(conn: &mut DbConn, ids: &[PremisesId]) -> QueryResult<Vec<PremisesRow>> {
    let mut found = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(chunk_rows(1)) {
        found.extend(premises::table.filter(premises::id.eq_any(chunk)).select(PremisesRow::as_select()).load(conn)?);
    }
    Ok(found)
}

/// Live premises ordered by payer code, after `after`, whose address key contains `search`.
pub fn page(conn: &mut DbConn, search: Option<&str>, after: Option<&str>, limit: i64) -> QueryResult<Vec<PremisesRow>> {
    let mut query = premises::table
        .filter(premises::merged_into.is_null())
        .select(PremisesRow::as_select())
        .order(premises::payer_code.asc())
        .limit(limit)
        .into_boxed();
    if let Some(search) = search {
        let escaped = search.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        query = query.filter(premises::address_key.like(format!("%{escaped}%")).escape('\\'));
    }
    if let Some(after) = after {
        query = query.filter(premises::payer_code.gt(after.to_owned()));
    }
    query.load(conn)
}

pub fn mark_merged(conn: &mut DbConn, from: &PremisesId, into: &PremisesId) -> QueryResult<()> {
    diesel::update(premises::table.find(from)).set(premises::merged_into.eq(into)).execute(conn).map(drop)
}

pub fn insert_merge(conn: &mut DbConn, row: &NewMerge) -> QueryResult<()> {
    diesel::insert_into(premises_merges::table).values(row).execute(conn).map(drop)
}

/// Takes `n` consecutive values of counter `name`; returns the first.
pub fn take_serials(conn: &mut DbConn, name: &str, n: i64) -> QueryResult<i64> {
    let updated: Option<i64> = diesel::update(counters::table.find(name))
        .set(counters::value.eq(counters::value + n))
        .returning(counters::value)
        .get_result(conn)
        .optional()?;
    match updated {
        Some(last) => Ok(last - n + 1),
        None => {
            diesel::insert_into(counters::table).values((counters::name.eq(name), counters::value.eq(n))).execute(conn)?;
            Ok(1)
        }
    }
}
