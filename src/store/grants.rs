//! Queries over `authorization_codes` (kept as hashes) and `app_authorizations` (which apps a resident
//! let act for them, with what scopes).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::store::db::DbConn;
use crate::store::schema::{app_authorizations, apps, authorization_codes};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = authorization_codes)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct CodeRow {
    pub code_hash: String,
    pub client_id: String,
    pub resident_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub code_challenge: String,
    /// The login the code was exchanged for.
    pub family_id: Option<String>,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn insert_code(conn: &mut DbConn, row: &CodeRow) -> QueryResult<()> {
    diesel::insert_into(authorization_codes::table).values(row).execute(conn).map(drop)
}

pub fn find_code(conn: &mut DbConn, hash: &str) -> QueryResult<Option<CodeRow>> {
    authorization_codes::table.find(hash).select(CodeRow::as_select()).first(conn).optional()
}

/// Marks an unused code used by the login `family_id`; false when it was used already (a concurrent
/// exchange won).
pub fn use_code(conn: &mut DbConn, hash: &str, family_id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    let n = diesel::update(authorization_codes::table.find(hash).filter(authorization_codes::used_at.is_null()))
        .set((authorization_codes::used_at.eq(now), authorization_codes::family_id.eq(family_id)))
        .execute(conn)?;
    Ok(n == 1)
}

/// Deletes codes that expired before `cutoff`.
pub fn purge_codes(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(authorization_codes::table.filter(authorization_codes::expires_at.lt(cutoff))).execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = app_authorizations)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct AuthorizationRow {
    pub resident_id: String,
    pub client_id: String,
    pub scope: String,
    pub granted_at: NaiveDateTime,
    pub last_used_at: Option<NaiveDateTime>,
}

/// Records a resident's consent; a new consent to the same app replaces the scopes (the first grant's
/// time stays).
pub fn grant(conn: &mut DbConn, row: &AuthorizationRow) -> QueryResult<()> {
    crate::on_backend!(conn, c => diesel::insert_into(app_authorizations::table)
        .values(row)
        .on_conflict((app_authorizations::resident_id, app_authorizations::client_id))
        .do_update()
        .set(app_authorizations::scope.eq(&row.scope))
        .execute(c))
    .map(drop)
}

/// Notes that an app used its grant (a token issued or refreshed).
pub fn touch(conn: &mut DbConn, resident_id: &str, client_id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(app_authorizations::table.find((resident_id, client_id)))
        .set(app_authorizations::last_used_at.eq(now))
        .execute(conn)
        .map(drop)
}

/// A resident's grants with each app's name, oldest first.
pub fn of_resident(conn: &mut DbConn, resident_id: &str) -> QueryResult<Vec<(AuthorizationRow, String)>> {
    app_authorizations::table
        .inner_join(apps::table)
        .filter(app_authorizations::resident_id.eq(resident_id))
        .order((app_authorizations::granted_at, app_authorizations::client_id))
        .select((AuthorizationRow::as_select(), apps::name))
        .load(conn)
}

/// Whether the resident's grant to the app still stands.
pub fn exists(conn: &mut DbConn, resident_id: &str, client_id: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(app_authorizations::table.find((resident_id, client_id)))).get_result(conn)
}

/// Withdraws one resident's grant to one app; false when there was none.
pub fn withdraw(conn: &mut DbConn, resident_id: &str, client_id: &str) -> QueryResult<bool> {
    Ok(diesel::delete(app_authorizations::table.find((resident_id, client_id))).execute(conn)? == 1)
}

/// Withdraws every grant to an app (it was suspended).
pub fn withdraw_all(conn: &mut DbConn, client_id: &str) -> QueryResult<usize> {
    diesel::delete(app_authorizations::table.filter(app_authorizations::client_id.eq(client_id))).execute(conn)
}

/// Withdraws every grant of a resident (the account was deleted).
pub fn withdraw_of_resident(conn: &mut DbConn, resident_id: &str) -> QueryResult<usize> {
    diesel::delete(app_authorizations::table.filter(app_authorizations::resident_id.eq(resident_id))).execute(conn)
}
