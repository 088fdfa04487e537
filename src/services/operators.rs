//! Operator accounts of the payment agent, created from the command line.

use chrono::NaiveDateTime;

use crate::crypto::hash_password;
use crate::domain::ids::OperatorId;
use crate::error::{Code, Error, Result};
use crate::store::db::{DbConn, write_tx};
use crate::store::operators::{self, OperatorRow};

/// Adds an operator; the email must be new.
pub fn add(conn: &mut DbConn, email: &str, password: &str, now: NaiveDateTime) -> Result<OperatorId> {
    let email = email.trim().to_lowercase();
    if !validator::ValidateEmail::validate_email(&email) {
        return Err(Error::invalid("email", "not an email address"));
    }
    if password.chars().count() < 10 {
        return Err(Error::invalid("password", "must be at least 10 characters"));
    }
    let row =
        OperatorRow { id: OperatorId::new(), email, password_hash: hash_password(password).map_err(Error::internal)?, created_at: now };
    write_tx(conn, |conn| {
        if operators::find_by_email(conn, &row.email)?.is_some() {
            return Err(Error::rule(Code::OperatorExists, "an operator with this email already exists"));
        }
        operators::insert(conn, &row)?;
        Ok(row.id.clone())
    })
}
