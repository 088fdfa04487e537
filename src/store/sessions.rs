//! Queries over `web_sessions`, the cabinet's server-side sessions (keyed by the hash of the cookie).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::ResidentId;
use crate::store::db::DbConn;
use crate::store::schema::web_sessions;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = web_sessions, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct SessionRow {
    /// SHA-256 of the cookie's token.
    pub id: String,
    pub resident_id: ResidentId,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &SessionRow) -> QueryResult<()> {
    diesel::insert_into(web_sessions::table).values(row).execute(conn).map(drop)
}

pub fn find_live(conn: &mut DbConn, id: &str) -> QueryResult<Option<SessionRow>> {
    web_sessions::table.find(id).filter(web_sessions::ended_at.is_null()).select(SessionRow::as_select()).first(conn).optional()
}

pub fn touch(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(web_sessions::table.find(id)).set(web_sessions::last_seen_at.eq(now)).execute(conn).map(drop)
}

pub fn end(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(web_sessions::table.find(id).filter(web_sessions::ended_at.is_null()))
        .set(web_sessions::ended_at.eq(now))
        .execute(conn)
        .map(drop)
}

/// Ends every session of a resident (a password change or reset, a deleted account).
pub fn end_all_of(conn: &mut DbConn, resident_id: &ResidentId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(web_sessions::table.filter(web_sessions::resident_id.eq(resident_id)).filter(web_sessions::ended_at.is_null()))
        .set(web_sessions::ended_at.eq(now))
        .execute(conn)
        .map(drop)
}
