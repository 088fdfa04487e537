//! Bounces fall back to paper (rule 8 of the domain). When mail to a resident's email bounces for
//! good, the email is marked undeliverable, the resident's electronic addresses go back to paper from
//! the next billing run (audited, and told to the providers), the e-receipts of the bounced period are
//! put on a supplementary paper ЕПД for the operator to print, and the resident gets an SMS saying so
//! and how to fix it. Everything is idempotent: a second bounce of the same address changes nothing.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::crypto::{Keys, verification_code};
use crate::domain::ids::{DocumentId, PremisesId, RunId, new_id};
use crate::domain::message::Sms;
use crate::domain::vocabulary::{
    BounceKind, ChangeReason, Channel, DocumentDelivery, DocumentKind, DocumentOrigin, LinkCodeSource, MessageChannel,
};
use crate::error::{Error, Result};
use crate::services::addresses::new_link_code;
use crate::services::audit::{self, Actor};
use crate::services::{channels, outbox};
use crate::store::addresses::{self as address_store, DeliveryChangeRow};
use crate::store::db::{DbConn, lock_key, write_tx};
use crate::store::documents::{self, DocumentRow, LineRow};
use crate::store::residents::{self, ResidentRow};

/// What a mail provider reports about one message.
#[derive(Debug, Clone)]
pub struct Report {
    pub email: String,
    pub kind: BounceKind,
    pub reason: Option<String>,
    /// Our `Message-ID` of the bounced message (`<msg_…@host>`), when the report carries it.
    pub message_id: Option<String>,
}

/// Takes a report from a mail provider: a hard bounce falls back to paper (with the bounced
/// e-receipt's period on paper when the message is known); a soft one is only recorded.
pub fn report(conn: &mut DbConn, keys: &Keys, report: &Report, now: NaiveDateTime) -> Result<()> {
    let reason = report.reason.clone().unwrap_or_else(|| "reported by the mail provider".into());
    match report.kind {
        BounceKind::Hard => {
            // The message counts only when it went to the address reported.
            let document = match report.message_id.as_deref().map(outbox_id) {
                Some(id) => crate::store::outbox::find(conn, id)?
                    .filter(|m| {
                        m.channel == MessageChannel::Email
                            && outbox::email_recipient(keys, &m.payload).as_deref() == Some(report.email.as_str())
                    })
                    .and_then(|m| m.document_id),
                None => None,
            };
            write_tx(conn, |conn| {
                if let Some(document) = &document {
                    crate::services::documents::bounced(conn, document, now)?;
                }
                hard(conn, keys, &report.email, document.as_ref(), &reason, now)
            })
        }
        BounceKind::Soft => {
            let Some(resident) = residents::find_by_email(conn, &report.email)? else { return Ok(()) };
            audit::record(conn, Actor::System, "email.soft_bounced", ("resident", &resident.id), json!({"reason": clip(&reason)}), now)
        }
    }
}

/// The outbox id in a `Message-ID` (`<msg_…@host>`, or the bare id).
fn outbox_id(message_id: &str) -> &str {
    let inner = message_id.trim().trim_start_matches('<').trim_end_matches('>');
    inner.split('@').next().unwrap_or(inner)
}

fn clip(text: &str) -> String {
    text.chars().take(500).collect()
}

/// Mail to `email` bounced for good; `document_id` is the e-receipt it carried, if it carried one.
pub fn hard(conn: &mut DbConn, keys: &Keys, email: &str, document_id: Option<&DocumentId>, reason: &str, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| {
        // Only the address receipts go to matters: a new email that bounces before it is confirmed
        // simply never replaces the old one.
        let Some(found) = residents::find_by_email(conn, email)? else { return Ok(()) };
        lock_key(conn, &format!("bounce:{}", found.id))?;
        let mut resident = residents::find(conn, &found.id)?.ok_or_else(|| Error::not_found("resident"))?;
        let first = resident.email_undeliverable_at.is_none();
        if first {
            resident.email_undeliverable_at = Some(now);
            resident.email_bounce_reason = Some(clip(reason));
            resident.updated_at = now;
            residents::update(conn, &resident)?;
            audit::record(conn, Actor::System, "email.bounced", ("resident", &resident.id), json!({"reason": clip(reason)}), now)?;
            let text = format!(
                "ebill: письма на {} не доходят, поэтому квитанции снова будут на бумаге. Укажите верную почту в личном кабинете \
                 и снова включите электронные квитанции.",
                crate::domain::message::mask_email(email)
            );
            let dedupe = format!("bounce:{}:{}", resident.id, now.and_utc().timestamp());
            outbox::insert(conn, &[outbox::sms_row(keys, "email_bounced", &Sms { to: resident.phone.clone(), text }, Some(dedupe), now)?])?;
        }
        back_to_paper(conn, &resident, now)?;
        if let Some(document) = document_id.map(|id| documents::find_document(conn, id)).transpose()?.flatten() {
            supplementary_paper(conn, keys, &document.run_id, &document.premises_id, now)?;
        }
        Ok(())
    })
}

/// Every electronic address of the resident goes back to paper from the next billing run.
fn back_to_paper(conn: &mut DbConn, resident: &ResidentRow, now: NaiveDateTime) -> Result<()> {
    let period = channels::next_billing_period(conn)?;
    for mut address in address_store::live_of_resident(conn, &resident.id)?.into_iter().filter(|a| a.channel == Channel::Electronic) {
        let before = address_store::electronic_premises(conn, std::slice::from_ref(&address.premises_id))?.contains(&address.premises_id);
        let change = DeliveryChangeRow {
            id: new_id("dlc"),
            address_id: address.id.clone(),
            resident_id: resident.id.clone(),
            from_channel: address.channel,
            to_channel: Channel::Paper,
            from_sms_notifications: address.sms_notifications,
            sms_notifications: address.sms_notifications,
            effective_from: period.to_string(),
            verification_id: None,
            client: None,
            client_id: None,
            changed_at: now,
            reason: ChangeReason::EmailBounced,
        };
        address.channel = Channel::Paper;
        address.effective_from = Some(change.effective_from.clone());
        address_store::update(conn, &address)?;
        address_store::insert_change(conn, &change)?;
        let data = json!({"from": "electronic", "to": "paper", "effective_from": change.effective_from, "reason": "email_bounced"});
        audit::record(conn, Actor::System, "delivery.reverted", ("address", &address.id), data, now)?;
        channels::emit_if_flipped(conn, &address.premises_id, before, now)?;
    }
    Ok(())
}

/// A paper ЕПД carrying the e-receipts of one premises in one run, for the operator to print (once:
/// a premises gets at most one such document a run).
fn supplementary_paper(conn: &mut DbConn, keys: &Keys, run_id: &RunId, premises_id: &PremisesId, now: NaiveDateTime) -> Result<()> {
    // Residents of one premises may bounce at the same moment: one of them writes the document.
    lock_key(conn, &format!("supplementary:{run_id}:{premises_id}"))?;
    let e_receipts = documents::of_run_and_premises(conn, run_id, premises_id)?;
    if e_receipts.iter().any(|d| d.origin == DocumentOrigin::Bounce) {
        return Ok(());
    }
    let e_receipts: Vec<&DocumentRow> = e_receipts.iter().filter(|d| d.kind == DocumentKind::EReceipt).collect();
    let Some(first) = e_receipts.first() else { return Ok(()) };
    let ids: Vec<DocumentId> = e_receipts.iter().map(|d| d.id.clone()).collect();
    let id = DocumentId::new();
    let lines: Vec<LineRow> = documents::lines_of(conn, &ids)?.into_iter().map(|l| LineRow { document_id: id.clone(), ..l }).collect();
    let (code, link_code) = new_link_code(keys, premises_id, LinkCodeSource::Paper, None, now);
    let document = DocumentRow {
        id: id.clone(),
        run_id: run_id.to_owned(),
        chunk: -1,
        period: first.period.clone(),
        premises_id: premises_id.to_owned(),
        kind: DocumentKind::Paper,
        provider_id: None,
        total: lines.iter().map(|l| l.total).sum(),
        verification_code: verification_code(),
        link_code_sealed: Some(keys.seal(&code)),
        delivery_status: DocumentDelivery::Printed,
        created_at: now,
        origin: DocumentOrigin::Bounce,
    };
    address_store::insert_link_codes(conn, std::slice::from_ref(&link_code))?;
    documents::insert_documents(conn, std::slice::from_ref(&document))?;
    documents::insert_lines(conn, &lines)?;
    audit::record(conn, Actor::System, "document.supplementary", ("document", &id), json!({"replaces": ids, "period": first.period}), now)
}
