//! Queries of billing runs: the run and its lease, its start-time snapshot (premises, providers,
//! recipients, payees: kept once per run), and the one query that reads a chunk's charges (raw
//! statements are written with `$n` parameters; see `db::sql`).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Integer, Nullable, Text};

use crate::domain::charge::ChargeAmounts;
use crate::domain::ids::{AddressId, OperatorId, PremisesId, ProviderId, RunId};
use crate::domain::vocabulary::RunStatus;
use crate::on_backend;
use crate::store::db::{DbConn, sql};
use crate::store::schema::{billing_runs, closed_periods, outbox, run_providers};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = billing_runs, treat_none_as_default_value = false, treat_none_as_null = true)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct RunRow {
    pub id: RunId,
    pub period: String,
    pub status: RunStatus,
    pub operator_id: OperatorId,
    pub premises_total: i32,
    pub chunks_total: i32,
    pub chunks_done: i32,
    pub e_receipts: i32,
    pub paper_documents: i32,
    pub lease_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub started_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

pub fn find(conn: &mut DbConn, id: &RunId) -> QueryResult<Option<RunRow>> {
    billing_runs::table.find(id).select(RunRow::as_select()).first(conn).optional()
}

/// Up to `limit` runs older than the run `before`, newest first.
pub fn page(conn: &mut DbConn, before: Option<&str>, limit: i64) -> QueryResult<Vec<RunRow>> {
    let mut query = billing_runs::table.select(RunRow::as_select()).order(billing_runs::id.desc()).limit(limit).into_boxed();
    if let Some(before) = before {
        query = query.filter(billing_runs::id.lt(before.to_owned()));
    }
    query.load(conn)
}

pub fn find_by_period(conn: &mut DbConn, period: &str) -> QueryResult<Option<RunRow>> {
    billing_runs::table.filter(billing_runs::period.eq(period)).select(RunRow::as_select()).first(conn).optional()
}

pub fn any_running(conn: &mut DbConn) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(billing_runs::table.filter(billing_runs::status.eq(RunStatus::Running)))).get_result(conn)
}

pub fn running_ids(conn: &mut DbConn) -> QueryResult<Vec<RunId>> {
    billing_runs::table.filter(billing_runs::status.eq(RunStatus::Running)).select(billing_runs::id).load(conn)
}

pub fn insert(conn: &mut DbConn, row: &RunRow) -> QueryResult<()> {
    diesel::insert_into(billing_runs::table).values(row).execute(conn).map(drop)
}

pub fn update(conn: &mut DbConn, row: &RunRow) -> QueryResult<()> {
    diesel::update(billing_runs::table.find(&row.id)).set(row).execute(conn).map(drop)
}

/// The run, locked for this transaction on PostgreSQL (two workers never write one chunk together).
pub fn lock(conn: &mut DbConn, id: &RunId) -> QueryResult<Option<RunRow>> {
    match conn {
        DbConn::Pg(c) => billing_runs::table.find(id).select(RunRow::as_select()).for_update().first(c).optional(),
        DbConn::Sqlite(c) => billing_runs::table.find(id).select(RunRow::as_select()).first(c).optional(),
    }
}

/// Claims (or, with the lease it `held`, renews) the run for this worker until `until`, unless
/// another worker holds it. On PostgreSQL a newcomer skips a run whose row is locked (a chunk being
/// written) at once rather than wait for it, so claimers never pile up on the pool.
pub fn claim(conn: &mut DbConn, id: &RunId, now: NaiveDateTime, held: Option<NaiveDateTime>, until: NaiveDateTime) -> QueryResult<bool> {
    conn.transaction(|conn| {
        if let DbConn::Pg(c) = conn {
            // A process taking a run up skips one that another holds locked; the holder of the lease
            // waits for the lock instead (a newcomer's claim holds it for a moment), or both would
            // give up and the run would stall until its lease lapsed.
            let row = billing_runs::table.find(id).select(billing_runs::id).for_update();
            let locked = match held {
                Some(_) => row.first::<String>(c).optional()?,
                None => row.skip_locked().first::<String>(c).optional()?,
            };
            if locked.is_none() {
                return Ok(false);
            }
        }
        claim_unlocked(conn, id, now, held, until)
    })
}

fn claim_unlocked(
    conn: &mut DbConn,
    id: &RunId,
    now: NaiveDateTime,
    held: Option<NaiveDateTime>,
    until: NaiveDateTime,
) -> QueryResult<bool> {
    let target = billing_runs::table.find(id).filter(billing_runs::status.eq(RunStatus::Running));
    let free = billing_runs::lease_until.is_null().or(billing_runs::lease_until.lt(now));
    let n = match held {
        Some(held) => diesel::update(target.filter(free.or(billing_runs::lease_until.eq(held))))
            .set(billing_runs::lease_until.eq(until))
            .execute(conn)?,
        None => diesel::update(target.filter(free)).set(billing_runs::lease_until.eq(until)).execute(conn)?,
    };
    Ok(n == 1)
}

/// Closes a period: from now on its charges are refused. On PostgreSQL it first waits for the pushes
/// of the period that are still running (they hold the shared side of the same lock).
pub fn close_period(conn: &mut DbConn, period: &str, now: NaiveDateTime) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock(hashtext('period:' || $1))::text AS locked").bind::<Text, _>(period).execute(c)?;
    }
    diesel::insert_into(closed_periods::table)
        .values((closed_periods::period.eq(period), closed_periods::closed_at.eq(now)))
        .execute(conn)
        .map(drop)
}

/// On PostgreSQL, refreshes the planner's statistics of the tables a run reads, which a month's
/// uploads have just filled (autovacuum may not have caught up yet).
pub fn refresh_statistics(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("ANALYZE charges, provider_accounts, premises, addresses, residents").execute(c)?;
    }
    Ok(())
}

/// On PostgreSQL, plans this transaction's queries for what a chunk is: a few thousand rows reached
/// by index. The documents and lines it reads were written moments ago, so their statistics lag, and
/// a hash join chosen on them can cost a full pass over the period's charges per chunk.
pub fn plan_for_chunk(conn: &mut DbConn) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::connection::SimpleConnection::batch_execute(
            c,
            "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_seqscan = off;",
        )?;
    }
    Ok(())
}

/// Numbers every premises with charges in the period and notes whether a linked resident chose
/// electronic receipts with a confirmed email; returns how many there are.
pub fn snapshot_premises(conn: &mut DbConn, run_id: &RunId, period: &str) -> QueryResult<usize> {
    sql(
        conn,
        "INSERT INTO run_premises (run_id, seq, premises_id, electronic) \
         SELECT $1, ROW_NUMBER() OVER (ORDER BY x.premises_id), x.premises_id, \
                EXISTS (SELECT 1 FROM addresses a JOIN residents r ON r.id = a.resident_id \
                        WHERE a.premises_id = x.premises_id AND a.unlinked_at IS NULL \
                          AND a.channel = 'electronic' AND r.email_confirmed_at IS NOT NULL) \
         FROM (SELECT DISTINCT pa.premises_id FROM charges c \
               JOIN provider_accounts pa ON pa.provider_id = c.provider_id AND pa.number = c.account_number \
               WHERE c.period = $2) x",
    )
    .bind::<Text, _>(run_id)
    .bind::<Text, _>(period)
    .execute(conn)
}

#[derive(QueryableByName)]
struct ProviderOf {
    #[diesel(sql_type = Text)]
    provider_id: ProviderId,
}

/// The providers with charges in the period.
pub fn providers_with_charges(conn: &mut DbConn, period: &str) -> QueryResult<Vec<ProviderId>> {
    let rows: Vec<ProviderOf> =
        sql(conn, "SELECT DISTINCT provider_id FROM charges WHERE period = $1").bind::<Text, _>(period).load(conn)?;
    Ok(rows.into_iter().map(|r| r.provider_id).collect())
}

pub fn insert_run_providers(conn: &mut DbConn, run_id: &RunId, provider_ids: &[ProviderId]) -> QueryResult<()> {
    let rows: Vec<_> = provider_ids.iter().map(|p| (run_providers::run_id.eq(run_id), run_providers::provider_id.eq(p))).collect();
    on_backend!(conn, c => diesel::insert_into(run_providers::table).values(&rows).execute(c)).map(drop)
}

pub fn run_provider_ids(conn: &mut DbConn, run_id: &RunId) -> QueryResult<Vec<ProviderId>> {
    run_providers::table.filter(run_providers::run_id.eq(run_id)).select(run_providers::provider_id).load(conn)
}

/// Keeps the requisites of every provider with charges in the period, as they stand now, for the
/// documents of the run.
pub fn snapshot_payees(conn: &mut DbConn, run_id: &RunId, period: &str) -> QueryResult<usize> {
    sql(
        conn,
        "INSERT INTO run_payees (run_id, provider_id, name, inn, kpp, bank_name, bank_bik, bank_account, bank_correspondent_account) \
         SELECT $1, p.id, p.name, p.inn, p.kpp, p.bank_name, p.bank_bik, p.bank_account, p.bank_correspondent_account \
         FROM providers p WHERE p.id IN (SELECT DISTINCT provider_id FROM charges WHERE period = $2)",
    )
    .bind::<Text, _>(run_id)
    .bind::<Text, _>(period)
    .execute(conn)
}

/// Who gets the run's emails (electronic with a confirmed email) and SMS notices (opted in).
pub fn snapshot_recipients(conn: &mut DbConn, run_id: &RunId) -> QueryResult<usize> {
    sql(
        conn,
        "INSERT INTO run_recipients (run_id, premises_id, seq, address_id, email, phone) \
         SELECT $1, a.premises_id, rp.seq, a.id, \
                CASE WHEN a.channel = 'electronic' AND r.email_confirmed_at IS NOT NULL THEN r.email END, \
                CASE WHEN a.sms_notifications THEN r.phone END \
         FROM addresses a JOIN residents r ON r.id = a.resident_id \
         JOIN run_premises rp ON rp.run_id = $1 AND rp.premises_id = a.premises_id \
         WHERE a.unlinked_at IS NULL \
           AND ((a.channel = 'electronic' AND r.email_confirmed_at IS NOT NULL) OR a.sms_notifications)",
    )
    .bind::<Text, _>(run_id)
    .execute(conn)
}

/// A charge of a premises of a chunk, with what the run needs to place it on a document.
#[derive(Debug, QueryableByName)]
pub struct ChunkCharge {
    #[diesel(sql_type = Text)]
    pub premises_id: PremisesId,
    #[diesel(sql_type = Bool)]
    pub electronic: bool,
    #[diesel(sql_type = Text)]
    pub payer_code: String,
    #[diesel(sql_type = Text)]
    pub provider_id: ProviderId,
    #[diesel(sql_type = Text)]
    pub account_number: String,
    #[diesel(sql_type = Text)]
    pub service_code: String,
    #[diesel(sql_type = Text)]
    pub service_name: String,
    #[diesel(sql_type = Text)]
    pub unit: String,
    #[diesel(embed)]
    pub amounts: ChargeAmounts,
}

/// The period's charges at the premises numbered `(from, to]`, in one pass.
pub fn chunk_charges(conn: &mut DbConn, run_id: &RunId, period: &str, from: i32, to: i32) -> QueryResult<Vec<ChunkCharge>> {
    sql(
        conn,
        "SELECT rp.premises_id, rp.electronic, p.payer_code, c.provider_id, c.account_number, c.service_code, c.service_name, \
                c.unit, c.volume, c.tariff, c.amount, c.recalculation, c.debt, c.penalty \
         FROM run_premises rp \
         JOIN premises p ON p.id = rp.premises_id \
         JOIN provider_accounts pa ON pa.premises_id = rp.premises_id \
         JOIN charges c ON c.provider_id = pa.provider_id AND c.account_number = pa.number AND c.period = $2 \
         WHERE rp.run_id = $1 AND rp.seq > $3 AND rp.seq <= $4",
    )
    .bind::<Text, _>(run_id)
    .bind::<Text, _>(period)
    .bind::<Integer, _>(from)
    .bind::<Integer, _>(to)
    .load(conn)
}

/// A recipient of a run's messages for one premises.
#[derive(Debug, QueryableByName)]
pub struct Recipient {
    #[diesel(sql_type = Text)]
    pub premises_id: PremisesId,
    #[diesel(sql_type = Text)]
    pub address_id: AddressId,
    #[diesel(sql_type = Nullable<Text>)]
    pub email: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    pub phone: Option<String>,
}

/// The run's recipients at the premises numbered `(from, to]`.
pub fn recipients(conn: &mut DbConn, run_id: &RunId, from: i32, to: i32) -> QueryResult<Vec<Recipient>> {
    sql(
        conn,
        "SELECT r.premises_id, r.address_id, r.email, r.phone FROM run_recipients r \
         WHERE r.run_id = $1 AND r.seq > $2 AND r.seq <= $3 ORDER BY r.address_id",
    )
    .bind::<Text, _>(run_id)
    .bind::<Integer, _>(from)
    .bind::<Integer, _>(to)
    .load(conn)
}

/// Outbox messages of a run by channel and status.
pub fn message_counts(conn: &mut DbConn, run_id: &RunId) -> QueryResult<Vec<crate::store::outbox::StatusCount>> {
    outbox::table
        .filter(outbox::run_id.eq(run_id))
        .group_by((outbox::channel, outbox::status))
        .select((outbox::channel, outbox::status, diesel::dsl::count_star()))
        .load(conn)
}
