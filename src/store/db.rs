//! Database plumbing: the two-backend connection, its r2d2 pool, embedded migrations and `write_tx`.

use std::path::PathBuf;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

/// One connection type over both backends; every query in `store` is written against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

/// Runs the same code on the backend's own connection type, for what diesel offers per backend only
/// (batch inserts with `ON CONFLICT`, `COPY`): `on_backend!(conn, c => insert_into(t).values(v).execute(c))`.
#[macro_export]
macro_rules! on_backend {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::store::db::DbConn::Pg($c) => $body,
            $crate::store::db::DbConn::Sqlite($c) => $body,
        }
    };
}

/// Writes new rows into a table the fastest way each backend has: one `COPY` on PostgreSQL,
/// multi-row inserts within the bind limit on SQLite. Fails with a unique violation when one of the
/// rows is stored already (on SQLite, after the statements before it went through: call it at a
/// savepoint or in a transaction that then rolls back).
#[macro_export]
macro_rules! bulk_insert {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            $crate::store::db::DbConn::Pg(c) => diesel::copy_from($table).from_insertable($rows).execute(c).map(drop),
            $crate::store::db::DbConn::Sqlite(c) => $rows
                .chunks($crate::store::db::rows_per_insert(&$table))
                .try_for_each(|chunk| diesel::insert_into($table).values(chunk).execute(c).map(drop)),
        }
    };
}

/// How many columns a table has (the size of its `all_columns` tuple), so that a multi-row insert
/// stays within the bind limit whatever columns a migration adds.
pub trait ColumnCount {
    const COUNT: usize;
}

impl ColumnCount for () {
    const COUNT: usize = 0;
}

macro_rules! column_count {
    () => {};
    ($head:ident $($tail:ident)*) => {
        impl<$head, $($tail),*> ColumnCount for ($head, $($tail,)*) {
            const COUNT: usize = 1 + <($($tail,)*) as ColumnCount>::COUNT;
        }
        column_count!($($tail)*);
    };
}

column_count!(A B C D E F G H I J K L M N O P Q R S T U V W X Y Z AA AB AC AD AE AF);

/// Rows of `table` per multi-row statement, within SQLite's bind limit.
pub fn rows_per_insert<T: diesel::Table>(_table: &T) -> usize
where
    T::AllColumns: ColumnCount,
{
    chunk_rows(<T::AllColumns as ColumnCount>::COUNT)
}

/// A raw statement written with PostgreSQL's `$1`, `$2` parameters, as the connection's backend
/// wants it (SQLite numbers them `?1`, `?2`).
pub fn sql(conn: &DbConn, text: &str) -> diesel::query_builder::SqlQuery {
    match conn {
        DbConn::Pg(_) => diesel::sql_query(text),
        DbConn::Sqlite(_) => diesel::sql_query(text.replace('$', "?")),
    }
}

/// Rows per multi-row statement for a table of `columns` columns, within SQLite's 32,766 bind
/// parameters (PostgreSQL allows 65,535).
pub fn chunk_rows(columns: usize) -> usize {
    (32_000 / columns.max(1)).max(1)
}

/// The pool every request and worker draws from.
pub type Pool = r2d2::Pool<Manager>;

const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");
const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");

/// Where the data lives, parsed from `EBILL_DATABASE_URL`.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Postgres(String),
    Sqlite(PathBuf),
}

impl DatabaseUrl {
    /// Parses `postgres://…`, `postgresql://…` or `sqlite://PATH` (also `sqlite:PATH`).
    pub fn parse(url: &str) -> Result<Self, String> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| "expected postgres://… or sqlite://PATH".to_owned())?;
        if path.is_empty() || path == ":memory:" {
            return Err("a SQLite database needs a file path (an in-memory database cannot be pooled)".into());
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Self::Postgres(_))
    }
}

impl std::fmt::Debug for DatabaseUrl {
    // Never print a password that may sit in a PostgreSQL URL.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Postgres(url) => match url::Url::parse(url) {
                Ok(mut parsed) => {
                    if parsed.password().is_some() {
                        let _ = parsed.set_password(Some("***"));
                    }
                    write!(f, "{parsed}")
                }
                Err(_) => f.write_str("postgres://***"),
            },
            Self::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
        }
    }
}

/// r2d2 manager that picks the backend from the URL scheme, so a SQLite connect can never swallow a
/// PostgreSQL URL, and sets up every SQLite connection the same way.
#[derive(Debug, Clone)]
pub struct Manager {
    url: DatabaseUrl,
}

impl Manager {
    pub fn new(url: DatabaseUrl) -> Self {
        Self { url }
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match &self.url {
            DatabaseUrl::Postgres(url) => diesel::PgConnection::establish(url).map(DbConn::Pg).map_err(r2d2::Error::ConnectionError),
            DatabaseUrl::Sqlite(path) => {
                let path = path.to_string_lossy();
                let mut conn = diesel::SqliteConnection::establish(&path).map_err(r2d2::Error::ConnectionError)?;
                // One batch (`sql_query` would run only the first PRAGMA); the busy timeout first, so
                // that switching to WAL waits for a concurrent connect instead of failing. A 32 MiB page
                // cache (SQLite's default is 2 MiB) keeps a billing chunk's index pages in memory. No
                // commit checkpoints the WAL (that made a commit pay for copying and syncing the pages
                // of earlier ones): the server's checkpointer does, off the request path (`checkpoint`).
                conn.batch_execute(
                    "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
                     PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                     PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; \
                     PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 67108864; \
                     PRAGMA mmap_size = 1073741824;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1").map_err(r2d2::Error::QueryError)
    }

    /// A connection dropped while its thread unwinds from a panic, or left inside a transaction
    /// (open or failed), is closed instead of going back to the pool: reused, it would run the next
    /// request inside that transaction (on SQLite, holding the write lock).
    fn has_broken(&self, conn: &mut DbConn) -> bool {
        std::thread::panicking() || diesel::r2d2::R2D2Connection::is_broken(conn)
    }
}

/// On SQLite, copies what the WAL holds into the database file as far as readers allow (a passive
/// checkpoint, which never waits for them); nothing on PostgreSQL.
pub fn checkpoint(conn: &mut DbConn) -> QueryResult<()> {
    match conn {
        DbConn::Sqlite(c) => c.batch_execute("PRAGMA wal_checkpoint(PASSIVE);"),
        DbConn::Pg(_) => Ok(()),
    }
}

/// Builds the pool; `size` connections at most, waiting at most `timeout` for one.
pub fn pool(url: &DatabaseUrl, size: u32, timeout: Duration) -> Result<Pool, r2d2::PoolError> {
    if let DatabaseUrl::Sqlite(_) = url {
        // One connection first: it creates the file and switches it to WAL, which the pool's
        // connections would otherwise race for.
        drop(Manager::new(url.clone()).connect());
    }
    r2d2::Pool::builder().max_size(size).connection_timeout(timeout).build(Manager::new(url.clone()))
}

/// Runs every pending migration of the connection's backend; returns the names applied.
pub fn migrate(conn: &mut DbConn) -> Result<Vec<String>, Box<dyn std::error::Error + Send + Sync>> {
    let applied = match conn {
        DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS)?,
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS)?,
    };
    Ok(applied.iter().map(ToString::to_string).collect())
}

/// Whether every embedded migration of the backend has been applied (for `/readyz`).
pub fn migrations_complete(conn: &mut DbConn) -> Result<bool, Box<dyn std::error::Error + Send + Sync>> {
    let pending = match conn {
        DbConn::Pg(c) => c.pending_migrations(PG_MIGRATIONS)?.len(),
        DbConn::Sqlite(c) => c.pending_migrations(SQLITE_MIGRATIONS)?.len(),
    };
    Ok(pending == 0)
}

/// Runs `f` in one write transaction: `BEGIN IMMEDIATE` on SQLite (so concurrent writers queue on the
/// busy timeout instead of failing with "database is locked"), a plain `BEGIN` on PostgreSQL. Inside
/// a transaction already (a request whose idempotency record is written with its effect), `f` runs at
/// a savepoint: its failure undoes only what it did.
pub fn write_tx<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    begin_write(conn)?;
    match f(conn) {
        Ok(value) => {
            Transactions::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => {
            Transactions::rollback_transaction(conn)?;
            Err(err)
        }
    }
}

/// Runs `f` in a write transaction as `write_tx` does, then rolls it back whatever `f` answered: a
/// rehearsal that takes the real locks and runs every statement of a request, and keeps nothing.
pub fn rehearse_tx<T, E, F>(conn: &mut DbConn, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    begin_write(conn)?;
    let result = f(conn);
    Transactions::rollback_transaction(conn)?;
    result
}

type Transactions = <DbConn as Connection>::TransactionManager;

/// Whether a request's effect is kept, or only rehearsed (`?validate_only=true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Write,
    Rehearse,
}

impl Effect {
    /// Runs `f` in `write_tx` or `rehearse_tx`.
    pub fn transaction<T, E, F>(self, conn: &mut DbConn, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<diesel::result::Error>,
    {
        match self {
            Self::Write => write_tx(conn, f),
            Self::Rehearse => rehearse_tx(conn, f),
        }
    }
}

/// `BEGIN` (SQLite: `BEGIN IMMEDIATE`, so the write lock is taken up front), or a savepoint when a
/// transaction is open already.
fn begin_write(conn: &mut DbConn) -> diesel::QueryResult<()> {
    let nested = Transactions::transaction_manager_status_mut(conn).transaction_depth()?.is_some();
    match conn {
        DbConn::Sqlite(inner) if !nested => AnsiTransactionManager::begin_transaction_sql(inner, "BEGIN IMMEDIATE"),
        _ => Transactions::begin_transaction(conn),
    }
}

/// A 64-bit lock id for a named key (PostgreSQL advisory locks are numbered).
fn lock_id(key: &str) -> i64 {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(key.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().unwrap_or_default())
}

/// Serialises the transactions that name the same key until the caller's transaction ends: a
/// PostgreSQL advisory transaction lock. Nothing on SQLite, whose write transactions (`write_tx`)
/// run one at a time anyway. For counters that guard secrets: take the lock, count, then write.
pub fn lock_key(conn: &mut DbConn, key: &str) -> QueryResult<()> {
    match conn {
        DbConn::Pg(c) => {
            diesel::sql_query("SELECT pg_advisory_xact_lock($1)").bind::<diesel::sql_types::BigInt, _>(lock_id(key)).execute(c).map(drop)
        }
        DbConn::Sqlite(_) => Ok(()),
    }
}

/// Like `lock_key`, but does not wait: false when another transaction holds the key.
pub fn try_lock_key(conn: &mut DbConn, key: &str) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Locked {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        locked: bool,
    }
    match conn {
        DbConn::Pg(c) => Ok(diesel::sql_query("SELECT pg_try_advisory_xact_lock($1) AS locked")
            .bind::<diesel::sql_types::BigInt, _>(lock_id(key))
            .get_result::<Locked>(c)?
            .locked),
        DbConn::Sqlite(_) => Ok(true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::schema::{documents, outbox};

    #[test]
    fn inserts_stay_within_the_bind_limit_of_every_table() {
        assert_eq!(<(u8, u8, u8) as ColumnCount>::COUNT, 3);
        for (columns, rows) in [(13, rows_per_insert(&documents::table)), (14, rows_per_insert(&outbox::table))] {
            assert!(columns * rows <= 32_766, "{columns} × {rows}");
        }
        assert_eq!(<<documents::table as diesel::Table>::AllColumns as ColumnCount>::COUNT, 13);
    }
}
