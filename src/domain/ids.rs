//! Opaque, time-ordered identifiers with a readable prefix (`prv_…`, `res_…`), so ids sort by creation
//! and cursors can page by id.

/// A new id: `prefix` + `_` + a UUIDv7 in lowercase hex.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}
