//! A provider's accounts: bulk upsert with addresses (rehearsed with `validate_only`), and the paged
//! list with payer codes and the delivery channel of each.

use actix_web::{HttpRequest, HttpResponse, get, put, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::auth::AuthProvider;
use crate::api::dto::AddressDto;
use crate::api::idempotency::{Answer, once};
use crate::api::json::Body;
use crate::api::pagination::{Page, PageParams};
use crate::api::rules::Rules;
use crate::api::rules::account_number_ok;
use crate::api::state::AppState;
use crate::api::validate_only::{self, Checked, ValidateOnly};
use crate::domain::anomaly::Warning;
use crate::domain::formats;
use crate::domain::vocabulary::Channel;
use crate::error::{Checks, FieldError, Result};
use crate::services::accounts::{self as service, NewAccount};
use crate::store::db::Effect;

/// The most accounts one call takes.
pub const MAX_ACCOUNTS: usize = 10_000;

/// One of the provider's personal accounts (лицевой счёт).
#[derive(Debug, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    /// The provider's own account number, once per request.
    #[schema(value_type = formats::AccountNumber)]
    pub number: String,
    #[validate(nested)]
    pub address: AddressDto,
    /// The account holder's name as the provider keeps it.
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub holder: Option<String>,
}

/// Accounts to create or update (at most 10,000).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"accounts": [{"number": "1001234", "address": {"city": "Абакан", "street": "ул. Ленина", "house": "12", "apartment": "5"}, "holder": "Иванов И. И."}]}))]
pub struct PutAccountsRequest {
    #[validate(length(min = 1, max = 10000, message = "must hold 1 to 10000 accounts"), nested)]
    #[schema(min_items = 1, max_items = 10000)]
    pub accounts: Vec<AccountInput>,
}

impl Rules for PutAccountsRequest {
    fn rules(&self, checks: &mut Checks) {
        let mut seen = std::collections::HashMap::new();
        for (i, account) in self.accounts.iter().enumerate() {
            if !account_number_ok(&account.number) {
                checks.push(format!("accounts[{i}].number"), "must be 1 to 64 characters without spaces");
            } else if let Some(first) = seen.insert(account.number.as_str(), i) {
                checks.push(format!("accounts[{i}].number"), format!("repeats accounts[{first}].number"));
            }
            if let Err(errors) = account.address.to_domain().key() {
                for (field, message) in errors {
                    checks.push(format!("accounts[{i}].address.{field}"), message);
                }
            }
        }
    }
}

/// An account and the payer code of its premises.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountPayerCode {
    #[schema(value_type = formats::AccountNumber)]
    pub number: String,
    /// The payer code of the account's premises. Null only in a `validate_only` answer, for a premises
    /// the upload would create: its code is given when the upload is made.
    #[schema(required = true, value_type = Option<formats::PayerCode>)]
    pub payer_code: Option<String>,
}

/// What an upsert did (or, `validate_only`, would do).
#[derive(Debug, Serialize, ToSchema)]
pub struct PutAccountsResponse {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Every account of the request, in its order.
    pub accounts: Vec<AccountPayerCode>,
    /// What deserves a second look, never blocking: `accounts_moved` (a changed address moves an
    /// account to another premises).
    pub warnings: Vec<Warning>,
    /// `validate_only` answers: the accounts the real call would refuse, as its 422 would name them
    /// (then nothing would be stored). Always empty otherwise.
    pub errors: Vec<FieldError>,
    /// Whether this was a rehearsal: nothing was stored.
    pub validate_only: bool,
}

impl PutAccountsResponse {
    fn refused(errors: Vec<FieldError>) -> Self {
        Self { created: 0, updated: 0, unchanged: 0, accounts: Vec::new(), warnings: Vec::new(), errors, validate_only: true }
    }
}

/// Upload accounts.
///
/// Creates or updates up to 10,000 of the provider's accounts in one transaction (all or nothing).
/// Each address is normalised and matched to a premises; a premises that does not exist yet is
/// created with a new payer code. Sending an account again updates it; a changed address moves the
/// account to another premises, and the move is kept in an audit trail (and flagged in `warnings`).
/// With `validate_only=true` the upload is rehearsed: every rule runs, nothing is stored, and the
/// answer is 200 with the would-be counts, `warnings` and the failing accounts in `errors`.
#[utoipa::path(
    tag = "accounts",
    params(ValidateOnly),
    request_body = PutAccountsRequest,
    responses(
        (status = 200, description = "Stored (or, `validate_only`, what would be)", body = PutAccountsResponse),
        (status = 409, description = "`billing_run_in_progress`: an address change while a billing run writes documents", body = crate::api::errors::ProblemBody, content_type = "application/problem+json"),
    ),
    security(("bearer" = [])),
)]
#[put("/providers/me/accounts")]
pub async fn put_accounts(
    state: web::Data<AppState>,
    req: HttpRequest,
    me: AuthProvider,
    mode: web::Query<ValidateOnly>,
    body: std::result::Result<Body<PutAccountsRequest>, actix_web::Error>,
) -> actix_web::Result<HttpResponse> {
    let effect = mode.effect();
    let request = match validate_only::body(body, effect, PutAccountsResponse::refused)? {
        Checked::Body(body) => body.0,
        Checked::Answered(answer) => return Ok(answer),
    };
    let accounts: Vec<NewAccount> = request
        .accounts
        .into_iter()
        .map(|a| {
            let address = a.address.to_domain();
            let address_key = address.key().unwrap_or_default();
            NewAccount { number: a.number, address, address_key, holder: a.holder.map(|h| h.trim().to_owned()).filter(|h| !h.is_empty()) }
        })
        .collect();
    let answer = move |done: service::Upserted| PutAccountsResponse {
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        accounts: done
            .placed
            .into_iter()
            .map(|p| AccountPayerCode {
                number: p.number,
                payer_code: (effect == Effect::Write || !p.new_premises).then_some(p.payer_code),
            })
            .collect(),
        warnings: done.warnings,
        errors: Vec::new(),
        validate_only: effect == Effect::Rehearse,
    };
    let now = crate::clock::now();
    Ok(match effect {
        Effect::Write => once(&state, &req, move |conn| Answer::ok(&answer(service::upsert(conn, &me.0, accounts, now, effect)?))).await?,
        Effect::Rehearse => {
            let done = state.db(move |conn| service::upsert(conn, &me.0, accounts, now, effect)).await;
            validate_only::answer(done.map(answer), PutAccountsResponse::refused)?
        }
    })
}

/// One account in the provider's list.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountResponse {
    #[schema(value_type = formats::AccountNumber)]
    pub number: String,
    /// The agent's number of the premises, printed on its ЕПД.
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    /// The premises' address.
    pub address: AddressDto,
    pub holder: Option<String>,
    /// How this provider's charges for the account go out in the next billing run: `electronic` when
    /// the provider is e-document capable for that period and a resident of the premises chose
    /// electronic receipts with a confirmed email; `paper` otherwise.
    pub delivery: Channel,
}

/// List own accounts.
///
/// The provider's accounts in account-number order, each with the payer code of its premises and the
/// channel its charges will take in the next billing run.
#[utoipa::path(
    tag = "accounts",
    params(PageParams),
    responses((status = 200, description = "A page of accounts", body = Page<AccountResponse>)),
    security(("bearer" = [])),
)]
#[get("/providers/me/accounts")]
pub async fn list_accounts(state: web::Data<AppState>, me: AuthProvider, page: web::Query<PageParams>) -> Result<HttpResponse> {
    let (limit, after) = (page.limit()?, page.after()?);
    let rows = state.db(move |conn| service::page(conn, &me.0, after.as_deref(), limit)).await?;
    Ok(HttpResponse::Ok().json(Page::from_rows(
        rows,
        limit,
        |(a, _, _)| a.number.clone(),
        |(account, premises, electronic)| AccountResponse {
            number: account.number,
            payer_code: premises.payer_code,
            address: AddressDto {
                city: premises.city,
                street: premises.street,
                house: premises.house,
                building: premises.building,
                apartment: premises.apartment,
            },
            holder: account.holder,
            delivery: if electronic { Channel::Electronic } else { Channel::Paper },
        },
    )))
}
