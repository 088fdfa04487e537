//! Ending access tokens before they expire, on every replica within a second and without a database
//! round trip per request: revocations are rows (`sid:<login>` for one login, `sub:<principal>` for
//! every token of a principal issued up to then), and each process keeps the recent ones in memory,
//! reloaded every second and right after it revoked something itself.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::NaiveDateTime;

use crate::services::jwt::{ACCESS_TOKEN_TTL, AccessToken, LEEWAY_SECS};
use crate::store::db::DbConn;
use crate::store::revocations as store;

fn login_key(sid: &str) -> String {
    format!("sid:{sid}")
}

fn principal_key(scope: &str) -> String {
    format!("sub:{scope}")
}

/// Ends the access tokens of one login (a refresh-token family).
pub fn revoke_login(conn: &mut DbConn, sid: &str, now: NaiveDateTime) -> diesel::QueryResult<()> {
    store::revoke(conn, &login_key(sid), now)
}

/// Ends every access token of a principal (`provider:prv_…`) issued up to `now`.
pub fn revoke_principal(conn: &mut DbConn, scope: &str, now: NaiveDateTime) -> diesel::QueryResult<()> {
    store::revoke(conn, &principal_key(scope), now)
}

/// Lets a principal's tokens work again (a suspended provider approved again).
pub fn lift_principal(conn: &mut DbConn, scope: &str) -> diesel::QueryResult<()> {
    store::lift(conn, &principal_key(scope))
}

/// How far back revocations matter: no token issued before that is still valid.
fn horizon(now: NaiveDateTime) -> NaiveDateTime {
    now - chrono::Duration::seconds(ACCESS_TOKEN_TTL.as_secs() as i64 + 2 * LEEWAY_SECS as i64 + 60)
}

/// The recent revocations, in memory (subject → unix time of the revocation); clones share them.
#[derive(Clone, Default)]
pub struct Revocations(Arc<RwLock<HashMap<String, i64>>>);

impl Revocations {
    /// Reads the revocations that can still matter; keeps the old set when the database fails.
    pub fn reload(&self, conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<()> {
        let fresh: HashMap<String, i64> =
            store::since(conn, horizon(now))?.into_iter().map(|(s, at)| (s, at.and_utc().timestamp())).collect();
        if let Ok(mut map) = self.0.write() {
            *map = fresh;
        }
        Ok(())
    }

    /// Forgets revocations older than any live token.
    pub fn purge(conn: &mut DbConn, now: NaiveDateTime) -> diesel::QueryResult<usize> {
        store::purge_before(conn, horizon(now))
    }

    /// Whether a verified token was revoked: its login, or its principal since it was issued.
    pub fn is_revoked(&self, token: &AccessToken) -> bool {
        let Ok(map) = self.0.read() else { return true };
        let login = token.sid.as_deref().is_some_and(|sid| map.contains_key(&login_key(sid)));
        let principal = map.get(&principal_key(&token.principal.scope())).is_some_and(|at| token.issued_at <= *at);
        login || principal
    }
}
