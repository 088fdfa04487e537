//! Queries over `settings`, the service's own key-value store (e.g. a generated JWT secret).

use diesel::prelude::*;

use crate::store::db::DbConn;
use crate::store::schema::settings;

pub fn get(conn: &mut DbConn, name: &str) -> QueryResult<Option<String>> {
    settings::table.find(name).select(settings::value).first(conn).optional()
}

/// Stores `value` under `name` unless a value is already there; returns the value that stands.
pub fn get_or_insert(conn: &mut DbConn, name: &str, value: &str) -> QueryResult<String> {
    crate::store::db::write_tx(conn, |conn| {
        if let Some(existing) = get(conn, name)? {
            return Ok(existing);
        }
        diesel::insert_into(settings::table).values((settings::name.eq(name), settings::value.eq(value))).execute(conn)?;
        Ok(value.to_owned())
    })
}

/// Stores `value` under `name`, replacing what was there.
pub fn set(conn: &mut DbConn, name: &str, value: &str) -> QueryResult<()> {
    crate::store::db::write_tx(conn, |conn| {
        diesel::delete(settings::table.find(name)).execute(conn)?;
        diesel::insert_into(settings::table).values((settings::name.eq(name), settings::value.eq(value))).execute(conn).map(drop)
    })
}
