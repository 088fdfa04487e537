//! Signing up, in and out: registration with the consent checkbox, the emailed confirmation link,
//! login (limited like the token endpoint, one answer for every wrong pair), logout, and the password
//! reset pages.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::api::limits::{Limit, client_ip};
use crate::api::state::AppState;
use crate::domain::consent::{CONSENT_TEXT, CONSENT_VERSION};
use crate::services::{account, residents, sessions};
use crate::web::form::{Form, WHOLE};
use crate::web::messages::{self, of_field};
use crate::web::session::{Layout, Visitor, csrf_ok, failure, forbidden, session_cleared, session_cookie, visit};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    layout: Layout,
    form: Form,
    notice: Option<&'static str>,
    /// Where to go after signing in: an app's authorization request.
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    layout: Layout,
    form: Form,
    consent_version: &'static str,
    consent_text: &'static str,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub layout: Layout,
    pub title: &'static str,
    pub text: String,
    pub link: Option<(&'static str, &'static str)>,
}

#[derive(Template)]
#[template(path = "password_reset.html")]
struct PasswordResetPage {
    layout: Layout,
    form: Form,
    token: Option<String>,
}

/// `/`: the cabinet for a signed-in resident, the login page for anyone else.
#[get("/")]
pub async fn home(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    v.redirect(if v.resident.is_some() { "/addresses" } else { "/login" })
}

fn login_form(v: &Visitor, form: Form, notice: Option<&'static str>, next: Option<String>, status: StatusCode) -> HttpResponse {
    v.page(status, &LoginPage { layout: v.layout("login"), form, notice, next })
}

/// Where a login may lead on: only back to an app's authorization request on this site, so that the
/// login page can never send anyone elsewhere.
fn safe_next(next: &str) -> Option<String> {
    let ok = next.starts_with(crate::web::oauth::AUTHORIZE_PATH) && next[crate::web::oauth::AUTHORIZE_PATH.len()..].starts_with('?');
    ok.then(|| next.to_owned())
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

#[get("/login")]
pub async fn login_page(state: web::Data<AppState>, req: HttpRequest, query: web::Query<NextQuery>) -> HttpResponse {
    let v = visit!(state, req);
    let next = safe_next(&query.next);
    if v.resident.is_some() {
        return v.redirect(next.as_deref().unwrap_or("/addresses"));
    }
    login_form(&v, Form::default(), None, next, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    csrf_token: String,
}

#[post("/login")]
pub async fn login(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<LoginForm>) -> HttpResponse {
    let v = visit!(state, req);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::with(&[("email", f.email.trim())]);
    let next = safe_next(&f.next);
    if let Err(e) = state.limits.check(Limit::Token, &client_ip(&req), &req).await {
        return match messages::apply(&mut form, e) {
            Ok(()) => login_form(&v, form, None, next, StatusCode::TOO_MANY_REQUESTS),
            Err(e) => failure(&e),
        };
    }
    let email = f.email.trim().to_lowercase();
    match state.db(move |conn| sessions::begin(conn, &email, &f.password, crate::clock::now())).await {
        Ok(begun) => {
            let mut response = v.redirect(next.as_deref().unwrap_or("/addresses"));
            if let Err(e) = response.add_cookie(&session_cookie(&state, begun.token)) {
                return failure(&crate::error::Error::internal(e));
            }
            response
        }
        Err(e) => match messages::apply(&mut form, e) {
            Ok(()) => login_form(&v, form, None, next, StatusCode::UNPROCESSABLE_ENTITY),
            Err(e) => failure(&e),
        },
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    csrf_token: String,
}

#[post("/logout")]
pub async fn logout(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<CsrfOnly>) -> HttpResponse {
    let v = visit!(state, req);
    if !csrf_ok(&v, &posted.csrf_token) {
        return forbidden();
    }
    if let Some(token) = req.cookie(crate::web::session::SESSION_COOKIE).map(|c| c.value().to_owned())
        && let Err(e) = state.db(move |conn| sessions::end(conn, &token, crate::clock::now())).await
    {
        return failure(&e);
    }
    let mut response = v.redirect("/login");
    if let Err(e) = response.add_cookie(&session_cleared(&state)) {
        return failure(&crate::error::Error::internal(e));
    }
    response
}

fn register_form(v: &Visitor, form: Form, status: StatusCode) -> HttpResponse {
    let page = RegisterPage { layout: v.layout("register"), form, consent_version: CONSENT_VERSION, consent_text: CONSENT_TEXT };
    v.page(status, &page)
}

#[get("/register")]
pub async fn register_page(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    register_form(&v, Form::default(), StatusCode::OK)
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    csrf_token: String,
}

#[post("/register")]
pub async fn register(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<RegisterForm>) -> HttpResponse {
    let v = visit!(state, req);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::with(&[("email", f.email.trim()), ("phone", f.phone.trim()), ("name", f.name.trim()), ("consent", &f.consent)]);
    if let Err(e) = state.limits.check(Limit::ResidentRegistration, &client_ip(&req), &req).await {
        return match messages::apply(&mut form, e) {
            Ok(()) => register_form(&v, form, StatusCode::TOO_MANY_REQUESTS),
            Err(e) => failure(&e),
        };
    }
    let email = form.email("email", &f.email);
    let phone = form.mobile("phone", &f.phone);
    form.new_password("password", &f.password);
    if f.name.trim().chars().count() > 200 {
        form.fail("name", of_field("name"));
    }
    if f.consent.is_empty() {
        form.fail("consent", of_field("consent"));
    }
    let (Some(phone), false) = (phone, form.failed()) else { return register_form(&v, form, StatusCode::UNPROCESSABLE_ENTITY) };
    let new = residents::NewResident {
        email: email.clone(),
        phone,
        password: f.password,
        name: Some(f.name.trim().to_owned()).filter(|n| !n.is_empty()),
        consent_version: f.consent,
    };
    let app = state.clone();
    match state.db(move |conn| residents::register(conn, &app.keys, &app.config.public_url, new, crate::clock::now())).await {
        Ok(_) => v.page(
            StatusCode::CREATED,
            &MessagePage {
                layout: v.layout("register"),
                title: "Проверьте почту",
                text: format!("Мы отправили письмо на {email}. Перейдите по ссылке из него, чтобы подтвердить адрес, затем войдите."),
                link: Some(("/login", "Войти")),
            },
        ),
        Err(e) => match messages::apply(&mut form, e) {
            Ok(()) => register_form(&v, form, StatusCode::UNPROCESSABLE_ENTITY),
            Err(e) => failure(&e),
        },
    }
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// The link of a confirmation email.
#[get("/confirm-email")]
pub async fn confirm_email(state: web::Data<AppState>, req: HttpRequest, query: web::Query<TokenQuery>) -> HttpResponse {
    let v = visit!(state, req);
    let token = query.into_inner().token;
    let next = if v.resident.is_some() { ("/addresses", "В личный кабинет") } else { ("/login", "Войти") };
    match state.db(move |conn| residents::confirm_email(conn, &token, crate::clock::now())).await {
        Ok(resident) => v.page(
            StatusCode::OK,
            &MessagePage {
                layout: v.layout(""),
                title: "Адрес подтверждён",
                text: format!("Адрес {} подтверждён: на него будут приходить электронные квитанции.", resident.email),
                link: Some(next),
            },
        ),
        Err(e) if e.code().is_some() => v.page(
            StatusCode::UNPROCESSABLE_ENTITY,
            &MessagePage {
                layout: v.layout(""),
                title: "Ссылка не работает",
                text: "Ссылка устарела или уже использована. Войдите в кабинет: в профиле можно отправить письмо ещё раз.".into(),
                link: Some(next),
            },
        ),
        Err(e) => failure(&e),
    }
}

fn reset_form(v: &Visitor, form: Form, token: Option<String>, status: StatusCode) -> HttpResponse {
    v.page(status, &PasswordResetPage { layout: v.layout(""), form, token })
}

/// `/password-reset` asks for a link; `/password-reset?token=…` (the link) sets the new password.
#[get("/password-reset")]
pub async fn password_reset_page(state: web::Data<AppState>, req: HttpRequest, query: web::Query<TokenQuery>) -> HttpResponse {
    let v = visit!(state, req);
    let token = Some(query.into_inner().token).filter(|t| !t.is_empty());
    reset_form(&v, Form::default(), token, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    csrf_token: String,
}

#[post("/password-reset")]
pub async fn password_reset(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<ResetForm>) -> HttpResponse {
    let v = visit!(state, req);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    if f.token.is_empty() {
        let mut form = Form::with(&[("email", f.email.trim())]);
        let email = form.email("email", &f.email);
        if form.failed() {
            return reset_form(&v, form, None, StatusCode::UNPROCESSABLE_ENTITY);
        }
        if let Err(e) = state.limits.check(Limit::PasswordReset, &client_ip(&req), &req).await {
            return match messages::apply(&mut form, e) {
                Ok(()) => reset_form(&v, form, None, StatusCode::TOO_MANY_REQUESTS),
                Err(e) => failure(&e),
            };
        }
        let app = state.clone();
        let sent = state
            .db(move |conn| account::request_password_reset(conn, &app.keys, &app.config.public_url, &email, crate::clock::now()))
            .await;
        return match sent {
            Ok(()) => v.page(
                StatusCode::OK,
                &MessagePage {
                    layout: v.layout(""),
                    title: "Проверьте почту",
                    text: "Если этот адрес зарегистрирован, на него отправлена ссылка для смены пароля. Она действует 1 час.".into(),
                    link: Some(("/login", "Ко входу")),
                },
            ),
            Err(e) => failure(&e),
        };
    }
    let mut form = Form::default();
    form.new_password("new_password", &f.new_password);
    if form.failed() {
        return reset_form(&v, form, Some(f.token), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let token = f.token.clone();
    match state.db(move |conn| account::reset_password(conn, &token, &f.new_password, crate::clock::now())).await {
        Ok(_) => {
            if let Err(e) = state.reload_revocations().await {
                return failure(&e);
            }
            let form = Form::default();
            login_form(&v, form, Some("Пароль изменён. Войдите с новым паролем."), None, StatusCode::OK)
        }
        Err(e) => {
            if let Err(e) = messages::apply(&mut form, e) {
                return failure(&e);
            }
            if form.error("token").is_some() {
                form.fail(WHOLE, "Ссылка устарела или уже использована — запросите новую");
                return reset_form(&v, form, None, StatusCode::UNPROCESSABLE_ENTITY);
            }
            reset_form(&v, form, Some(f.token), StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}
