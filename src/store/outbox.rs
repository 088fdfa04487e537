//! Queries over `outbox`: messages written with the change that causes them, claimed and sent by the
//! delivery worker.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::store::db::DbConn;
use crate::store::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: String,
    pub channel: String,
    pub topic: String,
    pub recipient: String,
    pub payload: String,
    pub dedupe_key: Option<String>,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

pub fn insert(conn: &mut DbConn, row: &OutboxRow) -> QueryResult<()> {
    diesel::insert_into(outbox::table).values(row).execute(conn).map(drop)
}
