//! The outermost middleware: gives each request an id (`X-Request-Id`) and a trace context (the W3C
//! `traceparent` it brought, or a new one), renders errors inside that id's scope, adds the
//! `RateLimit*` headers, records metrics and writes the access log (one structured event a request).

use std::time::Instant;

use actix_web::HttpResponse;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use crate::api::errors::REQUEST_ID;
use crate::api::errors::{Problem, code_of_status, problem_body};
use crate::api::limits::RateLimitState;
use crate::api::state::AppState;
use crate::trace::TraceParent;
use tracing::Instrument;

const REQUEST_ID_HEADER: &str = "x-request-id";
/// The routes of health probes and metric scrapes.
const PROBES: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

fn incoming_id(req: &ServiceRequest) -> Option<String> {
    let id = req.headers().get(REQUEST_ID_HEADER)?.to_str().ok()?;
    let ok = !id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| id.to_owned())
}

/// Every error answers problem+json, also those actix answers by itself (a body over the size limit,
/// a header it cannot read): such a body is replaced, its other headers kept.
fn as_problem(res: ServiceResponse<BoxBody>, request_id: &str) -> ServiceResponse<BoxBody> {
    let status = res.status();
    // A page of the cabinet shows its own errors (a form with messages next to its fields).
    let answered = res.headers().get(CONTENT_TYPE).is_some_and(|v| {
        let v = v.as_bytes();
        v.starts_with(b"application/problem+json") || v.starts_with(b"text/html")
    });
    if status.as_u16() < 400 || answered {
        return res;
    }
    let reason = status.canonical_reason().unwrap_or("error").to_lowercase();
    let mut problem = Problem::of(code_of_status(status.as_u16()), format!("the request could not be served: {reason}"));
    problem.status = status.as_u16();
    let body = problem_body(&problem, Some(request_id)).to_string();
    let mut replacement = HttpResponse::build(status);
    for (name, value) in res.headers() {
        if name != CONTENT_TYPE && name != CONTENT_LENGTH {
            replacement.append_header((name.clone(), value.clone()));
        }
    }
    res.into_response(replacement.content_type("application/problem+json").body(body))
}

/// Who called, for the access log: set by the authentication of the API and the cabinet.
#[derive(Debug, Clone, Copy)]
pub struct PrincipalKind(pub &'static str);

pub async fn observe(req: ServiceRequest, next: Next<impl MessageBody + 'static>) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let started = Instant::now();
    let id = incoming_id(&req).unwrap_or_else(|| uuid::Uuid::now_v7().simple().to_string());
    let method = req.method().to_string();
    let trace =
        req.headers().get("traceparent").and_then(|v| v.to_str().ok()).and_then(TraceParent::parse).unwrap_or_else(TraceParent::begin);
    let trace_id = trace.trace_id().to_owned();
    let span = tracing::info_span!("request", request_id = %id, trace_id = %trace_id);
    // Handlers and middleware render their errors as responses inside this scope, so every
    // problem+json body carries the request id; what the request queues keeps its trace context.
    let res = REQUEST_ID.scope(id.clone(), crate::trace::scope(trace, next.call(req))).instrument(span).await?.map_into_boxed_body();
    let mut res = as_problem(res, &id);

    let rate_state = res.request().extensions().get::<RateLimitState>().cloned();
    let headers = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(HeaderName::from_static(REQUEST_ID_HEADER), value);
    }
    if let Some(state) = rate_state {
        for (name, value) in state.headers() {
            if let (false, Ok(value)) = (headers.contains_key(name), HeaderValue::from_str(&value)) {
                headers.insert(HeaderName::from_static(name), value);
            }
        }
    }

    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".into());
    let status = res.status().as_u16();
    let elapsed = started.elapsed();
    if let Some(state) = res.request().app_data::<web::Data<AppState>>() {
        state.metrics.observe(&method, &route, status, elapsed.as_secs_f64());
    }
    let principal = res.request().extensions().get::<PrincipalKind>().map_or("anonymous", |p| p.0);
    let latency_ms = (elapsed.as_secs_f64() * 1000.0 * 10.0).round() / 10.0;
    // Probes (a load balancer's every few seconds, per replica) are counted in the metrics; their
    // access events are debug, so the log keeps what people did.
    if PROBES.contains(&route.as_str()) && status < 400 {
        tracing::debug!(target: "ebill::access", request_id = %id, route = %route, status, latency_ms, "{method} {route} {status}");
        return Ok(res);
    }
    tracing::info!(
        target: "ebill::access",
        request_id = %id,
        trace_id = %trace_id,
        method = %method,
        route = %route,
        status,
        latency_ms,
        principal,
        "{method} {} {status} {latency_ms}ms",
        res.request().path()
    );
    Ok(res)
}
