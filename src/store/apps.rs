//! Queries over `apps`, the third-party apps registered as OAuth clients.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::{AppId, OperatorId};
use crate::domain::vocabulary::{AppStatus, AppType};
use crate::store::db::DbConn;
use crate::store::schema::apps;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = apps, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AppRow {
    pub id: AppId,
    pub name: String,
    pub app_type: AppType,
    /// A JSON array of the registered redirect URIs, each as given.
    pub redirect_uris: String,
    /// Argon2 hash of a confidential app's secret.
    pub client_secret_hash: Option<String>,
    pub status: AppStatus,
    pub created_by: OperatorId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The scopes the app may ask residents for, space-separated.
    pub scopes: String,
}

pub fn insert(conn: &mut DbConn, row: &AppRow) -> QueryResult<()> {
    diesel::insert_into(apps::table).values(row).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &AppId) -> QueryResult<Option<AppRow>> {
    apps::table.find(id).select(AppRow::as_select()).first(conn).optional()
}

/// Up to `limit` apps after the app `after`, by id.
pub fn page(conn: &mut DbConn, after: Option<&str>, limit: i64) -> QueryResult<Vec<AppRow>> {
    let mut query = apps::table.select(AppRow::as_select()).order(apps::id).limit(limit).into_boxed();
    if let Some(after) = after {
        query = query.filter(apps::id.gt(after.to_owned()));
    }
    query.load(conn)
}

pub fn set_status(conn: &mut DbConn, id: &AppId, status: AppStatus, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(apps::table.find(id)).set((apps::status.eq(status), apps::updated_at.eq(now))).execute(conn).map(drop)
}
