//! Queries over `audit_events`: appended in the transaction of the change they record, read by
//! operators newest first.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::store::db::DbConn;
use crate::store::schema::audit_events;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AuditEventRow {
    pub id: String,
    pub actor_kind: String,
    pub actor_id: Option<String>,
    pub kind: String,
    pub object_type: String,
    pub object_id: String,
    /// JSON: what changed.
    pub data: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &AuditEventRow) -> QueryResult<()> {
    diesel::insert_into(audit_events::table).values(row).execute(conn).map(drop)
}

/// What an operator looks for.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub actor: Option<String>,
    pub kind: Option<String>,
    pub object: Option<String>,
    pub since: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// Up to `limit` events matching `filter`, newest first, older than the event `before` when given.
pub fn page(conn: &mut DbConn, filter: &Filter, before: Option<&str>, limit: i64) -> QueryResult<Vec<AuditEventRow>> {
    let mut query = audit_events::table.select(AuditEventRow::as_select()).order(audit_events::id.desc()).limit(limit).into_boxed();
    if let Some(actor) = &filter.actor {
        query = query.filter(audit_events::actor_id.eq(actor.clone()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(audit_events::kind.eq(kind.clone()));
    }
    if let Some(object) = &filter.object {
        query = query.filter(audit_events::object_id.eq(object.clone()));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_events::created_at.ge(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_events::created_at.lt(until));
    }
    if let Some(before) = before {
        query = query.filter(audit_events::id.lt(before.to_owned()));
    }
    query.load(conn)
}
