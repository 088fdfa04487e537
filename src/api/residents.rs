//! Resident registration, email confirmation and the own profile (`/v1/me`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::client_of;
use crate::api::auth::{AuthResident, need};
use crate::api::dto::VerificationResponse;
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::limits::{Limit, client_ip};
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::phone::Phone;
use crate::error::{Checks, Result};
use crate::services::residents::{self as service, NewResident, ProfilePatch};
use crate::services::verifications::Origin;
use crate::store::residents::ResidentRow;

/// A resident's registration.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ivanova@example.org", "phone": "+7 913 123-45-67", "password": "correct horse battery", "name": "Анна Иванова", "consent": {"version": "2026-12-01"}}))]
pub struct RegisterResidentRequest {
    /// Receipts are emailed here once it is confirmed.
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = formats::Email)]
    pub email: String,
    /// A Russian mobile number; SMS codes go here.
    #[validate(custom(function = "rules::mobile"))]
    #[schema(value_type = formats::MobilePhone)]
    pub phone: String,
    /// 10 to 200 characters.
    #[validate(length(min = 10, max = 200))]
    #[schema(min_length = 10, max_length = 200, format = Password)]
    pub password: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: Option<String>,
    /// The consent to the processing of personal data (152-ФЗ) the resident accepted.
    #[validate(nested)]
    pub consent: ConsentRequest,
}

impl Rules for RegisterResidentRequest {}

/// Which consent text was accepted.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    /// The version of the consent text in force; it is recorded with the time.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_length = 1, max_length = 50)]
    pub version: String,
}

impl ConsentRequest {
    /// What the derive cannot state: the one version in force.
    pub fn schema_extra() -> serde_json::Value {
        serde_json::json!({"properties": {"version": {"enum": [crate::domain::consent::CONSENT_VERSION]}}})
    }
}

/// The resident's own profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResidentResponse {
    pub id: String,
    pub email: String,
    /// Electronic receipts need a confirmed email.
    pub email_confirmed: bool,
    /// When mail to `email` bounced for good: receipts went back to paper, and electronic receipts
    /// need the email changed or confirmed again. Null while mail arrives.
    pub email_undeliverable_since: Option<chrono::DateTime<chrono::Utc>>,
    /// A new email waiting for its confirmation link (receipts still go to `email`).
    pub pending_email: Option<String>,
    /// E.164.
    #[schema(value_type = formats::E164Phone)]
    pub phone: String,
    /// A new phone waiting for its SMS code (codes still go to `phone` until then).
    #[schema(value_type = Option<formats::E164Phone>)]
    pub pending_phone: Option<String>,
    pub name: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<ResidentRow> for ResidentResponse {
    fn from(r: ResidentRow) -> Self {
        Self {
            id: r.id.into(),
            email: r.email,
            email_confirmed: r.email_confirmed_at.is_some(),
            email_undeliverable_since: r.email_undeliverable_at.map(|t| t.and_utc()),
            pending_email: r.pending_email,
            phone: r.phone,
            pending_phone: r.pending_phone,
            name: r.name,
            created_at: r.created_at.and_utc(),
        }
    }
}

/// Register a resident.
///
/// Creates a resident's cabinet and emails a confirmation link ending in `?token=…`. The phone is a
/// Russian mobile number (stored in E.164); the password has at least 10 characters; `consent.version`
/// names the consent text in force (422 otherwise), recorded with the time. An email that is already
/// registered answers 409. Rate limited per IP (20 an hour).
#[utoipa::path(
    tag = "residents",
    request_body = RegisterResidentRequest,
    responses(
        (status = 201, description = "Registered; a confirmation email is on its way", body = ResidentResponse, headers(("Location" = String, description = "The profile, `/v1/me`"))),
        (status = 409, description = "`email_taken`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: too many registrations from this address", body = ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("resident_registrations"))),
)]
#[post("/residents")]
pub async fn register_resident(state: web::Data<AppState>, req: HttpRequest, body: Body<RegisterResidentRequest>) -> Result<HttpResponse> {
    state.limits.check(Limit::ResidentRegistration, &client_ip(&req), &req).await?;
    let r = body.0;
    let new = NewResident {
        email: r.email.trim().to_lowercase(),
        phone: rules::field("phone", Phone::mobile(&r.phone))?,
        password: r.password,
        name: r.name.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
        consent_version: r.consent.version,
    };
    let app = state.clone();
    once(&state, &req, move |conn| {
        let resident = service::register(conn, &app.keys, &app.config.public_url, new, crate::clock::now())?;
        Ok(Answer::created(&ResidentResponse::from(resident))?.at("/v1/me".into()))
    })
    .await
}

/// The token from a confirmation link.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "q3Jx…"}))]
pub struct EmailConfirmationRequest {
    /// The `token` of the emailed link. One that is unknown, used or expired is refused with 422 on
    /// `token`.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub token: String,
}

impl Rules for EmailConfirmationRequest {}

/// A confirmed email.
#[derive(Serialize, ToSchema)]
pub struct EmailConfirmed {
    pub email: String,
    pub email_confirmed: bool,
}

/// Confirm an email.
///
/// Takes the `token` of a confirmation link (valid 48 hours, single use) and confirms the email it was
/// sent to: the registration email, or a new one from a profile change (which then replaces the old).
#[utoipa::path(
    tag = "residents",
    request_body = EmailConfirmationRequest,
    responses(
        (status = 200, description = "Confirmed", body = EmailConfirmed),
        (status = 409, description = "`email_taken`: someone else registered the new email meanwhile", body = ProblemBody, content_type = "application/problem+json"),
    ),
)]
#[post("/residents/email-confirmations")]
pub async fn confirm_email(state: web::Data<AppState>, req: HttpRequest, body: Body<EmailConfirmationRequest>) -> Result<HttpResponse> {
    let token = body.0.token;
    once(&state, &req, move |conn| {
        let resident = service::confirm_email(conn, &token, crate::clock::now())?;
        Answer::ok(&EmailConfirmed { email: resident.email, email_confirmed: true })
    })
    .await
}

/// Send the confirmation link again.
///
/// Emails a new confirmation link for the unconfirmed (or pending new) email.
#[utoipa::path(
    tag = "residents",
    responses(
        (status = 202, description = "A new link is on its way"),
        (status = 409, description = "`email_already_confirmed`", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/me/email-confirmations")]
pub async fn resend_email_confirmation(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::FirstParty>,
) -> Result<HttpResponse> {
    let app = state.clone();
    once(&state, &req, move |conn| {
        service::resend_confirmation(conn, &app.keys, &app.config.public_url, &me.0, crate::clock::now())?;
        Ok(Answer::empty(StatusCode::ACCEPTED))
    })
    .await
}

/// Get the own profile.
#[utoipa::path(tag = "residents", responses((status = 200, description = "The profile", body = ResidentResponse)), security(("bearer" = []), ("oauth2" = ["profile:read"])))]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, me: AuthResident<need::ProfileRead>) -> Result<HttpResponse> {
    let resident = state.db(move |conn| service::get(conn, &me.0)).await?;
    Ok(HttpResponse::Ok().json(ResidentResponse::from(resident)))
}

/// Changes to the profile; absent fields stay, `name: null` clears the name.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"phone": "+7 913 765-43-21", "current_password": "correct horse battery"}))]
pub struct UpdateMeRequest {
    /// 1 to 200 characters, not all spaces; null clears the name.
    #[serde(default, deserialize_with = "crate::api::json::nullable")]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200, pattern = r"^[^\x00]*[^\s\x85\x00][^\x00]*$")]
    pub name: Option<Option<String>>,
    /// Takes effect when its confirmation link is followed; needs `current_password`; the old address
    /// is told.
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = Option<formats::Email>)]
    pub email: Option<String>,
    /// Takes effect when the SMS code sent to it is confirmed; needs `current_password`; the email is
    /// told.
    #[validate(custom(function = "rules::mobile"))]
    #[schema(value_type = Option<formats::MobilePhone>)]
    pub phone: Option<String>,
    /// A new password (10 to 200 characters), with `current_password`.
    #[validate(length(min = 10, max = 200))]
    #[schema(min_length = 10, max_length = 200, format = Password)]
    pub password: Option<String>,
    /// Needed for a new email, phone or password (and then checked: a wrong one is refused with 422 on
    /// `current_password`).
    #[validate(length(max = 200))]
    #[schema(max_length = 200, format = Password)]
    pub current_password: Option<String>,
}

impl UpdateMeRequest {
    /// What the derive cannot state: a new email, phone or password needs `current_password`.
    pub fn schema_extra() -> serde_json::Value {
        let needs_password = serde_json::json!({"required": ["current_password"], "properties": {"current_password": {"type": "string"}}});
        serde_json::json!({"dependentSchemas": {"email": needs_password, "phone": needs_password, "password": needs_password}})
    }
}

impl Rules for UpdateMeRequest {
    fn rules(&self, checks: &mut Checks) {
        if let Some(Some(name)) = &self.name {
            checks.check(!name.trim().is_empty() && name.chars().count() <= 200, "name", "must be 1 to 200 characters");
        }
        let guarded = self.email.is_some() || self.phone.is_some() || self.password.is_some();
        checks.check(!guarded || self.current_password.is_some(), "current_password", "is required to change the email, phone or password");
    }
}

/// The profile after a change, and the SMS verification a new phone needs.
#[derive(Serialize, ToSchema)]
pub struct UpdateMeResponse {
    pub resident: ResidentResponse,
    /// Confirm it with `POST /v1/verifications/{id}/confirm` to switch to the new phone.
    pub phone_verification: Option<VerificationResponse>,
}

/// Update the own profile.
///
/// A new email, phone or password needs `current_password` (422 without, or when it is wrong). A new
/// email is confirmed by its link before it replaces the old one, and the old address is told; a new
/// phone is confirmed by an SMS code sent to it before it is used (202 with that verification), and
/// the email is told; a new password ends every other login.
#[utoipa::path(
    tag = "residents",
    request_body = UpdateMeRequest,
    responses(
        (status = 200, description = "Changed (a new email once confirmed)", body = UpdateMeResponse),
        (status = 202, description = "A new phone waits for the SMS code in `phone_verification`", body = UpdateMeResponse),
        (status = 409, description = "`email_taken`", body = ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`sms_rate_limited`: too many SMS to the new phone", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::FirstParty>,
    body: Body<UpdateMeRequest>,
) -> Result<HttpResponse> {
    let r = body.0;
    let patch = ProfilePatch {
        name: r.name.map(|n| n.map(|n| n.trim().to_owned())),
        email: r.email.map(|e| e.trim().to_lowercase()),
        phone: r.phone.as_deref().map(|p| rules::field("phone", Phone::mobile(p))).transpose()?,
        password: r.password,
        current_password: r.current_password,
    };
    let app = state.clone();
    let client = client_of(&req);
    let password_changed = patch.password.is_some();
    let answer = once(&state, &req, move |conn| {
        let (resident, verification) = service::update(
            conn,
            &app.keys,
            &app.config.public_url,
            &app.config.rate_limits,
            &me.0,
            patch,
            Origin::first_party(client, crate::clock::now()),
        )?;
        let pending = verification.is_some();
        let body = UpdateMeResponse { resident: resident.into(), phone_verification: verification.map(Into::into) };
        if pending { Answer::accepted(&body) } else { Answer::ok(&body) }
    })
    .await;
    if password_changed {
        state.reload_revocations().await?;
    }
    answer
}
