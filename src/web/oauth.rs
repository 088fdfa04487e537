//! The authorization endpoint of OAuth 2.1 for apps: `GET /v1/oauth/authorize` checks the request,
//! sends a visitor who is not signed in to the cabinet's login and back, and shows the consent page;
//! its «Разрешить» / «Отказать» post to `/oauth/authorize`, which redirects to the app with a code or
//! `access_denied`. A request whose client or redirect URI cannot be verified ends on a page here, never
//! in a redirect.

use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_SECURITY_POLICY, LOCATION};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::api::state::AppState;
use crate::domain::redirect_uri;
use crate::services::grants::{self, AuthorizeParams, Refusal, Request};
use crate::services::residents;
use crate::web::auth::MessagePage;
use crate::web::session::{Layout, Visitor, csrf_ok, failure, forbidden, visit};

/// The path of the authorization endpoint (the login page may lead back only here).
pub const AUTHORIZE_PATH: &str = "/v1/oauth/authorize";

#[derive(Template)]
#[template(path = "consent.html")]
struct ConsentPage {
    layout: Layout,
    app_name: String,
    email: String,
    scopes: Vec<&'static str>,
    /// The request, carried by the form to the decision.
    hidden: Vec<(&'static str, String)>,
}

/// The page of a request that cannot go back to the app (its client or redirect URI did not check out).
fn error_page(v: &Visitor, error: &str, detail: &str) -> HttpResponse {
    v.page(
        StatusCode::BAD_REQUEST,
        &MessagePage {
            layout: v.layout(""),
            title: "Приложение не удалось подключить",
            text: format!(
                "Запрос приложения неверен, поэтому мы не вернули вас в приложение. Сообщите его разработчикам: {error} — {detail}."
            ),
            link: Some(("/", "В личный кабинет")),
        },
    )
}

fn found(location: &str) -> HttpResponse {
    HttpResponse::Found().insert_header((LOCATION, location)).finish()
}

/// Checks the request; the refusal as its answer when it is refused.
async fn checked(state: &web::Data<AppState>, v: &Visitor, params: AuthorizeParams) -> Result<Request, HttpResponse> {
    let issuer = state.config.issuer().to_owned();
    match state.db(move |conn| grants::check(conn, &params, &issuer)).await {
        Ok(Ok(request)) => Ok(request),
        Ok(Err(Refusal::Page { error, detail })) => Err(error_page(v, error.as_str(), &detail)),
        Ok(Err(Refusal::Redirect { location })) => Err(found(&location)),
        Err(e) => Err(failure(&e)),
    }
}

/// The hidden fields that carry a checked request to the decision.
fn carried(request: &Request, params: &AuthorizeParams) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("response_type", "code".to_owned()),
        ("client_id", request.app.id.as_str().to_owned()),
        ("redirect_uri", request.redirect_uri.clone()),
        ("scope", request.scopes.to_string()),
        ("code_challenge", request.code_challenge.clone()),
        ("code_challenge_method", params.code_challenge_method.clone().unwrap_or_default()),
    ];
    fields.extend(request.state.clone().map(|s| ("state", s)));
    fields
}

/// The consent page may send the browser on to the app's redirect URI: a page's `form-action` also
/// governs where the form's answer redirects, so it names the app's origin (or its private scheme).
fn consent_csp(redirect: &str) -> String {
    let target = match url::Url::parse(redirect) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => url.origin().ascii_serialization(),
        Ok(url) => format!("{}:", url.scheme()),
        Err(_) => String::new(),
    };
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self' {target}; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Ask a resident to let an app act for them.
///
/// OAuth 2.1 authorization endpoint (authorization code with PKCE S256 only). An HTML page, not JSON:
/// the cabinet's login when the browser is not signed in, then a consent page naming the app and each
/// scope; «Разрешить» redirects to `redirect_uri` with `code` (single use, 60 s), `state` and `iss`,
/// «Отказать» with `error=access_denied`. Errors go to the redirect URI the OAuth way, except for an
/// unknown or suspended client and a redirect URI it did not register: those are shown on a page.
#[utoipa::path(
    tag = "auth",
    params(
        ("response_type" = inline(ResponseType), Query, description = "`code`"),
        ("client_id" = String, Query, min_length = 1, description = "The app's client_id: an unknown or suspended one gets the error page (400), as RFC 6749 §4.1.2.1 asks"),
        ("redirect_uri" = String, Query, min_length = 1, description = "One of the app's registered redirect URIs (a loopback one with any port); any other gets the error page (400)"),
        ("scope" = String, Query, pattern = r"^(profile:read|addresses:read|addresses:write|delivery:write|documents:read)( (profile:read|addresses:read|addresses:write|delivery:write|documents:read))*$", description = "Space-separated: `profile:read`, `addresses:read`, `addresses:write`, `delivery:write`, `documents:read`"),
        ("state" = Option<String>, Query, max_length = 1000, description = "Sent back unchanged (up to 1000 characters)"),
        ("code_challenge" = String, Query, pattern = r"^[A-Za-z0-9_-]{43}$", description = "BASE64URL(SHA-256(code_verifier)), 43 characters"),
        ("code_challenge_method" = inline(CodeChallengeMethod), Query, description = "`S256` (`plain` is refused)"),
    ),
    responses(
        (status = 200, description = "The consent page (HTML)", body = String, content_type = "text/html"),
        (status = 302, description = "Back to the app's redirect URI with an OAuth error (and `state`)"),
        (status = 303, description = "To the cabinet's login page first, when the browser is not signed in"),
        (status = 400, description = "An error page (HTML): unknown or suspended client, or a redirect URI it did not register; problem+json for a query that cannot be read at all (NUL, bad encoding)", content(
            (String = "text/html"),
            (crate::api::errors::ProblemBody = "application/problem+json"),
        )),
    ),
)]
#[get("/oauth/authorize")]
pub async fn authorize(state: web::Data<AppState>, req: HttpRequest, query: web::Query<AuthorizeParams>) -> HttpResponse {
    let mut response = consent(state, req, query.into_inner()).await;
    crate::web::protect(&mut response);
    response
}

async fn consent(state: web::Data<AppState>, req: HttpRequest, params: AuthorizeParams) -> HttpResponse {
    let v = visit!(state, req);
    let request = match checked(&state, &v, params.clone()).await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let Some(me) = v.resident.clone() else {
        let back = format!("{AUTHORIZE_PATH}?{}", req.query_string());
        let login = format!("/login?{}", serde_urlencoded::to_string([("next", back)]).unwrap_or_default());
        return v.redirect(&login);
    };
    let email = match state.db(move |conn| residents::get(conn, &me)).await {
        Ok(resident) => resident.email,
        Err(e) => return failure(&e),
    };
    let page = ConsentPage {
        layout: v.layout(""),
        app_name: request.app.name.clone(),
        email,
        scopes: request.scopes.iter().map(|s| s.consent_text()).collect(),
        hidden: carried(&request, &params),
    };
    let mut response = v.page(StatusCode::OK, &page);
    if let Ok(csp) = consent_csp(&request.redirect_uri).parse() {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// The only response type: an authorization code.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum ResponseType {
    Code,
}

/// The only PKCE method: SHA-256.
#[derive(utoipa::ToSchema)]
pub enum CodeChallengeMethod {
    S256,
}

#[derive(Deserialize)]
pub struct Decision {
    #[serde(flatten)]
    params: AuthorizeParams,
    #[serde(default)]
    decision: String,
    #[serde(default)]
    csrf_token: String,
}

/// «Разрешить» or «Отказать» on the consent page.
#[post("/oauth/authorize")]
pub async fn decide(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<Decision>) -> HttpResponse {
    let v = visit!(state, req);
    let Decision { params, decision, csrf_token } = posted.into_inner();
    if !csrf_ok(&v, &csrf_token) {
        return forbidden();
    }
    let request = match checked(&state, &v, params).await {
        Ok(request) => request,
        Err(answer) => return answer,
    };
    let Some(me) = v.resident.clone() else { return v.redirect("/login") };
    let issuer = state.config.issuer().to_owned();
    if decision != "allow" {
        let location =
            grants::error_redirect(&request.redirect_uri, "access_denied", "the resident declined", request.state.as_deref(), &issuer);
        return v.redirect(&location);
    }
    let approved = request.clone();
    match state.db(move |conn| grants::approve(conn, &me, &approved, crate::clock::now())).await {
        Ok(code) => {
            let mut pairs = vec![("code", code.as_str())];
            pairs.extend(request.state.as_deref().map(|s| ("state", s)));
            pairs.push(("iss", issuer.as_str()));
            v.redirect(&redirect_uri::with_query(&request.redirect_uri, &pairs))
        }
        Err(e) => failure(&e),
    }
}
