//! Public anti-fraud checks: is this document genuine, and do these bank details belong to a
//! registered provider. No personal data in either answer.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::errors::ProblemBody;
use crate::api::json::Body;
use crate::api::limits::{Limit, client_ip};
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::requisites::{Bik, Inn};
use crate::domain::vocabulary::DocumentKind;
use crate::error::Result;
use crate::services::checks;

/// Bank details as printed for a payee.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedBank {
    #[schema(value_type = formats::Bik)]
    pub bik: String,
    #[schema(value_type = formats::SettlementAccount)]
    pub account: String,
}

/// A payee of a checked document.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedPayee {
    pub name: String,
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    pub bank: CheckedBank,
    pub total: i64,
}

/// A genuine document.
#[derive(Debug, Serialize, ToSchema)]
pub struct DocumentCheck {
    /// `e_receipt` or `paper`.
    pub kind: DocumentKind,
    #[schema(value_type = formats::Period)]
    pub period: String,
    pub total: i64,
    /// Pay only these: a receipt with other bank details is forged.
    pub payees: Vec<CheckedPayee>,
}

/// Check a document.
///
/// Whether a verification code (printed on every receipt) belongs to a genuine document, with its period,
/// total and payees' bank details to compare against the receipt in hand. 404 for an unknown code.
/// Rate limited per IP (60 a minute).
#[utoipa::path(
    tag = "checks",
    params(("verification_code" = formats::VerificationCode, Path, description = "The code printed on the document")),
    responses(
        (status = 200, description = "Genuine", body = DocumentCheck),
        (status = 404, description = "`not_found`: no document has this code", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many checks", body = ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("document_checks"))),
)]
#[get("/document-checks/{verification_code}")]
pub async fn check_document(state: web::Data<AppState>, req: HttpRequest, code: web::Path<String>) -> Result<HttpResponse> {
    state.limits.check(Limit::DocumentCheck, &client_ip(&req), &req).await?;
    let code = code.into_inner().trim().to_uppercase();
    let (document, payees) = state.db(move |conn| checks::document(conn, &code)).await?;
    Ok(HttpResponse::Ok().json(DocumentCheck {
        kind: document.kind,
        period: document.period,
        total: document.total,
        payees: payees
            .into_iter()
            .map(|p| CheckedPayee {
                name: p.requisites.name,
                inn: p.requisites.inn,
                bank: CheckedBank { bik: p.requisites.bank_bik, account: p.requisites.bank_account },
                total: p.total,
            })
            .collect(),
    }))
}

/// Bank details to check.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"inn": "1901067718", "bik": "044525225", "account": "40702810438000060473"}))]
pub struct PayeeCheckRequest {
    #[validate(custom(function = "rules::inn"))]
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    #[validate(custom(function = "rules::bik"))]
    #[schema(value_type = formats::Bik)]
    pub bik: String,
    /// 20 digits (its key is not checked here: an account that is not a provider's is simply not
    /// registered).
    #[validate(length(equal = 20))]
    #[schema(pattern = r"^[0-9]{20}$")]
    pub account: String,
}

impl Rules for PayeeCheckRequest {}

/// The provider the details belong to.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedProvider {
    pub id: String,
    pub name: String,
    #[schema(value_type = formats::Inn)]
    pub inn: String,
}

/// Whether the details are a registered provider's.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayeeCheck {
    pub registered: bool,
    pub provider: Option<CheckedProvider>,
}

/// Check bank details.
///
/// Whether an INN, BIK and settlement account together belong to an active provider: a receipt asking
/// to pay anything else is not from the agent.
#[utoipa::path(
    tag = "checks",
    request_body = PayeeCheckRequest,
    responses((status = 200, description = "The answer", body = PayeeCheck)),
    extensions(("x-rate-limit" = json!("document_checks"))),
)]
#[post("/payee-checks")]
pub async fn check_payee(state: web::Data<AppState>, req: HttpRequest, body: Body<PayeeCheckRequest>) -> Result<HttpResponse> {
    state.limits.check(Limit::DocumentCheck, &client_ip(&req), &req).await?;
    let r = body.0;
    let (inn, bik) = (rules::field("inn", Inn::parse(&r.inn))?, rules::field("bik", Bik::parse(&r.bik))?);
    let found = state.db(move |conn| checks::payee(conn, &inn, &bik, &r.account)).await?;
    Ok(HttpResponse::Ok().json(PayeeCheck {
        registered: found.is_some(),
        provider: found.map(|p| CheckedProvider { id: p.id.into(), name: p.requisites.name, inn: p.requisites.inn }),
    }))
}
