//! The public anti-fraud checks: a document by its verification code, and whether bank details are an
//! active provider's.

use std::collections::HashSet;

use crate::domain::ids::ProviderId;
use crate::domain::requisites::{Bik, Inn};
use crate::error::{Error, Result};
use crate::store::db::DbConn;
use crate::store::documents::{self, DocumentRow, PayeeRow};
use crate::store::providers::{self, ProviderRow};

/// The genuine document of a verification code and its payees; 404 for an unknown code.
pub fn document(conn: &mut DbConn, verification_code: &str) -> Result<(DocumentRow, Vec<PayeeRow>)> {
    let document = documents::find_by_verification_code(conn, verification_code)?.ok_or_else(|| Error::not_found("document"))?;
    let payees = documents::payees_of(conn, std::slice::from_ref(&document.id))?;
    Ok((document, payees))
}

/// Of a document's payees, those still active providers (a suspended one's document is suspect).
pub fn active_payees(conn: &mut DbConn, payees: &[PayeeRow]) -> Result<HashSet<ProviderId>> {
    let ids: Vec<ProviderId> = payees.iter().map(|p| p.provider_id.clone()).collect();
    Ok(providers::active_among(conn, &ids)?)
}

/// The active provider these bank details belong to, if any.
pub fn payee(conn: &mut DbConn, inn: &Inn, bik: &Bik, account: &str) -> Result<Option<ProviderRow>> {
    Ok(providers::find_active_payee(conn, inn.as_str(), bik.as_str(), account)?)
}
