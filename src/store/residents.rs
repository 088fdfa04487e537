//! Queries over `residents` and `email_confirmations`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::ResidentId;
use crate::store::db::DbConn;
use crate::store::schema::{email_confirmations, residents};

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
