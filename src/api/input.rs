//! Input refused before it reaches a handler: the NUL character in a path (404, as no id holds it) or
//! in a query parameter (400 naming the parameter), which no database can store, and a query
//! parameter the operation does not take (400 naming it, so that a typo or a `?dry_run=true` never
//! turns a check into a write). A call that needs a token and has no valid one passes on, so that it
//! is answered 401 like any other.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{ResponseError, web};

use crate::api::auth::principal;
use crate::api::fallback::RouteTable;
use crate::api::state::AppState;
use crate::error::{Code, Error};

/// Whether text holds a character that cannot be stored: NUL (PostgreSQL text refuses it).
pub fn unstorable(text: &str) -> bool {
    text.contains('\0')
}

/// The first query parameter whose name or value holds NUL.
fn nul_parameter(pairs: &[(String, String)]) -> Option<String> {
    pairs.iter().find(|(name, value)| unstorable(name) || unstorable(value)).map(|(name, _)| name.replace('\0', "\\0"))
}

fn form_urlencoded_pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    url::form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned()))
}

/// Whether the call needs a token it does not validly have (then its handler answers 401).
fn unauthenticated(req: &ServiceRequest) -> bool {
    let (Some(state), Some(routes)) = (req.app_data::<web::Data<AppState>>(), req.app_data::<web::Data<RouteTable>>()) else {
        return false;
    };
    let needs_token = routes.needs_token(req.method().as_str(), req.path()).unwrap_or(false);
    needs_token && !matches!(principal(req.request(), state), Ok(Some(_)))
}

pub async fn refuse_unstorable(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let path_nul = req.uri().path().contains("%00");
    let pairs: Vec<(String, String)> = form_urlencoded_pairs(req.query_string()).collect();
    let query_nul = nul_parameter(&pairs);
    if (path_nul || query_nul.is_some()) && !unauthenticated(&req) {
        let err = match query_nul {
            Some(name) if !path_nul => Error::rule_of(Code::InvalidQuery, format!("{name}: must not contain the NUL character"))
                .field(name, "must not contain the NUL character")
                .into(),
            _ => Error::not_found("resource"),
        };
        return Ok(req.into_response(err.error_response()));
    }
    if let Some(routes) = req.app_data::<web::Data<RouteTable>>().filter(|_| !pairs.is_empty()) {
        let unknown = routes.unknown_query_parameter(req.method().as_str(), req.path(), pairs.iter().map(|(name, _)| name.as_str()));
        if let Some(name) = unknown.map(str::to_owned).filter(|_| !unauthenticated(&req)) {
            let err: Error = Error::rule_of(Code::InvalidQuery, format!("{name}: not a parameter of this operation"))
                .field(name, "not a parameter of this operation")
                .into();
            return Ok(req.into_response(err.error_response()));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nul_in_names_and_values() {
        assert_eq!(nul_parameter(&form_urlencoded_pairs("limit=5&cursor=a%00b").collect::<Vec<_>>()), Some("cursor".into()));
        assert_eq!(nul_parameter(&form_urlencoded_pairs("per%00iod=2021-08").collect::<Vec<_>>()), Some("per\\0iod".into()));
        assert_eq!(nul_parameter(&form_urlencoded_pairs("limit=5&period=2021-08").collect::<Vec<_>>()), None);
    }
}
