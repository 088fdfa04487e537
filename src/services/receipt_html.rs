//! The e-receipt email as HTML (tables and inline styles, no script, no external image): every ЕПД
//! column, the due date, each payee's payment QR as an inline PNG, and the links to the cabinet.

use askama::Template;

use crate::domain::message::InlineImage;
use crate::domain::money::rub;
use crate::domain::period::Period;
use crate::domain::qr;
use crate::error::{Error, Result};
use crate::services::documents::{DocumentView, address_line};
use crate::store::documents::LineRow;

/// A document line as people read it: every ЕПД column, money in roubles (the email's and the
/// cabinet's receipt page).
pub struct Line {
    pub service: String,
    pub volume: String,
    pub unit: String,
    pub tariff: String,
    pub amount: String,
    pub recalculation: String,
    pub debt: String,
    pub penalty: String,
    pub total: String,
}

impl From<&LineRow> for Line {
    fn from(l: &LineRow) -> Self {
        Self {
            service: l.service_name.clone(),
            volume: l.amounts.volume.clone().unwrap_or_default(),
            unit: l.unit.clone(),
            tariff: l.amounts.tariff.clone().unwrap_or_default(),
            amount: rub(l.amounts.amount),
            recalculation: rub(l.amounts.recalculation),
            debt: rub(l.amounts.debt),
            penalty: rub(l.amounts.penalty),
            total: rub(l.total),
        }
    }
}

pub struct Payee {
    name: String,
    inn: String,
    kpp: Option<String>,
    account: String,
    bank: String,
    bik: String,
    correspondent: String,
    account_number: String,
    total: String,
    qr_cid: String,
    lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "e_receipt_email.html")]
struct Html {
    month: String,
    address: String,
    payer_code: String,
    due: String,
    payees: Vec<Payee>,
    cabinet: String,
    check: String,
    paper: String,
    verification_code: String,
}

/// The links an e-receipt carries: the document in the cabinet, its check page, «Адреса».
pub struct Links {
    pub cabinet: String,
    pub check: String,
    pub paper: String,
}

/// The day a period's bill is due: the 10th of the next month (ЖК РФ, ст. 155).
pub fn due_date(period: Period) -> String {
    format!("10.{}", period.next().dotted())
}

/// The HTML and its inline QR images.
pub fn render(view: &DocumentView, period: Period, links: Links) -> Result<(String, Vec<InlineImage>)> {
    let mut images = Vec::new();
    let mut payees = Vec::new();
    for (i, (p, payload)) in view.payees.iter().enumerate() {
        let cid = format!("qr-{i}@ebill");
        images.push(InlineImage { cid: cid.clone(), png: qr::png(payload).map_err(Error::Internal)? });
        let lines = view.lines.iter().filter(|l| l.provider_id == p.provider_id).map(Line::from).collect();
        payees.push(Payee {
            name: p.requisites.name.clone(),
            inn: p.requisites.inn.clone(),
            kpp: p.requisites.kpp.clone(),
            account: p.requisites.bank_account.clone(),
            bank: p.requisites.bank_name.clone(),
            bik: p.requisites.bank_bik.clone(),
            correspondent: p.requisites.bank_correspondent_account.clone(),
            account_number: p.account_number.clone(),
            total: rub(p.total),
            qr_cid: cid,
            lines,
        });
    }
    let html = Html {
        month: period.dotted(),
        address: address_line(&view.premises),
        payer_code: view.premises.payer_code.clone(),
        due: due_date(period),
        payees,
        cabinet: links.cabinet,
        check: links.check,
        paper: links.paper,
        verification_code: view.document.verification_code.clone(),
    }
    .render()
    .map_err(Error::internal)?;
    Ok((html, images))
}
