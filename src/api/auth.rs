//! Typed extractors for the bearer token of each role: `AuthProvider`, `AuthResident`, `AuthOperator`,
//! and `Caller` for endpoints that anyone may call but operators see more of.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpRequest, web};

use crate::domain::role::{Principal, Role};
use crate::error::{Error, Result};
use crate::state::AppState;
use crate::store;

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

/// The principal of a request's valid token; `Ok(None)` without a token; 401 for a bad one.
pub fn principal(req: &HttpRequest, state: &AppState) -> Result<Option<Principal>> {
    match bearer(req) {
        None => Ok(None),
        Some(token) => state.jwt.verify(token?).map(Some).ok_or_else(|| Error::unauthorized("the access token is invalid or expired")),
    }
}

async fn authenticate(req: HttpRequest, role: Role) -> Result<String> {
    let state = state(&req)?;
    let principal = principal(&req, &state)?.ok_or_else(|| Error::unauthorized("this endpoint needs a bearer token"))?;
    if principal.role != role {
        return Err(Error::forbidden(format!("this endpoint is for the {} role", role.as_str())));
    }
    let id = principal.id.clone();
    let alive = state
        .db(move |conn| {
            Ok(match role {
                // A suspended provider's tokens stop working at once.
                Role::Provider => store::providers::status(conn, &id)?.as_deref() == Some("active"),
                Role::Operator => store::operators::exists(conn, &id)?,
                Role::Resident => true,
            })
        })
        .await?;
    if !alive {
        return Err(Error::unauthorized("the account behind this token is not active"));
    }
    Ok(principal.id)
}

macro_rules! role_extractor {
    ($name:ident, $role:expr, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone)]
        pub struct $name(pub String);

        impl FromRequest for $name {
            type Error = actix_web::Error;
            type Future = Pin<Box<dyn Future<Output = Result<Self, actix_web::Error>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move { Ok(Self(authenticate(req, $role).await?)) })
            }
        }
    };
}

role_extractor!(AuthProvider, Role::Provider, "An active provider; holds its id.");
role_extractor!(AuthResident, Role::Resident, "A resident; holds their id.");
role_extractor!(AuthOperator, Role::Operator, "An operator of the payment agent; holds their id.");

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
