//! The audit trail: every operator decision and every consent change, recorded in the transaction
//! of the change itself (so the trail never claims what did not happen, nor misses what did).

use chrono::NaiveDateTime;

use crate::domain::ids::{OperatorId, ProviderId, ResidentId, new_id};
use crate::domain::vocabulary::{AuditKind, AuditObject};
use crate::error::{Error, Result};
use crate::store::audit::{self as store, AuditEventRow, Filter};
use crate::store::db::DbConn;

/// Who made a change.
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Operator(&'a OperatorId),
    Provider(&'a ProviderId),
    Resident(&'a ResidentId),
    /// The platform itself (a bounced email moving an address back to paper).
    System,
}

impl<'a> Actor<'a> {
    fn parts(self) -> (&'static str, Option<&'a str>) {
        match self {
            Self::Operator(id) => ("operator", Some(id.as_str())),
            Self::Provider(id) => ("provider", Some(id.as_str())),
            Self::Resident(id) => ("resident", Some(id.as_str())),
            Self::System => ("system", None),
        }
    }
}

/// Up to `limit + 1` events matching `filter`, newest first, older than the event `before`.
pub fn page(conn: &mut DbConn, filter: &Filter, before: Option<&str>, limit: u32) -> Result<Vec<AuditEventRow>> {
    Ok(store::page(conn, filter, before, i64::from(limit) + 1)?)
}

/// Records that `actor` did `kind` (`provider.approved`, `delivery.changed`, …) to the object
/// `(type, id)`, with what changed in `data`.
pub fn record<O: AsRef<str> + ?Sized>(
    conn: &mut DbConn,
    actor: Actor,
    kind: &str,
    (object_type, object_id): (&str, &O),
    data: serde_json::Value,
    now: NaiveDateTime,
) -> Result<()> {
    let (actor_kind, actor_id) = actor.parts();
    // The spec lists every kind and object type (`AuditKind`, `AuditObject`): one that is not there
    // is a mistake of ours, caught by the tests of the change that records it.
    let kind = kind.parse::<AuditKind>().map_err(Error::internal)?.as_str();
    let object_type = object_type.parse::<AuditObject>().map_err(Error::internal)?.as_str();
    let row = AuditEventRow {
        id: new_id("aud"),
        actor_kind: actor_kind.into(),
        actor_id: actor_id.map(str::to_owned),
        kind: kind.into(),
        object_type: object_type.into(),
        object_id: object_id.as_ref().into(),
        data: serde_json::to_string(&data).map_err(Error::internal)?,
        created_at: now,
    };
    Ok(store::insert(conn, &row)?)
}
