//! Typed extractors for the bearer token of each role: `AuthProvider`, `AuthResident<N>` (which also
//! names the scope `N` an app's token needs), `AuthOperator`, and `Caller` for endpoints that anyone may
//! call but operators see more of.

use std::marker::PhantomData;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use crate::api::observe::PrincipalKind;
use crate::api::state::AppState;
use crate::domain::ids::{OperatorId, ProviderId, ResidentId};
use crate::domain::role::{Principal, Role};
use crate::domain::scope::Scope;
use crate::error::{Code, Error, Result};
use crate::services::jwt::{AccessToken, AppGrant};

fn state(req: &HttpRequest) -> Result<web::Data<AppState>> {
    req.app_data::<web::Data<AppState>>().cloned().ok_or_else(|| Error::internal("app state missing"))
}

/// The bearer token of a request, if it sent one.
pub fn bearer(req: &HttpRequest) -> Option<Result<&str>> {
    let value = req.headers().get(AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Error::unauthorized("the Authorization header must be 'Bearer <token>'")),
    )
}

/// A request's valid token; `Ok(None)` without a token; 401 for a bad, expired or revoked one.
/// Checked in memory: no database round trip.
pub fn access_token(req: &HttpRequest, state: &AppState) -> Result<Option<AccessToken>> {
    let token = match bearer(req) {
        None => return Ok(None),
        Some(token) => state
            .jwt
            .verify(token?)
            .filter(|t| !state.revocations.is_revoked(t))
            .ok_or_else(|| Error::unauthorized("the access token is invalid, expired or revoked"))?,
    };
    let kind = match (token.principal.role, &token.app) {
        (Role::Resident, Some(_)) => "app",
        (role, _) => role.as_str(),
    };
    req.extensions_mut().insert(PrincipalKind(kind));
    Ok(Some(token))
}

/// The principal of a request's valid token (see `access_token`).
pub fn principal(req: &HttpRequest, state: &AppState) -> Result<Option<Principal>> {
    Ok(access_token(req, state)?.map(|t| t.principal))
}

/// The token of the caller when it is valid and of `role`. A suspended provider's tokens, and those
/// of a login that was revoked, are refused through the revocations.
fn authenticate(req: &HttpRequest, role: Role) -> Result<AccessToken> {
    let state = state(req)?;
    let token = access_token(req, &state)?.ok_or_else(|| Error::unauthorized("this endpoint needs a bearer token"))?;
    if token.principal.role != role {
        return Err(Error::forbidden(format!("this endpoint is for the {} role", role.as_str())));
    }
    Ok(token)
}

macro_rules! role_extractor {
    ($name:ident, $role:expr, $id:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name(pub $id);

        impl FromRequest for $name {
            type Error = actix_web::Error;
            type Future = std::future::Ready<Result<Self, actix_web::Error>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                std::future::ready(authenticate(req, $role).map(|t| Self(<$id>::from(t.principal.id))).map_err(Into::into))
            }
        }
    };
}

role_extractor!(AuthProvider, Role::Provider, ProviderId, "An active provider; holds its id.");
role_extractor!(AuthOperator, Role::Operator, OperatorId, "An operator of the payment agent; holds their id.");

/// What a resident operation needs of an app's token: a scope, or (`None`) a first-party login.
pub trait Need {
    const SCOPE: Option<Scope>;
}

/// The needs of resident operations, one type each, named in the handler's signature.
pub mod need {
    use super::{Need, Scope};

    macro_rules! needs {
        ($($(#[$doc:meta])* $name:ident => $scope:expr;)+) => {$(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl Need for $name {
                const SCOPE: Option<Scope> = $scope;
            }
        )+};
    }

    needs! {
        /// `profile:read`.
        ProfileRead => Some(Scope::ProfileRead);
        /// `addresses:read`.
        AddressesRead => Some(Scope::AddressesRead);
        /// `addresses:write`.
        AddressesWrite => Some(Scope::AddressesWrite);
        /// `delivery:write`.
        DeliveryWrite => Some(Scope::DeliveryWrite);
        /// `documents:read`.
        DocumentsRead => Some(Scope::DocumentsRead);
        /// No app may: the cabinet and first-party logins only (the password, the account, its grants).
        FirstParty => None;
    }
}

/// A resident whose token may do `N`: a first-party login may do everything, an app's token what its
/// scopes allow (403 `insufficient_scope` otherwise). Holds the resident's id and the app, if any.
#[derive(Debug, Clone)]
pub struct AuthResident<N: Need>(pub ResidentId, pub Option<AppGrant>, PhantomData<N>);

/// 403 `insufficient_scope` unless `app` (none for a first-party login) may do `N`.
pub fn check_need<N: Need>(app: Option<&AppGrant>) -> Result<()> {
    let Some(app) = app else { return Ok(()) };
    match N::SCOPE {
        Some(scope) if app.scopes.contains(scope) => Ok(()),
        Some(scope) => Err(Error::rule_of(Code::InsufficientScope, format!("this operation needs the scope {}", scope.as_str()))
            .with("scope", scope.as_str())
            .into()),
        None => Err(Error::rule(Code::InsufficientScope, "only the cabinet and first-party logins may do this; no app may")),
    }
}

impl<N: Need> FromRequest for AuthResident<N> {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let resident = authenticate(req, Role::Resident).and_then(|t| {
            check_need::<N>(t.app.as_ref())?;
            Ok(Self(ResidentId::from(t.principal.id), t.app, PhantomData))
        });
        std::future::ready(resident.map_err(Into::into))
    }
}

/// Anyone: `None` without a token, the principal with a valid one, 401 with an invalid one.
#[derive(Debug, Clone)]
pub struct Caller(pub Option<Principal>);

impl Caller {
    pub fn is_operator(&self) -> bool {
        matches!(&self.0, Some(p) if p.role == Role::Operator)
    }
}

impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(state(req).and_then(|s| principal(req, &s)).map(Self).map_err(Into::into))
    }
}

/// The client a change came from, for the audit trail: its `User-Agent` (first-party logins and the
/// cabinet; an app is named by its authenticated `client_id` instead).
pub fn client_of(req: &HttpRequest) -> Option<String> {
    req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|ua| ua.chars().take(200).collect())
}
