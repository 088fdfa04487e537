//! Third-party apps for operators: register one (an OAuth client that acts for residents), list them,
//! suspend one.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::AuthOperator;
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::Rules;
use crate::api::state::AppState;
use crate::domain::ids::AppId;
use crate::domain::scope::{Scope, Scopes};
use crate::domain::vocabulary::{AppStatus, AppType};
use crate::error::{Checks, Error, Result};
use crate::services::apps::{self as service, NewApp};
use crate::store::apps::AppRow;

/// An app to register.
#[derive(Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Мой дом", "type": "public", "redirect_uris": ["ru.example.myhome:/oauth"]}))]
pub struct NewAppRequest {
    /// The name residents see on the consent page (1 to 100 characters, not all spaces).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100, pattern = r"^[^\x00]*[^\s\x85\x00][^\x00]*$")]
    pub name: String,
    /// `public` (a mobile or desktop app: PKCE, no secret) or `confidential` (a web app's server: a secret).
    #[serde(rename = "type")]
    pub app_type: AppType,
    /// 1 to 10 URIs, matched exactly (a loopback address with any port): https for any app; for a public
    /// app also a private-use scheme in reverse-domain form (`ru.example.app:/cb`) or
    /// `http://127.0.0.1/…` / `http://[::1]/…` (RFC 8252). No fragment, no user info, each at most
    /// 2000 characters, none twice.
    #[schema(min_items = 1, max_items = 10, value_type = Vec<RedirectUri>)]
    pub redirect_uris: Vec<String>,
    /// The scopes the app may ask residents for (at least one); every scope when left out or null.
    #[serde(default)]
    #[schema(min_items = 1)]
    pub scopes: Option<Vec<Scope>>,
}

/// A redirect URI as any app may register it, or as only a public app may (the private-use scheme and
/// loopback forms): which is which, `NewAppRequest`'s `type` decides.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^(https://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\s\x00]{0,1900})?|[A-Za-z][A-Za-z0-9+-]*(\.[A-Za-z0-9+-]+)+:(/([^/#\s\x00][^#\s\x00]{0,1900})?)?|http://(127\.0\.0\.1|\[::1\])(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\s\x00]{0,1900})?)$")]
#[allow(dead_code)] // a schema only
pub struct RedirectUri(String);

/// The https form, the only one a confidential app may register.
const HTTPS_REDIRECT_URI: &str = r"^https://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?][^#\s\x00]{0,1900})?$";

impl NewAppRequest {
    /// What the derive cannot state: no redirect URI twice, and a confidential app's are https.
    pub fn schema_extra() -> serde_json::Value {
        serde_json::json!({
            "properties": {"redirect_uris": {"uniqueItems": true}},
            "if": {"properties": {"type": {"const": "confidential"}}},
            "then": {"properties": {"redirect_uris": {"items": {"pattern": HTTPS_REDIRECT_URI}}}},
        })
    }
}

impl Rules for NewAppRequest {
    fn rules(&self, checks: &mut Checks) {
        if self.name.trim().is_empty() {
            checks.push("name", "must not be blank");
        }
        if let Err(errors) = service::check_redirect_uris(&self.redirect_uris, self.app_type) {
            for e in errors {
                checks.push(e.field, e.message);
            }
        }
    }
}

/// A registered app.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppResponse {
    /// The app's OAuth `client_id`.
    pub client_id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub app_type: AppType,
    #[schema(value_type = Vec<RedirectUri>)]
    pub redirect_uris: Vec<String>,
    /// The scopes the app may ask residents for.
    pub scopes: Vec<Scope>,
    pub status: AppStatus,
    pub created_at: DateTime<Utc>,
    /// A confidential app's secret: in the registration's answer only, never again.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_secret: Option<String>,
}

fn response(app: AppRow, client_secret: Option<String>) -> AppResponse {
    AppResponse {
        redirect_uris: service::redirect_uris(&app),
        scopes: Scopes::parse(&app.scopes).unwrap_or_default().iter().collect(),
        client_id: app.id.into(),
        name: app.name,
        app_type: app.app_type,
        status: app.status,
        created_at: app.created_at.and_utc(),
        client_secret,
    }
}

/// Register an app.
///
/// A third-party app that will act for residents with their consent (OAuth 2.1 authorization code with
/// PKCE). A confidential app's `client_secret` is in this answer only.
#[utoipa::path(
    tag = "apps",
    request_body = NewAppRequest,
    responses(
        (status = 201, description = "Registered", body = AppResponse, headers(("Location" = String, description = "The app"))),
        (status = 422, description = "A field, or a redirect URI (named by index), fails its rules", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/apps")]
pub async fn register_app(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    body: Body<NewAppRequest>,
) -> Result<HttpResponse> {
    let body = body.0;
    let redirect_uris = service::check_redirect_uris(&body.redirect_uris, body.app_type).map_err(Error::validation)?;
    let scopes = body.scopes.map_or_else(Scopes::all, |s| s.into_iter().collect());
    if scopes.is_empty() {
        return Err(Error::invalid("scopes", "must name at least one scope"));
    }
    let new = NewApp { name: body.name.trim().to_owned(), app_type: body.app_type, redirect_uris, scopes };
    once(&state, &req, move |conn| {
        let registered = service::register(conn, new, &op.0, crate::clock::now())?;
        let location = format!("/v1/apps/{}", registered.app.id);
        Ok(Answer::created(&response(registered.app, registered.client_secret))?.at(location))
    })
    .await
}

/// List apps.
///
/// Every registered app, oldest first.
#[utoipa::path(
    tag = "apps",
    params(PageParams),
    responses((status = 200, description = "A page of apps", body = Page<AppResponse>)),
    security(("bearer" = [])),
)]
#[get("/apps")]
pub async fn list_apps(state: web::Data<AppState>, _op: AuthOperator, page: web::Query<PageParams>) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let apps = state.db(move |conn| service::page(conn, after.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(apps, limit, |a| a.id.to_string(), |a| response(a, None))))
}

/// Suspend an app.
///
/// The app gets no new tokens, and every token it holds stops working at once: residents' grants to
/// it are withdrawn.
#[utoipa::path(
    tag = "apps",
    params(("client_id" = String, Path, description = "The app's client_id")),
    responses(
        (status = 200, description = "Now suspended", body = AppResponse),
        (status = 409, description = "Already suspended", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/apps/{client_id}/suspend")]
pub async fn suspend_app(state: web::Data<AppState>, req: HttpRequest, op: AuthOperator, id: web::Path<AppId>) -> Result<HttpResponse> {
    let id = id.into_inner();
    let answer =
        once(&state, &req, move |conn| Answer::ok(&response(service::suspend(conn, &id, &op.0, crate::clock::now())?, None))).await;
    state.reload_revocations().await?;
    answer
}
