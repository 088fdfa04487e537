//! Resident accounts: registration (with the consent to the processing of personal data) and an
//! emailed confirmation link, the profile, and changes of email (the current password, a confirmation
//! at the new address and a notice to the old), phone (the current password, an SMS code to the new
//! phone and a notice by email) and password.

use chrono::{Duration, NaiveDateTime};
use serde_json::json;

use crate::config::RateLimits;
use crate::crypto::{Keys, hash_password, random_token, sha256_hex, verify_password};
use crate::domain::consent::CONSENT_VERSION;
use crate::domain::ids::{ResidentId, new_id};
use crate::domain::message::{Email, mask_email};
use crate::domain::phone::Phone;
use crate::domain::role::{Principal, Role};
use crate::error::{Code, Error, Result};
use crate::services::audit::{self, Actor};
use crate::services::oauth;
use crate::services::outbox;
use crate::services::verifications::{self, Change, Origin};
use crate::store::addresses::VerificationRow;
use crate::store::db::{DbConn, write_tx};
use crate::store::operators;
use crate::store::residents::{self as store, EmailConfirmationRow, ResidentRow};

const CONFIRMATION_TTL: Duration = Duration::hours(48);

/// A checked registration.
pub struct NewResident {
    pub email: String,
    /// The mobile number SMS codes go to.
    pub phone: Phone,
    pub password: String,
    pub name: Option<String>,
    /// The version of the consent text the resident accepted (must be the one in force).
    pub consent_version: String,
}

fn email_taken(conn: &mut DbConn, email: &str) -> Result<bool> {
    Ok(store::find_by_email(conn, email)?.is_some() || operators::find_by_email(conn, email)?.is_some())
}

/// Queues the confirmation email of `email` for `resident`.
fn send_confirmation(
    conn: &mut DbConn,
    keys: &Keys,
    public_url: &url::Url,
    resident: &ResidentRow,
    email: &str,
    now: NaiveDateTime,
) -> Result<()> {
    let token = random_token(32);
    store::insert_confirmation(
        conn,
        &EmailConfirmationRow {
            id: new_id("ecf"),
            resident_id: resident.id.clone(),
            email: email.to_owned(),
            token_hash: sha256_hex(token.as_bytes()),
            expires_at: now + CONFIRMATION_TTL,
            used_at: None,
            created_at: now,
        },
    )?;
    let mut link = public_url.join("confirm-email").map_err(Error::internal)?;
    link.query_pairs_mut().append_pair("token", &token);
    let greeting = resident.name.as_deref().map(|n| format!("Здравствуйте, {n}!")).unwrap_or_else(|| "Здравствуйте!".into());
    let text = format!(
        "{greeting}\n\nЧтобы получать электронные квитанции за коммунальные услуги на этот адрес, подтвердите его по ссылке:\n\n{link}\n\n\
         Ссылка действует 48 часов. Если вы не регистрировались в личном кабинете, просто удалите это письмо.\n\n— ebill, единый платёжный агент\n"
    );
    let message = Email {
        to: email.to_owned(), subject: "Подтвердите адрес электронной почты".into(), text, ..Default::default()
    };
    outbox::insert(conn, &[outbox::email_row(keys, "email_confirmation", &message, None, now)?])
}

pub fn register(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, new: NewResident, now: NaiveDateTime) -> Result<ResidentRow> {
    if new.consent_version != CONSENT_VERSION {
        return Err(Error::invalid("consent.version", format!("must be the version of the consent text in force, {CONSENT_VERSION}")));
    }
    let row = ResidentRow {
        id: ResidentId::new(),
        email: new.email,
        email_confirmed_at: None,
        pending_email: None,
        phone: new.phone.into_inner(),
        pending_phone: None,
        password_hash: hash_password(&new.password).map_err(Error::internal)?,
        name: new.name,
        created_at: now,
        updated_at: now,
        email_undeliverable_at: None,
        email_bounce_reason: None,
        consent_version: Some(new.consent_version),
        consent_at: Some(now),
        erased_at: None,
    };
    write_tx(conn, |conn| {
        if email_taken(conn, &row.email)? {
            return Err(Error::rule(Code::EmailTaken, "this email is already registered"));
        }
        store::insert(conn, &row)?;
        let data = json!({"consent_version": row.consent_version});
        audit::record(conn, Actor::Resident(&row.id), "resident.registered", ("resident", &row.id), data, now)?;
        send_confirmation(conn, keys, public_url, &row, &row.email, now)?;
        Ok(row.clone())
    })
}

/// Confirms the email a link was sent to (the registration email, or a new one from a profile change).
pub fn confirm_email(conn: &mut DbConn, token: &str, now: NaiveDateTime) -> Result<ResidentRow> {
    let invalid = || Error::invalid("token", "is unknown, used or expired; ask for a new link");
    write_tx(conn, |conn| {
        let confirmation = store::find_confirmation(conn, &sha256_hex(token.trim().as_bytes()))?
            .filter(|c| c.used_at.is_none() && c.expires_at > now)
            .ok_or_else(invalid)?;
        let mut resident = store::find(conn, &confirmation.resident_id)?.ok_or_else(invalid)?;
        if confirmation.email == resident.email {
            resident.email_confirmed_at = Some(now);
        } else if resident.pending_email.as_deref() == Some(confirmation.email.as_str()) {
            if email_taken(conn, &confirmation.email)? {
                return Err(Error::rule(Code::EmailTaken, "this email was registered by someone else meanwhile"));
            }
            let old = std::mem::replace(&mut resident.email, confirmation.email.clone());
            resident.pending_email = None;
            resident.email_confirmed_at = Some(now);
            let data = json!({"from": mask_email(&old), "to": mask_email(&resident.email)});
            audit::record(conn, Actor::Resident(&resident.id), "email.changed", ("resident", &resident.id), data, now)?;
        } else {
            return Err(invalid());
        }
        // A confirmed email is a deliverable one again (after a bounce).
        resident.email_undeliverable_at = None;
        resident.email_bounce_reason = None;
        resident.updated_at = now;
        store::update(conn, &resident)?;
        store::use_confirmation(conn, &confirmation.id, now)?;
        Ok(resident)
    })
}

/// Sends the confirmation link again (for the pending email if there is one).
pub fn resend_confirmation(
    conn: &mut DbConn,
    keys: &Keys,
    public_url: &url::Url,
    resident_id: &ResidentId,
    now: NaiveDateTime,
) -> Result<()> {
    write_tx(conn, |conn| {
        let resident = get(conn, resident_id)?;
        let email = match (&resident.pending_email, resident.email_confirmed_at, resident.email_undeliverable_at) {
            (Some(pending), _, _) => pending.clone(),
            // Unconfirmed, or confirmed but bounced since (the mailbox may work again): confirm anew.
            (None, None, _) | (None, Some(_), Some(_)) => resident.email.clone(),
            (None, Some(_), None) => return Err(Error::rule(Code::EmailAlreadyConfirmed, "the email is already confirmed")),
        };
        send_confirmation(conn, keys, public_url, &resident, &email, now)
    })
}

/// 409 unless receipts can go to the resident's email: confirmed, and not found undeliverable since.
pub fn ensure_email_receives(resident: &ResidentRow) -> Result<()> {
    if resident.email_confirmed_at.is_none() {
        return Err(Error::rule(Code::EmailNotConfirmed, "confirm your email before switching to electronic receipts"));
    }
    if resident.email_undeliverable_at.is_some() {
        return Err(Error::rule(
            Code::EmailUndeliverable,
            "mail to your email bounced; change or confirm it again before switching to electronic receipts",
        ));
    }
    Ok(())
}

/// 422 on `current_password` unless it is given and right.
pub fn check_password(resident: &ResidentRow, current_password: Option<&str>) -> Result<()> {
    match current_password {
        None => Err(Error::invalid("current_password", "is required to change the email, phone or password")),
        Some(p) if !verify_password(p, &resident.password_hash) => Err(Error::invalid("current_password", "is wrong")),
        Some(_) => Ok(()),
    }
}

/// Tells the resident at the confirmed email that a change of the account was asked for (so a stolen
/// session cannot change it unnoticed).
fn notify(conn: &mut DbConn, keys: &Keys, resident: &ResidentRow, topic: &str, what: &str, now: NaiveDateTime) -> Result<()> {
    let text = format!(
        "Здравствуйте!\n\nВ личном кабинете запрошена {what}. Если это были вы, ничего делать не нужно.\n\n\
         Если это были не вы, смените пароль: войдите в кабинет или воспользуйтесь восстановлением пароля.\n\n— ebill, единый платёжный агент\n"
    );
    let message = Email {
        to: resident.email.clone(), subject: "Изменение данных личного кабинета".into(), text, ..Default::default()
    };
    outbox::insert(conn, &[outbox::email_row(keys, topic, &message, None, now)?])
}

pub fn get(conn: &mut DbConn, id: &ResidentId) -> Result<ResidentRow> {
    store::find(conn, id)?.ok_or_else(|| Error::not_found("resident"))
}

/// Checks a resident's email and password (for the password grant).
pub fn authenticate(conn: &mut DbConn, email: &str, password: &str) -> Result<Option<ResidentId>> {
    Ok(store::find_by_email(conn, email)?.filter(|r| verify_password(password, &r.password_hash)).map(|r| r.id))
}

/// Changes to the profile; `name: Some(None)` clears the name.
#[derive(Default)]
pub struct ProfilePatch {
    pub name: Option<Option<String>>,
    pub email: Option<String>,
    pub phone: Option<Phone>,
    /// A new password.
    pub password: Option<String>,
    /// Needed for a new email, phone or password.
    pub current_password: Option<String>,
}

/// Applies a profile change: a new email waits for its link, a new phone for its SMS code.
pub fn update(
    conn: &mut DbConn,
    keys: &Keys,
    public_url: &url::Url,
    limits: &RateLimits,
    id: &ResidentId,
    patch: ProfilePatch,
    origin: Origin,
) -> Result<(ResidentRow, Option<VerificationRow>)> {
    let now = origin.at;
    let new_hash = match &patch.password {
        Some(new) => Some(hash_password(new).map_err(Error::internal)?),
        None => None,
    };
    write_tx(conn, |conn| {
        let mut resident = get(conn, id)?;
        if patch.email.is_some() || patch.phone.is_some() || patch.password.is_some() {
            check_password(&resident, patch.current_password.as_deref())?;
        }
        if let Some(hash) = new_hash {
            resident.password_hash = hash;
            oauth::end_logins_of(conn, &Principal { role: Role::Resident, id: id.to_string() }, now)?;
            audit::record(conn, Actor::Resident(id), "password.changed", ("resident", id), json!({}), now)?;
        }
        if let Some(name) = patch.name {
            resident.name = name;
        }
        if let Some(email) = patch.email.filter(|e| *e != resident.email) {
            if email_taken(conn, &email)? {
                return Err(Error::rule(Code::EmailTaken, "this email is already registered"));
            }
            resident.pending_email = Some(email.clone());
            send_confirmation(conn, keys, public_url, &resident, &email, now)?;
            let what = format!("смену адреса электронной почты на {}", mask_email(&email));
            notify(conn, keys, &resident, "email_change_notice", &what, now)?;
            let data = json!({"to": mask_email(&email)});
            audit::record(conn, Actor::Resident(id), "email.change_requested", ("resident", id), data, now)?;
        }
        let mut verification = None;
        if let Some(phone) = patch.phone.filter(|p| p.as_str() != resident.phone) {
            resident.pending_phone = Some(phone.as_str().to_owned());
            let to = phone.as_str().to_owned();
            let what = format!("смену номера телефона на {}", crate::domain::phone::mask(&to));
            verification = Some(verifications::start(conn, keys, limits, id, &to, Change::Phone { phone }, origin.clone())?);
            notify(conn, keys, &resident, "phone_change_notice", &what, now)?;
            let data = json!({"to": crate::domain::phone::mask(&to)});
            audit::record(conn, Actor::Resident(id), "phone.change_requested", ("resident", id), data, now)?;
        }
        resident.updated_at = now;
        store::update(conn, &resident)?;
        Ok((resident, verification))
    })
}
