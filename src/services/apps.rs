//! Third-party apps that act for residents (OAuth clients): operators register them, with their
//! redirect URIs (RFC 8252 for native apps, https for web apps) and, for a confidential app, a secret
//! shown once; and suspend them.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::crypto::{hash_password, random_token};
use crate::domain::ids::{AppId, OperatorId};
use crate::domain::redirect_uri;
use crate::domain::scope::Scopes;
use crate::domain::vocabulary::{AppStatus, AppType};
use crate::error::{Code, Error, FieldError, Result};
use crate::services::audit::{self, Actor};
use crate::store::apps::{self as store, AppRow};
use crate::store::db::{DbConn, write_tx};

/// The most redirect URIs an app may register.
pub const MAX_REDIRECT_URIS: usize = 10;

/// A registered app, and its secret when it was just made (shown once).
#[derive(Debug)]
pub struct Registered {
    pub app: AppRow,
    pub client_secret: Option<String>,
}

/// An app as the operator asks for it.
#[derive(Debug)]
pub struct NewApp {
    pub name: String,
    pub app_type: AppType,
    pub redirect_uris: Vec<String>,
    pub scopes: Scopes,
}

/// Every redirect URI checked for an app of `app_type`, each failure named by its index.
pub fn check_redirect_uris(uris: &[String], app_type: AppType) -> std::result::Result<Vec<String>, Vec<FieldError>> {
    if uris.is_empty() || uris.len() > MAX_REDIRECT_URIS {
        return Err(vec![FieldError::new("redirect_uris", format!("must hold 1 to {MAX_REDIRECT_URIS} URIs"))]);
    }
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (i, uri) in uris.iter().enumerate() {
        match redirect_uri::parse(uri, app_type) {
            Ok(uri) if checked.contains(&uri) => errors.push(FieldError::new(format!("redirect_uris[{i}]"), "is listed twice")),
            Ok(uri) => checked.push(uri),
            Err(message) => errors.push(FieldError::new(format!("redirect_uris[{i}]"), message)),
        }
    }
    if errors.is_empty() { Ok(checked) } else { Err(errors) }
}

/// Registers an app (its redirect URIs already checked); a confidential app gets a secret.
pub fn register(conn: &mut DbConn, new: NewApp, operator_id: &OperatorId, now: NaiveDateTime) -> Result<Registered> {
    let client_secret = (new.app_type == AppType::Confidential).then(|| format!("sk_app_{}", random_token(32)));
    let client_secret_hash = client_secret.as_deref().map(hash_password).transpose().map_err(Error::internal)?;
    let app = AppRow {
        id: AppId::new(),
        name: new.name,
        app_type: new.app_type,
        redirect_uris: serde_json::to_string(&new.redirect_uris).map_err(Error::internal)?,
        client_secret_hash,
        status: AppStatus::Active,
        created_by: operator_id.clone(),
        created_at: now,
        updated_at: now,
        scopes: new.scopes.to_string(),
    };
    write_tx(conn, |conn| {
        store::insert(conn, &app)?;
        let data = json!({"name": app.name, "type": app.app_type, "redirect_uris": new.redirect_uris, "scopes": app.scopes});
        audit::record(conn, Actor::Operator(operator_id), "app.registered", ("app", &app.id), data, now)
    })?;
    Ok(Registered { app, client_secret })
}

/// The registered redirect URIs of `app`.
pub fn redirect_uris(app: &AppRow) -> Vec<String> {
    serde_json::from_str(&app.redirect_uris).unwrap_or_default()
}

/// Up to `limit + 1` apps after the app `after`.
pub fn page(conn: &mut DbConn, after: Option<&str>, limit: u32) -> Result<Vec<AppRow>> {
    Ok(store::page(conn, after, i64::from(limit) + 1)?)
}

/// active → suspended, by an operator: the app gets no new tokens, residents' grants to it are
/// withdrawn and every token it holds is revoked.
pub fn suspend(conn: &mut DbConn, id: &AppId, operator_id: &OperatorId, now: NaiveDateTime) -> Result<AppRow> {
    write_tx(conn, |conn| {
        let mut app = store::find(conn, id)?.ok_or_else(|| Error::not_found("app"))?;
        if app.status == AppStatus::Suspended {
            return Err(Error::rule(Code::InvalidTransition, "the app is already suspended"));
        }
        store::set_status(conn, id, AppStatus::Suspended, now)?;
        crate::services::grants::withdraw_app(conn, id, now)?;
        audit::record(
            conn,
            Actor::Operator(operator_id),
            "app.suspended",
            ("app", id),
            json!({"from": app.status, "to": AppStatus::Suspended}),
            now,
        )?;
        app.status = AppStatus::Suspended;
        app.updated_at = now;
        Ok(app)
    })
}
