//! What answers when no route matched: 405 with `Allow` when the path exists with other methods
//! (known from the generated spec, so it cannot drift from the router), 404 otherwise.

use actix_web::{HttpRequest, HttpResponse, ResponseError, web};

use crate::error::{Error, Problem};

/// The paths of the API and the methods each takes.
#[derive(Debug, Default)]
pub struct RouteTable(Vec<(Vec<String>, Vec<&'static str>)>);

impl RouteTable {
    pub fn from_spec(spec: &utoipa::openapi::OpenApi) -> Self {
        let routes = spec
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    ("GET", item.get.is_some()),
                    ("POST", item.post.is_some()),
                    ("PUT", item.put.is_some()),
                    ("PATCH", item.patch.is_some()),
                    ("DELETE", item.delete.is_some()),
                ];
                let segments = path.split('/').map(str::to_owned).collect();
                (segments, methods.into_iter().filter(|(_, has)| *has).map(|(m, _)| m).collect())
            })
            .collect();
        Self(routes)
    }

    /// The methods the path takes, if the API has it.
    fn allowed(&self, path: &str) -> Option<Vec<&'static str>> {
        let asked: Vec<&str> = path.split('/').collect();
        let mut allowed: Vec<&'static str> = Vec::new();
        for (segments, methods) in &self.0 {
            let matches = segments.len() == asked.len()
                && segments.iter().zip(&asked).all(|(pattern, seg)| pattern == seg || (pattern.starts_with('{') && !seg.is_empty()));
            if matches {
                allowed.extend(methods);
            }
        }
        (!allowed.is_empty()).then_some(allowed)
    }
}

pub async fn fallback(req: HttpRequest, routes: web::Data<RouteTable>) -> HttpResponse {
    match routes.allowed(req.path()) {
        Some(methods) => {
            let allow = methods.join(", ");
            Error::from(
                Problem::new(405, "method_not_allowed", "Method not allowed", format!("{} is not allowed here; use {allow}", req.method()))
                    .header("allow", allow),
            )
            .error_response()
        }
        None => Error::from(Problem::new(404, "not_found", "Not found", format!("no route {}", req.path()))).error_response(),
    }
}
