//! Residents' grants to apps (OAuth 2.1 authorization code with PKCE): checking an authorization
//! request, the code a consent gives (single use, 60 s, bound to the app, the redirect URI and the PKCE
//! challenge), exchanging it for tokens, and the grants a resident can see and withdraw.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::crypto::{constant_time_eq, random_token, sha256_hex};
use crate::domain::ids::{AppId, ResidentId, new_id};
use crate::domain::redirect_uri;
use crate::domain::role::{Principal, Role};
use crate::domain::scope::Scopes;
use crate::domain::vocabulary::AppStatus;
use crate::error::{Code, Error, Result};
use crate::services::apps::redirect_uris;
use crate::services::audit::{self, Actor};
use crate::services::jwt::{AppGrant, JwtKeys};
use crate::services::oauth::{Tokens, end_login, issue_pair};
use crate::store::apps::{self, AppRow};
use crate::store::db::{DbConn, write_tx};
use crate::store::grants::{self as store, AuthorizationRow, CodeRow};
use crate::store::tokens;

/// How long an authorization code may be exchanged.
pub const CODE_TTL: Duration = Duration::seconds(60);
/// The longest `state` an app may send (it comes back in the redirect).
const MAX_STATE: usize = 1000;

/// The parameters of an authorization request, from the query or the consent form; all optional here,
/// so that a missing one is answered the OAuth way rather than by the framework.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuthorizeParams {
    pub response_type: Option<String>,
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub scope: Option<String>,
    pub state: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
}

/// An authorization request that may go to the consent page.
#[derive(Debug, Clone)]
pub struct Request {
    pub app: AppRow,
    pub redirect_uri: String,
    pub scopes: Scopes,
    pub state: Option<String>,
    pub code_challenge: String,
}

/// Why an authorization request is refused, and where the answer goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Shown on a page: the client or its redirect URI could not be verified, so nothing is sent to it.
    Page { error: Code, detail: String },
    /// Sent back to the verified redirect URI (RFC 6749 §4.1.2.1).
    Redirect { location: String },
}

/// The redirect URI with `error` (and `state`, and the issuer, RFC 9207) added to its query.
pub fn error_redirect(uri: &str, error: &str, detail: &str, state: Option<&str>, issuer: &str) -> String {
    let mut pairs = vec![("error", error), ("error_description", detail)];
    pairs.extend(state.map(|s| ("state", s)));
    pairs.push(("iss", issuer));
    redirect_uri::with_query(uri, &pairs)
}

/// Checks an authorization request: a page for an unknown or suspended client and an unregistered
/// redirect URI; a redirect with the RFC error for everything else; the request when it may go on.
pub fn check(conn: &mut DbConn, params: &AuthorizeParams, issuer: &str) -> Result<std::result::Result<Request, Refusal>> {
    let page = |error: Code, detail: &str| Ok(Err(Refusal::Page { error, detail: detail.to_owned() }));
    let Some(client_id) = params.client_id.as_deref().filter(|c| !c.is_empty()) else {
        return page(Code::InvalidRequest, "client_id is missing");
    };
    let Some(app) = apps::find(conn, &AppId::from(client_id))? else {
        return page(Code::InvalidClient, "there is no app with this client_id");
    };
    let Some(redirect_uri) = params.redirect_uri.as_deref().filter(|r| !r.is_empty()) else {
        return page(Code::InvalidRequest, "redirect_uri is missing");
    };
    if !redirect_uris(&app).iter().any(|registered| redirect_uri::matches(registered, redirect_uri)) {
        return page(Code::InvalidRequest, "redirect_uri is not one the app registered");
    }
    if app.status != AppStatus::Active {
        return page(Code::UnauthorizedClient, "the app is suspended");
    }
    let state = params.state.clone().filter(|s| !s.is_empty());
    let refuse = |error: Code, detail: &str| {
        let state = state.as_deref().map(|s| s.chars().take(MAX_STATE).collect::<String>());
        Ok(Err(Refusal::Redirect { location: error_redirect(redirect_uri, error.as_str(), detail, state.as_deref(), issuer) }))
    };
    match params.response_type.as_deref() {
        Some("code") => {}
        None => return refuse(Code::InvalidRequest, "response_type is missing"),
        Some(_) => {
            return Ok(Err(Refusal::Redirect {
                location: error_redirect(
                    redirect_uri,
                    "unsupported_response_type",
                    "only response_type=code is supported",
                    state.as_deref(),
                    issuer,
                ),
            }));
        }
    }
    if state.as_ref().is_some_and(|s| s.len() > MAX_STATE) {
        return refuse(Code::InvalidRequest, "state is longer than 1000 characters");
    }
    let Some(code_challenge) = params.code_challenge.clone().filter(|c| !c.is_empty()) else {
        return refuse(Code::InvalidRequest, "code_challenge is required (PKCE, S256)");
    };
    if params.code_challenge_method.as_deref() != Some("S256") {
        return refuse(Code::InvalidRequest, "code_challenge_method must be S256 (plain is not accepted)");
    }
    if code_challenge.len() != 43 || !code_challenge.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return refuse(Code::InvalidRequest, "code_challenge must be the base64url SHA-256 of the code verifier (43 characters)");
    }
    let scopes = match Scopes::parse(params.scope.as_deref().unwrap_or_default()) {
        Ok(scopes) if scopes.is_empty() => return refuse(Code::InvalidScope, "scope is required"),
        Ok(scopes) => scopes,
        Err(unknown) => return refuse(Code::InvalidScope, &format!("unknown scope '{}'", unknown.0.chars().take(50).collect::<String>())),
    };
    if !scopes.within(allowed_scopes(&app)?) {
        return refuse(Code::InvalidScope, "the app may not ask for some of these scopes");
    }
    Ok(Ok(Request { app, redirect_uri: redirect_uri.to_owned(), scopes, state, code_challenge }))
}

/// The scopes an app was registered for.
pub fn allowed_scopes(app: &AppRow) -> Result<Scopes> {
    Scopes::parse(&app.scopes).map_err(|_| Error::internal("an app's stored scopes do not read"))
}

/// The resident consented: records the grant (adding to any earlier one) and returns the code to send
/// back to the app.
pub fn approve(conn: &mut DbConn, resident_id: &ResidentId, request: &Request, now: NaiveDateTime) -> Result<String> {
    let code = format!("ac_{}", random_token(32));
    write_tx(conn, |conn| {
        store::insert_code(
            conn,
            &CodeRow {
                code_hash: sha256_hex(code.as_bytes()),
                client_id: request.app.id.as_str().to_owned(),
                resident_id: resident_id.as_str().to_owned(),
                redirect_uri: request.redirect_uri.clone(),
                scope: request.scopes.to_string(),
                code_challenge: request.code_challenge.clone(),
                family_id: None,
                expires_at: now + CODE_TTL,
                used_at: None,
                created_at: now,
            },
        )?;
        let earlier = store::of_resident(conn, resident_id.as_str())?
            .into_iter()
            .find(|(row, _)| row.client_id == request.app.id.as_str())
            .map(|(row, _)| Scopes::parse(&row.scope).unwrap_or_default())
            .unwrap_or_default();
        let scopes: Scopes = earlier.iter().chain(request.scopes.iter()).collect();
        store::grant(
            conn,
            &AuthorizationRow {
                resident_id: resident_id.as_str().to_owned(),
                client_id: request.app.id.as_str().to_owned(),
                scope: scopes.to_string(),
                granted_at: now,
                last_used_at: None,
            },
        )?;
        let data = json!({"client_id": request.app.id, "app": request.app.name, "scope": request.scopes.to_string()});
        audit::record(conn, Actor::Resident(resident_id), "app.authorized", ("app", &request.app.id), data, now)
    })?;
    Ok(code)
}

/// Whether `verifier` is a PKCE code verifier (RFC 7636 §4.1) whose S256 challenge is `challenge`.
pub fn pkce_matches(verifier: &str, challenge: &str) -> bool {
    let well_formed = (43..=128).contains(&verifier.len())
        && verifier.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'));
    well_formed && constant_time_eq(&URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())), challenge)
}

/// Exchanges a code for tokens (the app already authenticated). Every failure is `invalid_grant`
/// (committed: a code that comes back a second time ends the login it gave).
pub fn exchange(
    conn: &mut DbConn,
    jwt: &JwtKeys,
    app: &AppRow,
    code: &str,
    redirect_uri: &str,
    verifier: &str,
    now: NaiveDateTime,
) -> Result<Result<Tokens>> {
    let invalid = |detail: &str| Ok(Err(Error::rule(Code::InvalidGrant, detail)));
    let hash = sha256_hex(code.as_bytes());
    let Some(row) = store::find_code(conn, &hash)? else {
        return invalid("the code is invalid or expired");
    };
    if row.client_id != app.id.as_str() {
        return invalid("the code was issued to another client");
    }
    if row.used_at.is_some() {
        // Someone replays a code: end what it gave (RFC 6749 §4.1.2).
        if let Some(family) = &row.family_id {
            end_login(conn, family, now)?;
        }
        return invalid("the code was used already; the tokens it gave are revoked");
    }
    if row.expires_at <= now {
        return invalid("the code is invalid or expired");
    }
    if row.redirect_uri != redirect_uri {
        return invalid("redirect_uri differs from the authorization request's");
    }
    if !pkce_matches(verifier, &row.code_challenge) {
        return invalid("code_verifier does not match the code_challenge");
    }
    if !store::exists(conn, &row.resident_id, &row.client_id)? {
        return invalid("the resident withdrew the grant");
    }
    let family = new_id("rtf");
    if !store::use_code(conn, &hash, &family, now)? {
        return invalid("the code was used already");
    }
    let scopes = Scopes::parse(&row.scope).map_err(|_| Error::internal("a stored scope that does not read"))?;
    let grant = AppGrant { client_id: row.client_id.clone(), scopes };
    let principal = Principal { role: Role::Resident, id: row.resident_id };
    Ok(Ok(issue_pair(conn, jwt, &principal, &family, Some(&grant), now)?))
}

/// An app a resident let act for them.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub client_id: String,
    pub app_name: String,
    pub scopes: Scopes,
    pub granted_at: NaiveDateTime,
    /// When the app last got a token (at most 10 minutes before its last call).
    pub last_used_at: Option<NaiveDateTime>,
}

/// The apps a resident let act for them, oldest grant first.
pub fn of_resident(conn: &mut DbConn, resident_id: &ResidentId) -> Result<Vec<Authorization>> {
    store::of_resident(conn, resident_id.as_str())?
        .into_iter()
        .map(|(row, app_name)| {
            let scopes = Scopes::parse(&row.scope).map_err(|_| Error::internal("a stored scope that does not read"))?;
            Ok(Authorization { client_id: row.client_id, app_name, scopes, granted_at: row.granted_at, last_used_at: row.last_used_at })
        })
        .collect()
}

/// Ends every login an app holds, of one resident or of all.
fn end_logins(conn: &mut DbConn, client_id: &str, resident_id: Option<&str>, now: NaiveDateTime) -> Result<()> {
    for family in tokens::families_of_app(conn, client_id, resident_id)? {
        end_login(conn, &family, now)?;
    }
    Ok(())
}

/// The resident withdraws an app's access: the grant goes and every token of the app for them stops
/// working at once. 404 when the app holds no grant of theirs.
pub fn withdraw(conn: &mut DbConn, resident_id: &ResidentId, client_id: &str, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| {
        if !store::withdraw(conn, resident_id.as_str(), client_id)? {
            return Err(Error::not_found("authorization"));
        }
        end_logins(conn, client_id, Some(resident_id.as_str()), now)?;
        audit::record(
            conn,
            Actor::Resident(resident_id),
            "app.authorization_revoked",
            ("app", client_id),
            json!({"client_id": client_id}),
            now,
        )
    })
}

/// An app was suspended: every grant to it goes, and every token it holds stops working.
pub fn withdraw_app(conn: &mut DbConn, client_id: &AppId, now: NaiveDateTime) -> Result<()> {
    store::withdraw_all(conn, client_id.as_str())?;
    end_logins(conn, client_id.as_str(), None, now)
}

/// Deletes codes expired for a while (used ones are kept as long, to spot a replay).
pub fn purge_codes(conn: &mut DbConn, now: NaiveDateTime) -> Result<usize> {
    Ok(store::purge_codes(conn, now - Duration::hours(1))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkce_s256_of_rfc_7636_appendix_b() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert!(pkce_matches(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assert!(!pkce_matches(verifier, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cX"));
        assert!(!pkce_matches("short", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
    }
}
