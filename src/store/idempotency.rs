//! Queries over `idempotency_keys`: one row per (principal, key), first `in_flight`, then `done` with
//! the response to replay.

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
    pub response_body: Option<String>,
    pub created_at: NaiveDateTime,
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

/// Stores the response of a finished request.
pub fn complete(conn: &mut DbConn, principal: &str, key: &str, status: i32, content_type: &str, body: &str) -> QueryResult<()> {
    diesel::update(idempotency_keys::table.find((principal, key)))
        .set((
            idempotency_keys::status.eq("done"),
            idempotency_keys::response_status.eq(status),
            idempotency_keys::response_content_type.eq(content_type),
            idempotency_keys::response_body.eq(body),
        ))
        .execute(conn)
        .map(drop)
}

/// Forgets keys created before `cutoff`.
pub fn purge_before(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff))).execute(conn)
}
