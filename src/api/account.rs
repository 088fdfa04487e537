//! The resident's control of the account: password reset by an emailed link, deleting the account,
//! and the export of everything held about the resident.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::{AuthResident, need};
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::limits::{Limit, client_ip};
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::error::Result;
use crate::services::account as service;

/// Who forgot the password.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ivanova@example.org"}))]
pub struct PasswordResetRequest {
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = formats::Email)]
    pub email: String,
}

impl Rules for PasswordResetRequest {}

/// Ask for a password reset link.
///
/// Emails a single-use link (`/password-reset?token=…`, valid 1 hour) if a resident has this email;
/// answers 202 alike whether or not one does. Rate limited per IP (10 an hour), and at most 3 links an
/// hour reach one account.
#[utoipa::path(
    tag = "residents",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the email is registered, a link is on its way"),
        (status = 429, description = "`rate_limited`: too many requests from this address", body = ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("password_resets"))),
)]
#[post("/residents/password-resets")]
pub async fn request_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<PasswordResetRequest>,
) -> Result<HttpResponse> {
    state.limits.check(Limit::PasswordReset, &client_ip(&req), &req).await?;
    let email = body.0.email.trim().to_lowercase();
    let app = state.clone();
    once(&state, &req, move |conn| {
        service::request_password_reset(conn, &app.keys, &app.config.public_url, &email, crate::clock::now())?;
        Ok(Answer::empty(StatusCode::ACCEPTED))
    })
    .await
}

/// A new password with the token of a reset link.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"token": "q3Jx…", "new_password": "another long passphrase"}))]
pub struct PasswordResetConfirmation {
    /// The `token` of the emailed link. One that is unknown, used or expired is refused with 422 on
    /// `token`.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub token: String,
    /// 10 to 200 characters.
    #[validate(length(min = 10, max = 200))]
    #[schema(min_length = 10, max_length = 200, format = Password)]
    pub new_password: String,
}

impl Rules for PasswordResetConfirmation {}

/// Set a new password.
///
/// Takes the `token` of a reset link (single use, 1 hour): the password is replaced, every login of
/// the resident ends (refresh tokens and access tokens alike), and the account's other reset links stop
/// working. A used, expired or unknown token is a 422 on `token`.
#[utoipa::path(
    tag = "residents",
    request_body = PasswordResetConfirmation,
    responses(
        (status = 204, description = "The password is set; every login has ended"),
        (status = 422, description = "`validation_failed`: the token is unknown, used or expired", body = ProblemBody, content_type = "application/problem+json"),
    ),
)]
#[post("/residents/password-resets/confirm")]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<PasswordResetConfirmation>,
) -> Result<HttpResponse> {
    let r = body.0;
    let answer = once(&state, &req, move |conn| {
        service::reset_password(conn, &r.token, &r.new_password, crate::clock::now())?;
        Ok(Answer::empty(StatusCode::NO_CONTENT))
    })
    .await;
    state.reload_revocations().await?;
    answer
}

/// The password, again, to delete the account.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteMeRequest {
    /// Checked: a wrong one is refused with 422 on `current_password`.
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200, format = Password)]
    pub current_password: String,
}

impl Rules for DeleteMeRequest {}

/// Delete the own account.
///
/// With the current password: every linked address is unlinked, so its receipts go back to paper from
/// the next billing run (providers get `account.delivery_changed` where the premises' channel flips);
/// the email, phone and name are erased; every login ends. Documents already issued stay with the
/// agent, without the personal data. A wrong password is a 422 on `current_password`.
#[utoipa::path(
    tag = "residents",
    request_body = DeleteMeRequest,
    responses(
        (status = 204, description = "Deleted"),
        (status = 422, description = "`validation_failed`: the password is wrong", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[delete("/me")]
pub async fn delete_me(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::FirstParty>,
    body: Body<DeleteMeRequest>,
) -> Result<HttpResponse> {
    let password = body.0.current_password;
    let answer = once(&state, &req, move |conn| {
        service::erase(conn, &me.0, &password, crate::clock::now())?;
        Ok(Answer::empty(StatusCode::NO_CONTENT))
    })
    .await;
    state.reload_revocations().await?;
    answer
}

/// Export the own data.
///
/// Everything held about the resident, as one JSON document: the profile and the consent given, every
/// address ever linked with its delivery history, the SMS verifications, the documents of the linked
/// premises and the resident's audit trail.
#[utoipa::path(
    tag = "residents",
    responses((status = 200, description = "All data held about the resident", body = Object)),
    security(("bearer" = [])),
)]
#[get("/me/export")]
pub async fn export_me(state: web::Data<AppState>, me: AuthResident<need::FirstParty>) -> Result<HttpResponse> {
    let export = state.db(move |conn| service::export(conn, &me.0, crate::clock::now())).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("content-disposition", "attachment; filename=\"ebill-export.json\""))
        .insert_header(("cache-control", "no-store"))
        .json(export))
}
