//! «Профиль»: the email and phone (each changed with the current password: a link to the new email,
//! an SMS code to the new phone), the password, the apps with access (and taking it back), the data
//! held about the resident, and deleting the account.

use actix_web::http::StatusCode;
use actix_web::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::api::auth::client_of;
use crate::api::state::AppState;
use crate::domain::ids::ResidentId;
use crate::error::{Error, Result};
use crate::services::residents::{self, ProfilePatch};
use crate::services::verifications::{self, Origin};
use crate::services::{account, grants};
use crate::web::auth::MessagePage;
use crate::web::form::{CodeForm, Form};
use crate::web::messages;
use crate::web::session::{Layout, Visitor, csrf_ok, failure, forbidden, session_cleared, signed_in, visit};

/// An app with access, as the page lists it.
pub struct AppAccess {
    client_id: String,
    name: String,
    scopes: Vec<&'static str>,
    granted_at: String,
    last_used_at: Option<String>,
}

impl From<grants::Authorization> for AppAccess {
    fn from(a: grants::Authorization) -> Self {
        let shown = |t: chrono::NaiveDateTime| t.format("%d.%m.%Y %H:%M").to_string();
        Self {
            client_id: a.client_id,
            name: a.app_name,
            scopes: a.scopes.iter().map(|s| s.consent_text()).collect(),
            granted_at: shown(a.granted_at),
            last_used_at: a.last_used_at.map(shown),
        }
    }
}

pub struct PhoneCode {
    id: String,
    to: String,
    attempts_left: i32,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    layout: Layout,
    notice: Option<&'static str>,
    email: String,
    email_confirmed: bool,
    pending_email: Option<String>,
    phone: String,
    phone_code: Option<PhoneCode>,
    apps: Vec<AppAccess>,
    email_form: Form,
    phone_form: Form,
    code_form: Form,
    password_form: Form,
    delete_form: Form,
    apps_form: Form,
}

/// Which form of the page failed, with what it shows back.
enum Failed {
    Email(Form),
    Phone(Form),
    Code(Form),
    Password(Form),
    Delete(Form),
    Apps(Form),
}

async fn render(state: &AppState, v: &Visitor, me: ResidentId, failed: Option<Failed>, notice: Option<&'static str>) -> HttpResponse {
    let loaded = state
        .db(move |conn| {
            Ok::<_, Error>((residents::get(conn, &me)?, verifications::pending_phone_change(conn, &me)?, grants::of_resident(conn, &me)?))
        })
        .await;
    let (resident, pending, apps) = match loaded {
        Ok(x) => x,
        Err(e) => return failure(&e),
    };
    let status = if failed.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    let mut shown = ProfilePage {
        layout: v.layout("profile"),
        notice,
        email: resident.email,
        email_confirmed: resident.email_confirmed_at.is_some(),
        pending_email: resident.pending_email,
        phone: resident.phone,
        phone_code: pending.map(|p| PhoneCode { id: p.id, to: crate::domain::phone::mask(&p.phone), attempts_left: p.attempts_left }),
        apps: apps.into_iter().map(Into::into).collect(),
        email_form: Form::default(),
        phone_form: Form::default(),
        code_form: Form::default(),
        password_form: Form::default(),
        delete_form: Form::default(),
        apps_form: Form::default(),
    };
    match failed {
        Some(Failed::Email(f)) => shown.email_form = f,
        Some(Failed::Phone(f)) => shown.phone_form = f,
        Some(Failed::Code(f)) => shown.code_form = f,
        Some(Failed::Password(f)) => shown.password_form = f,
        Some(Failed::Delete(f)) => shown.delete_form = f,
        Some(Failed::Apps(f)) => shown.apps_form = f,
        None => {}
    }
    v.page(status, &shown)
}

/// The page after a form: a notice, or the refusal on the form that caused it.
async fn after(
    state: &AppState,
    v: &Visitor,
    me: ResidentId,
    outcome: Result<()>,
    mut form: Form,
    wrap: fn(Form) -> Failed,
    notice: &'static str,
) -> HttpResponse {
    match outcome {
        Ok(()) => render(state, v, me, None, Some(notice)).await,
        Err(e) => match messages::apply(&mut form, e) {
            Ok(()) => render(state, v, me, Some(wrap(form)), None).await,
            Err(e) => failure(&e),
        },
    }
}

#[get("/profile")]
pub async fn page(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    render(&state, &v, me, None, None).await
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    csrf_token: String,
}

/// Applies a profile patch with the current password.
async fn update(state: &AppState, req: &HttpRequest, me: &ResidentId, patch: ProfilePatch) -> Result<()> {
    let app = state.core.clone();
    let (who, client) = (me.clone(), client_of(req));
    state
        .db(move |conn| {
            residents::update(
                conn,
                &app.keys,
                &app.config.public_url,
                &app.config.rate_limits,
                &who,
                patch,
                Origin::first_party(client, crate::clock::now()),
            )
            .map(drop)
        })
        .await
}

#[post("/profile/email")]
pub async fn email(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<ChangeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::with(&[("email", f.email.trim())]);
    let address = form.email("email", &f.email);
    if form.failed() {
        return render(&state, &v, me, Some(Failed::Email(form)), None).await;
    }
    let patch =
        ProfilePatch { email: Some(address), current_password: Some(f.current_password).filter(|p| !p.is_empty()), ..Default::default() };
    let outcome = update(&state, &req, &me, patch).await;
    let notice = "Ссылка для подтверждения отправлена на новый адрес; о смене сообщили на прежний.";
    after(&state, &v, me, outcome, form, Failed::Email, notice).await
}

#[post("/profile/phone")]
pub async fn phone(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<ChangeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::with(&[("phone", f.phone.trim())]);
    let Some(number) = form.mobile("phone", &f.phone) else {
        return render(&state, &v, me, Some(Failed::Phone(form)), None).await;
    };
    let patch =
        ProfilePatch { phone: Some(number), current_password: Some(f.current_password).filter(|p| !p.is_empty()), ..Default::default() };
    let outcome = update(&state, &req, &me, patch).await;
    after(&state, &v, me, outcome, form, Failed::Phone, "Код отправлен по SMS на новый номер.").await
}

#[post("/profile/phone/confirm")]
pub async fn confirm_phone(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<CodeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let app = state.core.clone();
    let who = me.clone();
    let code = f.code.trim().to_owned();
    let outcome =
        state.db(move |conn| verifications::confirm(conn, &app.keys, &who, &f.verification, &code, crate::clock::now()).map(drop)).await;
    after(&state, &v, me, outcome, Form::default(), Failed::Code, "Телефон изменён.").await
}

#[derive(Deserialize)]
pub struct AppForm {
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    csrf_token: String,
}

/// «Отозвать доступ»: the app's tokens stop working at once.
#[post("/profile/apps/revoke")]
pub async fn revoke_app(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<AppForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let who = me.clone();
    let outcome = state.db(move |conn| grants::withdraw(conn, &who, &f.client_id, crate::clock::now())).await;
    if let Err(e) = state.reload_revocations().await {
        return failure(&e);
    }
    after(&state, &v, me, outcome, Form::default(), Failed::Apps, "Доступ приложения отозван.").await
}

#[post("/profile/email-confirmation")]
pub async fn resend_confirmation(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<CodeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    if !csrf_ok(&v, &posted.csrf_token) {
        return forbidden();
    }
    let app = state.core.clone();
    let who = me.clone();
    let outcome =
        state.db(move |conn| residents::resend_confirmation(conn, &app.keys, &app.config.public_url, &who, crate::clock::now())).await;
    after(&state, &v, me, outcome, Form::default(), Failed::Email, "Письмо со ссылкой отправлено ещё раз.").await
}

#[post("/profile/password")]
pub async fn password(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<ChangeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::default();
    form.new_password("new_password", &f.new_password);
    if form.failed() {
        return render(&state, &v, me, Some(Failed::Password(form)), None).await;
    }
    let patch = ProfilePatch {
        password: Some(f.new_password),
        current_password: Some(f.current_password).filter(|p| !p.is_empty()),
        ..Default::default()
    };
    match update(&state, &req, &me, patch).await {
        // Every login ended, this one too: the resident signs in again with the new password.
        Ok(()) => match state.reload_revocations().await {
            Ok(()) => v.redirect("/login"),
            Err(e) => failure(&e),
        },
        Err(e) => after(&state, &v, me, Err(e), form, Failed::Password, "").await,
    }
}

#[post("/profile/delete")]
pub async fn delete(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<ChangeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let who = me.clone();
    match state.db(move |conn| account::erase(conn, &who, &f.current_password, crate::clock::now())).await {
        Ok(()) => {
            if let Err(e) = state.reload_revocations().await {
                return failure(&e);
            }
            let gone = MessagePage {
                layout: Layout { signed_in: false, csrf: v.csrf.clone(), current: "" },
                title: "Кабинет удалён",
                text: "Ваши данные стёрты, адреса вернутся к бумажным квитанциям со следующего периода.".into(),
                link: Some(("/register", "Зарегистрироваться снова")),
            };
            let mut response = v.page(StatusCode::OK, &gone);
            if let Err(e) = response.add_cookie(&session_cleared(&state)) {
                return failure(&Error::internal(e));
            }
            response
        }
        Err(e) => after(&state, &v, me, Err(e), Form::default(), Failed::Delete, "").await,
    }
}

/// «Скачать мои данные»: the same export as `GET /v1/me/export`.
#[get("/profile/export")]
pub async fn export(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    match state.db(move |conn| account::export(conn, &me, crate::clock::now())).await {
        Ok(data) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "application/json"))
            .insert_header((CONTENT_DISPOSITION, "attachment; filename=\"ebill-export.json\""))
            .insert_header((CACHE_CONTROL, "no-store"))
            .body(data.to_string()),
        Err(e) => failure(&e),
    }
}
