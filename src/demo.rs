//! `ebill demo`: seeds a demo city (Abakan, August and September 2021) so the API can be tried at
//! once: three providers (SGK and Vodokanal e-document capable, the power seller not), 300 premises with
//! accounts and two months of charges, August's billing run done, an operator and a resident. Running
//! it again changes nothing and prints the same credentials.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::crypto::{Keys, hash_password};
use crate::domain::address::Address;
use crate::domain::charge::ChargeAmounts;
use crate::domain::consent::CONSENT_VERSION;
use crate::domain::payer_code::PayerCode;
use crate::domain::period::Period;
use crate::domain::phone::Phone;
use crate::domain::requisites::{Bik, CorrespondentAccount, Inn, Kpp, Ogrn, SettlementAccount, inn_is_valid, with_account_key};
use crate::domain::vocabulary::{Channel, RunStatus};
use crate::error::{Error, Result};
use crate::services::verifications::Origin;
use crate::services::{accounts, billing, charges, edoc, operators, providers};
use crate::store::db::{DbConn, Effect};
use crate::store::schema::providers as providers_table;

pub const OPERATOR_EMAIL: &str = "operator@demo.ebill";
/// The demo app: the API docs page's «Authorize» (authorization code with PKCE), on any loopback port.
pub const DOCS_APP_ID: &str = "app_demo_docs";
pub const OPERATOR_PASSWORD: &str = "demo-operator-2021";
pub const RESIDENT_EMAIL: &str = "anna@demo.ebill";
pub const RESIDENT_PASSWORD: &str = "demo-resident-2021";
const PREMISES: usize = 300;
const BIK: &str = "049514608";

/// A demo provider: name, INN seed, its services (code, name, unit, tariff), capable.
struct DemoProvider {
    key: &'static str,
    name: &'static str,
    inn_seed: u64,
    capable: bool,
    services: &'static [(&'static str, &'static str, &'static str, i64)],
}

const PROVIDERS: [DemoProvider; 3] = [
    DemoProvider {
        key: "sgk",
        name: "АО «Сибирская генерирующая компания» (СГК)",
        inn_seed: 1,
        capable: true,
        services: &[("heating", "Отопление", "Гкал", 215_437), ("hot_water", "Горячее водоснабжение", "м³", 19_874)],
    },
    DemoProvider {
        key: "vodokanal",
        name: "МУП «Водоканал» г. Абакана",
        inn_seed: 2,
        capable: true,
        services: &[("cold_water", "Холодное водоснабжение", "м³", 4_237), ("sewerage", "Водоотведение", "м³", 3_512)],
    },
    DemoProvider {
        key: "energo",
        name: "ООО «Абаканэнергосбыт»",
        inn_seed: 3,
        capable: false,
        services: &[("power", "Электроснабжение", "кВт·ч", 412)],
    },
];

/// What was seeded, to print.
pub struct Seeded {
    pub providers: Vec<(String, String, String, bool)>,
    pub resident_payer_code: String,
    pub another_payer_code: String,
}

fn inn(seed: u64) -> String {
    let body = format!("190{seed:06}");
    (0..10).map(|d| format!("{body}{d}")).find(|c| inn_is_valid(c)).unwrap_or_default()
}

fn address(i: usize) -> Address {
    let streets = ["ул. Ленина", "ул. Щетинкина", "ул. Пушкина"];
    Address {
        city: "Абакан".into(),
        street: streets[i % 3].into(),
        house: (i / 30 + 1).to_string(),
        building: None,
        apartment: Some((i % 30 + 1).to_string()),
    }
}

/// Seeds the demo city unless it is there already.
pub fn seed(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, now: NaiveDateTime) -> Result<Seeded> {
    if crate::store::settings::get(conn, "demo_seeded")?.is_none() {
        seed_once(conn, keys, public_url, now)?;
        crate::store::settings::get_or_insert(conn, "demo_seeded", &now.to_string())?;
    }
    summary(conn)
}

fn seed_once(conn: &mut DbConn, keys: &Keys, public_url: &url::Url, now: NaiveDateTime) -> Result<()> {
    let operator_id = match operators::add(conn, OPERATOR_EMAIL, OPERATOR_PASSWORD, now) {
        Ok(id) => id,
        Err(_) => {
            crate::store::operators::find_by_email(conn, OPERATOR_EMAIL)?.map(|o| o.id).ok_or_else(|| Error::internal("demo operator"))?
        }
    };
    let august = Period::parse("2021-08").ok_or_else(|| Error::internal("period"))?;
    let september = august.next();
    for p in &PROVIDERS {
        let bik = Bik::parse(BIK).map_err(Error::internal)?;
        let account =
            with_account_key(&format!("4070281000000000{:04}", p.inn_seed), BIK, false).ok_or_else(|| Error::internal("account"))?;
        let correspondent = with_account_key("30101810000000000608", BIK, true).ok_or_else(|| Error::internal("correspondent"))?;
        let registered = providers::register(
            conn,
            providers::NewProvider {
                name: p.name.into(),
                inn: Inn::parse(&inn(p.inn_seed)).map_err(Error::internal)?,
                kpp: Some(Kpp::parse("190101001").map_err(Error::internal)?),
                ogrn: Ogrn::parse("1027700132195").map_err(Error::internal)?,
                email: format!("billing@{}.demo.ebill", p.key),
                phone: Phone::parse("+73902223344").map_err(Error::internal)?,
                bank: providers::Bank {
                    name: "Абаканское отделение № 8602 ПАО Сбербанк".into(),
                    account: SettlementAccount::parse(&account, &bik).map_err(Error::internal)?,
                    correspondent_account: CorrespondentAccount::parse(&correspondent, &bik).map_err(Error::internal)?,
                    bik,
                },
                webhook_url: None,
            },
            now,
        )?;
        diesel::update(providers_table::table.find(&registered.id))
            .set((
                providers_table::client_id.eq(format!("cli_demo_{}", p.key)),
                providers_table::client_secret_hash.eq(hash_password(&secret(p.key)).map_err(Error::internal)?),
            ))
            .execute(conn)?;
        providers::decide(conn, &registered.id, providers::Decision::Approve, &operator_id, now)?;
        if p.capable {
            edoc::declare(conn, keys, &registered.id, true, august, now)?;
        }
        let list: Vec<accounts::NewAccount> = (0..PREMISES)
            .map(|i| {
                let address = address(i);
                let address_key = address.key().unwrap_or_default();
                accounts::NewAccount { number: format!("{}-{:05}", p.key.to_uppercase(), i + 1), address, address_key, holder: None }
            })
            .collect();
        accounts::upsert(conn, &registered.id, list, now, Effect::Write)?;
        for (period, bump) in [(august, 0), (september, 7)] {
            let items: Vec<charges::ChargeInput> = (0..PREMISES)
                .flat_map(|i| {
                    p.services.iter().map(move |(code, name, unit, tariff)| {
                        let volume = 100 + (i as i64 * 37 + bump) % 400;
                        charges::ChargeInput {
                            account_number: format!("{}-{:05}", p.key.to_uppercase(), i + 1),
                            service_code: (*code).into(),
                            service_name: (*name).into(),
                            unit: (*unit).into(),
                            amounts: ChargeAmounts {
                                volume: Some(format!("{}.{:02}", volume / 100, volume % 100)),
                                tariff: Some(format!("{}.{:02}", tariff / 100, tariff % 100)),
                                amount: volume * tariff / 100,
                                recalculation: 0,
                                debt: if i % 10 == 0 { 15_000 } else { 0 },
                                penalty: if i % 10 == 0 { 230 } else { 0 },
                            },
                        }
                    })
                })
                .collect();
            charges::push(conn, &registered.id, period, items, now, Effect::Write)?;
        }
    }
    // The demo resident: confirmed email, the first premises linked, electronic receipts with SMS.
    let resident = crate::services::residents::register(
        conn,
        keys,
        public_url,
        crate::services::residents::NewResident {
            email: RESIDENT_EMAIL.into(),
            phone: Phone::mobile("+79130000001").map_err(Error::internal)?,
            password: RESIDENT_PASSWORD.into(),
            name: Some("Анна Иванова".into()),
            consent_version: CONSENT_VERSION.into(),
        },
        now,
    )?;
    let first = crate::store::premises::find_by_keys(conn, &[address(0).key().unwrap_or_default()])?
        .pop()
        .ok_or_else(|| Error::internal("premises"))?;
    // Everything a resident would do, through the same services: the link in the confirmation email,
    // a link code from the operator, the switch confirmed with the code of the SMS.
    let token = sent_text(conn, keys, "email_confirmation")?
        .split("?token=")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next().map(str::to_owned))
        .ok_or_else(|| Error::internal("no confirmation link"))?;
    crate::services::residents::confirm_email(conn, &token, now)?;
    let (link_code, _) = crate::services::addresses::issue_link_code(conn, keys, &first.payer_code, &operator_id, now)?;
    let payer_code = PayerCode::parse(&first.payer_code).map_err(Error::internal)?;
    let address = crate::services::addresses::link(conn, keys, None, &resident.id, &payer_code, &link_code, now)?;
    let origin = Origin::first_party(Some("ebill demo".into()), now);
    let limits = crate::config::RateLimits { enabled: false, ..Default::default() };
    let asked =
        crate::services::addresses::request_delivery(conn, keys, &limits, &resident.id, &address.id, (Channel::Electronic, true), origin)?;
    let text = sent_text(conn, keys, "verification_code")?;
    let code: String = text.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap_or_default().to_owned();
    crate::services::verifications::confirm(conn, keys, &resident.id, &asked.id, &code, now)?;
    let run = billing::start(conn, august, &operator_id, billing::DEFAULT_CHUNK, now)?;
    while billing::process_next_chunk(conn, keys, public_url, &run.id, now)?.status == RunStatus::Running {}
    docs_app(conn, &operator_id, now)
}

/// A public app whose redirect URI is the docs page's, so that «Authorize» there works in the demo.
fn docs_app(conn: &mut DbConn, operator_id: &crate::domain::ids::OperatorId, now: NaiveDateTime) -> Result<()> {
    let app = crate::store::apps::AppRow {
        id: crate::domain::ids::AppId::from(DOCS_APP_ID),
        name: "Документация API (демо)".into(),
        app_type: crate::domain::vocabulary::AppType::Public,
        redirect_uris: serde_json::to_string(&["http://127.0.0.1/docs/oauth2-redirect.html"]).map_err(Error::internal)?,
        client_secret_hash: None,
        status: crate::domain::vocabulary::AppStatus::Active,
        created_by: operator_id.clone(),
        created_at: now,
        updated_at: now,
        scopes: crate::domain::scope::Scopes::all().to_string(),
    };
    Ok(crate::store::apps::insert(conn, &app)?)
}

/// The text of the newest queued message of `topic` (an email's or an SMS's), opened with the keys.
fn sent_text(conn: &mut DbConn, keys: &Keys, topic: &str) -> Result<String> {
    use crate::store::schema::outbox;
    let sealed: String =
        outbox::table.filter(outbox::topic.eq(topic)).order(outbox::created_at.desc()).select(outbox::payload).first(conn)?;
    let opened = keys.open(&sealed).ok_or_else(|| Error::internal("a message that does not open"))?;
    let message: serde_json::Value = serde_json::from_str(&opened).map_err(Error::internal)?;
    Ok(message["text"].as_str().unwrap_or_default().to_owned())
}

/// The demo client secret of a provider.
pub fn secret(key: &str) -> String {
    format!("sk_demo_{key}_2021")
}

fn summary(conn: &mut DbConn) -> Result<Seeded> {
    let providers: Vec<(String, String, String, bool)> =
        PROVIDERS.iter().map(|p| (p.name.to_owned(), format!("cli_demo_{}", p.key), secret(p.key), p.capable)).collect();
    let mut code = |i: usize| -> Result<String> {
        Ok(crate::store::premises::find_by_keys(conn, &[address(i).key().unwrap_or_default()])?
            .pop()
            .map(|p| p.payer_code)
            .unwrap_or_default())
    };
    Ok(Seeded { providers, resident_payer_code: code(0)?, another_payer_code: code(1)? })
}
