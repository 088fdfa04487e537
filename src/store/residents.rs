//! Queries over `residents`, `email_confirmations` and `password_resets`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::ResidentId;
use crate::store::db::DbConn;
use crate::store::schema::{email_confirmations, password_resets, residents};

/// A resident as stored (no `Debug`: it holds the password hash).
#[derive(Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = residents, treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ResidentRow {
    pub id: ResidentId,
    pub email: String,
    pub email_confirmed_at: Option<NaiveDateTime>,
    pub pending_email: Option<String>,
    pub phone: String,
    pub pending_phone: Option<String>,
    pub password_hash: String,
    pub name: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// When mail to `email` bounced for good (until an email is confirmed again).
    pub email_undeliverable_at: Option<NaiveDateTime>,
    pub email_bounce_reason: Option<String>,
    /// The version of the personal-data consent text the resident accepted at registration, and when.
    pub consent_version: Option<String>,
    pub consent_at: Option<NaiveDateTime>,
    /// When the resident deleted the account: email, phone and name are gone, the row stays for the
    /// documents issued to it.
    pub erased_at: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_confirmations, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct EmailConfirmationRow {
    pub id: String,
    pub resident_id: ResidentId,
    pub email: String,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &ResidentRow) -> QueryResult<()> {
    diesel::insert_into(residents::table).values(row).execute(conn).map(drop)
}

pub fn update(conn: &mut DbConn, row: &ResidentRow) -> QueryResult<()> {
    diesel::update(residents::table.find(&row.id)).set(row).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &ResidentId) -> QueryResult<Option<ResidentRow>> {
    residents::table.find(id).select(ResidentRow::as_select()).first(conn).optional()
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<ResidentRow>> {
    residents::table.filter(residents::email.eq(email)).select(ResidentRow::as_select()).first(conn).optional()
}

pub fn insert_confirmation(conn: &mut DbConn, row: &EmailConfirmationRow) -> QueryResult<()> {
    diesel::insert_into(email_confirmations::table).values(row).execute(conn).map(drop)
}

pub fn find_confirmation(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<EmailConfirmationRow>> {
    email_confirmations::table
        .filter(email_confirmations::token_hash.eq(token_hash))
        .select(EmailConfirmationRow::as_select())
        .first(conn)
        .optional()
}

pub fn use_confirmation(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(email_confirmations::table.find(id)).set(email_confirmations::used_at.eq(now)).execute(conn).map(drop)
}

/// A password reset link's record (the token itself is only in the email).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = password_resets, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct PasswordResetRow {
    pub id: String,
    pub resident_id: ResidentId,
    pub token_hash: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn insert_reset(conn: &mut DbConn, row: &PasswordResetRow) -> QueryResult<()> {
    diesel::insert_into(password_resets::table).values(row).execute(conn).map(drop)
}

pub fn find_reset(conn: &mut DbConn, token_hash: &str) -> QueryResult<Option<PasswordResetRow>> {
    password_resets::table.filter(password_resets::token_hash.eq(token_hash)).select(PasswordResetRow::as_select()).first(conn).optional()
}

/// Marks a reset link used, unless it was already: whether this call used it.
pub fn use_reset(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(password_resets::table.find(id).filter(password_resets::used_at.is_null()))
        .set(password_resets::used_at.eq(now))
        .execute(conn)
        .map(|n| n == 1)
}

/// Reset links asked for the resident since `since` (to limit how many one account receives).
pub fn resets_since(conn: &mut DbConn, resident_id: &ResidentId, since: NaiveDateTime) -> QueryResult<i64> {
    password_resets::table
        .filter(password_resets::resident_id.eq(resident_id))
        .filter(password_resets::created_at.gt(since))
        .count()
        .get_result(conn)
}

/// Every unused link of a resident stops working (after a reset, or when the account is erased).
pub fn end_resets(conn: &mut DbConn, resident_id: &ResidentId, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(password_resets::table.filter(password_resets::resident_id.eq(resident_id)).filter(password_resets::used_at.is_null()))
        .set(password_resets::used_at.eq(now))
        .execute(conn)
        .map(drop)
}
