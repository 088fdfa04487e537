//! The OAuth 2 grants: client credentials (providers), password (first-party logins of residents and
//! operators), authorization code with PKCE (apps, in `services::grants`) and rotating refresh tokens
//! (reuse of a rotated token revokes its whole family; an app's stay bound to it), and revocation.

use chrono::{Duration, NaiveDateTime};

use crate::crypto::{burn_password_check, random_token, sha256_hex, verify_password};
use crate::domain::ids::{AppId, ResidentId, new_id};
use crate::domain::role::{Principal, Role};
use crate::domain::scope::Scopes;
use crate::domain::vocabulary::{AppStatus, AppType, ProviderStatus, TokenStatus};
use crate::error::{Code, Error, Result};
use crate::services::jwt::{ACCESS_TOKEN_TTL, AppGrant, JwtKeys};
use crate::services::{grants, revocations};
use crate::store::apps::AppRow;
use crate::store::db::{DbConn, write_tx};
use crate::store::tokens::{self, RefreshTokenRow};
use crate::store::{apps, operators, providers, residents};

/// How long a refresh token lives.
pub const REFRESH_TOKEN_TTL: Duration = Duration::days(30);

/// The client a token request names: its id and, for a confidential app, its secret.
#[derive(Debug, Clone, Default)]
pub struct ClientAuth {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

/// A grant request, already read from the form or JSON body.
#[derive(Debug)]
pub enum Grant {
    ClientCredentials { client_id: String, client_secret: String },
    Password { username: String, password: String, client: ClientAuth },
    RefreshToken { refresh_token: String, client: ClientAuth },
    AuthorizationCode { code: String, redirect_uri: String, code_verifier: String, client: ClientAuth },
}

/// Which grants this deployment takes.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// `EBILL_PASSWORD_GRANT`: first-party clients may log in with a password.
    pub password_grant: bool,
}

/// What the token endpoint answers.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: String,
    pub expires_in: u64,
    pub refresh_token: Option<String>,
    /// An app's scopes.
    pub scope: Option<String>,
}

/// Runs a grant: checks the credentials and issues the tokens.
pub fn grant(conn: &mut DbConn, jwt: &JwtKeys, policy: Policy, grant: Grant, now: NaiveDateTime) -> Result<Tokens> {
    match grant {
        Grant::ClientCredentials { client_id, client_secret } => {
            let provider = providers::find_by_client_id(conn, &client_id)?;
            let verified = match &provider {
                Some(p) => verify_password(&client_secret, &p.client_secret_hash),
                None => {
                    burn_password_check(&client_secret);
                    false
                }
            };
            let Some(provider) = provider.filter(|_| verified) else {
                return Err(Error::rule(Code::InvalidClient, "unknown client or wrong secret"));
            };
            if provider.status != ProviderStatus::Active {
                return Err(Error::rule(Code::InvalidClient, "the provider is not active (pending approval or suspended)"));
            }
            let access_token = jwt.issue(&Principal { role: Role::Provider, id: provider.id.into() }, None, None)?;
            Ok(Tokens { access_token, expires_in: ACCESS_TOKEN_TTL.as_secs(), refresh_token: None, scope: None })
        }
        Grant::Password { username, password, client } => {
            if names_app(conn, &client)? {
                return Err(Error::rule(
                    Code::UnauthorizedClient,
                    "apps may not use the password grant: use the authorization code with PKCE",
                ));
            }
            if !policy.password_grant {
                return Err(Error::rule(Code::UnsupportedGrantType, "the password grant is turned off here"));
            }
            let principal = authenticate_person(conn, &username, &password)?
                .ok_or_else(|| Error::rule(Code::InvalidGrant, "wrong email or password"))?;
            let family = new_id("rtf");
            issue_pair(conn, jwt, &principal, &family, None, now)
        }
        Grant::RefreshToken { refresh_token, client } => write_tx(conn, |conn| refresh(conn, jwt, &refresh_token, &client, now))?,
        Grant::AuthorizationCode { code, redirect_uri, code_verifier, client } => {
            let app = authenticate_app(conn, &client)?;
            write_tx(conn, |conn| grants::exchange(conn, jwt, &app, &code, &redirect_uri, &code_verifier, now))?
        }
    }
}

/// Whether the request's `client_id` is a registered app's.
fn names_app(conn: &mut DbConn, client: &ClientAuth) -> Result<bool> {
    Ok(match client.client_id.as_deref() {
        Some(id) => apps::find(conn, &AppId::from(id))?.is_some(),
        None => false,
    })
}

/// The active app a request names, its secret checked when it is confidential: 401 `invalid_client`
/// for an unknown app or a wrong or missing secret, 400 `unauthorized_client` for a suspended app.
pub fn authenticate_app(conn: &mut DbConn, client: &ClientAuth) -> Result<AppRow> {
    let invalid = || Error::rule(Code::InvalidClient, "unknown client, or a wrong or missing client secret");
    let id = client.client_id.as_deref().ok_or_else(|| Error::rule(Code::InvalidRequest, "client_id is required"))?;
    let app = apps::find(conn, &AppId::from(id))?;
    let verified = match (&app, &client.client_secret) {
        (Some(app), Some(secret)) if app.app_type == AppType::Confidential => {
            app.client_secret_hash.as_deref().is_some_and(|hash| verify_password(secret, hash))
        }
        (Some(app), _) => app.app_type == AppType::Public,
        (None, secret) => {
            burn_password_check(secret.as_deref().unwrap_or_default());
            false
        }
    };
    let app = app.filter(|_| verified).ok_or_else(invalid)?;
    if app.status != AppStatus::Active {
        return Err(Error::rule(Code::UnauthorizedClient, "the app is suspended"));
    }
    Ok(app)
}

/// Checks an email and password against operators, then residents (as slowly for unknown emails).
fn authenticate_person(conn: &mut DbConn, username: &str, password: &str) -> Result<Option<Principal>> {
    let email = username.trim().to_lowercase();
    if let Some(operator) = operators::find_by_email(conn, &email)? {
        return Ok(verify_password(password, &operator.password_hash).then_some(Principal { role: Role::Operator, id: operator.id.into() }));
    }
    if residents::find_by_email(conn, &email)?.is_none() {
        burn_password_check(password);
        return Ok(None);
    }
    Ok(crate::services::residents::authenticate(conn, &email, password)?.map(|id| Principal { role: Role::Resident, id: id.into() }))
}

/// A new access token and refresh token of the login `family`, an app's when `app` is given.
pub fn issue_pair(
    conn: &mut DbConn,
    jwt: &JwtKeys,
    principal: &Principal,
    family: &str,
    app: Option<&AppGrant>,
    now: NaiveDateTime,
) -> Result<Tokens> {
    let refresh_token = format!("rt_{}", random_token(32));
    tokens::insert(
        conn,
        &RefreshTokenRow {
            id: new_id("rtk"),
            family_id: family.to_owned(),
            token_hash: sha256_hex(refresh_token.as_bytes()),
            subject_role: principal.role,
            subject_id: principal.id.clone(),
            status: TokenStatus::Active,
            expires_at: now + REFRESH_TOKEN_TTL,
            created_at: now,
            client_id: app.map(|a| a.client_id.clone()),
            scope: app.map(|a| a.scopes.to_string()),
        },
    )?;
    if let Some(app) = app {
        crate::store::grants::touch(conn, &principal.id, &app.client_id, now)?;
    }
    let access_token = jwt.issue(principal, Some(family), app)?;
    Ok(Tokens {
        access_token,
        expires_in: ACCESS_TOKEN_TTL.as_secs(),
        refresh_token: Some(refresh_token),
        scope: app.map(|a| a.scopes.to_string()),
    })
}

/// Rotates a refresh token. An invalid one is refused, and the transaction still commits, so that the
/// revocation of a family whose rotated token came back stands. An app's token is refreshed only by that
/// app (its secret checked when it is confidential), while the app is active and its grant stands.
fn refresh(conn: &mut DbConn, jwt: &JwtKeys, refresh_token: &str, client: &ClientAuth, now: NaiveDateTime) -> Result<Result<Tokens>> {
    let invalid = || Ok(Err(Error::rule(Code::InvalidGrant, "the refresh token is invalid, expired or revoked")));
    let Some(row) = tokens::find_by_hash(conn, &sha256_hex(refresh_token.as_bytes()))? else {
        return invalid();
    };
    let app = match &row.client_id {
        Some(id) => {
            if client.client_id.as_deref() != Some(id.as_str()) {
                return Ok(Err(Error::rule(Code::InvalidGrant, "the refresh token was issued to another client")));
            }
            let app = match authenticate_app(conn, client) {
                Ok(app) => app,
                Err(e) => return Ok(Err(e)),
            };
            if !crate::store::grants::exists(conn, &row.subject_id, app.id.as_str())? {
                return invalid();
            }
            let scopes = Scopes::parse(row.scope.as_deref().unwrap_or_default())
                .map_err(|_| Error::internal("a stored scope that does not read"))?;
            Some(AppGrant { client_id: id.clone(), scopes })
        }
        None if names_app(conn, client)? => {
            return Ok(Err(Error::rule(Code::InvalidGrant, "the refresh token was issued to another client")));
        }
        None => None,
    };
    if row.status == TokenStatus::Active && row.expires_at <= now {
        return invalid();
    }
    if row.status != TokenStatus::Active || !tokens::mark_rotated(conn, &row.id)? {
        // A rotated token came back: someone holds a stolen copy. End the whole login.
        end_login(conn, &row.family_id, now)?;
        return invalid();
    }
    Ok(Ok(issue_pair(conn, jwt, &Principal { role: row.subject_role, id: row.subject_id }, &row.family_id, app.as_ref(), now)?))
}

/// Ends a login: its refresh tokens, and the access tokens issued to it.
pub fn end_login(conn: &mut DbConn, family_id: &str, now: NaiveDateTime) -> Result<()> {
    tokens::revoke_family(conn, family_id)?;
    revocations::revoke_login(conn, family_id, now)?;
    Ok(())
}

/// Ends every login of a resident or operator (after a password change): its refresh-token families,
/// and a resident's cabinet sessions.
pub fn end_logins_of(conn: &mut DbConn, principal: &Principal, now: NaiveDateTime) -> Result<()> {
    for family in tokens::families_of(conn, principal.role, &principal.id)? {
        end_login(conn, &family, now)?;
    }
    if principal.role == Role::Resident {
        crate::store::sessions::end_all_of(conn, &ResidentId::from(principal.id.as_str()), now)?;
    }
    Ok(())
}

/// Revokes the login of a refresh token or an access token (RFC 7009: unknown tokens are not an error).
/// An app's token is revoked only by that app (401 `invalid_client` when its credentials fail, 400
/// `unauthorized_client` for another client's token).
pub fn revoke(conn: &mut DbConn, jwt: &JwtKeys, token: &str, client: &ClientAuth, now: NaiveDateTime) -> Result<()> {
    let (family, owner) = match tokens::find_by_hash(conn, &sha256_hex(token.as_bytes()))? {
        Some(row) => (Some(row.family_id), row.client_id),
        None => match jwt.verify(token) {
            Some(access) => (access.sid, access.app.map(|a| a.client_id)),
            None => (None, None),
        },
    };
    if names_app(conn, client)? {
        let app = authenticate_app(conn, client)?;
        if owner.as_deref() != Some(app.id.as_str()) && family.is_some() {
            return Err(Error::rule(Code::UnauthorizedClient, "the token was issued to another client"));
        }
    } else if owner.is_some() {
        return Err(Error::rule(Code::InvalidClient, "an app's token is revoked with its client_id"));
    }
    match family {
        Some(family) => write_tx(conn, |conn| end_login(conn, &family, now)),
        None => Ok(()),
    }
}
