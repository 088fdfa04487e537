//! A resident's addresses: link with a payer code and link code, list, unlink, ask for a delivery
//! change (confirmed by SMS), and read its audit trail.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::client_of;
use crate::api::auth::{AuthResident, need};
use crate::api::dto::{AddressResponse, DeliveryChangeResponse, VerificationResponse};
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::checked::Invalid;
use crate::domain::formats;
use crate::domain::ids::AddressId;
use crate::domain::payer_code::PayerCode;
use crate::domain::vocabulary::Channel;
use crate::error::{Checks, Result};
use crate::services::addresses as service;
use crate::services::verifications::Origin;

/// The resident's addresses.
#[derive(Serialize, ToSchema)]
pub struct AddressList {
    pub data: Vec<AddressResponse>,
    /// Always null: every address fits one answer.
    pub next_cursor: Option<String>,
}

/// List addresses.
///
/// The premises linked to the cabinet, each with its providers (and whether they deliver
/// electronically) and its delivery preference.
#[utoipa::path(tag = "addresses", responses((status = 200, description = "The addresses", body = AddressList)), security(("bearer" = []), ("oauth2" = ["addresses:read"])))]
#[get("/me/addresses")]
pub async fn list_addresses(state: web::Data<AppState>, me: AuthResident<need::AddressesRead>) -> Result<HttpResponse> {
    let views = state.db(move |conn| service::list(conn, &me.0)).await?;
    Ok(HttpResponse::Ok().json(AddressList { data: views.into_iter().map(Into::into).collect(), next_cursor: None }))
}

/// Get an address.
#[utoipa::path(
    tag = "addresses",
    params(("id" = String, Path, description = "Address id")),
    responses((status = 200, description = "The address", body = AddressResponse)),
    security(("bearer" = []), ("oauth2" = ["addresses:read"])),
)]
#[get("/me/addresses/{id}")]
pub async fn get_address(
    state: web::Data<AppState>,
    me: AuthResident<need::AddressesRead>,
    id: web::Path<AddressId>,
) -> Result<HttpResponse> {
    let view = state.db(move |conn| service::get(conn, &me.0, &id)).await?;
    Ok(HttpResponse::Ok().json(AddressResponse::from(view)))
}

/// Proof of a premises.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"payer_code": "0000000018", "link_code": "7KQ2-M9XD"}))]
pub struct LinkAddressRequest {
    /// The 10-digit payer code from the ЕПД.
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    /// The one-time code printed on a paper ЕПД of the premises (valid about three periods), or issued
    /// by an operator.
    #[validate(length(min = 1, max = 40))]
    #[schema(value_type = formats::LinkCode)]
    pub link_code: String,
}

impl Rules for LinkAddressRequest {
    fn rules(&self, checks: &mut Checks) {
        if let Err(Invalid(message)) = PayerCode::parse(&self.payer_code) {
            checks.push("payer_code", message);
        }
    }
}

/// Link an address.
///
/// Adds a premises to the cabinet. The payer code alone is not enough (it is printed on every bill):
/// `link_code` proves the resident holds the premises' paper bill or got the code from an operator.
/// A wrong or expired code answers 422; after 5 wrong codes for a payer code in an hour, 429.
#[utoipa::path(
    tag = "addresses",
    request_body = LinkAddressRequest,
    responses(
        (status = 201, description = "Linked", body = AddressResponse, headers(("Location" = String, description = "The new address"))),
        (status = 409, description = "`already_linked`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`link_rate_limited`: too many wrong codes for this payer code", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["addresses:write"])),
)]
#[post("/me/addresses")]
pub async fn link_address(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::AddressesWrite>,
    body: Body<LinkAddressRequest>,
) -> Result<HttpResponse> {
    let r = body.0;
    let app = state.clone();
    let limit = app.config.rate_limits.enabled.then_some(app.config.rate_limits.link_code_failures);
    let payer_code = rules::field("payer_code", PayerCode::parse(&r.payer_code))?;
    once(&state, &req, move |conn| {
        let address = service::link(conn, &app.keys, limit, &me.0, &payer_code, &r.link_code, crate::clock::now())?;
        let view = service::get(conn, &me.0, &address.id)?;
        let location = format!("/v1/me/addresses/{}", view.address.id);
        Ok(Answer::created(&AddressResponse::from(view))?.at(location))
    })
    .await
}

/// Unlink an address.
///
/// Removes the premises from the cabinet; its delivery history stays readable.
#[utoipa::path(
    tag = "addresses",
    params(("id" = String, Path, description = "Address id")),
    responses((status = 204, description = "Unlinked")),
    security(("bearer" = []), ("oauth2" = ["addresses:write"])),
)]
#[delete("/me/addresses/{id}")]
pub async fn unlink_address(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::AddressesWrite>,
    id: web::Path<AddressId>,
) -> Result<HttpResponse> {
    once(&state, &req, move |conn| {
        service::unlink(conn, &me.0, &id, crate::clock::now())?;
        Ok(Answer::empty(StatusCode::NO_CONTENT))
    })
    .await
}

/// The delivery wanted.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"channel": "electronic", "sms_notifications": true}))]
pub struct DeliveryRequest {
    /// `electronic` or `paper`.
    pub channel: Channel,
    /// Also a short SMS with the total of each new period.
    #[serde(default)]
    pub sms_notifications: bool,
}

impl Rules for DeliveryRequest {}

/// The verification a delivery change waits for.
#[derive(Serialize, ToSchema)]
pub struct DeliveryRequested {
    pub verification: VerificationResponse,
}

/// Ask for a delivery change.
///
/// Nothing changes yet: a 6-digit code goes by SMS to the resident's phone, and the change is applied
/// when it is confirmed (`POST /v1/verifications/{id}/confirm`). Switching to electronic needs a
/// confirmed email (409 otherwise). At most 1 SMS per phone a minute and 5 an hour (429).
#[utoipa::path(
    tag = "addresses",
    params(("id" = String, Path, description = "Address id")),
    request_body = DeliveryRequest,
    responses(
        (status = 202, description = "A code is on its way", body = DeliveryRequested),
        (status = 409, description = "`email_not_confirmed`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`sms_rate_limited`: too many SMS to this phone", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["delivery:write"])),
)]
#[put("/me/addresses/{id}/delivery")]
pub async fn request_delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::DeliveryWrite>,
    id: web::Path<AddressId>,
    body: Body<DeliveryRequest>,
) -> Result<HttpResponse> {
    let r = body.0;
    let app = state.clone();
    let origin = match &me.1 {
        Some(app) => Origin { client: None, client_id: Some(app.client_id.clone()), at: crate::clock::now() },
        None => Origin::first_party(client_of(&req), crate::clock::now()),
    };
    once(&state, &req, move |conn| {
        let verification =
            service::request_delivery(conn, &app.keys, &app.config.rate_limits, &me.0, &id, (r.channel, r.sms_notifications), origin)?;
        Answer::accepted(&DeliveryRequested { verification: verification.into() })
    })
    .await
}

/// An address's delivery history.
#[derive(Serialize, ToSchema)]
pub struct DeliveryHistory {
    pub data: Vec<DeliveryChangeResponse>,
    /// Always null: the whole history fits one answer.
    pub next_cursor: Option<String>,
}

/// Delivery history.
///
/// Every applied change of the address's delivery preference, oldest first: from, to, SMS
/// notifications, when, the verification that confirmed it and the client that asked.
#[utoipa::path(
    tag = "addresses",
    params(("id" = String, Path, description = "Address id")),
    responses((status = 200, description = "The audit trail", body = DeliveryHistory)),
    security(("bearer" = []), ("oauth2" = ["addresses:read"])),
)]
#[get("/me/addresses/{id}/delivery/history")]
pub async fn delivery_history(
    state: web::Data<AppState>,
    me: AuthResident<need::AddressesRead>,
    id: web::Path<AddressId>,
) -> Result<HttpResponse> {
    let changes = state.db(move |conn| service::history(conn, &me.0, &id)).await?;
    Ok(HttpResponse::Ok().json(DeliveryHistory { data: changes.into_iter().map(Into::into).collect(), next_cursor: None }))
}
