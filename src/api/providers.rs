//! Provider registration, the public directory, operator approval/suspension and the own profile.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::api::auth::{AuthOperator, AuthProvider, Caller};
use crate::api::dto::BankDetails;
use crate::api::errors::ProblemBody;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::limits::{Limit, client_ip};
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::domain::formats;
use crate::domain::ids::{OperatorId, ProviderId};
use crate::domain::phone::Phone;
use crate::domain::requisites::{Bik, CorrespondentAccount, Inn, Kpp, Ogrn, SettlementAccount};
use crate::domain::vocabulary::ProviderStatus;
use crate::error::{Checks, Error, Result};
use crate::services::providers::{self as service, Decision, Provider};

/// A provider's self-registration.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "МУП «Водоканал»", "inn": "1901067718", "kpp": "190101001", "ogrn": "1021900521224",
    "email": "billing@vodokanal.example", "phone": "+7 3902 22-33-44",
    "bank": {"name": "ПАО Сбербанк", "bik": "044525225", "account": "40702810438000060473", "correspondent_account": "30101810400000000225"},
    "webhook_url": "https://billing.vodokanal.example/ebill/events"
}))]
pub struct CreateProviderRequest {
    /// Legal name, as on receipts.
    #[validate(length(min = 2, max = 300))]
    #[schema(min_length = 2, max_length = 300)]
    pub name: String,
    /// 10 digits (organisation) or 12 (individual entrepreneur), check digits verified.
    #[validate(custom(function = "rules::inn"))]
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    /// Required with a 10-digit INN; absent (or null) for an individual entrepreneur.
    #[validate(custom(function = "rules::kpp"))]
    #[schema(value_type = Option<formats::Kpp>)]
    pub kpp: Option<String>,
    /// 13-digit OGRN (with a 10-digit INN) or 15-digit OGRNIP (with a 12-digit INN).
    #[validate(custom(function = "rules::ogrn"))]
    #[schema(value_type = formats::Ogrn)]
    pub ogrn: String,
    /// Contact email of the billing department.
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = formats::Email)]
    pub email: String,
    /// Contact phone; stored in E.164.
    #[validate(custom(function = "rules::phone"))]
    #[schema(value_type = formats::Phone)]
    pub phone: String,
    #[validate(nested)]
    pub bank: BankDetails,
    /// Where events are POSTed (signed); optional.
    #[validate(custom(function = "rules::webhook_url"), length(max = 2000))]
    #[schema(value_type = Option<formats::WebhookUrl>)]
    pub webhook_url: Option<String>,
}

impl CreateProviderRequest {
    /// What the derive cannot state: an organisation (10-digit INN) has a KPP and a 13-digit OGRN, an
    /// individual entrepreneur (12-digit INN) no KPP and a 15-digit OGRNIP.
    pub fn schema_extra() -> serde_json::Value {
        serde_json::json!({
            "if": {"properties": {"inn": {"pattern": "^[0-9]{10}$"}}},
            "then": {"required": ["kpp"], "properties": {"kpp": {"type": "string"}, "ogrn": {"pattern": "^[0-9]{13}$"}}},
            "else": {"properties": {"kpp": {"type": "null"}, "ogrn": {"pattern": "^[0-9]{15}$"}}},
        })
    }
}

impl Rules for CreateProviderRequest {
    fn rules(&self, checks: &mut Checks) {
        if let Ok(inn) = Inn::parse(&self.inn) {
            let organisation = inn.is_organisation();
            match (organisation, &self.kpp) {
                (true, None) => checks.push("kpp", "is required for an organisation (10-digit INN)"),
                (false, Some(_)) => checks.push("kpp", "must be absent for an individual entrepreneur (12-digit INN)"),
                _ => {}
            }
            if Ogrn::parse(&self.ogrn).is_ok_and(|ogrn| ogrn.is_organisation() != organisation) {
                checks.push("ogrn", "must be a 13-digit OGRN with a 10-digit INN, a 15-digit OGRNIP with a 12-digit INN");
            }
        }
        self.bank.rules(checks);
    }
}

/// The answer to a registration. The secrets are shown only here: store them now.
#[derive(Serialize, ToSchema)]
pub struct ProviderRegistered {
    pub id: String,
    /// `pending` until an operator approves.
    pub status: ProviderStatus,
    pub client_id: String,
    pub client_secret: String,
    /// Verifies the `Webhook-Signature` of the events sent to `webhook_url` (rotate it with
    /// `POST /v1/providers/me/webhook-secret`).
    pub webhook_secret: String,
}

/// Contact details, seen by operators and the provider itself.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderContacts {
    pub email: String,
    #[schema(value_type = formats::E164Phone)]
    pub phone: String,
    pub webhook_url: Option<String>,
    pub client_id: String,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
}

/// A provider's card.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderResponse {
    pub id: String,
    pub name: String,
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    #[schema(value_type = Option<formats::Kpp>)]
    pub kpp: Option<String>,
    #[schema(value_type = formats::Ogrn)]
    pub ogrn: String,
    /// `pending`, `active` or `suspended`.
    pub status: ProviderStatus,
    /// Whether the provider takes part in electronic delivery in the current period.
    pub edoc_capable: bool,
    /// The period its capability in force started (null when not capable).
    #[schema(value_type = Option<formats::Period>)]
    pub edoc_since: Option<String>,
    pub bank: BankDetails,
    /// Present for operators and for the provider itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<ProviderContacts>,
}

/// An entry of the directory.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderSummary {
    pub id: String,
    pub name: String,
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    pub edoc_capable: bool,
    #[schema(value_type = Option<formats::Period>)]
    pub edoc_since: Option<String>,
    /// Shown to operators (who may list every status).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<ProviderStatus>,
}

/// The webhook URL as it will be called (host normalised), or 422 when it points inward: at a
/// private or loopback address, a name of this machine, or a name resolving to such an address
/// (unless the test-only setting allows them). Each send checks again.
async fn webhook_url(state: &AppState, url: Option<String>) -> Result<Option<String>> {
    let Some(url) = url else { return Ok(None) };
    if let Some(reason) = state.delivery.webhooks.refusal(&url).await {
        return Err(Error::invalid("webhook_url", format!("must point at a public address ({reason})")));
    }
    Ok(crate::delivery::webhooks::normalise(&url).map(String::from))
}

fn utc(t: chrono::NaiveDateTime) -> chrono::DateTime<Utc> {
    t.and_utc()
}

fn card(p: Provider, with_contacts: bool) -> ProviderResponse {
    let r = p.row;
    let contacts = with_contacts.then(|| ProviderContacts {
        email: r.email,
        phone: r.phone,
        webhook_url: r.webhook_url,
        client_id: r.client_id,
        created_at: utc(r.created_at),
        updated_at: utc(r.updated_at),
    });
    let bank = BankDetails::from(&r.requisites);
    ProviderResponse {
        id: r.id.into(),
        name: r.requisites.name,
        inn: r.requisites.inn,
        kpp: r.requisites.kpp,
        ogrn: r.ogrn,
        status: r.status,
        edoc_capable: p.edoc.capable,
        edoc_since: p.edoc.since,
        bank,
        contacts,
    }
}

/// Register a provider.
///
/// Self-registration of a resource provider. INN, KPP, OGRN, BIK and both accounts are checked with
/// their real check rules. The provider stays `pending` (no tokens) until an operator approves it.
/// The `client_secret` is shown once. Rate limited per IP (20 an hour).
#[utoipa::path(
    tag = "providers",
    request_body = CreateProviderRequest,
    responses(
        (status = 201, description = "Registered, pending approval", body = ProviderRegistered, headers(("Location" = String, description = "The provider's card"))),
        (status = 409, description = "`provider_exists`: a provider with this INN and KPP exists", body = ProblemBody, content_type = "application/problem+json"),
    ),
    extensions(("x-rate-limit" = json!("provider_registrations"))),
)]
#[post("/providers")]
pub async fn register_provider(state: web::Data<AppState>, req: HttpRequest, body: Body<CreateProviderRequest>) -> Result<HttpResponse> {
    state.limits.check(Limit::ProviderRegistration, &client_ip(&req), &req).await?;
    let r = body.0;
    let webhook_url = webhook_url(&state, r.webhook_url).await?;
    let bik = rules::field("bank.bik", Bik::parse(&r.bank.bik))?;
    let new = service::NewProvider {
        name: r.name.trim().to_owned(),
        inn: rules::field("inn", Inn::parse(&r.inn))?,
        kpp: r.kpp.as_deref().map(|k| rules::field("kpp", Kpp::parse(k))).transpose()?,
        ogrn: rules::field("ogrn", Ogrn::parse(&r.ogrn))?,
        email: r.email.trim().to_lowercase(),
        phone: rules::field("phone", Phone::parse(&r.phone))?,
        bank: service::Bank {
            name: r.bank.name,
            account: rules::field("bank.account", SettlementAccount::parse(&r.bank.account, &bik))?,
            correspondent_account: rules::field(
                "bank.correspondent_account",
                CorrespondentAccount::parse(&r.bank.correspondent_account, &bik),
            )?,
            bik,
        },
        webhook_url,
    };
    once(&state, &req, move |conn| {
        let done = service::register(conn, new, crate::clock::now())?;
        let location = format!("/v1/providers/{}", done.id);
        let registered = ProviderRegistered {
            id: done.id.into(),
            status: done.status,
            client_id: done.client_id,
            client_secret: done.client_secret,
            webhook_secret: done.webhook_secret,
        };
        Ok(Answer::created(&registered)?.at(location).secret())
    })
    .await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DirectoryFilter {
    /// Operators only: `pending`, `active` or `suspended` (default: every status for operators,
    /// `active` for everyone else; others' value is ignored).
    #[param(value_type = Option<ProviderStatus>)]
    pub status: Option<String>,
}

/// List providers.
///
/// The public directory of active providers with their e-document capability. Operators see every
/// status and may filter by it.
#[utoipa::path(
    tag = "providers",
    params(PageParams, DirectoryFilter),
    responses((status = 200, description = "A page of providers", body = Page<ProviderSummary>)),
    security((), ("bearer" = [])),
)]
#[get("/providers")]
pub async fn list_providers(
    state: web::Data<AppState>,
    caller: Caller,
    page: web::Query<PageParams>,
    filter: web::Query<DirectoryFilter>,
) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let operator = caller.is_operator();
    let status = match (operator, filter.into_inner().status) {
        (false, _) => Some(ProviderStatus::Active),
        (true, Some(s)) => Some(s.parse().map_err(|_| Error::invalid("status", "must be pending, active or suspended"))?),
        (true, None) => None,
    };
    let rows = state.db(move |conn| service::list(conn, status, after.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |p| p.row.id.to_string(),
        |p| ProviderSummary {
            status: operator.then_some(p.row.status),
            id: p.row.id.into(),
            name: p.row.requisites.name,
            inn: p.row.requisites.inn,
            edoc_capable: p.edoc.capable,
            edoc_since: p.edoc.since,
        },
    )))
}

/// Get a provider.
///
/// The public card of an active provider (requisites and bank details, for checking a receipt).
/// Operators also see pending and suspended providers and their contact details.
#[utoipa::path(
    tag = "providers",
    params(("id" = String, Path, description = "Provider id")),
    responses((status = 200, description = "The provider", body = ProviderResponse)),
    security((), ("bearer" = [])),
)]
#[get("/providers/{id}")]
pub async fn get_provider(state: web::Data<AppState>, caller: Caller, id: web::Path<ProviderId>) -> Result<HttpResponse> {
    let operator = caller.is_operator();
    let provider = state.db(move |conn| service::get(conn, &id, operator)).await?;
    Ok(HttpResponse::Ok().json(card(provider, operator)))
}

async fn decide(
    state: web::Data<AppState>,
    req: HttpRequest,
    operator: OperatorId,
    id: ProviderId,
    decision: Decision,
) -> Result<HttpResponse> {
    let answer =
        once(&state, &req, move |conn| Answer::ok(&card(service::decide(conn, &id, decision, &operator, crate::clock::now())?, true)))
            .await;
    state.reload_revocations().await?;
    answer
}

/// Approve a provider.
///
/// `pending` (or `suspended`) → `active`: the provider may now get tokens.
#[utoipa::path(
    tag = "providers",
    params(("id" = String, Path, description = "Provider id")),
    responses(
        (status = 200, description = "Now active", body = ProviderResponse),
        (status = 409, description = "Already active", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/providers/{id}/approve")]
pub async fn approve_provider(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    id: web::Path<ProviderId>,
) -> Result<HttpResponse> {
    decide(state, req, op.0, id.into_inner(), Decision::Approve).await
}

/// Suspend a provider.
///
/// `active` (or `pending`) → `suspended`: its tokens stop working at once and it gets no new ones.
#[utoipa::path(
    tag = "providers",
    params(("id" = String, Path, description = "Provider id")),
    responses(
        (status = 200, description = "Now suspended", body = ProviderResponse),
        (status = 409, description = "Already suspended", body = ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[post("/providers/{id}/suspend")]
pub async fn suspend_provider(
    state: web::Data<AppState>,
    req: HttpRequest,
    op: AuthOperator,
    id: web::Path<ProviderId>,
) -> Result<HttpResponse> {
    decide(state, req, op.0, id.into_inner(), Decision::Suspend).await
}

/// Get the own profile.
///
/// The calling provider's card with its contact details and webhook URL.
#[utoipa::path(tag = "providers", responses((status = 200, description = "The own profile", body = ProviderResponse)), security(("bearer" = [])))]
#[get("/providers/me")]
pub async fn get_my_provider(state: web::Data<AppState>, me: AuthProvider) -> Result<HttpResponse> {
    let provider = state.db(move |conn| service::get(conn, &me.0, true)).await?;
    Ok(HttpResponse::Ok().json(card(provider, true)))
}

/// Changes to the own profile; absent fields stay as they are, `webhook_url: null` removes it.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"webhook_url": "https://billing.vodokanal.example/ebill/events"}))]
pub struct UpdateProviderRequest {
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = Option<formats::Email>)]
    pub email: Option<String>,
    #[validate(custom(function = "rules::phone"))]
    #[schema(value_type = Option<formats::Phone>)]
    pub phone: Option<String>,
    /// Where events are POSTed (signed); null removes it.
    #[serde(default, deserialize_with = "crate::api::json::nullable")]
    #[schema(value_type = Option<formats::WebhookUrl>)]
    pub webhook_url: Option<Option<String>>,
}

impl Rules for UpdateProviderRequest {
    fn rules(&self, checks: &mut Checks) {
        if let Some(Some(url)) = &self.webhook_url {
            checks.check(rules::webhook_url(url).is_ok() && url.len() <= 2000, "webhook_url", "must be an http(s) URL without credentials");
        }
    }
}

/// Update the own profile.
///
/// Contact email, phone and webhook URL. Requisites and bank details change only through the operator.
#[utoipa::path(
    tag = "providers",
    request_body = UpdateProviderRequest,
    responses((status = 200, description = "The updated profile", body = ProviderResponse)),
    security(("bearer" = [])),
)]
#[patch("/providers/me")]
pub async fn update_my_provider(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthProvider,
    body: Body<UpdateProviderRequest>,
) -> Result<HttpResponse> {
    let r = body.0;
    let webhook = match r.webhook_url {
        Some(url) => Some(webhook_url(&state, url).await?),
        None => None,
    };
    let patch = service::ProfilePatch {
        email: r.email.map(|e| e.trim().to_lowercase()),
        phone: r.phone.as_deref().map(|p| rules::field("phone", Phone::parse(p))).transpose()?,
        webhook_url: webhook,
    };
    once(&state, &req, move |conn| Answer::ok(&card(service::update_profile(conn, &me.0, patch, crate::clock::now())?, true))).await
}
