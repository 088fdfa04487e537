//! Queries over `provider_accounts` and their audit trail `account_moves`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{AccountId, PremisesId, ProviderId};
use crate::domain::vocabulary::MoveReason;
use diesel::upsert::excluded;

use crate::on_backend;
use crate::store::db::{DbConn, chunk_rows, rows_per_insert};
use crate::store::schema::{account_moves, premises, provider_accounts};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = provider_accounts, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AccountRow {
    pub id: AccountId,
    pub provider_id: ProviderId,
    pub number: String,
    pub premises_id: PremisesId,
    pub holder: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = account_moves)]
pub struct NewMove {
    pub id: String,
    pub account_id: AccountId,
    pub from_premises_id: PremisesId,
    pub to_premises_id: PremisesId,
    pub reason: MoveReason,
    pub moved_at: NaiveDateTime,
}

/// The provider's accounts with these numbers.
pub fn find_by_numbers(conn: &mut DbConn, provider_id: &ProviderId, numbers: &[String]) -> QueryResult<Vec<AccountRow>> {
    let mut found = Vec::with_capacity(numbers.len());
    for chunk in numbers.chunks(chunk_rows(1)) {
        found.extend(
            provider_accounts::table
                .filter(provider_accounts::provider_id.eq(provider_id))
                .filter(provider_accounts::number.eq_any(chunk))
                .select(AccountRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Inserts accounts none of which is stored yet.
pub fn insert_new(conn: &mut DbConn, rows: &[AccountRow]) -> QueryResult<()> {
    crate::bulk_insert!(conn, provider_accounts::table, rows)
}

/// Inserts new accounts and updates changed ones (premises, holder) in multi-row statements.
pub fn upsert_many(conn: &mut DbConn, rows: &[AccountRow]) -> QueryResult<()> {
    for chunk in rows.chunks(rows_per_insert(&provider_accounts::table)) {
        on_backend!(conn, c => diesel::insert_into(provider_accounts::table)
            .values(chunk)
            .on_conflict((provider_accounts::provider_id, provider_accounts::number))
            .do_update()
            .set((
                provider_accounts::premises_id.eq(excluded(provider_accounts::premises_id)),
                provider_accounts::holder.eq(excluded(provider_accounts::holder)),
                provider_accounts::updated_at.eq(excluded(provider_accounts::updated_at)),
            ))
            .execute(c))?;
    }
    Ok(())
}

pub fn insert_moves(conn: &mut DbConn, rows: &[NewMove]) -> QueryResult<()> {
    for chunk in rows.chunks(rows_per_insert(&account_moves::table)) {
        on_backend!(conn, c => diesel::insert_into(account_moves::table).values(chunk).execute(c))?;
    }
    Ok(())
}

/// A page of a provider's accounts, ordered by number, with their premises.
pub fn page_with_premises(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<(AccountRow, crate::store::premises::PremisesRow)>> {
    let mut query = provider_accounts::table
        .inner_join(premises::table)
        .filter(provider_accounts::provider_id.eq(provider_id))
        .order(provider_accounts::number.asc())
        .limit(limit)
        .select((AccountRow::as_select(), crate::store::premises::PremisesRow::as_select()))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(provider_accounts::number.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Accounts (of every provider) of these premises, by provider and number.
pub fn of_premises_many(conn: &mut DbConn, premises_ids: &[PremisesId]) -> QueryResult<Vec<AccountRow>> {
    let mut found = Vec::new();
    for chunk in premises_ids.chunks(chunk_rows(1)) {
        found.extend(
            provider_accounts::table
                .filter(provider_accounts::premises_id.eq_any(chunk))
                .order((provider_accounts::provider_id.asc(), provider_accounts::number.asc()))
                .select(AccountRow::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Moves every account of premises `from` to `into`.
pub fn repoint(conn: &mut DbConn, from: &PremisesId, into: &PremisesId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(provider_accounts::table.filter(provider_accounts::premises_id.eq(from)))
        .set((provider_accounts::premises_id.eq(into), provider_accounts::updated_at.eq(now)))
        .execute(conn)
}
