//! Who is looking at a page: the session cookie (an opaque token; the database keeps its hash), the
//! CSRF cookie every form echoes, and the answers pages share (a page, a redirect, the error pages).

use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieAge};
use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use askama::Template;

use crate::api::state::AppState;
use crate::crypto::{constant_time_eq, random_token};
use crate::domain::ids::ResidentId;
use crate::error::{Error, Result};
use crate::services::sessions;

pub const SESSION_COOKIE: &str = "ebill_session";
pub const CSRF_COOKIE: &str = "ebill_csrf";

/// The chrome every page shares.
pub struct Layout {
    pub signed_in: bool,
    pub csrf: String,
    pub current: &'static str,
}

/// A visitor: signed in or not, and the CSRF token their forms carry.
pub struct Visitor {
    pub resident: Option<ResidentId>,
    pub csrf: String,
    /// The CSRF cookie is new and goes out with the answer.
    fresh_csrf: bool,
    /// Cookies are `Secure` (the cabinet is served over https).
    secure: bool,
}

impl Visitor {
    pub fn layout(&self, current: &'static str) -> Layout {
        Layout { signed_in: self.resident.is_some(), csrf: self.csrf.clone(), current }
    }

    /// A page, with the CSRF cookie when it is new; never cached (it may show personal data).
    pub fn page(&self, status: StatusCode, page: &impl Template) -> HttpResponse {
        match page.render() {
            Ok(html) => {
                let mut response = HttpResponse::build(status);
                self.cookies(&mut response);
                response.insert_header((CONTENT_TYPE, "text/html; charset=utf-8")).insert_header((CACHE_CONTROL, "no-store")).body(html)
            }
            Err(e) => failure(&Error::internal(e)),
        }
    }

    /// A 303 to `to` (after a post), with the CSRF cookie when it is new.
    pub fn redirect(&self, to: &str) -> HttpResponse {
        let mut response = HttpResponse::SeeOther();
        self.cookies(&mut response);
        response.insert_header((LOCATION, to)).finish()
    }

    fn cookies(&self, response: &mut HttpResponseBuilder) {
        if self.fresh_csrf {
            let mut c = cookie(CSRF_COOKIE, self.csrf.clone(), None);
            c.set_secure(self.secure);
            response.cookie(c);
        }
    }
}

/// Whether cookies must be `Secure`: the cabinet is served over https.
fn secure(state: &AppState) -> bool {
    state.config.public_url.scheme() == "https"
}

fn cookie(name: &'static str, value: String, max_age: Option<CookieAge>) -> Cookie<'static> {
    let mut c = Cookie::build(name, value).path("/").http_only(true).same_site(SameSite::Lax).finish();
    if let Some(age) = max_age {
        c.set_max_age(age);
    }
    c
}

/// The cookie of a new session.
pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    let mut c = cookie(SESSION_COOKIE, token, None);
    c.set_secure(secure(state));
    c
}

/// The cookie that ends a session in the browser.
pub fn session_cleared(state: &AppState) -> Cookie<'static> {
    let mut c = cookie(SESSION_COOKIE, String::new(), Some(CookieAge::ZERO));
    c.set_secure(secure(state));
    c
}

/// Who sent `req`: the resident of a live session, if any (an unknown, ended or timed-out session is
/// no one), and the CSRF token (a new one when the browser has none).
pub async fn visitor(state: &AppState, req: &HttpRequest) -> Result<Visitor> {
    let (csrf, fresh_csrf) = match req.cookie(CSRF_COOKIE).map(|c| c.value().to_owned()).filter(|v| v.len() >= 32) {
        Some(token) => (token, false),
        None => (random_token(32), true),
    };
    let resident = match req.cookie(SESSION_COOKIE).map(|c| c.value().to_owned()).filter(|v| !v.is_empty()) {
        Some(token) => state.db(move |conn| sessions::resident_of(conn, &token, crate::clock::now())).await?,
        None => None,
    };
    if resident.is_some() {
        actix_web::HttpMessage::extensions_mut(req).insert(crate::api::observe::PrincipalKind("cabinet"));
    }
    Ok(Visitor { resident, csrf, fresh_csrf, secure: secure(state) })
}

/// Whether a posted form carries the CSRF token of the browser's cookie.
pub fn csrf_ok(visitor: &Visitor, posted: &str) -> bool {
    !visitor.fresh_csrf && !posted.is_empty() && constant_time_eq(posted, &visitor.csrf)
}

/// The page for a post without a valid CSRF token: nothing was changed.
pub fn forbidden() -> HttpResponse {
    plain(StatusCode::FORBIDDEN, "Форма устарела", "Обновите страницу и отправьте форму ещё раз: ничего не изменено.")
}

/// The page for an unknown id or one of another resident's (never saying which).
pub fn not_found() -> HttpResponse {
    plain(StatusCode::NOT_FOUND, "Не найдено", "Такого документа в вашем кабинете нет.")
}

/// The page for a failure of our own (logged with its whole cause, never shown).
pub fn failure(error: &Error) -> HttpResponse {
    tracing::error!("page failed: {}", error.chain());
    plain(StatusCode::INTERNAL_SERVER_ERROR, "Что-то пошло не так", "Попробуйте ещё раз через минуту.")
}

fn plain(status: StatusCode, title: &str, text: &str) -> HttpResponse {
    let html = format!(
        "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body><main><h1>{title}</h1>\
         <p class=\"card\">{text}</p><p><a href=\"/\">В личный кабинет</a></p></main></body></html>"
    );
    HttpResponse::build(status).insert_header((CONTENT_TYPE, "text/html; charset=utf-8")).body(html)
}

/// The visitor of a request, or (from the handler) the failure page when the session cannot be read.
macro_rules! visit {
    ($state:expr, $req:expr) => {
        match $crate::web::session::visitor(&$state, &$req).await {
            Ok(v) => v,
            Err(e) => return $crate::web::session::failure(&e),
        }
    };
}
pub(crate) use visit;

/// The signed-in resident, or (from the handler) the redirect to the login page.
macro_rules! signed_in {
    ($v:expr) => {
        match $v.resident.clone() {
            Some(me) => me,
            None => return $v.redirect("/login"),
        }
    };
}
pub(crate) use signed_in;
