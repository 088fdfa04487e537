//! Queries over `charges`, `charge_batches`, `charged_accounts`/`charged_periods` and `closed_periods`.
//! A push's accounts are checked with one query, then its charges are written with `COPY`
//! (PostgreSQL) or multi-row inserts (SQLite), or, when it corrects some, counted and written with
//! multi-row upserts; its anomaly checks read only the push's accounts and two counter rows.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};

use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{BatchId, ProviderId};
use crate::store::db::{DbConn, rows_per_insert, sql};
use crate::store::schema::{charge_batches, charged_accounts, charged_periods, charges, closed_periods};

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

/// The record of a push: its counts and its anomaly warnings (JSON).
#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = charge_batches)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct BatchRow {
    pub id: BatchId,
    pub provider_id: ProviderId,
    pub period: String,
    pub items: i32,
    pub created: i32,
    pub updated: i32,
    pub created_at: NaiveDateTime,
    pub warnings: String,
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

/// A stored charge's key and money, as the anomaly checks read them.
#[derive(Debug, QueryableByName)]
pub struct KeyedAmount {
    #[diesel(sql_type = Text)]
    pub period: String,
    #[diesel(sql_type = Text)]
    pub account_number: String,
    #[diesel(sql_type = Text)]
    pub service_code: String,
    #[diesel(sql_type = BigInt)]
    pub amount: i64,
    /// amount + recalculation + debt + penalty.
    #[diesel(sql_type = BigInt)]
    pub total: i64,
}

/// The provider's charges of the accounts `numbers` in the periods `periods`: one index range per
/// account and period.
pub fn amounts_of(conn: &mut DbConn, provider_id: &ProviderId, periods: [&str; 2], numbers: &[&str]) -> QueryResult<Vec<KeyedAmount>> {
    const COLUMNS: &str = "c.period, c.account_number, c.service_code, c.amount, \
                           c.amount + c.recalculation + c.debt + c.penalty AS total";
    match conn {
        DbConn::Pg(c) => diesel::sql_query(format!(
            "SELECT {COLUMNS} FROM charges c WHERE c.provider_id = $1 AND c.period IN ($2, $3) \
             AND c.account_number = ANY($4::text[])"
        ))
        .bind::<Text, _>(provider_id)
        .bind::<Text, _>(periods[0])
        .bind::<Text, _>(periods[1])
        .bind::<Array<Text>, _>(numbers)
        .load(c),
        DbConn::Sqlite(c) => diesel::sql_query(format!(
            "SELECT {COLUMNS} FROM charges c WHERE c.provider_id = ?1 AND c.period IN (?2, ?3) \
             AND c.account_number IN (SELECT value FROM json_each(?4))"
        ))
        .bind::<Text, _>(provider_id)
        .bind::<Text, _>(periods[0])
        .bind::<Text, _>(periods[1])
        .bind::<Text, _>(serde_json::to_string(numbers).unwrap_or_default())
        .load(c),
    }
}

/// Notes the accounts `numbers` as charged by the provider in `period` (the ones new to it keep the
/// period's counts), then answers how many of the accounts charged in the period before have no
/// charge in `period`, and the first `listed` of their numbers. Index probes for the push's accounts
/// and two counter rows: nothing reads a whole period (unless accounts are missing, and then only
/// until `listed` are found).
pub fn note_charged(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    [last, period, next]: [&str; 3],
    numbers: &[&str],
    listed: i64,
) -> QueryResult<(u64, Vec<String>)> {
    let new: Vec<String> = match conn {
        DbConn::Pg(c) => diesel::sql_query(
            "INSERT INTO charged_accounts (provider_id, period, account_number) \
             SELECT $1, $2, s FROM unnest($3::text[]) AS s ON CONFLICT DO NOTHING RETURNING account_number",
        )
        .bind::<Text, _>(provider_id)
        .bind::<Text, _>(period)
        .bind::<Array<Text>, _>(numbers)
        .load::<Number>(c),
        DbConn::Sqlite(c) => diesel::sql_query(
            "INSERT INTO charged_accounts (provider_id, period, account_number) \
             SELECT ?1, ?2, value FROM json_each(?3) WHERE true ON CONFLICT DO NOTHING RETURNING account_number",
        )
        .bind::<Text, _>(provider_id)
        .bind::<Text, _>(period)
        .bind::<Text, _>(serde_json::to_string(numbers).unwrap_or_default())
        .load::<Number>(c),
    }?
    .into_iter()
    .map(|n| n.account_number)
    .collect();
    if !new.is_empty() {
        let neighbours: Vec<(String, i64)> = charged_accounts::table
            .filter(charged_accounts::provider_id.eq(provider_id))
            .filter(charged_accounts::period.eq_any([last, next]))
            .filter(charged_accounts::account_number.eq_any(&new))
            .group_by(charged_accounts::period)
            .select((charged_accounts::period, diesel::dsl::count_star()))
            .load(conn)?;
        let in_period = |p: &str| neighbours.iter().find(|(n, _)| n == p).map_or(0, |(_, count)| *count);
        add_counts(conn, provider_id, period, new.len() as i64, in_period(last))?;
        if in_period(next) > 0 {
            add_counts(conn, provider_id, next, 0, in_period(next))?;
        }
    }
    let counts: Vec<(String, i64, i64)> = charged_periods::table
        .filter(charged_periods::provider_id.eq(provider_id))
        .filter(charged_periods::period.eq_any([last, period]))
        .select((charged_periods::period, charged_periods::accounts, charged_periods::carried))
        .load(conn)?;
    let last_accounts = counts.iter().find(|(p, ..)| p == last).map_or(0, |(_, accounts, _)| *accounts);
    let carried = counts.iter().find(|(p, ..)| p == period).map_or(0, |(.., carried)| *carried);
    let missing = (last_accounts - carried).max(0) as u64;
    if missing == 0 {
        return Ok((0, Vec::new()));
    }
    let first: Vec<Number> = sql(
        conn,
        "SELECT l.account_number FROM charged_accounts l WHERE l.provider_id = $1 AND l.period = $2 AND NOT EXISTS \
         (SELECT 1 FROM charged_accounts t WHERE t.provider_id = $1 AND t.period = $3 AND t.account_number = l.account_number) \
         ORDER BY l.account_number LIMIT $4",
    )
    .bind::<Text, _>(provider_id)
    .bind::<Text, _>(last)
    .bind::<Text, _>(period)
    .bind::<BigInt, _>(listed)
    .load(conn)?;
    Ok((missing, first.into_iter().map(|n| n.account_number).collect()))
}

/// Adds to a period's counts of charged accounts (the row is locked until the push commits).
fn add_counts(conn: &mut DbConn, provider_id: &ProviderId, period: &str, accounts: i64, carried: i64) -> QueryResult<()> {
    use diesel::upsert::excluded;
    crate::on_backend!(conn, c => diesel::insert_into(charged_periods::table)
        .values((
            charged_periods::provider_id.eq(provider_id),
            charged_periods::period.eq(period),
            charged_periods::accounts.eq(accounts),
            charged_periods::carried.eq(carried),
        ))
        .on_conflict((charged_periods::provider_id, charged_periods::period))
        .do_update()
        .set((
            charged_periods::accounts.eq(charged_periods::accounts + excluded(charged_periods::accounts)),
            charged_periods::carried.eq(charged_periods::carried + excluded(charged_periods::carried)),
        ))
        .execute(c))
    .map(drop)
}

pub fn insert_batch(conn: &mut DbConn, batch: &BatchRow) -> QueryResult<()> {
    diesel::insert_into(charge_batches::table).values(batch).execute(conn).map(drop)
}

/// A push of the provider, by id.
pub fn find_batch(conn: &mut DbConn, provider_id: &ProviderId, id: &str) -> QueryResult<Option<BatchRow>> {
    charge_batches::table
        .filter(charge_batches::id.eq(id).and(charge_batches::provider_id.eq(provider_id)))
        .select(BatchRow::as_select())
        .first(conn)
        .optional()
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
