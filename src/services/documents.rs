//! Documents as people read them: lines, payees with their payment QR, the paper ЕПД's link code; the
//! e-receipt email and the SMS notice; what residents, operators and the public checks see; and the
//! delivery state that providers hear about.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::crypto::Keys;
use crate::domain::events;
use crate::domain::ids::{AddressId, DocumentId, PremisesId, ProviderId, ResidentId, RunId};
use crate::domain::message::{Email, FileAttachment};
use crate::domain::money::rub;
use crate::domain::period::Period;
use crate::domain::qr;
use crate::domain::vocabulary::{DocumentDelivery, DocumentKind, WebhookEvent};
use crate::error::{Error, Result};
use crate::services::pdf::{self, Printing};
use crate::services::{outbox, receipt_html, signing};
use crate::store::db::DbConn;
use crate::store::documents::{self as store, DocumentRow, DocumentSummaryRow, LineRow, PayeeRow};
use crate::store::premises::{self, PremisesRow};
use crate::store::{addresses, providers};

/// A document with everything printed on it.
#[derive(Debug, Clone)]
pub struct DocumentView {
    pub document: DocumentRow,
    pub premises: PremisesRow,
    pub lines: Vec<LineRow>,
    /// Each payee with its GOST R 56042-2014 QR payload.
    pub payees: Vec<(PayeeRow, String)>,
    /// The paper ЕПД's one-time link code (operators printing it only).
    pub link_code: Option<String>,
}

/// «г. Абакан, ул. Ленина, д. 12, кв. 5» from the premises' parts.
pub fn address_line(p: &PremisesRow) -> String {
    crate::domain::address::line(&p.city, &p.street, &p.house, p.building.as_deref(), p.apartment.as_deref())
}

fn qr_of(payee: &PayeeRow, premises: &PremisesRow, period: Period) -> String {
    qr::payload(&qr::Payment {
        name: &payee.requisites.name,
        personal_acc: &payee.requisites.bank_account,
        bank_name: &payee.requisites.bank_name,
        bic: &payee.requisites.bank_bik,
        corresp_acc: &payee.requisites.bank_correspondent_account,
        payee_inn: &payee.requisites.inn,
        kpp: payee.requisites.kpp.as_deref(),
        sum: payee.total,
        pers_acc: &payee.account_number,
        payer_address: &address_line(premises),
        period,
    })
}

/// Views of documents (in the order given), with link codes opened when `with_link_codes`.
pub fn views(conn: &mut DbConn, keys: &Keys, documents: Vec<DocumentRow>, with_link_codes: bool) -> Result<Vec<DocumentView>> {
    let ids: Vec<DocumentId> = documents.iter().map(|d| d.id.clone()).collect();
    let premises_ids: Vec<PremisesId> = documents.iter().map(|d| d.premises_id.clone()).collect();
    let premises: HashMap<PremisesId, PremisesRow> =
        premises::find_many(conn, &premises_ids)?.into_iter().map(|p| (p.id.clone(), p)).collect();
    let mut lines: HashMap<DocumentId, Vec<LineRow>> = HashMap::new();
    for line in store::lines_of(conn, &ids)? {
        lines.entry(line.document_id.clone()).or_default().push(line);
    }
    let mut payees: HashMap<DocumentId, Vec<PayeeRow>> = HashMap::new();
    for payee in store::payees_of(conn, &ids)? {
        payees.entry(payee.document_id.clone()).or_default().push(payee);
    }
    documents
        .into_iter()
        .map(|document| {
            let premises = premises.get(&document.premises_id).cloned().ok_or_else(|| Error::internal("document without premises"))?;
            let period = Period::parse(&document.period).ok_or_else(|| Error::internal("bad period"))?;
            let payees = payees
                .remove(&document.id)
                .unwrap_or_default()
                .into_iter()
                .map(|p| {
                    let qr = qr_of(&p, &premises, period);
                    (p, qr)
                })
                .collect();
            let link_code = if with_link_codes { document.link_code_sealed.as_deref().and_then(|s| keys.open(s)) } else { None };
            Ok(DocumentView { lines: lines.remove(&document.id).unwrap_or_default(), payees, link_code, premises, document })
        })
        .collect()
}

/// The months as a receipt names them.
const MONTHS: [&str; 12] =
    ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"];

pub fn month_name(period: &str) -> String {
    let (year, month) = period.split_once('-').unwrap_or((period, "01"));
    let month = month.parse::<usize>().unwrap_or(1).clamp(1, 12);
    format!("{} {year} г.", MONTHS[month - 1])
}

/// The e-receipt email: amounts, lines, payee, payment QR payload and the verification code, with the
/// document's PDF attached. A PDF that cannot be rendered is logged with the document's id, and the
/// email goes without it, saying where to get it.
pub fn e_receipt_email(view: &DocumentView, to: &str, printing: &Printing) -> Result<Email> {
    let pdf = pdf::document(view, printing)
        .inspect_err(|e| tracing::error!("e-receipt {}: the PDF could not be rendered, the email goes without it: {e}", view.document.id));
    compose_e_receipt(view, to, printing.public_url, pdf.ok())
}

fn compose_e_receipt(view: &DocumentView, to: &str, public_url: &url::Url, pdf: Option<Vec<u8>>) -> Result<Email> {
    let d = &view.document;
    let period = Period::parse(&d.period).ok_or_else(|| Error::internal("bad period"))?;
    let mut text = format!(
        "Электронная квитанция за {}\n\nАдрес: {}\nКод плательщика: {}\nСрок оплаты: до {}\n",
        month_name(&d.period),
        address_line(&view.premises),
        view.premises.payer_code,
        receipt_html::due_date(period)
    );
    for (payee, qr) in &view.payees {
        text.push_str(&format!(
            "\nПолучатель: {}, ИНН {}{}\nБанк: {}, БИК {}, р/с {}, к/с {}\nЛицевой счёт: {}\n",
            payee.requisites.name,
            payee.requisites.inn,
            payee.requisites.kpp.as_deref().map(|k| format!(", КПП {k}")).unwrap_or_default(),
            payee.requisites.bank_name,
            payee.requisites.bank_bik,
            payee.requisites.bank_account,
            payee.requisites.bank_correspondent_account,
            payee.account_number
        ));
        text.push_str("\nНачисления:\n");
        for l in view.lines.iter().filter(|l| l.provider_id == payee.provider_id) {
            let volume = match (&l.amounts.volume, &l.amounts.tariff) {
                (Some(v), Some(t)) => format!(" ({v} {} × {t} ₽)", l.unit),
                (Some(v), None) => format!(" ({v} {})", l.unit),
                _ => String::new(),
            };
            text.push_str(&format!("— {}{volume}: начислено {} ₽", l.service_name, rub(l.amounts.amount)));
            for (label, value) in [("перерасчёт", l.amounts.recalculation), ("долг", l.amounts.debt), ("пени", l.amounts.penalty)]
            {
                if value != 0 {
                    text.push_str(&format!(", {label} {} ₽", rub(value)));
                }
            }
            text.push_str(&format!("; итого {} ₽\n", rub(l.total)));
        }
        text.push_str(&format!("\nИтого к оплате: {} ₽\n\nДанные для оплаты по QR-коду (ГОСТ Р 56042-2014):\n{qr}\n", rub(payee.total)));
    }
    let link = |path: String| public_url.join(&path).map(|u| u.to_string()).unwrap_or_default();
    let (check, cabinet, paper) =
        (link(format!("check/{}", d.verification_code)), link(format!("documents/{}", d.id)), link("addresses".into()));
    if pdf.is_none() {
        text.push_str(&format!("\nPDF-версию квитанции не удалось приложить к письму; она есть в личном кабинете: {cabinet}\n"));
    }
    text.push_str(&format!(
        "\nКвитанция в личном кабинете: {cabinet}\nВернуться к бумажной квитанции: {paper}\n\
         \nКод проверки подлинности: {}\nПроверить, что квитанция настоящая: {check}\n\n\
         Платите только по реквизитам из этой квитанции или из личного кабинета. Вопросы по начислениям — в центр обслуживания поставщика.\n\n— ebill, единый платёжный агент\n",
        d.verification_code
    ));
    let provider = view.payees.first().map(|(p, _)| p.requisites.name.as_str()).unwrap_or("поставщик");
    let (html, images) = receipt_html::render(view, period, receipt_html::Links { cabinet, check, paper })?;
    Ok(Email {
        to: to.to_owned(),
        subject: format!("Квитанция за {}: {} — {} ₽", month_name(&d.period), provider, rub(d.total)),
        text,
        html: Some(html),
        images,
        attachments: pdf
            .map(|bytes| FileAttachment {
                filename: format!("kvitanciya-{}-{}.pdf", d.period, view.premises.payer_code),
                content_type: "application/pdf".into(),
                bytes,
            })
            .into_iter()
            .collect(),
    })
}

/// Up to `limit + 1` paper documents of a run after the document `after`, with their link codes, for
/// printing; 404 for an unknown run.
pub fn paper_of_run(conn: &mut DbConn, keys: &Keys, run_id: &RunId, after: Option<&str>, limit: u32) -> Result<Vec<DocumentView>> {
    crate::store::runs::find(conn, run_id)?.ok_or_else(|| Error::not_found("billing run"))?;
    let documents = store::paper_of_run(conn, run_id, after, i64::from(limit) + 1)?;
    views(conn, keys, documents, true)
}

/// One paper ЕПД of run `run_id` with its link code, for printing; 404 for any other document.
pub fn paper_document(conn: &mut DbConn, keys: &Keys, run_id: &RunId, document_id: &DocumentId) -> Result<DocumentView> {
    let document = store::find_document(conn, document_id)?
        .filter(|d| &d.run_id == run_id && d.kind == DocumentKind::Paper)
        .ok_or_else(|| Error::not_found("paper document"))?;
    Ok(views(conn, keys, vec![document], true)?.remove(0))
}

/// A provider's accounts on the documents of a period and how each was delivered, after the account
/// `after`, up to `limit + 1`.
pub fn provider_deliveries(
    conn: &mut DbConn,
    provider_id: &ProviderId,
    period: &str,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<store::AccountDelivery>> {
    Ok(store::provider_deliveries(conn, provider_id, period, after.unwrap_or(""), i64::from(limit) + 1)?)
}

/// The SMS notice of a period: the payer code and the total, nothing more personal.
pub fn notice_sms(period: &str, payer_code: &str, total: i64, public_url: &url::Url) -> String {
    let (year, month) = period.split_once('-').unwrap_or((period, ""));
    let cabinet = public_url.join("documents").map(|u| u.to_string()).unwrap_or_default();
    format!("ebill: за {month}.{year} по коду {payer_code} к оплате {} руб. Квитанции: {cabinet}", rub(total))
}

/// A resident's documents (of the premises linked now), by id.
pub fn of_resident(
    conn: &mut DbConn,
    resident_id: &ResidentId,
    address_id: Option<&AddressId>,
    period: Option<&str>,
    after: Option<&str>,
    limit: u32,
) -> Result<Vec<(DocumentSummaryRow, AddressId)>> {
    let found = store::of_resident(conn, resident_id, address_id, period, after, i64::from(limit) + 1)?;
    if let Some(id) = address_id.filter(|_| found.is_empty()) {
        addresses::find_own(conn, resident_id, id)?.ok_or_else(|| Error::not_found("address"))?;
    }
    Ok(found)
}

/// One of the resident's documents (404 for anything on a premises they have not linked).
pub fn one_of_resident(conn: &mut DbConn, resident_id: &ResidentId, id: &DocumentId) -> Result<(DocumentView, AddressId)> {
    one_with_keys(conn, resident_id, id).map(|(view, address_id, _)| (view, address_id))
}

/// One of the resident's documents signed by the agent: the view, its address and the compact JWS of
/// `signing::payload` — one statement, the signing keys read with the document.
pub fn one_of_resident_signed(
    conn: &mut DbConn,
    keys: &Keys,
    resident_id: &ResidentId,
    id: &DocumentId,
    issuer: &str,
    now: NaiveDateTime,
) -> Result<(DocumentView, AddressId, String)> {
    let (view, address_id, stored) = one_with_keys(conn, resident_id, id)?;
    let signer = signing::signer_of(conn, keys, stored.as_deref(), now)?;
    let signed = signer.sign(&signing::payload(&view, issuer));
    Ok((view, address_id, signed))
}

/// One of the resident's documents with the stored signing keys.
fn one_with_keys(conn: &mut DbConn, resident_id: &ResidentId, id: &DocumentId) -> Result<(DocumentView, AddressId, Option<String>)> {
    let (own, stored) = store::one_of_resident(conn, resident_id, id, signing::SETTING)?.ok_or_else(|| Error::not_found("document"))?;
    let period = Period::parse(&own.document.period).ok_or_else(|| Error::internal("bad period"))?;
    let payees = own
        .payees
        .into_iter()
        .map(|p| {
            let qr = qr_of(&p, &own.premises, period);
            (p, qr)
        })
        .collect();
    let view = DocumentView { document: own.document, premises: own.premises, lines: own.lines, payees, link_code: None };
    Ok((view, own.address_id, stored))
}

/// The stored e-receipt `document_id` as its email shows it.
pub fn e_receipt_view(conn: &mut DbConn, keys: &Keys, document_id: &DocumentId) -> Result<DocumentView> {
    let document = store::find_document(conn, document_id)?.ok_or_else(|| Error::not_found("document"))?;
    Ok(views(conn, keys, vec![document], false)?.remove(0))
}

/// After an e-receipt's email was sent (or given up): the document's delivery state, and the
/// provider's `document.delivered` / `document.failed` webhook when it changed.
pub fn after_email(conn: &mut DbConn, document_id: &DocumentId, sent: bool, now: NaiveDateTime) -> Result<()> {
    let changed = if sent {
        store::set_delivery_status(conn, document_id, &[DocumentDelivery::Queued, DocumentDelivery::Failed], DocumentDelivery::Emailed)?
    } else {
        !store::document_has_live_email(conn, document_id)?
            && store::set_delivery_status(conn, document_id, &[DocumentDelivery::Queued], DocumentDelivery::Failed)?
    };
    if changed { tell_provider(conn, document_id, sent, now) } else { Ok(()) }
}

/// An e-receipt's email bounced after it was handed over (a mail provider's report): the document
/// failed after all, and its provider hears so.
pub fn bounced(conn: &mut DbConn, document_id: &DocumentId, now: NaiveDateTime) -> Result<()> {
    match store::set_delivery_status(conn, document_id, &[DocumentDelivery::Queued, DocumentDelivery::Emailed], DocumentDelivery::Failed)? {
        true => tell_provider(conn, document_id, false, now),
        false => Ok(()),
    }
}

/// `document.delivered` / `document.failed` to the provider of an e-receipt, when it has a webhook.
fn tell_provider(conn: &mut DbConn, document_id: &DocumentId, sent: bool, now: NaiveDateTime) -> Result<()> {
    let Some(document) = store::find_document(conn, document_id)? else { return Ok(()) };
    let Some(provider_id) = document.provider_id.clone() else { return Ok(()) };
    if !providers::with_webhook(conn, std::slice::from_ref(&provider_id))?.contains(&provider_id) {
        return Ok(());
    }
    let accounts: Vec<String> = store::payees_of(conn, std::slice::from_ref(&document.id))?.into_iter().map(|p| p.account_number).collect();
    let payer_code =
        premises::find_many(conn, std::slice::from_ref(&document.premises_id))?.pop().map(|p| p.payer_code).unwrap_or_default();
    let event = if sent { WebhookEvent::DocumentDelivered } else { WebhookEvent::DocumentFailed };
    let data = serde_json::to_value(events::DocumentDeliveryEvent {
        document_id: document.id.to_string(),
        period: document.period,
        payer_code,
        account_numbers: accounts,
        total: document.total,
        status: if sent { DocumentDelivery::Emailed } else { DocumentDelivery::Failed },
    })
    .map_err(Error::internal)?;
    let mut row = outbox::webhook_row(&provider_id, event, data, Some(format!("{event}:{}", document.id)), now);
    // The run that made the document counts its webhooks.
    row.run_id = Some(document.run_id.clone());
    outbox::insert(conn, &[row])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Agent;
    use crate::services::pdf::sample;

    #[test]
    fn the_e_receipt_email_attaches_its_pdf_or_says_where_to_get_it() {
        let view = sample::view(DocumentKind::EReceipt, 1, 3, "ООО «Водоканал»");
        let url = url::Url::parse("https://ebill.example.org/").expect("a URL");
        let agent = Agent { name: "Платёжный агент ebill".into(), contacts: String::new() };
        let email = e_receipt_email(&view, "ivan@example.org", &Printing { agent: &agent, public_url: &url }).expect("an email");
        assert_eq!(email.attachments.len(), 1);
        let attached = &email.attachments[0];
        assert_eq!((attached.filename.as_str(), attached.content_type.as_str()), ("kvitanciya-2021-08-0000000018.pdf", "application/pdf"));
        assert!(attached.bytes.starts_with(b"%PDF-"));
        assert!(!email.text.contains("не удалось приложить"));

        let without = compose_e_receipt(&view, "ivan@example.org", &url, None).expect("an email");
        assert!(without.attachments.is_empty());
        assert!(
            without.text.contains("PDF-версию квитанции не удалось приложить к письму; она есть в личном кабинете: https://ebill.example.org/documents/doc_sample"),
            "{}",
            without.text
        );
        assert_eq!(without.html.is_some(), email.html.is_some(), "the rest of the email is the same");
    }
}
