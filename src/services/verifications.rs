//! SMS verifications: a 6-digit code from the OS CSPRNG, stored only as a keyed hash, compared in
//! constant time, single use, valid 10 minutes, dead after 5 wrong tries; at most 1 SMS per phone a
//! minute and 5 an hour. Confirming applies the change it was asked for.

use chrono::{Duration, NaiveDateTime};

use crate::config::{Quota, RateLimits};
use crate::crypto::{Keys, constant_time_eq, numeric_code};
use crate::domain::ids::{AddressId, ResidentId, new_id};
use crate::domain::message::Sms;
use crate::domain::period::Period;
use crate::domain::phone::Phone;
use crate::domain::vocabulary::{ChangeReason, Channel, VerificationPurpose, VerificationStatus};
use crate::error::{Code, Error, Result};
use crate::services::audit::{self, Actor};
use crate::services::{channels, outbox};
use crate::store::addresses::{self as store, AddressRow, DeliveryChangeRow, VerificationRow};
use crate::store::db::{DbConn, lock_key, write_tx};
use crate::store::residents;
use serde_json::json;

pub const CODE_TTL: Duration = Duration::minutes(10);
pub const ATTEMPTS: i32 = 5;
const TOPIC: &str = "verification_code";

/// The client that asked for a change and when (kept in the audit trail): an app by its authenticated
/// `client_id` (its name is looked up), the cabinet and first-party logins by their `User-Agent`.
#[derive(Debug, Clone)]
pub struct Origin {
    pub client: Option<String>,
    pub client_id: Option<String>,
    pub at: NaiveDateTime,
}

impl Origin {
    /// A change asked for by the cabinet or a first-party login.
    pub fn first_party(client: Option<String>, at: NaiveDateTime) -> Self {
        Self { client, client_id: None, at }
    }
}

/// 403 `insufficient_scope` when an app (with `delivery:write`) touches a verification that is not a
/// delivery change (a phone change is the cabinet's).
pub fn ensure_app_may(conn: &mut DbConn, resident_id: &ResidentId, id: &str) -> Result<()> {
    match own(conn, resident_id, id)?.purpose {
        VerificationPurpose::DeliveryChange => Ok(()),
        VerificationPurpose::PhoneChange => {
            Err(Error::rule(Code::InsufficientScope, "only the cabinet and first-party logins confirm a phone change"))
        }
    }
}

/// What a verification confirms.
#[derive(Debug, Clone)]
pub enum Change {
    Delivery { address_id: AddressId, channel: Channel, sms_notifications: bool },
    Phone { phone: Phone },
}

/// 429 when another verification SMS would break a limit: per phone a minute and an hour, per
/// resident (to any number) a day. The resident's lock, then the phone's (always in that order), are
/// held to the end of the transaction, so parallel requests are counted one after another.
fn check_sms_limits(conn: &mut DbConn, limits: &RateLimits, resident_id: &ResidentId, recipient: &str, now: NaiveDateTime) -> Result<()> {
    lock_key(conn, &format!("sms-resident:{resident_id}"))?;
    lock_key(conn, &format!("sms-phone:{recipient}"))?;
    if !limits.enabled {
        return Ok(());
    }
    let window = |quota: Quota| Duration::from_std(quota.per).map_err(Error::internal);
    let phone_since = now - window(limits.sms_per_minute)?.max(window(limits.sms_per_hour)?);
    let to_phone = store::sends_to(conn, recipient, phone_since)?;
    let of_resident = store::sends_of(conn, resident_id, now - window(limits.sms_per_resident)?)?;
    let checks = [
        (limits.sms_per_minute, &to_phone, "sms", "per phone"),
        (limits.sms_per_hour, &to_phone, "sms", "per phone"),
        (limits.sms_per_resident, &of_resident, "sms_per_resident", "per account"),
    ];
    for (quota, sent, policy, whom) in checks {
        let window = window(quota)?;
        let recent: Vec<&NaiveDateTime> = sent.iter().filter(|t| **t > now - window).collect();
        if recent.len() >= quota.count as usize {
            // The oldest send in the window frees a place when it leaves it.
            let oldest = recent.last().map(|t| **t).unwrap_or(now);
            let wait = ((oldest + window) - now).num_seconds().max(1).unsigned_abs();
            let detail = format!("at most {} codes {whom} per {} s; retry in {wait} s", quota.count, quota.per.as_secs());
            return Err(Error::rate_limited(Code::SmsRateLimited, policy, quota, wait, detail));
        }
    }
    Ok(())
}

fn sms_text(purpose: VerificationPurpose, code: &str) -> String {
    match purpose {
        VerificationPurpose::PhoneChange => format!("ebill: код {code} для подтверждения номера телефона. Никому его не сообщайте."),
        VerificationPurpose::DeliveryChange => {
            format!("ebill: код {code} для подтверждения способа доставки квитанций. Никому его не сообщайте.")
        }
    }
}

/// Queues a fresh code for `v` (its hash replaces the old one), within the SMS limits.
fn send_code(conn: &mut DbConn, keys: &Keys, limits: &RateLimits, v: &mut VerificationRow, now: NaiveDateTime) -> Result<()> {
    let recipient = outbox::sms_recipient(keys, &v.phone);
    check_sms_limits(conn, limits, &v.resident_id, &recipient, now)?;
    store::record_send(conn, &v.resident_id, &recipient, &v.id, now)?;
    let code = numeric_code(6);
    v.code_hash = keys.code_hash(&v.id, &code);
    v.expires_at = now + CODE_TTL;
    let row = outbox::sms_row(keys, TOPIC, &Sms { to: v.phone.clone(), text: sms_text(v.purpose, &code) }, None, now)?;
    outbox::insert(conn, &[row])
}

/// Starts a verification of `change` by SMS to `phone` (superseding an earlier pending one).
pub fn start(
    conn: &mut DbConn,
    keys: &Keys,
    limits: &RateLimits,
    resident_id: &ResidentId,
    phone: &str,
    change: Change,
    origin: Origin,
) -> Result<VerificationRow> {
    let now = origin.at;
    let (purpose, address_id, channel, sms, new_phone) = match change {
        Change::Delivery { address_id, channel, sms_notifications } => {
            (VerificationPurpose::DeliveryChange, Some(address_id), Some(channel), Some(sms_notifications), None)
        }
        Change::Phone { phone } => (VerificationPurpose::PhoneChange, None, None, None, Some(phone.into_inner())),
    };
    store::supersede_pending(conn, resident_id, purpose, address_id.as_ref())?;
    let client = match &origin.client_id {
        Some(id) => crate::store::apps::find(conn, &crate::domain::ids::AppId::from(id.as_str()))?.map(|app| app.name),
        None => origin.client,
    };
    let mut v = VerificationRow {
        id: new_id("vrf"),
        resident_id: resident_id.to_owned(),
        address_id,
        purpose,
        phone: phone.to_owned(),
        code_hash: String::new(),
        requested_channel: channel,
        requested_sms_notifications: sms,
        requested_phone: new_phone,
        attempts_left: ATTEMPTS,
        status: VerificationStatus::Pending,
        expires_at: now,
        client,
        client_id: origin.client_id,
        created_at: now,
        confirmed_at: None,
    };
    send_code(conn, keys, limits, &mut v, now)?;
    store::insert_verification(conn, &v)?;
    Ok(v)
}

fn own(conn: &mut DbConn, resident_id: &ResidentId, id: &str) -> Result<VerificationRow> {
    store::find_own_verification(conn, resident_id, id)?.ok_or_else(|| Error::not_found("verification"))
}

/// The verification, read under its lock: checks, resends and confirmations of one verification
/// run one at a time, so no attempt is counted from a stale read.
fn own_locked(conn: &mut DbConn, resident_id: &ResidentId, id: &str) -> Result<VerificationRow> {
    lock_key(conn, &format!("verification:{id}"))?;
    own(conn, resident_id, id)
}

/// 410 for a verification that can no longer be confirmed.
fn ensure_live(v: &VerificationRow, now: NaiveDateTime) -> Result<()> {
    let (code, detail) = match v.status {
        VerificationStatus::Pending if v.expires_at <= now => (Code::VerificationExpired, "the code has expired; ask for a new one"),
        VerificationStatus::Pending => return Ok(()),
        VerificationStatus::Dead => (Code::VerificationDead, "too many wrong codes; start again"),
        VerificationStatus::Superseded => (Code::VerificationSuperseded, "a newer request replaced this one"),
        VerificationStatus::Confirmed => (Code::VerificationUsed, "this verification was already confirmed"),
    };
    Err(Error::rule(code, detail))
}

/// The resident's phone change waiting for its code, if any.
pub fn pending_phone_change(conn: &mut DbConn, resident_id: &ResidentId) -> Result<Option<VerificationRow>> {
    Ok(store::pending_phone_change(conn, resident_id)?)
}

/// Sends a new code for a pending verification, within the per-phone limits.
pub fn resend(
    conn: &mut DbConn,
    keys: &Keys,
    limits: &RateLimits,
    resident_id: &ResidentId,
    id: &str,
    now: NaiveDateTime,
) -> Result<VerificationRow> {
    write_tx(conn, |conn| {
        let mut v = own_locked(conn, resident_id, id)?;
        // An expired code may be renewed: the request stands until it is confirmed or replaced.
        if v.status != VerificationStatus::Pending {
            ensure_live(&v, now)?;
        }
        send_code(conn, keys, limits, &mut v, now)?;
        store::update_verification(conn, &v)?;
        Ok(v)
    })
}

/// What confirming applied.
#[derive(Debug)]
pub enum Applied {
    Delivery { address: AddressRow, change: Box<DeliveryChangeRow> },
    Phone { phone: String },
}

enum Outcome {
    Wrong { attempts_left: i32 },
    Applied(Applied),
}

/// Checks `code`; a right one applies the change (and audits it), a wrong one costs an attempt.
pub fn confirm(
    conn: &mut DbConn,
    keys: &Keys,
    resident_id: &ResidentId,
    id: &str,
    code: &str,
    now: NaiveDateTime,
) -> Result<(VerificationRow, Applied)> {
    let outcome = write_tx(conn, |conn| {
        let mut v = own_locked(conn, resident_id, id)?;
        ensure_live(&v, now)?;
        if !constant_time_eq(&keys.code_hash(&v.id, code.trim()), &v.code_hash) {
            v.attempts_left -= 1;
            if v.attempts_left <= 0 {
                v.status = VerificationStatus::Dead;
            }
            store::update_verification(conn, &v)?;
            return Ok(Outcome::Wrong { attempts_left: v.attempts_left.max(0) });
        }
        v.status = VerificationStatus::Confirmed;
        v.confirmed_at = Some(now);
        store::update_verification(conn, &v)?;
        let applied = apply(conn, &v, now)?;
        Ok::<_, Error>(Outcome::Applied(applied))
    })?;
    match outcome {
        Outcome::Wrong { attempts_left } => {
            let detail = format!("the code is wrong; {attempts_left} attempts left");
            Err(Error::rule_of(Code::WrongCode, detail).field("code", "is wrong").with("attempts_left", attempts_left).into())
        }
        Outcome::Applied(applied) => Ok((own(conn, resident_id, id)?, applied)),
    }
}

fn apply(conn: &mut DbConn, v: &VerificationRow, now: NaiveDateTime) -> Result<Applied> {
    match v.purpose {
        VerificationPurpose::PhoneChange => {
            let mut resident = residents::find(conn, &v.resident_id)?.ok_or_else(|| Error::not_found("resident"))?;
            let phone = v.requested_phone.clone().unwrap_or_else(|| resident.phone.clone());
            resident.phone = phone.clone();
            resident.pending_phone = None;
            resident.updated_at = now;
            residents::update(conn, &resident)?;
            let data = json!({"phone": crate::domain::phone::mask(&phone), "verification_id": v.id});
            audit::record(conn, Actor::Resident(&v.resident_id), "phone.changed", ("resident", &v.resident_id), data, now)?;
            Ok(Applied::Phone { phone })
        }
        VerificationPurpose::DeliveryChange => {
            let address_id = v.address_id.clone().ok_or_else(|| Error::internal("a delivery change without its address"))?;
            let mut address = store::find_own(conn, &v.resident_id, &address_id)?
                .ok_or_else(|| Error::rule(Code::VerificationSuperseded, "the address was unlinked"))?;
            let channel = v.requested_channel.unwrap_or(address.channel);
            if channel == Channel::Electronic {
                let resident = residents::find(conn, &v.resident_id)?.ok_or_else(|| Error::not_found("resident"))?;
                crate::services::residents::ensure_email_receives(&resident)?;
            }
            let before = store::electronic_premises(conn, std::slice::from_ref(&address.premises_id))?.contains(&address.premises_id);
            let effective_from: Period = channels::next_billing_period(conn)?;
            let change = DeliveryChangeRow {
                id: new_id("dlc"),
                address_id: address.id.clone(),
                resident_id: v.resident_id.clone(),
                from_channel: address.channel,
                to_channel: channel,
                from_sms_notifications: address.sms_notifications,
                sms_notifications: v.requested_sms_notifications.unwrap_or(address.sms_notifications),
                effective_from: effective_from.to_string(),
                verification_id: Some(v.id.clone()),
                client: v.client.clone(),
                client_id: v.client_id.clone(),
                changed_at: now,
                reason: ChangeReason::Resident,
            };
            address.channel = channel;
            address.sms_notifications = change.sms_notifications;
            address.effective_from = Some(change.effective_from.clone());
            store::update(conn, &address)?;
            store::insert_change(conn, &change)?;
            let data = json!({
                "from": change.from_channel, "to": change.to_channel, "sms_notifications": change.sms_notifications,
                "effective_from": change.effective_from, "verification_id": change.verification_id, "client": change.client,
                "client_id": change.client_id,
            });
            audit::record(conn, Actor::Resident(&v.resident_id), "delivery.changed", ("address", &address.id), data, now)?;
            channels::emit_if_flipped(conn, &address.premises_id, before, now)?;
            Ok(Applied::Delivery { address, change: Box::new(change) })
        }
    }
}
