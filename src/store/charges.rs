//! Queries over `charges`, `charge_batches` and `closed_periods`. A push is staged in a temporary
//! table (COPY on PostgreSQL, multi-row inserts on SQLite), checked and merged with set-based SQL.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};

use crate::store::db::{DbConn, chunk_rows};
use crate::store::schema::{charge_batches, charge_staging, charges, closed_periods};

/// One charge, as stored and as staged.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = charge_staging, treat_none_as_default_value = false)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct ChargeRow {
    pub provider_id: String,
    pub period: String,
    pub account_number: String,
    pub service_code: String,
    pub service_name: String,
    pub unit: String,
    pub volume: Option<String>,
    pub tariff: Option<String>,
    pub amount: i64,
    pub recalculation: i64,
    pub debt: i64,
    pub penalty: i64,
    pub batch_id: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = charge_batches)]
pub struct NewBatch {
    pub id: String,
    pub provider_id: String,
    pub period: String,
    pub items: i32,
    pub created: i32,
    pub updated: i32,
    pub created_at: NaiveDateTime,
}

const COLUMNS: &str = "provider_id, period, account_number, service_code, service_name, unit, volume, tariff, \
                       amount, recalculation, debt, penalty, batch_id, created_at, updated_at";

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

/// Fills a fresh staging table (dropped at commit on PostgreSQL, replaced on the next push on SQLite).
pub fn stage(conn: &mut DbConn, rows: &[ChargeRow]) -> QueryResult<()> {
    match conn {
        DbConn::Pg(c) => {
            diesel::sql_query("CREATE TEMP TABLE charge_staging (LIKE charges INCLUDING DEFAULTS) ON COMMIT DROP").execute(c)?;
            diesel::copy_from(charge_staging::table).from_insertable(rows).execute(c)?;
        }
        DbConn::Sqlite(c) => {
            diesel::sql_query("DROP TABLE IF EXISTS temp.charge_staging").execute(c)?;
            diesel::sql_query("CREATE TEMP TABLE charge_staging AS SELECT * FROM charges WHERE 0").execute(c)?;
            for chunk in rows.chunks(chunk_rows(15)) {
                diesel::insert_into(charge_staging::table).values(chunk).execute(c)?;
            }
        }
    }
    Ok(())
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = Text)]
    account_number: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Staged account numbers that are not accounts of the staging provider.
pub fn staged_unknown_accounts(conn: &mut DbConn) -> QueryResult<Vec<String>> {
    let rows: Vec<Number> = diesel::sql_query(
        "SELECT DISTINCT s.account_number FROM charge_staging s \
         LEFT JOIN provider_accounts a ON a.provider_id = s.provider_id AND a.number = s.account_number \
         WHERE a.id IS NULL",
    )
    .load(conn)?;
    Ok(rows.into_iter().map(|r| r.account_number).collect())
}

/// How many staged charges already exist (and will be updated).
pub fn staged_existing(conn: &mut DbConn) -> QueryResult<i64> {
    let count: Count = diesel::sql_query(
        "SELECT COUNT(*) AS n FROM charge_staging s JOIN charges c \
         ON c.provider_id = s.provider_id AND c.period = s.period \
         AND c.account_number = s.account_number AND c.service_code = s.service_code",
    )
    .get_result(conn)?;
    Ok(count.n)
}

/// Upserts every staged charge in one statement (`WHERE true` keeps SQLite's parser from reading
/// `ON CONFLICT` as a join constraint).
pub fn merge_staged(conn: &mut DbConn) -> QueryResult<usize> {
    diesel::sql_query(format!(
        "INSERT INTO charges ({COLUMNS}) SELECT {COLUMNS} FROM charge_staging WHERE true \
         ON CONFLICT (provider_id, period, account_number, service_code) DO UPDATE SET \
         service_name = excluded.service_name, unit = excluded.unit, volume = excluded.volume, \
         tariff = excluded.tariff, amount = excluded.amount, recalculation = excluded.recalculation, \
         debt = excluded.debt, penalty = excluded.penalty, batch_id = excluded.batch_id, \
         updated_at = excluded.updated_at"
    ))
    .execute(conn)
}

pub fn insert_batch(conn: &mut DbConn, batch: &NewBatch) -> QueryResult<()> {
    diesel::insert_into(charge_batches::table).values(batch).execute(conn).map(drop)
}

/// A page of a provider's charges in (period, account, service) order, after `after`.
pub fn page(
    conn: &mut DbConn,
    provider_id: &str,
    period: Option<&str>,
    after: Option<(String, String, String)>,
    limit: i64,
) -> QueryResult<Vec<ChargeRow>> {
    let mut query = charges::table
        .filter(charges::provider_id.eq(provider_id))
        .order((charges::period.asc(), charges::account_number.asc(), charges::service_code.asc()))
        .limit(limit)
        .select((
            charges::provider_id,
            charges::period,
            charges::account_number,
            charges::service_code,
            charges::service_name,
            charges::unit,
            charges::volume,
            charges::tariff,
            charges::amount,
            charges::recalculation,
            charges::debt,
            charges::penalty,
            charges::batch_id,
            charges::created_at,
            charges::updated_at,
        ))
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
