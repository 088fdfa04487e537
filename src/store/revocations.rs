//! Queries over `revocations`: logins (`sid:…`) and principals (`sub:…`) whose access tokens must stop
//! working before they expire.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::on_backend;
use crate::store::db::DbConn;
use crate::store::schema::revocations;

/// Records (or renews) the revocation of `subject` at `at`.
pub fn revoke(conn: &mut DbConn, subject: &str, at: NaiveDateTime) -> QueryResult<()> {
    let row = (revocations::subject.eq(subject), revocations::revoked_at.eq(at));
    on_backend!(conn, c => diesel::insert_into(revocations::table)
        .values(row)
        .on_conflict(revocations::subject)
        .do_update()
        .set(revocations::revoked_at.eq(excluded(revocations::revoked_at)))
        .execute(c))
    .map(drop)
}

/// Lifts the revocation of `subject` (a provider approved again).
pub fn lift(conn: &mut DbConn, subject: &str) -> QueryResult<()> {
    diesel::delete(revocations::table.find(subject)).execute(conn).map(drop)
}

/// Every revocation made after `since`.
pub fn since(conn: &mut DbConn, since: NaiveDateTime) -> QueryResult<Vec<(String, NaiveDateTime)>> {
    revocations::table.filter(revocations::revoked_at.gt(since)).select((revocations::subject, revocations::revoked_at)).load(conn)
}

/// Forgets revocations made before `cutoff` (every token they ended has expired since).
pub fn purge_before(conn: &mut DbConn, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(revocations::table.filter(revocations::revoked_at.lt(cutoff))).execute(conn)
}
