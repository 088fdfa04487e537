//! Queries over `refresh_tokens`: stored as SHA-256 hashes, grouped in rotation families.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::role::Role;
use crate::domain::vocabulary::TokenStatus;

use crate::store::db::DbConn;
use crate::store::schema::refresh_tokens;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct RefreshTokenRow {
    pub id: String,
    pub family_id: String,
    pub token_hash: String,
    pub subject_role: Role,
    pub subject_id: String,
    pub status: TokenStatus,
    pub expires_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    /// The app the login was granted to; `None` for first-party logins.
    pub client_id: Option<String>,
    /// The scopes of an app's login.
    pub scope: Option<String>,
}

pub fn insert(conn: &mut DbConn, row: &RefreshTokenRow) -> QueryResult<()> {
    diesel::insert_into(refresh_tokens::table).values(row).execute(conn).map(drop)
}

pub fn find_by_hash(conn: &mut DbConn, hash: &str) -> QueryResult<Option<RefreshTokenRow>> {
    refresh_tokens::table.filter(refresh_tokens::token_hash.eq(hash)).select(RefreshTokenRow::as_select()).first(conn).optional()
}

/// Marks an active token rotated; false when it was no longer active (a concurrent rotation won).
pub fn mark_rotated(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let n = diesel::update(refresh_tokens::table.find(id).filter(refresh_tokens::status.eq(TokenStatus::Active)))
        .set(refresh_tokens::status.eq(TokenStatus::Rotated))
        .execute(conn)?;
    Ok(n == 1)
}

/// Revokes every token of a family.
pub fn revoke_family(conn: &mut DbConn, family_id: &str) -> QueryResult<usize> {
    diesel::update(refresh_tokens::table.filter(refresh_tokens::family_id.eq(family_id)))
        .set(refresh_tokens::status.eq(TokenStatus::Revoked))
        .execute(conn)
}

/// The logins (families) of one subject that still hold a token that is not revoked.
pub fn families_of(conn: &mut DbConn, role: Role, subject_id: &str) -> QueryResult<Vec<String>> {
    refresh_tokens::table
        .filter(refresh_tokens::subject_role.eq(role))
        .filter(refresh_tokens::subject_id.eq(subject_id))
        .filter(refresh_tokens::status.ne(TokenStatus::Revoked))
        .select(refresh_tokens::family_id)
        .distinct()
        .load(conn)
}

/// The logins an app holds that still have a token that is not revoked: of one resident, or of all.
pub fn families_of_app(conn: &mut DbConn, client_id: &str, resident_id: Option<&str>) -> QueryResult<Vec<String>> {
    let mut query = refresh_tokens::table
        .filter(refresh_tokens::client_id.eq(client_id))
        .filter(refresh_tokens::status.ne(TokenStatus::Revoked))
        .select(refresh_tokens::family_id)
        .distinct()
        .into_boxed();
    if let Some(resident_id) = resident_id {
        query = query.filter(refresh_tokens::subject_role.eq(Role::Resident)).filter(refresh_tokens::subject_id.eq(resident_id.to_owned()));
    }
    query.load(conn)
}
