//! `GET /v1/me/authorizations` and `DELETE /v1/me/authorizations/{client_id}`: the apps a resident let
//! act for them, and taking that back (first-party logins and the cabinet only: no app sees or ends
//! another's grant).

use actix_web::{HttpRequest, HttpResponse, delete, get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::auth::{AuthResident, need};
use crate::api::idempotency::{Answer, once};
use crate::api::state::AppState;
use crate::domain::scope::Scope;
use crate::error::Result;
use crate::services::grants::{self, Authorization};

/// An app with access to the resident's cabinet.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizationResponse {
    pub client_id: String,
    /// The app's name, as the consent page showed it.
    pub app_name: String,
    /// What the resident let it do.
    pub scopes: Vec<Scope>,
    /// When the resident first let it.
    pub granted_at: DateTime<Utc>,
    /// When the app last got a token (at most 10 minutes before its last call); null if it never did.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<Authorization> for AuthorizationResponse {
    fn from(a: Authorization) -> Self {
        Self {
            client_id: a.client_id,
            app_name: a.app_name,
            scopes: a.scopes.iter().collect(),
            granted_at: a.granted_at.and_utc(),
            last_used_at: a.last_used_at.map(|t| t.and_utc()),
        }
    }
}

/// The apps with access.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuthorizationList {
    pub data: Vec<AuthorizationResponse>,
    /// Always null: every grant fits one answer.
    pub next_cursor: Option<String>,
}

/// List the apps with access.
///
/// Every app the resident let act for them, oldest grant first, with its scopes, since when and when
/// it last got a token.
#[utoipa::path(
    tag = "residents",
    responses((status = 200, description = "The apps with access", body = AuthorizationList)),
    security(("bearer" = [])),
)]
#[get("/me/authorizations")]
pub async fn list_authorizations(state: web::Data<AppState>, me: AuthResident<need::FirstParty>) -> Result<HttpResponse> {
    let list = state.db(move |conn| grants::of_resident(conn, &me.0)).await?;
    Ok(HttpResponse::Ok().json(AuthorizationList { data: list.into_iter().map(Into::into).collect(), next_cursor: None }))
}

/// Withdraw an app's access.
///
/// Every token the app holds for the resident stops working at once (on every replica within a
/// second); the app must ask for consent again.
#[utoipa::path(
    tag = "residents",
    params(("client_id" = String, Path, description = "The app's client_id")),
    responses((status = 204, description = "Withdrawn")),
    security(("bearer" = [])),
)]
#[delete("/me/authorizations/{client_id}")]
pub async fn withdraw_authorization(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthResident<need::FirstParty>,
    client_id: web::Path<String>,
) -> Result<HttpResponse> {
    let client_id = client_id.into_inner();
    let answer = once(&state, &req, move |conn| {
        grants::withdraw(conn, &me.0, &client_id, crate::clock::now())?;
        Ok(Answer::empty(actix_web::http::StatusCode::NO_CONTENT))
    })
    .await;
    state.reload_revocations().await?;
    answer
}
