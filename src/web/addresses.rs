//! «Адреса»: the resident's premises with their providers and delivery channel, linking one with the
//! payer code and a link code, and the switch between paper and electronic receipts confirmed by an
//! SMS code (attempts left, resend with the limit's countdown), with the delivery history.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::api::auth::client_of;
use crate::api::state::AppState;
use crate::domain::ids::{AddressId, ResidentId};
use crate::domain::payer_code::PayerCode;
use crate::domain::vocabulary::{Channel, VerificationPurpose, VerificationStatus};
use crate::error::Result;
use crate::services::verifications::{CODE_TTL, Origin};
use crate::services::{addresses, residents, verifications};
use crate::store::addresses::DeliveryChangeRow;
use crate::web::form::{CodeForm, Form};
use crate::web::messages;
use crate::web::session::{Layout, Visitor, csrf_ok, failure, forbidden, signed_in, visit};

pub struct Pending {
    id: String,
    asks: &'static str,
    to: String,
    attempts_left: i32,
    wait_secs: i64,
}

pub struct HistoryLine {
    at: String,
    what: String,
    effective_from: String,
}

pub struct AddressCard {
    id: String,
    /// The SMS code input's id (unique on the page).
    code_id: String,
    line: String,
    payer_code: String,
    providers: Vec<(String, bool)>,
    electronic: bool,
    sms: bool,
    effective_from: Option<String>,
    pending: Option<Pending>,
    history: Vec<HistoryLine>,
    form: Form,
}

#[derive(Template)]
#[template(path = "addresses.html")]
struct AddressesPage {
    layout: Layout,
    notice: Option<&'static str>,
    email_confirmed: bool,
    addresses: Vec<AddressCard>,
    link: Form,
}

fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Paper => "бумажная",
        Channel::Electronic => "электронная",
    }
}

fn history_line(c: &DeliveryChangeRow) -> HistoryLine {
    let mut what = format!("{} → {}", channel_name(c.from_channel), channel_name(c.to_channel));
    if c.sms_notifications != c.from_sms_notifications {
        what.push_str(if c.sms_notifications { ", SMS включены" } else { ", SMS выключены" });
    }
    HistoryLine { at: c.changed_at.format("%d.%m.%Y %H:%M").to_string(), what, effective_from: c.effective_from.clone() }
}

/// Seconds until another code may go to the phone (the per-minute limit), from when the last one went.
fn wait_secs(state: &AppState, v: &crate::store::addresses::VerificationRow) -> i64 {
    let sent = v.expires_at - CODE_TTL;
    let window = i64::try_from(state.config.rate_limits.sms_per_minute.per.as_secs()).unwrap_or(60);
    (window - (crate::clock::now() - sent).num_seconds()).clamp(0, window)
}

/// The page's data for a resident, with a form's errors placed on one card or on the link form.
async fn render(
    state: &AppState,
    v: &Visitor,
    me: ResidentId,
    failed: Option<(Option<AddressId>, Form)>,
    notice: Option<&'static str>,
) -> HttpResponse {
    let who = me.clone();
    let loaded = state
        .db(move |conn| {
            let resident = residents::get(conn, &who)?;
            let views = addresses::list(conn, &who)?;
            let mut out = Vec::new();
            for view in views {
                let history = addresses::history(conn, &who, &view.address.id)?;
                out.push((view, history));
            }
            Ok::<_, crate::error::Error>((resident.email_confirmed_at.is_some(), out))
        })
        .await;
    let (email_confirmed, views) = match loaded {
        Ok(x) => x,
        Err(e) => return failure(&e),
    };
    let (failed_on, failed_form) = match failed {
        Some((on, form)) => (on, Some(form)),
        None => (None, None),
    };
    let mut link_form = Form::default();
    let mut cards = Vec::new();
    for (view, history) in views {
        let form = match (&failed_on, &failed_form) {
            (Some(id), Some(form)) if *id == view.address.id => form.clone(),
            _ => Form::default(),
        };
        let pending = view.pending.as_ref().filter(|p| p.status == VerificationStatus::Pending).map(|p| Pending {
            id: p.id.clone(),
            asks: match (p.purpose, p.requested_channel) {
                (VerificationPurpose::DeliveryChange, Some(Channel::Electronic)) => "Переход на электронную квитанцию",
                (VerificationPurpose::DeliveryChange, _) => "Возврат к бумажной квитанции",
                (VerificationPurpose::PhoneChange, _) => "Смена телефона",
            },
            to: crate::domain::phone::mask(&p.phone),
            attempts_left: p.attempts_left,
            wait_secs: wait_secs(state, p),
        });
        cards.push(AddressCard {
            id: view.address.id.to_string(),
            code_id: format!("code-{}", view.address.id),
            line: crate::services::documents::address_line(&view.premises),
            payer_code: view.premises.payer_code.clone(),
            providers: view.providers.iter().map(|(p, capable)| (p.name.clone(), *capable)).collect(),
            electronic: view.address.channel == Channel::Electronic,
            sms: view.address.sms_notifications,
            effective_from: view.address.effective_from.clone(),
            pending,
            history: history.iter().rev().map(history_line).collect(),
            form,
        });
    }
    if let (None, Some(form)) = (failed_on, failed_form) {
        link_form = form;
    }
    let status =
        if link_form.failed() || cards.iter().any(|c| c.form.failed()) { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK };
    v.page(status, &AddressesPage { layout: v.layout("addresses"), notice, email_confirmed, addresses: cards, link: link_form })
}

#[get("/addresses")]
pub async fn page(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    render(&state, &v, me, None, None).await
}

#[derive(Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    payer_code: String,
    #[serde(default)]
    link_code: String,
    #[serde(default)]
    csrf_token: String,
}

#[post("/addresses")]
pub async fn link(state: web::Data<AppState>, req: HttpRequest, posted: web::Form<LinkForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let mut form = Form::with(&[("payer_code", f.payer_code.trim()), ("link_code", f.link_code.trim())]);
    let Ok(payer_code) = PayerCode::parse(f.payer_code.trim()) else {
        form.fail("payer_code", "Код плательщика — 10 цифр, как на квитанции");
        return render(&state, &v, me, Some((None, form)), None).await;
    };
    let app = state.clone();
    let who = me.clone();
    let limit = app.config.rate_limits.enabled.then_some(app.config.rate_limits.link_code_failures);
    let code = f.link_code;
    match state.db(move |conn| addresses::link(conn, &app.keys, limit, &who, &payer_code, &code, crate::clock::now())).await {
        Ok(address) => v.redirect(&format!("/addresses#{}", address.id)),
        Err(e) => match messages::apply(&mut form, e) {
            Ok(()) => render(&state, &v, me, Some((None, form)), None).await,
            Err(e) => failure(&e),
        },
    }
}

#[derive(Deserialize)]
pub struct DeliveryForm {
    #[serde(default)]
    channel: String,
    #[serde(default)]
    sms_notifications: Option<String>,
    #[serde(default)]
    csrf_token: String,
}

#[post("/addresses/{id}/delivery")]
pub async fn delivery(
    state: web::Data<AppState>,
    req: HttpRequest,
    id: web::Path<AddressId>,
    posted: web::Form<DeliveryForm>,
) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let Ok(channel) = f.channel.parse::<Channel>() else { return v.redirect("/addresses") };
    // Back to paper keeps no SMS notices unless asked; electronic takes the checkbox.
    let sms = f.sms_notifications.is_some();
    let app = state.clone();
    let (who, address) = (me.clone(), id.into_inner());
    let target = address.clone();
    let client = client_of(&req);
    let asked = state
        .db(move |conn| {
            addresses::request_delivery(
                conn,
                &app.keys,
                &app.config.rate_limits,
                &who,
                &target,
                (channel, sms),
                Origin::first_party(client, crate::clock::now()),
            )
        })
        .await;
    after(&state, &v, me, address, asked.map(drop), None).await
}

/// Shows the page after a form of an address card: its errors on that card, or a notice.
async fn after(
    state: &AppState,
    v: &Visitor,
    me: ResidentId,
    address: AddressId,
    outcome: Result<()>,
    notice: Option<&'static str>,
) -> HttpResponse {
    match outcome {
        Ok(()) => render(state, v, me, None, notice).await,
        Err(e) => {
            let mut form = Form::default();
            match messages::apply(&mut form, e) {
                Ok(()) => render(state, v, me, Some((Some(address), form)), None).await,
                Err(e) => failure(&e),
            }
        }
    }
}

#[post("/addresses/{id}/confirm")]
pub async fn confirm(state: web::Data<AppState>, req: HttpRequest, id: web::Path<AddressId>, posted: web::Form<CodeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let app = state.clone();
    let who = me.clone();
    let code = f.code.trim().to_owned();
    let confirmed =
        state.db(move |conn| verifications::confirm(conn, &app.keys, &who, &f.verification, &code, crate::clock::now()).map(drop)).await;
    let notice = Some("Изменение подтверждено. Оно действует с периода, указанного в истории доставки.");
    after(&state, &v, me, id.into_inner(), confirmed, notice).await
}

#[post("/addresses/{id}/resend")]
pub async fn resend(state: web::Data<AppState>, req: HttpRequest, id: web::Path<AddressId>, posted: web::Form<CodeForm>) -> HttpResponse {
    let v = visit!(state, req);
    let me = signed_in!(v);
    let f = posted.into_inner();
    if !csrf_ok(&v, &f.csrf_token) {
        return forbidden();
    }
    let app = state.clone();
    let who = me.clone();
    let sent = state
        .db(move |conn| {
            verifications::resend(conn, &app.keys, &app.config.rate_limits, &who, &f.verification, crate::clock::now()).map(drop)
        })
        .await;
    after(&state, &v, me, id.into_inner(), sent, Some("Новый код отправлен.")).await
}
