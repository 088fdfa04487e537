//! What answers when no route matched: 405 with `Allow` when the path exists with other methods
//! (known from the generated spec, so it cannot drift from the router), 404 otherwise.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::error::{Code, Error};

/// One operation of the API: its path pattern, method, whether it needs a token, and its query
/// parameters.
#[derive(Debug)]
struct Route {
    segments: Vec<String>,
    method: &'static str,
    needs_token: bool,
    query: Vec<String>,
}

/// The operations of the API, read from the generated spec.
#[derive(Debug, Default)]
pub struct RouteTable(Vec<Route>);

impl RouteTable {
    pub fn from_spec(spec: &utoipa::openapi::OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &spec.paths.paths {
            let ops = [("GET", &item.get), ("POST", &item.post), ("PUT", &item.put), ("PATCH", &item.patch), ("DELETE", &item.delete)];
            for (method, op) in ops {
                if let Some(op) = op {
                    let (token_ok, anonymous_ok) = crate::api::openapi::security_of(op);
                    let query = op
                        .parameters
                        .iter()
                        .flatten()
                        .filter(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
                        .map(|p| p.name.clone())
                        .collect();
                    routes.push(Route {
                        segments: path.split('/').map(str::to_owned).collect(),
                        method,
                        needs_token: token_ok && !anonymous_ok,
                        query,
                    });
                }
            }
        }
        Self(routes)
    }

    fn matching<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Route> + 'a {
        let asked: Vec<&str> = path.split('/').collect();
        self.0.iter().filter(move |r| {
            r.segments.len() == asked.len()
                && r.segments.iter().zip(&asked).all(|(pattern, seg)| pattern == seg || (pattern.starts_with('{') && !seg.is_empty()))
        })
    }

    /// The methods the path takes, if the API has it.
    fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let allowed: Vec<&'static str> = self.matching(path).map(|r| r.method).collect();
        (!allowed.is_empty()).then_some(allowed)
    }

    /// The first of `names` that no operation of this method and path takes as a query parameter;
    /// `None` when all are known or no operation matches. The OAuth endpoints are left out: RFC 6749
    /// has them ignore parameters they do not know.
    pub fn unknown_query_parameter<'a>(&self, method: &str, path: &str, mut names: impl Iterator<Item = &'a str>) -> Option<&'a str> {
        if path.starts_with("/v1/oauth/") {
            return None;
        }
        let routes: Vec<&Route> = self.matching(path).filter(|r| r.method == method).collect();
        if routes.is_empty() {
            return None;
        }
        names.find(|name| !routes.iter().any(|r| r.query.iter().any(|q| q == name)))
    }

    /// `None` when no operation has this method and path; else whether it needs a token.
    pub fn needs_token(&self, method: &str, path: &str) -> Option<bool> {
        self.matching(path).find(|r| r.method == method).map(|r| r.needs_token)
    }
}

pub async fn fallback(req: HttpRequest, routes: web::Data<RouteTable>) -> HttpResponse {
    let browser = req.headers().get(actix_web::http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    if browser && !req.path().starts_with("/v1/") {
        // A person following a wrong link in the cabinet gets a page, not JSON.
        return HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(
            "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Страница не найдена</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main>\
             <h1>Страница не найдена</h1><p class=\"card\">Такой страницы нет. Проверьте адрес или откройте личный кабинет.</p>\
             <p><a href=\"/\">В личный кабинет</a></p></main></body></html>",
        );
    }
    match routes.allowed(req.path()) {
        Some(methods) => {
            let allow = methods.join(", ");
            let mut response =
                Error::rule(Code::MethodNotAllowed, format!("{} is not allowed here; use {allow}", req.method())).error_response();
            if let Ok(value) = actix_web::http::header::HeaderValue::from_str(&allow) {
                response.headers_mut().insert(actix_web::http::header::ALLOW, value);
            }
            response
        }
        None => Error::rule(Code::NotFound, format!("no route {}", req.path())).error_response(),
    }
}
