//! A resident's addresses: linking a premises with proof (a one-time link code from its paper bill or
//! an operator), the list with providers and delivery, unlinking, and asking for a delivery change.

use chrono::{Duration, NaiveDateTime};

use crate::config::{Quota, RateLimits};
use crate::crypto::{Keys, canonical_link_code, link_code};
use crate::domain::edoc::{Declaration, in_force};
use crate::domain::ids::{AddressId, OperatorId, PremisesId, ResidentId, new_id};
use crate::domain::payer_code::PayerCode;
use crate::domain::period::Period;
use crate::domain::vocabulary::{Channel, LinkCodeSource, VerificationPurpose};
use crate::error::{Code, Error, Result};
use crate::services::audit::{self, Actor};
use crate::services::channels;
use crate::services::verifications::{self, Change, Origin};
use crate::store::addresses::ProviderOfPremises;
use crate::store::addresses::{self as store, AddressRow, DeliveryChangeRow, LinkCodeRow, VerificationRow};
use crate::store::db::{DbConn, lock_key, write_tx};
use crate::store::premises::{self, PremisesRow};
use crate::store::residents;
use serde_json::json;

/// How long a code printed on a paper ЕПД stays valid: about three billing periods.
pub const PAPER_CODE_TTL: Duration = Duration::days(100);
/// How long a code issued by an operator stays valid.
pub const OPERATOR_CODE_TTL: Duration = Duration::days(30);

fn code_context(premises_id: &PremisesId) -> String {
    format!("link:{premises_id}")
}

/// A new one-time link code for a premises: the code, and the row that keeps only its keyed hash.
pub fn new_link_code(
    keys: &Keys,
    premises_id: &PremisesId,
    source: LinkCodeSource,
    issued_by: Option<&OperatorId>,
    now: NaiveDateTime,
) -> (String, LinkCodeRow) {
    let code = link_code();
    let ttl = match source {
        LinkCodeSource::Paper => PAPER_CODE_TTL,
        LinkCodeSource::Operator => OPERATOR_CODE_TTL,
    };
    let row = LinkCodeRow {
        id: new_id("lnk"),
        premises_id: premises_id.to_owned(),
        code_hash: keys.code_hash(&code_context(premises_id), &code),
        source,
        issued_by: issued_by.cloned(),
        expires_at: now + ttl,
        used_at: None,
        used_by: None,
        created_at: now,
    };
    (code, row)
}

/// An operator issues a link code for the premises of `payer_code`.
pub fn issue_link_code(
    conn: &mut DbConn,
    keys: &Keys,
    payer_code: &str,
    operator_id: &OperatorId,
    now: NaiveDateTime,
) -> Result<(String, NaiveDateTime)> {
    write_tx(conn, |conn| {
        let premises = premises::find_by_payer_code(conn, payer_code)?
            .filter(|p| p.merged_into.is_none())
            .ok_or_else(|| Error::not_found("premises"))?;
        let (code, row) = new_link_code(keys, &premises.id, LinkCodeSource::Operator, Some(operator_id), now);
        store::insert_link_codes(conn, std::slice::from_ref(&row))?;
        let data = json!({"link_code_id": row.id, "expires_at": row.expires_at.and_utc()});
        audit::record(conn, Actor::Operator(operator_id), "link_code.issued", ("premises", payer_code), data, now)?;
        Ok((code, row.expires_at))
    })
}

/// The premises of a payer code and, for a merged one, the premises it lives on in (codes printed
/// before a merge still prove it).
fn resolve(conn: &mut DbConn, payer_code: &PayerCode) -> Result<Option<(Vec<PremisesId>, PremisesRow)>> {
    let Some(mut current) = premises::find_by_payer_code(conn, payer_code.as_str())? else { return Ok(None) };
    let mut chain = vec![current.id.clone()];
    while let Some(next) = current.merged_into.clone() {
        if chain.len() > 16 {
            return Ok(None);
        }
        current = premises::find_many(conn, &[next])?.pop().ok_or_else(|| Error::internal("broken merge chain"))?;
        chain.push(current.id.clone());
    }
    Ok(Some((chain, current)))
}

enum LinkOutcome {
    Linked(AddressRow),
    Wrong,
}

/// Links the premises of `payer_code` to the resident when `code` is one of its unused link codes.
/// Wrong codes are counted per premises: past the limit, 429 for the rest of the hour.
pub fn link(
    conn: &mut DbConn,
    keys: &Keys,
    limit: Option<Quota>,
    resident_id: &ResidentId,
    payer_code: &PayerCode,
    code: &str,
    now: NaiveDateTime,
) -> Result<AddressRow> {
    let wrong = || {
        Error::validation(vec![crate::error::FieldError::new("link_code", "does not match this payer code (or was used, or has expired)")])
    };
    let outcome = write_tx(conn, |conn| {
        let Some((chain, premises)) = resolve(conn, payer_code)? else { return Ok(LinkOutcome::Wrong) };
        // Counted under the premises' lock, so parallel guesses cannot all see a count below the limit.
        lock_key(conn, &format!("link:{}", premises.id))?;
        if let Some(quota) = limit {
            let window = Duration::from_std(quota.per).map_err(Error::internal)?;
            let failures = store::failed_link_attempts(conn, &premises.id, now - window)?;
            if failures.len() >= quota.count as usize {
                // A place frees up when the oldest failure that fills the window leaves it.
                let freeing = failures[failures.len() - quota.count as usize];
                let wait = (freeing + window - now).num_seconds().max(1).unsigned_abs();
                let detail = format!("too many wrong link codes for this payer code; retry in {wait} s");
                return Err(Error::rate_limited(Code::LinkRateLimited, "link_codes", quota, wait, detail));
            }
        }
        if store::live_link(conn, resident_id, &premises.id)?.is_some() {
            return Err(Error::rule(Code::AlreadyLinked, "this address is already linked to your cabinet"));
        }
        let code = canonical_link_code(code);
        let mut proven = false;
        for premises_id in &chain {
            if store::use_link_code(conn, premises_id, &keys.code_hash(&code_context(premises_id), &code), resident_id, now)? {
                proven = true;
                break;
            }
        }
        store::record_link_attempt(conn, &premises.id, resident_id, proven, now)?;
        if !proven {
            return Ok(LinkOutcome::Wrong);
        }
        let address = AddressRow {
            id: AddressId::new(),
            resident_id: resident_id.to_owned(),
            premises_id: premises.id,
            channel: Channel::Paper,
            sms_notifications: false,
            effective_from: None,
            created_at: now,
            unlinked_at: None,
        };
        store::insert(conn, &address)?;
        audit::record(
            conn,
            Actor::Resident(resident_id),
            "address.linked",
            ("address", &address.id),
            json!({"payer_code": premises.payer_code}),
            now,
        )?;
        Ok(LinkOutcome::Linked(address))
    })?;
    match outcome {
        LinkOutcome::Linked(address) => Ok(address),
        LinkOutcome::Wrong => Err(wrong()),
    }
}

/// A linked address with what the cabinet shows about it.
pub struct AddressView {
    pub address: AddressRow,
    pub premises: PremisesRow,
    /// The active providers with an account there, by name, with whether they are e-document capable
    /// for the next billing run.
    pub providers: Vec<(ProviderOfPremises, bool)>,
    pub pending: Option<VerificationRow>,
}

/// The views of the resident's live addresses (or only `only`): one statement, whatever the number of
/// addresses and providers.
fn views(conn: &mut DbConn, resident_id: &ResidentId, only: Option<&AddressId>) -> Result<Vec<AddressView>> {
    let (live, latest_closed) = store::live_with_providers(conn, resident_id, only)?;
    let period = channels::period_after(latest_closed.as_deref());
    Ok(live
        .into_iter()
        .map(|live| AddressView {
            providers: live
                .providers
                .into_iter()
                .map(|p| {
                    let declarations: Vec<Declaration> = p
                        .declarations
                        .iter()
                        .filter_map(|(since, capable)| Some(Declaration { since: Period::parse(since)?, capable: *capable }))
                        .collect();
                    let capable = in_force(&declarations, period).is_some_and(|d| d.capable);
                    (p, capable)
                })
                .collect(),
            address: live.address,
            premises: live.premises,
            pending: live.pending,
        })
        .collect())
}

pub fn list(conn: &mut DbConn, resident_id: &ResidentId) -> Result<Vec<AddressView>> {
    views(conn, resident_id, None)
}

pub fn get(conn: &mut DbConn, resident_id: &ResidentId, id: &AddressId) -> Result<AddressView> {
    views(conn, resident_id, Some(id))?.pop().ok_or_else(|| Error::not_found("address"))
}

/// Unlinks an address (its history stays); pending verifications of it are dropped.
pub fn unlink(conn: &mut DbConn, resident_id: &ResidentId, id: &AddressId, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| {
        let mut address = store::find_own(conn, resident_id, id)?.ok_or_else(|| Error::not_found("address"))?;
        let before = store::electronic_premises(conn, std::slice::from_ref(&address.premises_id))?.contains(&address.premises_id);
        address.unlinked_at = Some(now);
        store::update(conn, &address)?;
        audit::record(conn, Actor::Resident(resident_id), "address.unlinked", ("address", id), json!({}), now)?;
        store::supersede_pending(conn, resident_id, VerificationPurpose::DeliveryChange, Some(id))?;
        channels::emit_if_flipped(conn, &address.premises_id, before, now)
    })
}

/// Asks for a delivery change of an address: nothing changes until the SMS code is confirmed.
pub fn request_delivery(
    conn: &mut DbConn,
    keys: &Keys,
    limits: &RateLimits,
    resident_id: &ResidentId,
    id: &AddressId,
    (channel, sms_notifications): (Channel, bool),
    origin: Origin,
) -> Result<VerificationRow> {
    write_tx(conn, |conn| {
        let address = store::find_own(conn, resident_id, id)?.ok_or_else(|| Error::not_found("address"))?;
        let resident = residents::find(conn, resident_id)?.ok_or_else(|| Error::not_found("resident"))?;
        if channel == Channel::Electronic {
            crate::services::residents::ensure_email_receives(&resident)?;
        }
        let change = Change::Delivery { address_id: address.id, channel, sms_notifications };
        verifications::start(conn, keys, limits, resident_id, &resident.phone, change, origin)
    })
}

/// The audit trail of an address's delivery (readable after unlinking too).
pub fn history(conn: &mut DbConn, resident_id: &ResidentId, id: &AddressId) -> Result<Vec<DeliveryChangeRow>> {
    store::find_own_any(conn, resident_id, id)?.ok_or_else(|| Error::not_found("address"))?;
    Ok(store::changes_of_address(conn, id)?)
}
