//! E-document capability: a provider declares (or withdraws) it from a period on; every declaration
//! is kept, and a billing run uses the one in force for its period.

use chrono::NaiveDateTime;

use crate::domain::edoc::{Declaration, in_force};
use crate::domain::ids::new_id;
use crate::domain::period::Period;
use crate::error::{Error, Result};
use crate::services::providers::current_period;
use crate::store::charges;
use crate::store::db::{DbConn, write_tx};
use crate::store::providers::{self as store, EdocChangeRow};

/// The capability in force now, and every declaration made.
#[derive(Debug)]
pub struct Capability {
    pub in_force: Option<Declaration>,
    pub history: Vec<EdocChangeRow>,
}

pub fn capability(conn: &mut DbConn, provider_id: &str) -> Result<Capability> {
    let history = store::edoc_changes(conn, &[provider_id.to_owned()])?;
    let declarations: Vec<Declaration> =
        history.iter().filter_map(|c| Period::parse(&c.since).map(|since| Declaration { capable: c.edoc_capable, since })).collect();
    let in_force = in_force(&declarations, current_period()).cloned();
    Ok(Capability { in_force, history })
}

/// Declares capability (or its withdrawal) from `since` on; the past that a billing run has closed
/// cannot be changed.
pub fn declare(conn: &mut DbConn, provider_id: &str, capable: bool, since: Period, now: NaiveDateTime) -> Result<Capability> {
    write_tx(conn, |conn| {
        if let Some(closed) = charges::latest_closed(conn)?.as_deref().and_then(Period::parse) {
            if since <= closed {
                return Err(Error::conflict(
                    "period_closed",
                    format!("the billing run of {closed} has closed that period; declare from {} on", closed.next()),
                ));
            }
        }
        store::insert_edoc_change(
            conn,
            &EdocChangeRow {
                id: new_id("edc"),
                provider_id: provider_id.to_owned(),
                edoc_capable: capable,
                since: since.to_string(),
                created_at: now,
            },
        )?;
        Ok::<_, Error>(())
    })?;
    capability(conn, provider_id)
}
