//! The resident's control of the account itself: a forgotten password reset by an emailed single-use
//! link, the account deleted (its personal data erased, its addresses back to paper), and everything
//! held about the resident exported.

use chrono::{Duration, NaiveDateTime};
use serde_json::{Value, json};

use crate::crypto::{Keys, hash_password, random_token, sha256_hex};
use crate::domain::ids::{ResidentId, new_id};
use crate::domain::message::Email;
use crate::domain::role::{Principal, Role};
use crate::error::{Error, Result};
use crate::services::audit::{self, Actor};
use crate::services::{addresses, documents, oauth, outbox, residents, revocations};
use crate::store::addresses as address_store;
use crate::store::audit::{self as audit_store, Filter};
use crate::store::db::{DbConn, write_tx};
use crate::store::premises;
use crate::store::residents::{self as store, PasswordResetRow};

/// How long a reset link works.
pub const RESET_TTL: Duration = Duration::hours(1);
/// Reset links one account receives in an hour at most; more requests are answered alike and send
/// nothing (the per-IP limit is the HTTP layer's).
const RESETS_PER_HOUR: i64 = 3;

fn login_of(id: &ResidentId) -> Principal {
    Principal { role: Role::Resident, id: id.to_string() }
}

/// Emails a reset link to `email` if a resident has it; answers the same whether or not one does.
pub fn request_password_reset(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, email: &str, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| {
        let Some(resident) = store::find_by_email(conn, email)?.filter(|r| r.erased_at.is_none()) else { return Ok(()) };
        if store::resets_since(conn, &resident.id, now - Duration::hours(1))? >= RESETS_PER_HOUR {
            return Ok(());
        }
        let token = random_token(32);
        store::insert_reset(
            conn,
            &PasswordResetRow {
                id: new_id("pwr"),
                resident_id: resident.id.clone(),
                token_hash: sha256_hex(token.as_bytes()),
                expires_at: now + RESET_TTL,
                used_at: None,
                created_at: now,
            },
        )?;
        let mut link = public_url.join("password-reset").map_err(Error::internal)?;
        link.query_pairs_mut().append_pair("token", &token);
        let text = format!(
            "Здравствуйте!\n\nЧтобы задать новый пароль личного кабинета, перейдите по ссылке:\n\n{link}\n\n\
             Ссылка действует 1 час и только один раз. Если вы не просили сменить пароль, просто удалите это письмо: \
             пароль останется прежним.\n\n— ebill, единый платёжный агент\n"
        );
        let message =
            Email { to: resident.email.clone(), subject: "Восстановление пароля".into(), text, ..Default::default() };
        outbox::insert(conn, &[outbox::email_row(keys, "password_reset", &message, None, now)?])?;
        audit::record(conn, Actor::Resident(&resident.id), "password.reset_requested", ("resident", &resident.id), json!({}), now)
    })
}

/// Sets a new password with a reset link's token: the link and every other one stop working, and
/// every login of the resident ends.
pub fn reset_password(conn: &mut DbConn, token: &str, new_password: &str, now: NaiveDateTime) -> Result<ResidentId> {
    let invalid = || Error::invalid("token", "is unknown, used or expired; ask for a new link");
    let hash = hash_password(new_password).map_err(Error::internal)?;
    write_tx(conn, |conn| {
        let reset = store::find_reset(conn, &sha256_hex(token.trim().as_bytes()))?
            .filter(|r| r.used_at.is_none() && r.expires_at > now)
            .ok_or_else(invalid)?;
        if !store::use_reset(conn, &reset.id, now)? {
            return Err(invalid());
        }
        let mut resident = residents::get(conn, &reset.resident_id)?;
        if resident.erased_at.is_some() {
            return Err(invalid());
        }
        resident.password_hash = hash;
        resident.updated_at = now;
        store::update(conn, &resident)?;
        store::end_resets(conn, &resident.id, now)?;
        oauth::end_logins_of(conn, &login_of(&resident.id), now)?;
        audit::record(conn, Actor::Resident(&resident.id), "password.reset", ("resident", &resident.id), json!({}), now)?;
        Ok(resident.id)
    })
}

/// Deletes the account: every address is unlinked (its premises back to paper from the next run, the
/// providers told), the email, phone and name are erased, every login ends. Issued documents stay, for
/// the agent's records, without them.
pub fn erase(conn: &mut DbConn, id: &ResidentId, current_password: &str, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| {
        let mut resident = residents::get(conn, id)?;
        residents::check_password(&resident, Some(current_password))?;
        for address in address_store::live_of_resident(conn, id)? {
            addresses::unlink(conn, id, &address.id, now)?;
        }
        address_store::erase_verifications(conn, id)?;
        store::end_resets(conn, id, now)?;
        resident.email = format!("erased:{id}");
        resident.email_confirmed_at = None;
        resident.pending_email = None;
        resident.phone = String::new();
        resident.pending_phone = None;
        resident.name = None;
        resident.password_hash = "!".into();
        resident.email_undeliverable_at = None;
        resident.email_bounce_reason = None;
        resident.erased_at = Some(now);
        resident.updated_at = now;
        store::update(conn, &resident)?;
        oauth::end_logins_of(conn, &login_of(id), now)?;
        crate::store::grants::withdraw_of_resident(conn, id.as_str())?;
        revocations::revoke_principal(conn, &login_of(id).scope(), now)?;
        audit::record(conn, Actor::Resident(id), "account.erased", ("resident", id), json!({}), now)
    })
}

/// Everything held about the resident, as one JSON document: the profile and consent, every address
/// ever linked with its delivery history, the SMS verifications, the documents of the linked premises
/// and the resident's audit trail.
pub fn export(conn: &mut DbConn, id: &ResidentId, now: NaiveDateTime) -> Result<Value> {
    let resident = residents::get(conn, id)?;
    let utc = |t: NaiveDateTime| t.and_utc().to_rfc3339();
    let mut linked = Vec::new();
    for address in address_store::all_of_resident(conn, id)? {
        let premises = premises::find_many(conn, std::slice::from_ref(&address.premises_id))?.pop();
        let history: Vec<Value> = address_store::changes_of_address(conn, &address.id)?
            .into_iter()
            .map(|c| {
                json!({"from": c.from_channel, "to": c.to_channel, "sms_notifications": c.sms_notifications,
                       "effective_from": c.effective_from, "reason": c.reason, "client": c.client, "changed_at": utc(c.changed_at)})
            })
            .collect();
        linked.push(json!({
            "id": address.id, "payer_code": premises.as_ref().map(|p| p.payer_code.clone()),
            "address": premises.as_ref().map(documents::address_line), "channel": address.channel,
            "sms_notifications": address.sms_notifications, "effective_from": address.effective_from,
            "linked_at": utc(address.created_at), "unlinked_at": address.unlinked_at.map(utc), "delivery_history": history,
        }));
    }
    let verifications: Vec<Value> = address_store::verifications_of(conn, id)?
        .into_iter()
        .map(|v| {
            json!({"id": v.id, "purpose": v.purpose, "phone": v.phone, "status": v.status, "client": v.client,
                   "created_at": utc(v.created_at), "confirmed_at": v.confirmed_at.map(utc)})
        })
        .collect();
    let issued: Vec<Value> = documents::of_resident(conn, id, None, None, None, u32::MAX - 1)?
        .into_iter()
        .map(|(d, address_id)| {
            json!({"id": d.id, "kind": d.kind, "period": d.period, "address_id": address_id, "total": d.total,
                   "verification_code": d.verification_code})
        })
        .collect();
    let filter = Filter { actor: Some(id.to_string()), ..Filter::default() };
    let trail: Vec<Value> = audit_store::page(conn, &filter, None, i64::MAX)?
        .into_iter()
        .rev()
        .map(|e| json!({"kind": e.kind, "object": {"type": e.object_type, "id": e.object_id}, "at": utc(e.created_at)}))
        .collect();
    Ok(json!({
        "exported_at": utc(now),
        "resident": {
            "id": resident.id, "email": resident.email, "email_confirmed": resident.email_confirmed_at.is_some(),
            "pending_email": resident.pending_email, "phone": resident.phone, "pending_phone": resident.pending_phone,
            "name": resident.name, "created_at": utc(resident.created_at),
            "consent": {"version": resident.consent_version, "given_at": resident.consent_at.map(utc)},
            "email_undeliverable_since": resident.email_undeliverable_at.map(utc),
        },
        "addresses": linked,
        "verifications": verifications,
        "documents": issued,
        "audit_trail": trail,
    }))
}
