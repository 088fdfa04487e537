//! The OAuth 2 grants: client credentials (providers), password (residents and operators) and
//! rotating refresh tokens (reuse of a rotated token revokes its whole family), and revocation.

use chrono::{Duration, NaiveDateTime};

use crate::crypto::{burn_password_check, random_token, sha256_hex, verify_password};
use crate::domain::ids::{ResidentId, new_id};
use crate::domain::role::{Principal, Role};
use crate::domain::vocabulary::{ProviderStatus, TokenStatus};
use crate::error::{Code, Error, Result};
use crate::services::jwt::{ACCESS_TOKEN_TTL, JwtKeys};
use crate::services::revocations;
use crate::store::db::{DbConn, write_tx};
use crate::store::tokens::{self, RefreshTokenRow};
use crate::store::{operators, providers, residents};

/// How long a refresh token lives.
pub const REFRESH_TOKEN_TTL: Duration = Duration::days(30);

/// A grant request, already read from the form or JSON body.
#[derive(Debug)]
pub enum Grant {
    ClientCredentials { client_id: String, client_secret: String },
    Password { username: String, password: String },
    RefreshToken { refresh_token: String },
}

/// What the token endpoint answers.
#[derive(Debug)]
pub struct Tokens {
    pub access_token: String,
    pub expires_in: u64,
    pub refresh_token: Option<String>,
}

/// Runs a grant: checks the credentials and issues the tokens.
pub fn grant(conn: &mut DbConn, jwt: &JwtKeys, grant: Grant, now: NaiveDateTime) -> Result<Tokens> {
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
            let access_token = jwt.issue(&Principal { role: Role::Provider, id: provider.id.into() }, None).map_err(Error::internal)?;
            Ok(Tokens { access_token, expires_in: ACCESS_TOKEN_TTL.as_secs(), refresh_token: None })
        }
        Grant::Password { username, password } => {
            let principal = authenticate_person(conn, &username, &password)?
                .ok_or_else(|| Error::rule(Code::InvalidGrant, "wrong email or password"))?;
            let family = new_id("rtf");
            issue_pair(conn, jwt, &principal, &family, now)
        }
        Grant::RefreshToken { refresh_token } => write_tx(conn, |conn| refresh(conn, jwt, &refresh_token, now))?
            .ok_or_else(|| Error::rule(Code::InvalidGrant, "the refresh token is invalid, expired or revoked")),
    }
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

fn issue_pair(conn: &mut DbConn, jwt: &JwtKeys, principal: &Principal, family: &str, now: NaiveDateTime) -> Result<Tokens> {
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
        },
    )?;
    let access_token = jwt.issue(principal, Some(family)).map_err(Error::internal)?;
    Ok(Tokens { access_token, expires_in: ACCESS_TOKEN_TTL.as_secs(), refresh_token: Some(refresh_token) })
}

/// Rotates a refresh token; `None` when it is not valid (the transaction still commits, so that the
/// revocation of a family whose rotated token came back stands).
fn refresh(conn: &mut DbConn, jwt: &JwtKeys, refresh_token: &str, now: NaiveDateTime) -> Result<Option<Tokens>> {
    let Some(row) = tokens::find_by_hash(conn, &sha256_hex(refresh_token.as_bytes()))? else {
        return Ok(None);
    };
    if row.status == TokenStatus::Active && row.expires_at <= now {
        return Ok(None);
    }
    if row.status != TokenStatus::Active || !tokens::mark_rotated(conn, &row.id)? {
        // A rotated token came back: someone holds a stolen copy. End the whole login.
        end_login(conn, &row.family_id, now)?;
        return Ok(None);
    }
    issue_pair(conn, jwt, &Principal { role: row.subject_role, id: row.subject_id }, &row.family_id, now).map(Some)
}

/// Ends a login: its refresh tokens, and the access tokens issued to it.
fn end_login(conn: &mut DbConn, family_id: &str, now: NaiveDateTime) -> Result<()> {
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

/// Revokes the login of a refresh token (RFC 7009: unknown tokens are not an error).
pub fn revoke(conn: &mut DbConn, refresh_token: &str, now: NaiveDateTime) -> Result<()> {
    write_tx(conn, |conn| match tokens::find_by_hash(conn, &sha256_hex(refresh_token.as_bytes()))? {
        Some(row) => end_login(conn, &row.family_id, now),
        None => Ok(()),
    })
}
