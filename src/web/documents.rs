//! «Документы»: the resident's receipts by period, and one receipt with its lines, payees and totals,
//! its payment QR images and its PDF.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, web};
use askama::Template;

use crate::api::state::AppState;
use crate::domain::ids::DocumentId;
use crate::domain::money::rub;
use crate::domain::vocabulary::DocumentKind;
use crate::services::documents;
use crate::services::pdf::{self, Printing};
use crate::services::receipt_html::Line;
use crate::web::session::{Layout, failure, not_found, signed_in, visit};

pub struct Row {
    id: String,
    period: String,
    title: String,
    total: String,
}

#[derive(Template)]
#[template(path = "documents.html")]
struct DocumentsPage {
    layout: Layout,
    documents: Vec<Row>,
}

pub struct Payee {
    qr_url: String,
    name: String,
    inn: String,
    kpp: Option<String>,
    bank: String,
    bik: String,
    account: String,
    account_number: String,
    total: String,
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    layout: Layout,
    title: String,
    address: String,
    payer_code: String,
    lines: Vec<Line>,
    payees: Vec<Payee>,
    verification_code: String,
    pdf_url: String,
}

fn title(kind: DocumentKind, period: &str) -> String {
    match kind {
        DocumentKind::EReceipt => format!("Электронная квитанция за {period}"),
        DocumentKind::Paper => format!("Единый платёжный документ за {period}"),
    }
}

#[get("/documents")]
pub async fn list(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    match state.db(move |conn| documents::of_resident(conn, &me, None, None, None, 1000)).await {
        Ok(rows) => {
            let mut rows: Vec<Row> = rows
                .into_iter()
                .map(|(d, _)| Row { id: d.id.to_string(), period: d.period.clone(), title: title(d.kind, &d.period), total: rub(d.total) })
                .collect();
            rows.sort_by(|a, b| b.period.cmp(&a.period).then(a.title.cmp(&b.title)));
            v.page(StatusCode::OK, &DocumentsPage { layout: v.layout("documents"), documents: rows })
        }
        Err(e) => failure(&e),
    }
}

#[get("/documents/{id}")]
pub async fn one(state: web::Data<AppState>, req: HttpRequest, id: web::Path<DocumentId>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    match state.db(move |conn| documents::one_of_resident(conn, &me, &id)).await {
        Ok((view, _)) => {
            let lines = view.lines.iter().map(Line::from).collect();
            let payees = view
                .payees
                .iter()
                .enumerate()
                .map(|(i, (p, _))| Payee {
                    qr_url: format!("/documents/{}/qr/{i}.png", view.document.id),
                    name: p.requisites.name.clone(),
                    inn: p.requisites.inn.clone(),
                    kpp: p.requisites.kpp.clone(),
                    bank: p.requisites.bank_name.clone(),
                    bik: p.requisites.bank_bik.clone(),
                    account: p.requisites.bank_account.clone(),
                    account_number: p.account_number.clone(),
                    total: rub(p.total),
                })
                .collect();
            let page = DocumentPage {
                layout: v.layout("documents"),
                title: title(view.document.kind, &view.document.period),
                address: documents::address_line(&view.premises),
                payer_code: view.premises.payer_code.clone(),
                lines,
                payees,
                verification_code: view.document.verification_code.clone(),
                pdf_url: format!("/documents/{}.pdf", view.document.id),
            };
            v.page(StatusCode::OK, &page)
        }
        Err(e) if e.code().is_some() => not_found(),
        Err(e) => failure(&e),
    }
}

/// One of the resident's documents as PDF, to keep or print.
#[get("/documents/{id}.pdf")]
pub async fn as_pdf(state: web::Data<AppState>, req: HttpRequest, id: web::Path<DocumentId>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let view = match state.db(move |conn| documents::one_of_resident(conn, &me, &id)).await {
        Ok((view, _)) => view,
        Err(e) if e.code().is_some() => return not_found(),
        Err(e) => return failure(&e),
    };
    let name = pdf::file_name(&view);
    let app = state.clone();
    match web::block(move || pdf::document(&view, &Printing::of(&app.config))).await {
        Ok(Ok(bytes)) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "application/pdf"))
            .insert_header((CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
            .insert_header((CACHE_CONTROL, "private, no-store"))
            .body(bytes),
        Ok(Err(e)) => failure(&e),
        Err(e) => failure(&crate::error::Error::internal(e)),
    }
}

/// The payment QR of the `n`-th payee of one of the resident's documents, as an image.
#[get("/documents/{id}/qr/{n}.png")]
pub async fn qr(state: web::Data<AppState>, req: HttpRequest, path: web::Path<(DocumentId, usize)>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let (id, n) = path.into_inner();
    match state.db(move |conn| documents::one_of_resident(conn, &me, &id)).await {
        Ok((view, _)) => match view.payees.get(n).map(|(_, payload)| crate::domain::qr::png(payload)) {
            Some(Ok(image)) => HttpResponse::Ok()
                .insert_header((CONTENT_TYPE, "image/png"))
                .insert_header((CACHE_CONTROL, "private, max-age=3600"))
                .body(image),
            Some(Err(e)) => failure(&crate::error::Error::internal(e)),
            None => not_found(),
        },
        Err(e) if e.code().is_some() => not_found(),
        Err(e) => failure(&e),
    }
}
