//! `POST /v1/oauth/token` (client credentials, password, authorization code with PKCE, refresh token;
//! form or JSON) and `POST /v1/oauth/revoke`.

use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, post, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::errors::unsupported_media_type;
use crate::api::limits::{Limit, client_ip};
use crate::api::state::AppState;
use crate::error::{Code, Error, Result};
use crate::services::oauth::{self, ClientAuth, Grant, Policy};

/// The grants the token endpoint takes.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum GrantType {
    ClientCredentials,
    Password,
    AuthorizationCode,
    RefreshToken,
}

/// A token request (RFC 6749), as `application/x-www-form-urlencoded` or JSON.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"grant_type": "client_credentials", "client_id": "cli_x1Yz…", "client_secret": "sk_…"}))]
pub struct TokenRequest {
    /// `client_credentials` (providers), `password` (first-party logins of residents and operators),
    /// `authorization_code` (apps, with PKCE) or `refresh_token`.
    #[schema(value_type = GrantType)]
    pub grant_type: String,
    /// Providers and apps: the `client_id` from registration (or HTTP Basic auth). An app sends it with
    /// every grant, refresh included.
    #[schema(max_length = 4096)]
    pub client_id: Option<String>,
    /// Providers and confidential apps: the `client_secret` from registration (or HTTP Basic auth).
    #[schema(max_length = 4096, format = Password)]
    pub client_secret: Option<String>,
    /// Residents and operators: the email.
    #[schema(max_length = 4096)]
    pub username: Option<String>,
    #[schema(max_length = 4096, format = Password)]
    pub password: Option<String>,
    /// `authorization_code`: the code the redirect brought (single use, 60 s).
    #[schema(max_length = 4096)]
    pub code: Option<String>,
    /// `authorization_code`: the `redirect_uri` of the authorization request, exactly.
    #[schema(max_length = 4096)]
    pub redirect_uri: Option<String>,
    /// `authorization_code`: the PKCE code verifier (43 to 128 characters) whose S256 was the challenge.
    #[schema(max_length = 4096)]
    pub code_verifier: Option<String>,
    #[schema(max_length = 4096)]
    pub refresh_token: Option<String>,
    /// Accepted and ignored: the consent decided an app's scopes; first-party logins may do what their
    /// role may.
    #[schema(max_length = 4096)]
    pub scope: Option<String>,
}

/// Issued tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    pub access_token: String,
    pub token_type: TokenType,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// For the password, authorization code and refresh grants: single use, rotated on every refresh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// An app's scopes (space-separated), as the resident granted them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// The kind of an issued access token.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub enum TokenType {
    Bearer,
}

/// What a revoked token is (RFC 7009); a hint, which may be wrong.
#[derive(Debug, ToSchema)]
#[schema(rename_all = "snake_case")]
pub enum TokenTypeHint {
    AccessToken,
    RefreshToken,
}

/// A revocation request (RFC 7009).
#[derive(Debug, Deserialize, ToSchema)]
pub struct RevokeRequest {
    /// The refresh token or access token to revoke (with every token of the same login).
    #[schema(max_length = 4096)]
    pub token: String,
    #[schema(value_type = Option<TokenTypeHint>)]
    pub token_type_hint: Option<String>,
    /// Apps: their `client_id` (or HTTP Basic auth); an app's tokens are revoked only by that app.
    #[schema(max_length = 4096)]
    pub client_id: Option<String>,
    /// Confidential apps: their `client_secret` (or HTTP Basic auth).
    #[schema(max_length = 4096, format = Password)]
    pub client_secret: Option<String>,
}

/// The largest body the token and revocation endpoints read: a form of a few short fields.
const MAX_BODY: usize = 64 * 1024;

/// The whole body, or 413 (problem+json, like every error) past `MAX_BODY`.
async fn read_limited(payload: web::Payload) -> Result<web::Bytes> {
    match payload.to_bytes_limited(MAX_BODY).await {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(crate::error::Error::rule(Code::MalformedBody, "the request body could not be read")),
        Err(_) => Err(crate::api::errors::too_large()),
    }
}

fn read_body<T: DeserializeOwned>(req: &HttpRequest, body: &[u8]) -> Result<T> {
    let mime = req.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let mime = mime.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match mime.as_str() {
        "application/x-www-form-urlencoded" => {
            serde_urlencoded::from_bytes(body).map_err(|e| Error::rule(Code::InvalidRequest, e.to_string()))
        }
        "application/json" => serde_json::from_slice(body).map_err(|e| Error::rule(Code::InvalidRequest, e.to_string())),
        _ => Err(unsupported_media_type("application/x-www-form-urlencoded or application/json")),
    }
}

/// Client credentials from HTTP Basic auth (RFC 6749 §2.3.1), when sent.
fn basic_credentials(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?.strip_prefix("Basic ")?;
    let decoded = String::from_utf8(STANDARD.decode(value.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={s}")).ok()?.pop().map(|(_, v)| v);
    Some((unescape(id)?, unescape(secret)?))
}

/// 400 `invalid_request` for a field no credential can hold: NUL, or longer than any of ours.
fn refuse_unusable(fields: &[(&str, Option<&str>)]) -> Result<()> {
    for (name, value) in fields {
        if let Some(value) = value
            && (crate::api::input::unstorable(value) || value.len() > 4096)
        {
            return Err(Error::rule(Code::InvalidRequest, format!("{name} must be at most 4096 characters without NUL")));
        }
    }
    Ok(())
}

/// The client of a request: `client_id` and `client_secret` from the body, else from HTTP Basic auth.
fn client_auth(req: &HttpRequest, client_id: Option<String>, client_secret: Option<String>) -> Result<ClientAuth> {
    match (client_id, client_secret, basic_credentials(req)) {
        (None, None, Some((id, secret))) => {
            refuse_unusable(&[("client_id", Some(&id)), ("client_secret", Some(&secret))])?;
            Ok(ClientAuth { client_id: Some(id), client_secret: Some(secret).filter(|s| !s.is_empty()) })
        }
        (client_id, client_secret, _) => Ok(ClientAuth { client_id, client_secret }),
    }
}

fn into_grant(req: &HttpRequest, r: TokenRequest) -> Result<Grant> {
    refuse_unusable(&[
        ("grant_type", Some(&r.grant_type)),
        ("client_id", r.client_id.as_deref()),
        ("client_secret", r.client_secret.as_deref()),
        ("username", r.username.as_deref()),
        ("password", r.password.as_deref()),
        ("code", r.code.as_deref()),
        ("redirect_uri", r.redirect_uri.as_deref()),
        ("code_verifier", r.code_verifier.as_deref()),
        ("refresh_token", r.refresh_token.as_deref()),
        ("scope", r.scope.as_deref()),
    ])?;
    let missing = |name: &str| Error::rule(Code::InvalidRequest, format!("{name} is required for this grant_type"));
    match r.grant_type.as_str() {
        "client_credentials" => {
            let (client_id, client_secret) = match (r.client_id, r.client_secret, basic_credentials(req)) {
                (Some(id), Some(secret), _) => (id, secret),
                (_, _, Some(basic)) => {
                    refuse_unusable(&[("client_id", Some(&basic.0)), ("client_secret", Some(&basic.1))])?;
                    basic
                }
                (None, _, None) => return Err(missing("client_id")),
                (_, None, None) => return Err(missing("client_secret")),
            };
            Ok(Grant::ClientCredentials { client_id, client_secret })
        }
        "password" => Ok(Grant::Password {
            username: r.username.ok_or_else(|| missing("username"))?,
            password: r.password.ok_or_else(|| missing("password"))?,
            client: client_auth(req, r.client_id, r.client_secret)?,
        }),
        "authorization_code" => Ok(Grant::AuthorizationCode {
            code: r.code.ok_or_else(|| missing("code"))?,
            redirect_uri: r.redirect_uri.ok_or_else(|| missing("redirect_uri"))?,
            code_verifier: r.code_verifier.ok_or_else(|| missing("code_verifier"))?,
            client: client_auth(req, r.client_id, r.client_secret)?,
        }),
        "refresh_token" => Ok(Grant::RefreshToken {
            refresh_token: r.refresh_token.ok_or_else(|| missing("refresh_token"))?,
            client: client_auth(req, r.client_id, r.client_secret)?,
        }),
        other => Err(Error::rule(Code::UnsupportedGrantType, format!("grant_type '{other}' is not supported"))),
    }
}

/// Issue an access token.
///
/// OAuth 2 token endpoint. `client_credentials` (providers; only an active provider gets a token),
/// `password` (first-party logins of residents and operators, unless `EBILL_PASSWORD_GRANT=off`; never
/// an app's `client_id`; also returns a refresh token), `authorization_code` (apps: the code of the
/// consent page with its PKCE `code_verifier`; a code used twice revokes what it gave) and
/// `refresh_token` (rotates: the old refresh token stops working, and presenting it again revokes every
/// token of that login; an app's only with its `client_id`). Access tokens are EdDSA JWTs of the keys
/// at `/.well-known/jwks.json` and live 10 minutes. Rate limited per IP.
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (TokenRequest = "application/x-www-form-urlencoded"),
        (TokenRequest = "application/json"),
    )),
    responses(
        (status = 200, description = "Tokens issued", body = TokenResponse),
        (status = 400, description = "`invalid_request`, `invalid_grant`, `unauthorized_client` or `unsupported_grant_type`", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_client`: unknown client, wrong secret, or a provider that is not active", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("token"))),
)]
#[post("/oauth/token")]
pub async fn token(state: web::Data<AppState>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse> {
    state.limits.check(Limit::Token, &client_ip(&req), &req).await?;
    let body = read_limited(body).await?;
    let grant = into_grant(&req, read_body(&req, &body)?)?;
    let app = state.clone();
    // A rotated refresh token or a used code that came back revokes the login it gave.
    let rotation = matches!(grant, Grant::RefreshToken { .. } | Grant::AuthorizationCode { .. });
    let policy = Policy { password_grant: state.config.password_grant };
    let tokens = state.db(move |conn| oauth::grant(conn, &app.jwt, policy, grant, crate::clock::now())).await;
    if rotation {
        state.reload_revocations().await?;
    }
    let tokens = tokens?;
    Ok(HttpResponse::Ok().insert_header(("cache-control", "no-store")).json(TokenResponse {
        access_token: tokens.access_token,
        token_type: TokenType::Bearer,
        expires_in: tokens.expires_in,
        refresh_token: tokens.refresh_token,
        scope: tokens.scope,
    }))
}

/// Revoke a token.
///
/// Ends a login: the refresh or access token and every token of the same login stop working (RFC 7009;
/// an unknown token is not an error, so the answer does not tell whether it existed). An app revokes
/// its own tokens, with its `client_id` (and secret, when confidential).
#[utoipa::path(
    tag = "auth",
    request_body(content(
        (RevokeRequest = "application/x-www-form-urlencoded"),
        (RevokeRequest = "application/json"),
    )),
    responses(
        (status = 200, description = "Revoked (or never valid)"),
        (status = 400, description = "`unauthorized_client`: the token is another client's", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 401, description = "`invalid_client`: an app's credentials failed", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("token"))),
)]
#[post("/oauth/revoke")]
pub async fn revoke(state: web::Data<AppState>, req: HttpRequest, body: web::Payload) -> Result<HttpResponse> {
    state.limits.check(Limit::Token, &client_ip(&req), &req).await?;
    let body = read_limited(body).await?;
    let request: RevokeRequest = read_body(&req, &body)?;
    refuse_unusable(&[
        ("token", Some(&request.token)),
        ("token_type_hint", request.token_type_hint.as_deref()),
        ("client_id", request.client_id.as_deref()),
        ("client_secret", request.client_secret.as_deref()),
    ])?;
    let client = client_auth(&req, request.client_id, request.client_secret)?;
    let app = state.clone();
    state.db(move |conn| oauth::revoke(conn, &app.jwt, &request.token, &client, crate::clock::now())).await?;
    state.reload_revocations().await?;
    Ok(HttpResponse::Ok().finish())
}
