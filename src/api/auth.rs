//! Typed extractors for the bearer token of each role: `AuthProvider`, `AuthResident`, `AuthOperator`,
//! and `Caller` for endpoints that anyone may call but operators see more of.

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};

use crate::api::state::AppState;
use crate::domain::ids::{OperatorId, ProviderId, ResidentId};
use crate::domain::role::{Principal, Role};
use crate::error::{Error, Result};

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

/// The principal of a request's valid token; `Ok(None)` without a token; 401 for a bad, expired or
/// revoked one. Checked in memory: no database round trip.
pub fn principal(req: &HttpRequest, state: &AppState) -> Result<Option<Principal>> {
    match bearer(req) {
        None => Ok(None),
        Some(token) => state
            .jwt
            .verify(token?)
            .filter(|t| !state.revocations.is_revoked(t))
            .map(|t| Some(t.principal))
            .ok_or_else(|| Error::unauthorized("the access token is invalid, expired or revoked")),
    }
}

/// The id of the caller when its token is valid and of `role`. A suspended provider's tokens, and
/// those of a login that was revoked, are refused through the revocations.
fn authenticate(req: &HttpRequest, role: Role) -> Result<String> {
    let state = state(req)?;
    let principal = principal(req, &state)?.ok_or_else(|| Error::unauthorized("this endpoint needs a bearer token"))?;
    if principal.role != role {
        return Err(Error::forbidden(format!("this endpoint is for the {} role", role.as_str())));
    }
    Ok(principal.id)
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
                std::future::ready(authenticate(req, $role).map(|id| Self(<$id>::from(id))).map_err(Into::into))
            }
        }
    };
}

role_extractor!(AuthProvider, Role::Provider, ProviderId, "An active provider; holds its id.");
role_extractor!(AuthResident, Role::Resident, ResidentId, "A resident; holds their id.");
role_extractor!(AuthOperator, Role::Operator, OperatorId, "An operator of the payment agent; holds their id.");

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

/// The client a change came from, for the audit trail: its `User-Agent`.
pub fn client_of(req: &HttpRequest) -> Option<String> {
    req.headers().get("user-agent").and_then(|v| v.to_str().ok()).map(|ua| ua.chars().take(200).collect())
}
