//! Queries over `idempotency_keys`: one row per (principal, key) with the answer to replay, written
//! in the transaction of the request's effect.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::store::db::DbConn;
use crate::store::schema::idempotency_keys;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = idempotency_keys)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct IdempotencyRow {
    pub principal: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub status: String,
    pub response_status: Option<i32>,
    pub response_content_type: Option<String>,
    /// Sealed (`Keys::seal`): some answers carry secrets.
    pub response_body: Option<String>,
    pub created_at: NaiveDateTime,
    pub response_location: Option<String>,
}

pub fn find(conn: &mut DbConn, principal: &str, key: &str) -> QueryResult<Option<IdempotencyRow>> {
    idempotency_keys::table.find((principal, key)).select(IdempotencyRow::as_select()).first(conn).optional()
}

pub fn insert(conn: &mut DbConn, row: &IdempotencyRow) -> QueryResult<()> {
    diesel::insert_into(idempotency_keys::table).values(row).execute(conn).map(drop)
}

pub fn delete(conn: &mut DbConn, principal: &str, key: &str) -> QueryResult<()> {
    diesel::delete(idempotency_keys::table.find((principal, key))).execute(conn).map(drop)
}

/// Forgets keys created before `cutoff`.
pub fn purge_before(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff))).execute(conn)
}
