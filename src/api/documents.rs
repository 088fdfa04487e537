//! Documents: the shapes shared by residents, operators and checks; a resident's documents.

use actix_web::http::header::VARY;
use actix_web::{HttpRequest, HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::{AuthResident, need};
use crate::api::dto::{AddressDto, LineResponse, PayeeResponse, address, lines, payees};
use crate::api::negotiate::{self, Representation};
use crate::api::pagination::{Page, PageParams};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::ids::{AddressId, DocumentId};
use crate::domain::period::Period;
use crate::domain::vocabulary::DocumentKind;
use crate::error::{Error, Result};
use crate::services::documents as service;
use crate::store::documents::DocumentSummaryRow;

/// A document in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentSummary {
    pub id: String,
    /// `e_receipt` (one provider, emailed) or `paper` (the ЕПД with every other provider).
    pub kind: DocumentKind,
    #[schema(value_type = formats::Period)]
    pub period: String,
    pub address_id: String,
    /// The provider of an e-receipt (null on paper).
    pub provider_id: Option<String>,
    /// Kopecks: the sum of the lines' totals.
    pub total: i64,
    /// Anyone can check it at `GET /v1/document-checks/{verification_code}`.
    #[schema(value_type = formats::VerificationCode)]
    pub verification_code: String,
}

/// A document with its lines and payees.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentResponse {
    #[serde(flatten)]
    pub summary: DocumentSummary,
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub address: AddressDto,
    pub lines: Vec<LineResponse>,
    pub payees: Vec<PayeeResponse>,
    /// The document signed by the agent: a compact JWS (`EdDSA`, Ed25519, with `kid`) whose payload is
    /// the document (issuer, period, kind, payer code, address, lines, payees, totals, verification
    /// code, `issued_at`); the keys are at `/.well-known/jwks.json`.
    pub signed: String,
}

pub fn summary(d: DocumentSummaryRow, address_id: AddressId) -> DocumentSummary {
    DocumentSummary {
        id: d.id.into(),
        kind: d.kind,
        period: d.period,
        address_id: address_id.into(),
        provider_id: d.provider_id.map(Into::into),
        total: d.total,
        verification_code: d.verification_code,
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentsFilter {
    /// Only documents of this address.
    pub address_id: Option<String>,
    /// Only this period (`YYYY-MM`).
    #[param(value_type = Option<formats::Period>)]
    pub period: Option<String>,
}

/// List documents.
///
/// The e-receipts and paper ЕПД of the premises linked to the cabinet, optionally of one address or
/// period.
#[utoipa::path(
    tag = "documents",
    params(PageParams, DocumentsFilter),
    responses(
        (status = 200, description = "A page of documents", body = Page<DocumentSummary>),
        (status = 404, description = "`address_id` is not an address of this cabinet", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["documents:read"])),
)]
#[get("/me/documents")]
pub async fn list_documents(
    state: web::Data<AppState>,
    me: AuthResident<need::DocumentsRead>,
    page: web::Query<PageParams>,
    filter: web::Query<DocumentsFilter>,
) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let mut filter = filter.into_inner();
    filter.address_id = filter.address_id.filter(|a| !a.is_empty());
    let period = match filter.period {
        Some(p) => Some(Period::parse(&p).ok_or_else(|| Error::invalid("period", "must be YYYY-MM"))?.to_string()),
        None => None,
    };
    let rows = state
        .db(move |conn| {
            service::of_resident(conn, &me.0, filter.address_id.map(AddressId::from).as_ref(), period.as_deref(), after.as_deref(), limit)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(rows, limit, |(d, _)| d.id.to_string(), |(d, address_id)| summary(d, address_id))))
}

/// Get a document.
///
/// One document of a linked premises with its lines, payees and each payee's payment QR payload, signed.
/// With `Accept: application/pdf`, the document as a PDF (A4, with the payment QR codes and the check
/// URL); any other `Accept` it cannot meet answers 406.
#[utoipa::path(
    tag = "documents",
    params(("id" = String, Path, description = "Document id")),
    responses(
        (status = 200, description = "The document", content(
            (DocumentResponse = "application/json"),
            (negotiate::PdfFile = "application/pdf"),
        )),
        (status = 404, description = "No such document among the cabinet's premises", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 406, description = "`Accept` names neither JSON nor PDF", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["documents:read"])),
)]
#[get("/me/documents/{id}")]
pub async fn get_document(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::DocumentsRead>,
    id: web::Path<DocumentId>,
) -> Result<HttpResponse> {
    let representation = negotiate::choose(&req, &[Representation::Json, Representation::Pdf])?;
    let app = state.clone();
    let issuer = state.config.issuer().to_owned();
    let wants_json = representation == Representation::Json;
    let (view, address_id, signed) = state
        .db(move |conn| match wants_json {
            true => service::one_of_resident_signed(conn, &app.keys, &me.0, &id, &issuer, crate::clock::now())
                .map(|(view, address_id, signed)| (view, address_id, Some(signed))),
            false => service::one_of_resident(conn, &me.0, &id).map(|(view, address_id)| (view, address_id, None)),
        })
        .await?;
    let Some(signed) = signed else { return negotiate::document_pdf(&state, view).await };
    let (lines, payees) = (lines(&view), payees(&view));
    let response = DocumentResponse {
        payer_code: view.premises.payer_code.clone(),
        address: address(&view.premises),
        summary: summary(view.document.into(), address_id),
        lines,
        payees,
        signed,
    };
    Ok(HttpResponse::Ok().insert_header((VARY, "Accept")).json(response))
}
