//! Confirming an SMS verification (which applies the change it was asked for) and resending its code.

use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::{AuthResident, need};
use crate::api::dto::{AddressResponse, DeliveryChangeResponse, VerificationResponse};
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::rules::Rules;
use crate::api::state::AppState;
use crate::domain::formats;
use crate::error::{Checks, Result};
use crate::services::verifications::{self as service, Applied};

/// The code from the SMS.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "493817"}))]
pub struct ConfirmRequest {
    /// The 6 digits from the SMS. A wrong code is refused with 422 `wrong_code` and `attempts_left`.
    #[schema(value_type = formats::SmsCode)]
    pub code: String,
}

impl Rules for ConfirmRequest {
    fn rules(&self, checks: &mut Checks) {
        let code = self.code.trim();
        checks.check(code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()), "code", "must be the 6 digits from the SMS");
    }
}

/// What confirming applied.
#[derive(Serialize, ToSchema)]
pub struct ConfirmResponse {
    pub verification: VerificationResponse,
    /// For a delivery change: the address as it now stands.
    pub address: Option<AddressResponse>,
    /// For a delivery change: the audited change.
    pub change: Option<DeliveryChangeResponse>,
    /// For a delivery change: the first period whose billing run uses it.
    pub effective_from: Option<String>,
    /// For a phone change: the phone now in use.
    pub phone: Option<String>,
}

/// Confirm a verification.
///
/// The right code applies the requested change at once (and writes it to the audit trail). A wrong
/// code answers 422 with `attempts_left`; after 5 wrong codes, or 10 minutes, the verification is dead
/// (410). Codes are single use.
#[utoipa::path(
    tag = "residents",
    params(("id" = String, Path, description = "Verification id")),
    request_body = ConfirmRequest,
    responses(
        (status = 200, description = "Confirmed and applied", body = ConfirmResponse),
        (status = 410, description = "Expired, dead, superseded or already used", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["delivery:write"])),
)]
#[post("/verifications/{id}/confirm")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::DeliveryWrite>,
    id: web::Path<String>,
    body: Body<ConfirmRequest>,
) -> Result<HttpResponse> {
    let app = state.clone();
    let code = body.0.code;
    once(&state, &req, move |conn| {
        if me.1.is_some() {
            service::ensure_app_may(conn, &me.0, &id)?;
        }
        let (verification, applied) = service::confirm(conn, &app.keys, &me.0, &id, &code, crate::clock::now())?;
        let response = match applied {
            Applied::Delivery { address, change } => ConfirmResponse {
                verification: verification.into(),
                effective_from: Some(change.effective_from.clone()),
                address: Some(crate::services::addresses::get(conn, &me.0, &address.id)?.into()),
                change: Some((*change).into()),
                phone: None,
            },
            Applied::Phone { phone } => {
                ConfirmResponse { verification: verification.into(), address: None, change: None, effective_from: None, phone: Some(phone) }
            }
        };
        Answer::ok(&response)
    })
    .await
}

/// Resend a code.
///
/// Sends a new code (the old one stops working) and renews the 10 minutes. At most 1 SMS per phone a
/// minute and 5 an hour (429 with `Retry-After`).
#[utoipa::path(
    tag = "residents",
    params(("id" = String, Path, description = "Verification id")),
    responses(
        (status = 202, description = "A new code is on its way", body = VerificationResponse),
        (status = 410, description = "Dead, superseded or already used", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`sms_rate_limited`: too many SMS to this phone", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = []), ("oauth2" = ["delivery:write"])),
)]
#[post("/verifications/{id}/resend")]
pub async fn resend(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::DeliveryWrite>,
    id: web::Path<String>,
) -> Result<HttpResponse> {
    let app = state.clone();
    once(&state, &req, move |conn| {
        if me.1.is_some() {
            service::ensure_app_may(conn, &me.0, &id)?;
        }
        let verification = service::resend(conn, &app.keys, &app.config.rate_limits, &me.0, &id, crate::clock::now())?;
        Answer::accepted(&VerificationResponse::from(verification))
    })
    .await
}
