//! The resident's cabinet: pages rendered by the binary (askama templates, one embedded stylesheet and
//! script) over the same services as the API, with server-side sessions and CSRF tokens.

mod addresses;
mod auth;
mod check;
mod documents;
mod form;
mod messages;
pub mod oauth;
mod profile;
mod session;

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::DefaultHeaders;
use actix_web::web::{self, ServiceConfig};
use actix_web::{HttpResponse, Responder, get};

/// What every page sends: no inline script, no framing, no referrer leaving the site.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The security headers of every page (a page may set its own CSP first).
const HEADERS: [(&str, &str); 4] = [
    ("content-security-policy", CSP),
    ("referrer-policy", "same-origin"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
];

/// The security headers of every page.
pub fn headers() -> DefaultHeaders {
    HEADERS.into_iter().fold(DefaultHeaders::new(), |headers, pair| headers.add(pair))
}

/// The security headers on a page served outside the cabinet's scope (the authorization endpoint under
/// `/v1`), where the page did not set them itself.
pub fn protect(response: &mut HttpResponse) {
    for (name, value) in HEADERS {
        if !response.headers().contains_key(name) {
            response.headers_mut().insert(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
    }
}

/// The cabinet's routes (mounted beside `/v1`).
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(
        web::scope("")
            .wrap(headers())
            .service(stylesheet)
            .service(script)
            .service(auth::home)
            .service(auth::login_page)
            .service(auth::login)
            .service(auth::logout)
            .service(auth::register_page)
            .service(auth::register)
            .service(auth::confirm_email)
            .service(auth::password_reset_page)
            .service(auth::password_reset)
            .service(oauth::decide)
            .service(addresses::page)
            .service(addresses::link)
            .service(addresses::delivery)
            .service(addresses::confirm)
            .service(addresses::resend)
            .service(check::page)
            .service(documents::list)
            .service(documents::as_pdf)
            .service(documents::one)
            .service(documents::qr)
            .service(profile::page)
            .service(profile::email)
            .service(profile::phone)
            .service(profile::confirm_phone)
            .service(profile::resend_confirmation)
            .service(profile::password)
            .service(profile::revoke_app)
            .service(profile::delete)
            .service(profile::export),
    );
}

fn asset(content_type: &'static str, body: &'static str) -> HttpResponse {
    HttpResponse::Ok().insert_header((CONTENT_TYPE, content_type)).insert_header((CACHE_CONTROL, "public, max-age=3600")).body(body)
}

#[get("/static/app.css")]
async fn stylesheet() -> impl Responder {
    asset("text/css; charset=utf-8", include_str!("assets/app.css"))
}

#[get("/static/app.js")]
async fn script() -> impl Responder {
    asset("text/javascript; charset=utf-8", include_str!("assets/app.js"))
}
