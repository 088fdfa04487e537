//! Queries over `outbox`: messages written with the change that causes them, claimed and sent by the
//! delivery worker.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{DocumentId, RunId};
use crate::domain::vocabulary::{MessageChannel, MessageStatus};

use crate::on_backend;
use crate::store::db::{DbConn, rows_per_insert};
use crate::store::schema::outbox;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = outbox, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OutboxRow {
    pub id: String,
    pub channel: MessageChannel,
    pub topic: String,
    pub recipient: String,
    pub payload: String,
    pub dedupe_key: Option<String>,
    pub status: MessageStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    /// The billing run that queued it, if any.
    pub run_id: Option<RunId>,
    /// The document it delivers, if any.
    pub document_id: Option<DocumentId>,
    /// The W3C `traceparent` of the request that queued it.
    pub traceparent: Option<String>,
    /// A webhook's event (its `webhook-id`): the row's own id, or for a redelivery the event it sends again.
    pub event_id: Option<String>,
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<OutboxRow>> {
    outbox::table.find(id).select(OutboxRow::as_select()).first(conn).optional()
}

/// Inserts messages; one whose `dedupe_key` is stored already is skipped.
pub fn insert_many(conn: &mut DbConn, rows: &[OutboxRow]) -> QueryResult<()> {
    for chunk in rows.chunks(rows_per_insert(&outbox::table)) {
        on_backend!(conn, c => diesel::insert_into(outbox::table).values(chunk).on_conflict(outbox::dedupe_key).do_nothing().execute(c))?;
    }
    Ok(())
}

/// Claims up to `limit` due messages for this worker until `lease_until` (a crashed worker's claim
/// lapses then). PostgreSQL skips rows another worker holds; SQLite's writes are serial anyway.
pub fn claim_due(conn: &mut DbConn, now: NaiveDateTime, lease_until: NaiveDateTime, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    crate::store::db::write_tx(conn, |conn| {
        let due = outbox::table
            .filter(outbox::status.eq(MessageStatus::Pending))
            .filter(outbox::next_attempt_at.le(now))
            .order(outbox::next_attempt_at.asc())
            .limit(limit)
            .select(outbox::id);
        let ids: Vec<String> = match conn {
            DbConn::Pg(c) => due.for_update().skip_locked().load(c)?,
            DbConn::Sqlite(c) => due.load(c)?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        diesel::update(outbox::table.filter(outbox::id.eq_any(&ids))).set(outbox::next_attempt_at.eq(lease_until)).execute(conn)?;
        outbox::table.filter(outbox::id.eq_any(&ids)).select(OutboxRow::as_select()).load(conn)
    })
}

pub fn mark_sent(conn: &mut DbConn, id: &str, attempts: i32, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::status.eq(MessageStatus::Sent),
            outbox::attempts.eq(attempts),
            outbox::sent_at.eq(now),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(drop)
}

/// Records a failed attempt: retried at `retry_at`, or `failed` for good when that is `None`.
pub fn mark_failed_attempt(conn: &mut DbConn, id: &str, attempts: i32, error: &str, retry_at: Option<NaiveDateTime>) -> QueryResult<()> {
    let error: String = error.chars().take(1000).collect();
    match retry_at {
        Some(at) => diesel::update(outbox::table.find(id))
            .set((outbox::attempts.eq(attempts), outbox::last_error.eq(error), outbox::next_attempt_at.eq(at)))
            .execute(conn),
        None => diesel::update(outbox::table.find(id))
            .set((outbox::status.eq(MessageStatus::Failed), outbox::attempts.eq(attempts), outbox::last_error.eq(error)))
            .execute(conn),
    }
    .map(drop)
}

/// When messages of `topic` were queued to `recipient` since `since`, newest first.
pub fn sent_times(conn: &mut DbConn, channel: &str, topic: &str, recipient: &str, since: NaiveDateTime) -> QueryResult<Vec<NaiveDateTime>> {
    outbox::table
        .filter(outbox::channel.eq(channel))
        .filter(outbox::recipient.eq(recipient))
        .filter(outbox::created_at.ge(since))
        .filter(outbox::topic.eq(topic))
        .order(outbox::created_at.desc())
        .select(outbox::created_at)
        .load(conn)
}

/// How many messages of a channel have a status: (channel, status, count).
pub type StatusCount = (MessageChannel, MessageStatus, i64);

/// Counts of messages by status, for the metrics.
/// The age in seconds of the oldest pending message of each channel that has one.
pub fn oldest_pending(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<(MessageChannel, i64)>> {
    let oldest: Vec<(MessageChannel, Option<NaiveDateTime>)> = outbox::table
        .filter(outbox::status.eq(MessageStatus::Pending))
        .group_by(outbox::channel)
        .select((outbox::channel, diesel::dsl::min(outbox::created_at)))
        .load(conn)?;
    Ok(oldest.into_iter().filter_map(|(channel, at)| at.map(|at| (channel, (now - at).num_seconds().max(0)))).collect())
}

pub fn status_counts(conn: &mut DbConn) -> QueryResult<Vec<StatusCount>> {
    outbox::table
        .group_by((outbox::channel, outbox::status))
        .select((outbox::channel, outbox::status, diesel::dsl::count_star()))
        .load(conn)
}
