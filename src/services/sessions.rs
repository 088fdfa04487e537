//! The cabinet's logins: a session begins with the email and password (answering alike for an unknown
//! email and a wrong password), lives 30 minutes idle and 12 hours at most, and ends at logout, a
//! password change or reset, or when the account is deleted.

use chrono::{Duration, NaiveDateTime};

use crate::crypto::{burn_password_check, random_token, sha256_hex};
use crate::domain::ids::ResidentId;
use crate::error::{Code, Error, Result};
use crate::services::residents;
use crate::store::db::{DbConn, write_tx};
use crate::store::sessions::{self as store, SessionRow};

/// A session ends after this long without a request.
pub const IDLE: Duration = Duration::minutes(30);
/// …and this long after the login, whatever happens.
pub const ABSOLUTE: Duration = Duration::hours(12);
/// `last_seen_at` is written at most this often (a page view is not worth a write each).
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// A new session's cookie token (shown once; only its hash is kept) and the resident it is for.
pub struct Begun {
    pub token: String,
    pub resident_id: ResidentId,
}

/// Logs a resident in with email and password; a wrong pair of either kind is the same refusal.
pub fn begin(conn: &mut DbConn, email: &str, password: &str, now: NaiveDateTime) -> Result<Begun> {
    let refused = || Error::rule(Code::InvalidGrant, "wrong email or password");
    let Some(resident_id) = residents::authenticate(conn, email, password)? else {
        if crate::store::residents::find_by_email(conn, email)?.is_none() {
            burn_password_check(password);
        }
        return Err(refused());
    };
    let token = random_token(32);
    let row = SessionRow {
        id: sha256_hex(token.as_bytes()),
        resident_id: resident_id.clone(),
        created_at: now,
        last_seen_at: now,
        ended_at: None,
    };
    write_tx(conn, |conn| Ok::<_, Error>(store::insert(conn, &row)?))?;
    Ok(Begun { token, resident_id })
}

/// The resident of a live session's cookie token, or `None` when it is unknown, ended or timed out
/// (a timed-out one is ended for good).
pub fn resident_of(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<Option<ResidentId>> {
    let id = sha256_hex(token.as_bytes());
    let Some(session) = store::find_live(conn, &id)? else { return Ok(None) };
    if now - session.last_seen_at > IDLE || now - session.created_at > ABSOLUTE {
        store::end(conn, &id, now)?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        store::touch(conn, &id, now)?;
    }
    Ok(Some(session.resident_id))
}

/// Logout.
pub fn end(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<()> {
    Ok(store::end(conn, &sha256_hex(token.as_bytes()), now)?)
}

/// Ends every session of the resident.
pub fn end_all(conn: &mut DbConn, resident_id: &ResidentId, now: NaiveDateTime) -> Result<()> {
    Ok(store::end_all_of(conn, resident_id, now)?)
}
