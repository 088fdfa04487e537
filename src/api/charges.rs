//! Charge pushes (≤ 10,000 items for one period, atomic, with anomaly warnings; rehearsed with
//! `validate_only`), the record of a past push, and the provider's paged charges.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::api::auth::AuthProvider;
use crate::api::dto::ServiceDto;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::limits::Limit;
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::account_number_ok;
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::api::validate_only::{self, Checked, ValidateOnly};
use crate::domain::anomaly::Warning;
use crate::domain::charge::ChargeAmounts;
use crate::domain::decimal;
use crate::domain::formats;
use crate::domain::period::Period;
use crate::error::{Checks, Error, FieldError, Result};
use crate::services::charges::{self as service, ChargeInput};
use crate::store::db::Effect;

/// One charge: money in integer kopecks, volume and tariff as exact decimal strings.
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChargeItem {
    /// An account the provider uploaded (`PUT /v1/providers/me/accounts`); one it has not is refused
    /// with 422 naming the item.
    #[schema(value_type = formats::AccountNumber)]
    pub account_number: String,
    #[validate(nested)]
    pub service: ServiceDto,
    /// Consumed volume, a decimal string with up to 6 decimals: `"12.345"`.
    #[schema(value_type = Option<formats::Decimal>)]
    pub volume: Option<String>,
    /// Tariff in roubles per unit, a decimal string with up to 6 decimals: `"42.37"`.
    #[schema(value_type = Option<formats::Decimal>)]
    pub tariff: Option<String>,
    /// Charged for the period, kopecks (≥ 0).
    #[validate(range(min = 0i64, max = 100_000_000_000i64))]
    #[schema(minimum = 0, maximum = 100_000_000_000i64)]
    #[serde(deserialize_with = "crate::api::json::integer")]
    pub amount: i64,
    /// Recalculation, kopecks (negative for a refund).
    #[validate(range(min = -100_000_000_000i64, max = 100_000_000_000i64))]
    #[schema(minimum = -100_000_000_000i64, maximum = 100_000_000_000i64)]
    #[serde(default, deserialize_with = "crate::api::json::optional_integer")]
    pub recalculation: Option<i64>,
    /// Debt carried over, kopecks (negative for an advance).
    #[validate(range(min = -100_000_000_000i64, max = 100_000_000_000i64))]
    #[schema(minimum = -100_000_000_000i64, maximum = 100_000_000_000i64)]
    #[serde(default, deserialize_with = "crate::api::json::optional_integer")]
    pub debt: Option<i64>,
    /// Penalty (пени), kopecks (≥ 0).
    #[validate(range(min = 0i64, max = 100_000_000_000i64))]
    #[schema(minimum = 0, maximum = 100_000_000_000i64)]
    #[serde(default, deserialize_with = "crate::api::json::optional_integer")]
    pub penalty: Option<i64>,
}

/// Charges of one period.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"period": "2021-08", "items": [{"account_number": "1001234", "service": {"code": "cold_water", "name": "Холодное водоснабжение", "unit": "м³"}, "volume": "5.2", "tariff": "42.37", "amount": 22032, "recalculation": 0, "debt": 0, "penalty": 0}]}))]
pub struct PushChargesRequest {
    #[validate(custom(function = "rules::period"))]
    #[schema(value_type = formats::Period)]
    pub period: String,
    /// 1 to 10,000 charges, each (account, service code) once.
    #[validate(length(min = 1, max = 10000, message = "must hold 1 to 10000 items"), nested)]
    #[schema(min_items = 1, max_items = 10000)]
    pub items: Vec<ChargeItem>,
}

fn code_ok(code: &str) -> bool {
    code.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
}

impl Rules for PushChargesRequest {
    fn rules(&self, checks: &mut Checks) {
        let mut seen = std::collections::HashMap::new();
        for (i, item) in self.items.iter().enumerate() {
            if !account_number_ok(&item.account_number) {
                checks.push(format!("items[{i}].account_number"), "must be 1 to 64 characters without spaces");
            }
            if !code_ok(&item.service.code) {
                checks.push(format!("items[{i}].service.code"), "may hold only A-Z a-z 0-9 _ . -");
            } else if let Some(first) = seen.insert((item.account_number.as_str(), item.service.code.as_str()), i) {
                checks.push(format!("items[{i}].service.code"), format!("repeats the account and service of items[{first}]"));
            }
            for (name, value) in [("volume", &item.volume), ("tariff", &item.tariff)] {
                if value.as_deref().is_some_and(|v| decimal::canonical(v, 12, 6).is_none()) {
                    checks.push(
                        format!("items[{i}].{name}"),
                        "must be a non-negative decimal string with at most 12 digits before the point and 6 after",
                    );
                }
            }
        }
    }
}

/// What a push did (or, `validate_only`, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct PushChargesResponse {
    /// The push's record (`GET /v1/providers/me/batches/{id}`); null in a `validate_only` answer.
    #[schema(required = true)]
    pub batch_id: Option<String>,
    /// Charges that did not exist before.
    pub created: usize,
    /// Charges that replaced an earlier push of the same account, period and service.
    pub updated: usize,
    /// What looks wrong but may be right, checked against the period before: never blocking.
    pub warnings: Vec<Warning>,
    /// `validate_only` answers: the items the real call would refuse, as its 422 would name them
    /// (then nothing would be stored: `created` and `updated` are 0). Always empty otherwise.
    pub errors: Vec<FieldError>,
    /// Whether this was a rehearsal: nothing was stored.
    pub validate_only: bool,
}

impl PushChargesResponse {
    fn refused(errors: Vec<FieldError>) -> Self {
        Self { batch_id: None, created: 0, updated: 0, warnings: Vec::new(), errors, validate_only: true }
    }
}

/// Push charges.
///
/// Up to 10,000 charges of one period, stored all or nothing. Each charge is keyed by (account, period,
/// service code): pushing it again corrects it, until the period's billing run closes the period (then
/// 409). Every failing item is named with its index (`items[17].amount`) in one 422; an account the
/// provider has not uploaded is such a failure. The answer's `warnings` flag anomalies against the
/// period before (amounts ×10 or ÷10, volume × tariff ≠ amount, negative totals, accounts missing);
/// they are kept with the batch. With `validate_only=true` the push is rehearsed: every rule runs,
/// nothing is stored, and the answer is 200 with the would-be counts, `warnings` and the failing items
/// in `errors`. Rate limited per provider (20 a second, rehearsals included).
#[utoipa::path(
    tag = "charges",
    params(ValidateOnly),
    request_body = PushChargesRequest,
    responses(
        (status = 200, description = "Stored (or, `validate_only`, what would be)", body = PushChargesResponse),
        (status = 409, description = "`period_closed`: the period's billing run has started", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
        (status = 429, description = "`rate_limited`: more than 20 pushes a second", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
    extensions(("x-rate-limit" = json!("charge_pushes"))),
)]
#[post("/providers/me/charges")]
pub async fn push_charges(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthProvider,
    mode: web::Query<ValidateOnly>,
    body: std::result::Result<Body<PushChargesRequest>, actix_web::Error>,
) -> actix_web::Result<HttpResponse> {
    state.limits.check(Limit::ChargePush, me.0.as_str(), &req).await?;
    let effect = mode.effect();
    let request = match validate_only::body(body, effect, PushChargesResponse::refused)? {
        Checked::Body(body) => body.0,
        Checked::Answered(answer) => return Ok(answer),
    };
    let period = Period::parse(&request.period).ok_or_else(|| Error::invalid("period", "must be YYYY-MM"));
    let items: Vec<ChargeInput> = request
        .items
        .into_iter()
        .map(|i| ChargeInput {
            account_number: i.account_number,
            service_code: i.service.code,
            service_name: i.service.name,
            unit: i.service.unit,
            amounts: ChargeAmounts {
                volume: i.volume.and_then(|v| decimal::canonical(&v, 12, 6)),
                tariff: i.tariff.and_then(|v| decimal::canonical(&v, 12, 6)),
                amount: i.amount,
                recalculation: i.recalculation.unwrap_or(0),
                debt: i.debt.unwrap_or(0),
                penalty: i.penalty.unwrap_or(0),
            },
        })
        .collect();
    let answer = move |pushed: service::Pushed| PushChargesResponse {
        batch_id: (effect == Effect::Write).then(|| pushed.batch_id.into()),
        created: pushed.created,
        updated: pushed.updated,
        warnings: pushed.warnings,
        errors: Vec::new(),
        validate_only: effect == Effect::Rehearse,
    };
    let now = crate::clock::now();
    Ok(match effect {
        Effect::Write => {
            let period = period?;
            once(&state, &req, move |conn| Answer::ok(&answer(service::push(conn, &me.0, period, items, now, effect)?))).await?
        }
        Effect::Rehearse => {
            let pushed = match period {
                Ok(period) => state.db(move |conn| service::push(conn, &me.0, period, items, now, effect)).await,
                Err(err) => Err(err),
            };
            validate_only::answer(pushed.map(answer), PushChargesResponse::refused)?
        }
    })
}

/// A push as it was recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct BatchResponse {
    pub id: String,
    #[schema(value_type = formats::Period)]
    pub period: String,
    /// Items the push held.
    pub items: i32,
    pub created: i32,
    pub updated: i32,
    /// The warnings its answer gave.
    pub warnings: Vec<Warning>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A past push.
///
/// A push's counts and its anomaly warnings, as its answer gave them. Another provider's batch, or an
/// unknown id, is 404.
#[utoipa::path(
    tag = "charges",
    params(("id" = String, Path, description = "The `batch_id` a push answered")),
    responses(
        (status = 200, description = "The push", body = BatchResponse),
        (status = 404, description = "`not_found`: no such batch of this provider", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[get("/providers/me/batches/{id}")]
pub async fn get_batch(state: web::Data<AppState>, me: AuthProvider, id: web::Path<String>) -> Result<HttpResponse> {
    let id = id.into_inner();
    let batch = state.db(move |conn| service::batch(conn, &me.0, &id)).await?;
    Ok(HttpResponse::Ok().json(BatchResponse {
        id: batch.id.into(),
        period: batch.period,
        items: batch.items,
        created: batch.created,
        updated: batch.updated,
        warnings: serde_json::from_str(&batch.warnings).map_err(Error::internal)?,
        created_at: batch.created_at.and_utc(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChargesFilter {
    /// Only this period (`YYYY-MM`).
    #[param(value_type = Option<formats::Period>)]
    pub period: Option<String>,
}

/// A stored charge.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChargeResponse {
    #[schema(value_type = formats::AccountNumber)]
    pub account_number: String,
    #[schema(value_type = formats::Period)]
    pub period: String,
    pub service: ServiceDto,
    #[schema(value_type = Option<formats::Decimal>)]
    pub volume: Option<String>,
    #[schema(value_type = Option<formats::Decimal>)]
    pub tariff: Option<String>,
    pub amount: i64,
    pub recalculation: i64,
    pub debt: i64,
    pub penalty: i64,
    pub batch_id: String,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

const SEP: char = '\u{1f}';

/// List own charges.
///
/// The provider's charges in (period, account, service) order, optionally of one period.
#[utoipa::path(
    tag = "charges",
    params(PageParams, ChargesFilter),
    responses((status = 200, description = "A page of charges", body = Page<ChargeResponse>)),
    security(("bearer" = [])),
)]
#[get("/providers/me/charges")]
pub async fn list_charges(
    state: web::Data<AppState>,
    me: AuthProvider,
    page: web::Query<PageParams>,
    filter: web::Query<ChargesFilter>,
) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let period = match filter.into_inner().period {
        Some(p) => Some(Period::parse(&p).ok_or_else(|| Error::invalid("period", "must be YYYY-MM"))?),
        None => None,
    };
    let after = match after {
        Some(cursor) => {
            // Any position will do: a missing part sorts first.
            let mut parts = cursor.splitn(3, SEP).map(str::to_owned);
            Some((parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default()))
        }
        None => None,
    };
    let rows = state.db(move |conn| service::page(conn, &me.0, period, after, limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |r| format!("{}{SEP}{}{SEP}{}", r.period, r.account_number, r.service_code),
        |r| ChargeResponse {
            account_number: r.account_number,
            period: r.period,
            service: ServiceDto { code: r.service_code, name: r.service_name, unit: r.unit },
            volume: r.amounts.volume,
            tariff: r.amounts.tariff,
            amount: r.amounts.amount,
            recalculation: r.amounts.recalculation,
            debt: r.amounts.debt,
            penalty: r.amounts.penalty,
            batch_id: r.batch_id.into(),
            updated_at: r.updated_at.and_utc(),
        },
    )))
}
