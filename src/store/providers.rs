//! Queries over `providers` and their e-document capability history.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::ProviderId;
use crate::domain::requisites::Requisites;
use crate::domain::vocabulary::ProviderStatus;
use crate::store::db::DbConn;
use crate::store::schema::{provider_edoc_changes, providers};

/// A provider as stored (no `Debug`: it holds the webhook secret).
#[derive(Clone, Queryable, Selectable)]
#[diesel(table_name = providers)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ProviderRow {
    pub id: ProviderId,
    #[diesel(select_expression = (
        providers::name,
        providers::inn,
        providers::kpp,
        providers::bank_name,
        providers::bank_bik,
        providers::bank_account,
        providers::bank_correspondent_account,
    ))]
    pub requisites: Requisites,
    pub ogrn: String,
    pub email: String,
    pub phone: String,
    pub webhook_url: Option<String>,
    pub status: ProviderStatus,
    pub client_id: String,
    pub client_secret_hash: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub webhook_secret: String,
    pub webhook_secret_previous: Option<String>,
    pub webhook_secret_rotated_at: Option<NaiveDateTime>,
}

crate::flat_row!(ProviderRow => providers {
    key id: ProviderId,
    ogrn: String,
    email: String,
    phone: String,
    webhook_url: Option<String>,
    status: ProviderStatus,
    client_id: String,
    client_secret_hash: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    webhook_secret: String,
    webhook_secret_previous: Option<String>,
    webhook_secret_rotated_at: Option<NaiveDateTime>,
} requisites {
    name: String,
    inn: String,
    kpp: Option<String>,
    bank_name: String,
    bank_bik: String,
    bank_account: String,
    bank_correspondent_account: String,
});

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = provider_edoc_changes)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct EdocChangeRow {
    pub id: String,
    pub provider_id: ProviderId,
    pub edoc_capable: bool,
    pub since: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &ProviderRow) -> QueryResult<()> {
    diesel::insert_into(providers::table).values(row).execute(conn).map(drop)
}

pub fn find(conn: &mut DbConn, id: &ProviderId) -> QueryResult<Option<ProviderRow>> {
    providers::table.find(id).select(ProviderRow::as_select()).first(conn).optional()
}

pub fn find_by_client_id(conn: &mut DbConn, client_id: &str) -> QueryResult<Option<ProviderRow>> {
    providers::table.filter(providers::client_id.eq(client_id)).select(ProviderRow::as_select()).first(conn).optional()
}

pub fn exists_with_inn_kpp(conn: &mut DbConn, inn: &str, kpp: Option<&str>) -> QueryResult<bool> {
    let query = providers::table.filter(providers::inn.eq(inn));
    let count: i64 = match kpp {
        Some(kpp) => query.filter(providers::kpp.eq(kpp)).count().get_result(conn)?,
        None => query.filter(providers::kpp.is_null()).count().get_result(conn)?,
    };
    Ok(count > 0)
}

pub fn status(conn: &mut DbConn, id: &ProviderId) -> QueryResult<Option<String>> {
    providers::table.find(id).select(providers::status).first(conn).optional()
}

/// A page of providers ordered by id, after `cursor`, optionally only those with `status`.
pub fn page(conn: &mut DbConn, status: Option<ProviderStatus>, after: Option<&str>, limit: i64) -> QueryResult<Vec<ProviderRow>> {
    let mut query = providers::table.select(ProviderRow::as_select()).order(providers::id.asc()).limit(limit).into_boxed();
    if let Some(status) = status {
        query = query.filter(providers::status.eq(status));
    }
    if let Some(after) = after {
        query = query.filter(providers::id.gt(after.to_owned()));
    }
    query.load(conn)
}

pub fn update(conn: &mut DbConn, row: &ProviderRow) -> QueryResult<()> {
    diesel::update(providers::table.find(&row.id)).set(row).execute(conn).map(drop)
}

pub fn insert_edoc_change(conn: &mut DbConn, row: &EdocChangeRow) -> QueryResult<()> {
    diesel::insert_into(provider_edoc_changes::table).values(row).execute(conn).map(drop)
}

/// Every capability declaration of the given providers, oldest first.
pub fn edoc_changes(conn: &mut DbConn, provider_ids: &[ProviderId]) -> QueryResult<Vec<EdocChangeRow>> {
    provider_edoc_changes::table
        .filter(provider_edoc_changes::provider_id.eq_any(provider_ids))
        .order((provider_edoc_changes::created_at.asc(), provider_edoc_changes::id.asc()))
        .select(EdocChangeRow::as_select())
        .load(conn)
}

/// Of these providers, the active ones.
pub fn active_among(conn: &mut DbConn, ids: &[ProviderId]) -> QueryResult<std::collections::HashSet<ProviderId>> {
    let found: Vec<ProviderId> = providers::table
        .filter(providers::id.eq_any(ids))
        .filter(providers::status.eq(ProviderStatus::Active))
        .select(providers::id)
        .load(conn)?;
    Ok(found.into_iter().collect())
}

/// Of these providers, those with a webhook URL.
pub fn with_webhook(conn: &mut DbConn, ids: &[ProviderId]) -> QueryResult<std::collections::HashSet<ProviderId>> {
    let found: Vec<ProviderId> =
        providers::table.filter(providers::id.eq_any(ids)).filter(providers::webhook_url.is_not_null()).select(providers::id).load(conn)?;
    Ok(found.into_iter().collect())
}

/// The active provider with exactly these payee details.
pub fn find_active_payee(conn: &mut DbConn, inn: &str, bik: &str, account: &str) -> QueryResult<Option<ProviderRow>> {
    providers::table
        .filter(providers::status.eq(ProviderStatus::Active))
        .filter(providers::inn.eq(inn))
        .filter(providers::bank_bik.eq(bik))
        .filter(providers::bank_account.eq(account))
        .select(ProviderRow::as_select())
        .first(conn)
        .optional()
}
