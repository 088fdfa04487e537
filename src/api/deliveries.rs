//! What became of a provider's charges of a period: per account, emailed, printed or failed.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::api::auth::AuthProvider;
use crate::api::pagination::{Page, PageParams};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::period::Period;
use crate::domain::vocabulary::{DocumentDelivery, DocumentKind};
use crate::error::{Error, Result};
use crate::services::documents;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveriesFilter {
    /// The billed period (`YYYY-MM`).
    #[param(value_type = formats::Period)]
    pub period: String,
}

/// One account's document of the period.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountDeliveryResponse {
    #[schema(value_type = formats::AccountNumber)]
    pub account_number: String,
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub document_id: String,
    /// `e_receipt` or `paper`.
    pub kind: DocumentKind,
    /// `emailed`, `queued` (email not sent yet), `failed` (no email could be delivered) or `printed`.
    pub status: DocumentDelivery,
    /// Kopecks of this account on the document.
    pub total: i64,
}

/// List own deliveries.
///
/// For each of the provider's accounts on the period's documents: whether its charges were emailed
/// (e-receipt), printed (paper ЕПД) or could not be delivered.
#[utoipa::path(
    tag = "charges",
    params(PageParams, DeliveriesFilter),
    responses((status = 200, description = "A page of deliveries", body = Page<AccountDeliveryResponse>)),
    security(("bearer" = [])),
)]
#[get("/providers/me/deliveries")]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    me: AuthProvider,
    page: web::Query<PageParams>,
    filter: web::Query<DeliveriesFilter>,
) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let period = Period::parse(&filter.period).ok_or_else(|| Error::invalid("period", "must be YYYY-MM"))?.to_string();
    let rows = state.db(move |conn| documents::provider_deliveries(conn, &me.0, &period, after.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |r| r.account_number.clone(),
        |r| AccountDeliveryResponse {
            account_number: r.account_number,
            payer_code: r.payer_code,
            document_id: r.document_id.into(),
            kind: r.kind,
            status: r.delivery_status,
            total: r.total,
        },
    )))
}
