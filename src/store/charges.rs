//! Queries over `charges`, `charge_batches` and `closed_periods`. A push's accounts are checked with
//! one query, then its charges are written with `COPY` (PostgreSQL) or multi-row inserts (SQLite), or,
//! when it corrects some, counted and written with multi-row upserts.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};

use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{BatchId, ProviderId};
use crate::store::db::{DbConn, rows_per_insert};
use crate::store::schema::{charge_batches, charges, closed_periods};

/// One charge, as stored and as staged.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = charges)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ChargeRow {
    pub provider_id: ProviderId,
    pub period: String,
    pub account_number: String,
    pub service_code: String,
    pub service_name: String,
    pub unit: String,
    #[diesel(select_expression = (charges::volume, charges::tariff, charges::amount, charges::recalculation, charges::debt, charges::penalty))]
    pub amounts: ChargeAmounts,
    pub batch_id: BatchId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::flat_row!(ChargeRow => charges {
    provider_id: ProviderId,
    period: String,
    account_number: String,
    service_code: String,
    service_name: String,
    unit: String,
    batch_id: BatchId,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
} amounts {
    volume: Option<String>,
    tariff: Option<String>,
    amount: i64,
    recalculation: i64,
    debt: i64,
    penalty: i64,
});

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = charge_batches)]
pub struct NewBatch {
    pub id: BatchId,
    pub provider_id: ProviderId,
    pub period: String,
    pub items: i32,
    pub created: i32,
    pub updated: i32,
    pub created_at: NaiveDateTime,
}

/// On PostgreSQL, holds a shared lock on `period` until the transaction ends: pushes run side by side,
/// but the billing run's exclusive lock waits for them, so no push can land in a period after its run
/// has closed it. (SQLite's write transactions are serial already.)
pub fn lock_period_shared(conn: &mut DbConn, period: &str) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock_shared(hashtext('period:' || $1))::text AS locked")
            .bind::<Text, _>(period)
            .execute(c)?;
    }
    Ok(())
}

pub fn is_closed(conn: &mut DbConn, period: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(closed_periods::table.find(period))).get_result(conn)
}

/// The latest closed period, if any.
pub fn latest_closed(conn: &mut DbConn) -> QueryResult<Option<String>> {
    closed_periods::table.select(diesel::dsl::max(closed_periods::period)).first(conn)
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = Text)]
    account_number: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    count: i64,
}

/// Of the distinct account `numbers`, those the provider does not have. One index probe per number
/// (PostgreSQL's `LATERAL … LIMIT 1` keeps the planner from hashing all the provider's accounts), so
/// the check costs what the push holds, not what the table holds.
pub fn unknown_accounts(conn: &mut DbConn, provider_id: &ProviderId, numbers: &[&str]) -> QueryResult<Vec<String>> {
    let found: Vec<Number> = match conn {
        DbConn::Pg(c) => diesel::sql_query(
            "SELECT s.account_number FROM unnest($2::text[]) AS s(account_number) \
             LEFT JOIN LATERAL (SELECT a.id FROM provider_accounts a \
             WHERE a.provider_id = $1 AND a.number = s.account_number LIMIT 1) a ON true WHERE a.id IS NULL",
        )
        .bind::<Text, _>(provider_id)
        .bind::<Array<Text>, _>(numbers)
        .load(c),
        DbConn::Sqlite(c) => diesel::sql_query(
            "SELECT s.value AS account_number FROM json_each(?2) AS s WHERE NOT EXISTS \
             (SELECT 1 FROM provider_accounts a WHERE a.provider_id = ?1 AND a.number = s.value)",
        )
        .bind::<Text, _>(provider_id)
        .bind::<Text, _>(serde_json::to_string(numbers).unwrap_or_default())
        .load(c),
    }?;
    Ok(found.into_iter().map(|n| n.account_number).collect())
}

/// How many of `rows` are stored already (and will be corrected), one index probe per row.
pub fn count_existing(conn: &mut DbConn, provider_id: &ProviderId, period: &str, rows: &[ChargeRow]) -> QueryResult<i64> {
    let found: Count = match conn {
        DbConn::Pg(c) => {
            let (accounts, services): (Vec<&str>, Vec<&str>) =
                rows.iter().map(|r| (r.account_number.as_str(), r.service_code.as_str())).unzip();
            diesel::sql_query(
                "SELECT COUNT(*) AS count FROM unnest($3::text[], $4::text[]) AS s(account_number, service_code) \
                 CROSS JOIN LATERAL (SELECT 1 FROM charges c WHERE c.provider_id = $1 AND c.period = $2 \
                 AND c.account_number = s.account_number AND c.service_code = s.service_code LIMIT 1) c",
            )
            .bind::<Text, _>(provider_id)
            .bind::<Text, _>(period)
            .bind::<Array<Text>, _>(accounts)
            .bind::<Array<Text>, _>(services)
            .get_result(c)
        }
        DbConn::Sqlite(c) => {
            let pairs: Vec<[&str; 2]> = rows.iter().map(|r| [r.account_number.as_str(), r.service_code.as_str()]).collect();
            diesel::sql_query(
                "SELECT COUNT(*) AS count FROM json_each(?3) AS s WHERE EXISTS (SELECT 1 FROM charges c \
                 WHERE c.provider_id = ?1 AND c.period = ?2 \
                 AND c.account_number = s.value ->> 0 AND c.service_code = s.value ->> 1)",
            )
            .bind::<Text, _>(provider_id)
            .bind::<Text, _>(period)
            .bind::<Text, _>(serde_json::to_string(&pairs).unwrap_or_default())
            .get_result(c)
        }
    }?;
    Ok(found.count)
}

/// Writes charges none of which is stored yet: one `COPY` on PostgreSQL, multi-row inserts on SQLite.
/// Fails with a unique violation when a concurrent push stored one of them first.
pub fn insert_new(conn: &mut DbConn, rows: &[ChargeRow]) -> QueryResult<()> {
    crate::bulk_insert!(conn, charges::table, rows)
}

/// Upserts charges by (provider, period, account, service), in multi-row statements.
pub fn upsert(conn: &mut DbConn, rows: &[ChargeRow]) -> QueryResult<()> {
    use diesel::upsert::excluded;
    for chunk in rows.chunks(rows_per_insert(&charges::table)) {
        crate::on_backend!(conn, c => diesel::insert_into(charges::table)
            .values(chunk)
            .on_conflict((charges::provider_id, charges::period, charges::account_number, charges::service_code))
            .do_update()
            .set((
                charges::service_name.eq(excluded(charges::service_name)),
                charges::unit.eq(excluded(charges::unit)),
                charges::volume.eq(excluded(charges::volume)),
                charges::tariff.eq(excluded(charges::tariff)),
                charges::amount.eq(excluded(charges::amount)),
                charges::recalculation.eq(excluded(charges::recalculation)),
                charges::debt.eq(excluded(charges::debt)),
                charges::penalty.eq(excluded(charges::penalty)),
                charges::batch_id.eq(excluded(charges::batch_id)),
                charges::updated_at.eq(excluded(charges::updated_at)),
            ))
            .execute(c))?;
    }
    Ok(())
}

pub fn insert_batch(conn: &mut DbConn, batch: &NewBatch) -> QueryResult<()> {
    diesel::insert_into(charge_batches::table).values(batch).execute(conn).map(drop)
}

/// A page of a provider's charges in (period, account, service) order, after `after`.
pub fn page(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    period: Option<&str>,
    after: Option<(String, String, String)>,
    limit: i64,
) -> QueryResult<Vec<ChargeRow>> {
    let mut query = charges::table
        .filter(charges::provider_id.eq(provider_id))
        .order((charges::period.asc(), charges::account_number.asc(), charges::service_code.asc()))
        .limit(limit)
        .select(ChargeRow::as_select())
        .into_boxed();
    if let Some(period) = period {
        query = query.filter(charges::period.eq(period.to_owned()));
    }
    if let Some((p, n, s)) = after {
        query = query.filter(
            charges::period.gt(p.clone()).or(charges::period
                .eq(p.clone())
                .and(charges::account_number.gt(n.clone()).or(charges::account_number.eq(n).and(charges::service_code.gt(s))))),
        );
    }
    query.load::<ChargeRow>(conn)
}
