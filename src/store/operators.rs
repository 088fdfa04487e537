//! Queries over `operators`, the agent's staff accounts.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::domain::ids::OperatorId;
use crate::store::db::DbConn;
use crate::store::schema::operators;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = operators)]
#[diesel(check_for_backend(diesel::pg::Pg, diesel::sqlite::Sqlite))]
pub struct OperatorRow {
    pub id: OperatorId,
    pub email: String,
    pub password_hash: String,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, row: &OperatorRow) -> QueryResult<()> {
    diesel::insert_into(operators::table).values(row).execute(conn).map(drop)
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<OperatorRow>> {
    operators::table.filter(operators::email.eq(email)).select(OperatorRow::as_select()).first(conn).optional()
}

pub fn exists(conn: &mut DbConn, id: &OperatorId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(operators::table.find(id))).get_result(conn)
}
