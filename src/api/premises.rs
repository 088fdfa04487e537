//! Premises for operators: search, and merging two that address normalisation could not match.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::api::auth::AuthOperator;
use crate::api::dto::AddressDto;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::Rules;
use crate::api::state::AppState;
use crate::domain::formats;
use crate::error::{Checks, Result};
use crate::services::premises as service;
use crate::store::premises::PremisesRow;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PremisesFilter {
    /// Part of the normalised address (lower case, «ул ленина|12»).
    pub search: Option<String>,
}

/// An account of a premises.
#[derive(Debug, Serialize, ToSchema)]
pub struct PremisesAccount {
    pub provider_id: String,
    #[schema(value_type = formats::AccountNumber)]
    pub number: String,
}

/// A premises as operators see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PremisesResponse {
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub address: AddressDto,
    /// The normalised address that decides which addresses are this premises.
    pub address_key: String,
    pub accounts: Vec<PremisesAccount>,
}

fn address(p: &PremisesRow) -> AddressDto {
    AddressDto {
        city: p.city.clone(),
        street: p.street.clone(),
        house: p.house.clone(),
        building: p.building.clone(),
        apartment: p.apartment.clone(),
    }
}

/// List premises.
///
/// Live premises in payer-code order with their providers' accounts, optionally only those whose
/// normalised address contains `search`: the way to find two premises that are one dwelling.
#[utoipa::path(
    tag = "premises",
    params(PageParams, PremisesFilter),
    responses((status = 200, description = "A page of premises", body = Page<PremisesResponse>)),
    security(("bearer" = [])),
)]
#[get("/premises")]
pub async fn list_premises(
    state: web::Data<AppState>,
    _op: AuthOperator,
    page: web::Query<PageParams>,
    filter: web::Query<PremisesFilter>,
) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let search = filter.into_inner().search.map(|s| s.to_lowercase().replace('ё', "е")).filter(|s| !s.is_empty());
    let rows = state.db(move |conn| service::page(conn, search.as_deref(), after.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |(p, _)| p.payer_code.clone(),
        |(p, accounts)| PremisesResponse {
            address: address(&p),
            payer_code: p.payer_code,
            address_key: p.address_key,
            accounts: accounts.into_iter().map(|a| PremisesAccount { provider_id: a.provider_id.into(), number: a.number }).collect(),
        },
    )))
}

/// Which premises to merge into.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"into_payer_code": "0000000018"}))]
pub struct MergeRequest {
    /// The payer code that stays.
    #[validate(length(equal = 10))]
    #[schema(value_type = formats::PayerCode)]
    pub into_payer_code: String,
}

impl Rules for MergeRequest {
    fn rules(&self, checks: &mut Checks) {
        checks.check(crate::domain::payer_code::is_valid(&self.into_payer_code), "into_payer_code", "is not a valid payer code");
    }
}

/// The merge done.
#[derive(Debug, Serialize, ToSchema)]
pub struct MergeResponse {
    /// The premises that stays.
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub address: AddressDto,
    /// The payer code that was merged away; it is retired and never issued again.
    #[schema(value_type = formats::PayerCode)]
    pub merged_payer_code: String,
    pub accounts_moved: usize,
}

/// Merge premises.
///
/// Merges the premises `payer_code` into `into_payer_code` when they are one dwelling: every account
/// moves (and each move is audited), and `payer_code` is retired.
#[utoipa::path(
    tag = "premises",
    params(("payer_code" = formats::PayerCode, Path, description = "The premises to merge away")),
    request_body = MergeRequest,
    responses((status = 200, description = "Merged", body = MergeResponse)),
    security(("bearer" = [])),
)]
#[post("/premises/{payer_code}/merge")]
pub async fn merge_premises(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    payer_code: web::Path<String>,
    body: Body<MergeRequest>,
) -> Result<HttpResponse> {
    let from = payer_code.into_inner();
    let into = body.0.into_payer_code;
    let merged_payer_code = from.clone();
    once(&state, &req, move |conn| {
        let merged = service::merge(conn, &from, &into, &op.0, crate::clock::now())?;
        Answer::ok(&MergeResponse {
            address: address(&merged.into),
            payer_code: merged.into.payer_code,
            merged_payer_code,
            accounts_moved: merged.accounts_moved,
        })
    })
    .await
}

/// A one-time link code for a resident without a paper bill.
#[derive(Serialize, ToSchema)]
pub struct LinkCodeResponse {
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    /// Shown once; give it to the resident (valid 30 days, single use).
    #[schema(value_type = formats::LinkCode)]
    pub link_code: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Issue a link code.
///
/// A one-time code with which a resident links this premises to their cabinet (for a resident who has
/// no paper bill at hand). Valid 30 days, single use.
#[utoipa::path(
    tag = "premises",
    params(("payer_code" = formats::PayerCode, Path, description = "The premises' payer code")),
    responses((status = 201, description = "Issued", body = LinkCodeResponse)),
    security(("bearer" = [])),
)]
#[post("/premises/{payer_code}/link-codes")]
pub async fn issue_link_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    payer_code: web::Path<String>,
) -> Result<HttpResponse> {
    let payer_code = payer_code.into_inner();
    let app = state.clone();
    once(&state, &req, move |conn| {
        let (code, expires_at) = crate::services::addresses::issue_link_code(conn, &app.keys, &payer_code, &op.0, crate::clock::now())?;
        Ok(Answer::created(&LinkCodeResponse { payer_code, link_code: code, expires_at: expires_at.and_utc() })?.secret())
    })
    .await
}
