//! Provider use cases: self-registration, the directory, approval and suspension, the own profile.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};

use crate::crypto::{hash_password, random_token};
use crate::domain::edoc::{Declaration, in_force};
use crate::domain::ids::{OperatorId, ProviderId};
use crate::domain::message::WEBHOOK_SECRET_OVERLAP;
use crate::domain::period::Period;
use crate::domain::phone::Phone;
use crate::domain::requisites::{Bik, CorrespondentAccount, Inn, Kpp, Ogrn, Requisites, SettlementAccount};
use crate::domain::role::{Principal, Role};
use crate::domain::vocabulary::ProviderStatus;
use crate::error::{Code, Error, Result};
use crate::services::audit::{self, Actor};
use crate::services::revocations;
use crate::store::db::{DbConn, write_tx};
use crate::store::providers::{self as store, ProviderRow};
use serde_json::json;

/// A provider's bank details.
#[derive(Debug, Clone)]
pub struct Bank {
    pub name: String,
    pub bik: Bik,
    pub account: SettlementAccount,
    pub correspondent_account: CorrespondentAccount,
}

/// A checked self-registration.
#[derive(Debug, Clone)]
pub struct NewProvider {
    pub name: String,
    pub inn: Inn,
    pub kpp: Option<Kpp>,
    pub ogrn: Ogrn,
    pub email: String,
    pub phone: Phone,
    pub bank: Bank,
    pub webhook_url: Option<String>,
}

/// The answer to a registration: the secrets are shown this once.
pub struct Registered {
    pub id: ProviderId,
    pub status: ProviderStatus,
    pub client_id: String,
    pub client_secret: String,
    pub webhook_secret: String,
}

fn new_webhook_secret() -> String {
    format!("whsec_{}", random_token(32))
}

/// E-document capability as the directory shows it: in force for the current period.
#[derive(Debug, Clone, Default)]
pub struct Edoc {
    pub capable: bool,
    pub since: Option<String>,
}

/// A provider with its capability.
#[derive(Clone)]
pub struct Provider {
    pub row: ProviderRow,
    pub edoc: Edoc,
}

pub fn current_period() -> Period {
    Period::of(Utc::now().date_naive())
}

pub fn register(conn: &mut DbConn, new: NewProvider, now: NaiveDateTime) -> Result<Registered> {
    let client_id = format!("cli_{}", random_token(16));
    let client_secret = format!("sk_{}", random_token(32));
    let client_secret_hash = hash_password(&client_secret).map_err(Error::internal)?;
    let webhook_secret = new_webhook_secret();
    let row = ProviderRow {
        id: ProviderId::new(),
        requisites: Requisites {
            name: new.name,
            inn: new.inn.into_inner(),
            kpp: new.kpp.map(Kpp::into_inner),
            bank_name: new.bank.name,
            bank_bik: new.bank.bik.into_inner(),
            bank_account: new.bank.account.into_inner(),
            bank_correspondent_account: new.bank.correspondent_account.into_inner(),
        },
        ogrn: new.ogrn.into_inner(),
        email: new.email,
        phone: new.phone.into_inner(),
        webhook_url: new.webhook_url,
        status: ProviderStatus::Pending,
        client_id: client_id.clone(),
        client_secret_hash,
        created_at: now,
        updated_at: now,
        webhook_secret: webhook_secret.clone(),
        webhook_secret_previous: None,
        webhook_secret_rotated_at: None,
    };
    write_tx(conn, |conn| {
        if store::exists_with_inn_kpp(conn, &row.requisites.inn, row.requisites.kpp.as_deref())? {
            return Err(Error::rule(Code::ProviderExists, "a provider with this INN and KPP is already registered"));
        }
        Ok(store::insert(conn, &row)?)
    })?;
    Ok(Registered { id: row.id, status: row.status, client_id, client_secret, webhook_secret })
}

/// Attaches the capability in force for the current period to each provider.
fn with_edoc(conn: &mut DbConn, rows: Vec<ProviderRow>) -> Result<Vec<Provider>> {
    let ids: Vec<ProviderId> = rows.iter().map(|r| r.id.clone()).collect();
    let mut history: HashMap<ProviderId, Vec<Declaration>> = HashMap::new();
    for change in store::edoc_changes(conn, &ids)? {
        if let Some(since) = Period::parse(&change.since) {
            history.entry(change.provider_id).or_default().push(Declaration { capable: change.edoc_capable, since });
        }
    }
    let period = current_period();
    Ok(rows
        .into_iter()
        .map(|row| {
            let edoc = history
                .get(&row.id)
                .and_then(|h| in_force(h, period))
                .filter(|d| d.capable)
                .map(|d| Edoc { capable: true, since: Some(d.since.to_string()) })
                .unwrap_or_default();
            Provider { row, edoc }
        })
        .collect())
}

/// The directory: active providers for everyone; operators may list any status.
pub fn list(conn: &mut DbConn, status: Option<ProviderStatus>, after: Option<&str>, limit: u32) -> Result<Vec<Provider>> {
    let rows = store::page(conn, status, after, i64::from(limit) + 1)?;
    with_edoc(conn, rows)
}

/// One provider; only active ones unless `any_status` (operators, or the provider itself).
pub fn get(conn: &mut DbConn, id: &ProviderId, any_status: bool) -> Result<Provider> {
    let row =
        store::find(conn, id)?.filter(|r| any_status || r.status == ProviderStatus::Active).ok_or_else(|| Error::not_found("provider"))?;
    Ok(with_edoc(conn, vec![row])?.remove(0))
}

/// An operator's decision on a provider.
#[derive(Debug, Clone, Copy)]
pub enum Decision {
    Approve,
    Suspend,
}

/// pending|suspended → active (approve); pending|active → suspended (suspend), by an operator.
pub fn decide(conn: &mut DbConn, id: &ProviderId, decision: Decision, operator_id: &OperatorId, now: NaiveDateTime) -> Result<Provider> {
    write_tx(conn, |conn| {
        let mut row = store::find(conn, id)?.ok_or_else(|| Error::not_found("provider"))?;
        let target = match (decision, row.status) {
            (Decision::Approve, ProviderStatus::Pending | ProviderStatus::Suspended) => ProviderStatus::Active,
            (Decision::Suspend, ProviderStatus::Pending | ProviderStatus::Active) => ProviderStatus::Suspended,
            (_, current) => {
                return Err(Error::rule(Code::InvalidTransition, format!("the provider is already {current}")));
            }
        };
        let from = std::mem::replace(&mut row.status, target);
        row.updated_at = now;
        store::update(conn, &row)?;
        let kind = match decision {
            Decision::Approve => "provider.approved",
            Decision::Suspend => "provider.suspended",
        };
        audit::record(conn, Actor::Operator(operator_id), kind, ("provider", &row.id), json!({"from": from, "to": target}), now)?;
        let scope = Principal { role: Role::Provider, id: row.id.to_string() }.scope();
        // A suspended provider's tokens stop working at once; approved again, they work again.
        match decision {
            Decision::Suspend => revocations::revoke_principal(conn, &scope, now)?,
            Decision::Approve => revocations::lift_principal(conn, &scope)?,
        }
        Ok(row)
    })
    .and_then(|row| Ok(with_edoc(conn, vec![row])?.remove(0)))
}

/// Changes to the own profile; `webhook_url: Some(None)` clears it.
#[derive(Debug, Default)]
pub struct ProfilePatch {
    pub email: Option<String>,
    pub phone: Option<Phone>,
    pub webhook_url: Option<Option<String>>,
}

pub fn update_profile(conn: &mut DbConn, id: &ProviderId, patch: ProfilePatch, now: NaiveDateTime) -> Result<Provider> {
    let row = write_tx(conn, |conn| {
        let mut row = store::find(conn, id)?.ok_or_else(|| Error::not_found("provider"))?;
        if let Some(email) = patch.email {
            row.email = email;
        }
        if let Some(phone) = patch.phone {
            row.phone = phone.into_inner();
        }
        if let Some(url) = patch.webhook_url {
            row.webhook_url = url;
        }
        row.updated_at = now;
        store::update(conn, &row)?;
        Ok::<_, Error>(row)
    })?;
    Ok(with_edoc(conn, vec![row])?.remove(0))
}

/// A new webhook signing secret; the previous one keeps signing too for `WEBHOOK_SECRET_OVERLAP`.
pub fn rotate_webhook_secret(conn: &mut DbConn, id: &ProviderId, now: NaiveDateTime) -> Result<(String, NaiveDateTime)> {
    write_tx(conn, |conn| {
        let mut row = store::find(conn, id)?.ok_or_else(|| Error::not_found("provider"))?;
        let secret = new_webhook_secret();
        row.webhook_secret_previous = Some(std::mem::replace(&mut row.webhook_secret, secret.clone()));
        row.webhook_secret_rotated_at = Some(now);
        row.updated_at = now;
        store::update(conn, &row)?;
        Ok((secret, now + WEBHOOK_SECRET_OVERLAP))
    })
}
