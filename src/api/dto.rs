//! The shapes several resources share: addresses, services, bank details, the lines and payees of a
//! document, verifications and delivery changes, with their conversions from what services return.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::rules::{self, Rules};
use crate::domain::address::Address;
use crate::domain::formats;
use crate::domain::requisites::{self, Requisites};
use crate::domain::vocabulary::{ChangeReason, Channel, VerificationStatus};
use crate::error::Checks;
use crate::services::addresses::AddressView;
use crate::services::documents::DocumentView;
use crate::store::addresses::{DeliveryChangeRow, VerificationRow};
use crate::store::premises::PremisesRow;

/// A postal address of a dwelling. Spelling variants («ул.»/«улица», «д.», «кв.», ё/е, case, spaces)
/// are normalised, so the same dwelling sent by different providers is one premises.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"city": "г. Абакан", "street": "ул. Ленина", "house": "12", "building": null, "apartment": "5"}))]
pub struct AddressDto {
    /// The settlement, with or without «г.»: 1 to 200 characters, more than «г.» alone.
    #[validate(length(min = 1, max = 200))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r#"^(?![\s\x85.,;:"'«»()№#]*(?:(?:[гГ][оО][рР][оО][дД]|[гГ][оО][рР]|[гГ])[\s\x85.,;:"'«»()№#]*)*$)[^\x00]+$"#
    )]
    pub city: String,
    /// The street with or without its type («ул.», «пр-кт», «пер.», …): 1 to 200 characters, more than a
    /// street type alone.
    #[validate(length(min = 1, max = 200))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r#"^(?![\s\x85.,;:"'«»()№#]*(?:[мМ][иИ][кК][рР][оО][рР][аА][йЙ][оО][нН]|[нН][аА][бБ][еЕёЁ][рР][еЕёЁ][жЖ][нН][аА][яЯ]|[пП][рР][оО][сС][пП][еЕёЁ][кК][тТ]|[пП][еЕёЁ][рР][еЕёЁ][уУ][лЛ][оО][кК]|[пП][лЛ][оО][щЩ][аА][дД][ьЬ]|[бБ][уУ][лЛ][ьЬ][вВ][аА][рР]|[кК][вВ][аА][рР][тТ][аА][лЛ]|[пП][рР][оО][еЕёЁ][зЗ][дД]|[пП][рР][оО][сС][пП]|[пП][рР]-[кК][тТ]|[бБ][уУ][лЛ][ьЬ][вВ]|[шШ][оО][сС][сС][еЕёЁ]|[уУ][лЛ][иИ][цЦ][аА]|[тТ][уУ][пП][иИ][кК]|[пП][рР]-[тТ]|[кК][вВ]-[лЛ]|[пП][рР]-[дД]|[мМ][кК][рР][нН]|[нН][аА][бБ]|[тТ][уУ][пП]|[бБ]-[рР]|[бБ][уУ][лЛ]|[мМ][кК][рР]|[пП][еЕёЁ][рР]|[пП][рР]|[пП][лЛ]|[уУ][лЛ]|[уУ]|[шШ])?[\s\x85.,;:"'«»()№#]*$)[^\x00]+$"#
    )]
    pub street: String,
    /// The house number, with or without «д.»: 1 to 50 characters, more than «д.» alone.
    #[validate(length(min = 1, max = 50))]
    #[schema(
        min_length = 1,
        max_length = 50,
        pattern = r#"^(?![\s\x85.,;:"'«»()№#]*(?:(?:[дДdD][оОoO][мМmM]|[дДdD])[\s\x85.,;:"'«»()№#]*)*$)[^\x00]+$"#
    )]
    pub house: String,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub building: Option<String>,
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub apartment: Option<String>,
}

impl AddressDto {
    pub fn to_domain(&self) -> Address {
        Address {
            city: self.city.clone(),
            street: self.street.clone(),
            house: self.house.clone(),
            building: self.building.clone(),
            apartment: self.apartment.clone(),
        }
    }
}

/// A billed service.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"code": "cold_water", "name": "Холодное водоснабжение", "unit": "м³"}))]
pub struct ServiceDto {
    /// The provider's service code: 1 to 32 of `A-Z a-z 0-9 _ . -`. One charge per account, period and code.
    #[validate(length(min = 1, max = 32))]
    #[schema(value_type = formats::ServiceCode)]
    pub code: String,
    #[validate(length(min = 1, max = 200))]
    #[schema(min_length = 1, max_length = 200)]
    pub name: String,
    /// Unit of volume (м³, Гкал, кВт·ч).
    #[validate(length(min = 1, max = 20))]
    #[schema(min_length = 1, max_length = 20)]
    pub unit: String,
}

/// A provider's bank details, as printed on receipts and in the payment QR.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "ПАО Сбербанк", "bik": "044525225", "account": "40702810438000060473", "correspondent_account": "30101810400000000225"}))]
pub struct BankDetails {
    /// Bank name.
    #[validate(length(min = 2, max = 200))]
    #[schema(min_length = 2, max_length = 200)]
    pub name: String,
    #[validate(custom(function = "rules::bik"))]
    #[schema(value_type = formats::Bik)]
    pub bik: String,
    /// 20-digit settlement account; its key digit is checked against the BIK.
    #[schema(value_type = formats::SettlementAccount)]
    pub account: String,
    /// The bank's 20-digit correspondent account (30101…); checked against the BIK.
    #[schema(value_type = formats::CorrespondentAccount)]
    pub correspondent_account: String,
}

impl From<&Requisites> for BankDetails {
    fn from(r: &Requisites) -> Self {
        Self {
            name: r.bank_name.clone(),
            bik: r.bank_bik.clone(),
            account: r.bank_account.clone(),
            correspondent_account: r.bank_correspondent_account.clone(),
        }
    }
}

impl Rules for BankDetails {
    fn rules(&self, checks: &mut Checks) {
        if requisites::bik_is_valid(&self.bik) {
            checks.check(
                requisites::settlement_account_is_valid(&self.account, &self.bik),
                "bank.account",
                "must be 20 digits whose key digit matches the BIK",
            );
            checks.check(
                requisites::correspondent_account_is_valid(&self.correspondent_account, &self.bik),
                "bank.correspondent_account",
                "must be the bank's 30101… account matching the BIK",
            );
        }
    }
}

/// One charge on a document.
#[derive(Debug, Serialize, ToSchema)]
pub struct LineResponse {
    pub provider_id: String,
    #[schema(value_type = formats::AccountNumber)]
    pub account_number: String,
    pub service: ServiceDto,
    #[schema(value_type = Option<formats::Decimal>)]
    pub volume: Option<String>,
    #[schema(value_type = Option<formats::Decimal>)]
    pub tariff: Option<String>,
    pub amount: i64,
    pub recalculation: i64,
    pub debt: i64,
    pub penalty: i64,
    /// amount + recalculation + debt + penalty.
    pub total: i64,
}

/// Who is paid, with what to pay them by.
#[derive(Debug, Serialize, ToSchema)]
pub struct PayeeResponse {
    pub provider_id: String,
    pub name: String,
    #[schema(value_type = formats::Inn)]
    pub inn: String,
    #[schema(value_type = Option<formats::Kpp>)]
    pub kpp: Option<String>,
    pub bank: BankDetails,
    /// The payer's account with this provider.
    #[schema(value_type = formats::AccountNumber)]
    pub account_number: String,
    /// Kopecks due to this payee.
    pub total: i64,
    /// The GOST R 56042-2014 payment QR payload (`ST00012|Name=…`).
    pub qr_payload: String,
}

pub fn address(p: &PremisesRow) -> AddressDto {
    AddressDto {
        city: p.city.clone(),
        street: p.street.clone(),
        house: p.house.clone(),
        building: p.building.clone(),
        apartment: p.apartment.clone(),
    }
}

pub fn lines(view: &DocumentView) -> Vec<LineResponse> {
    view.lines
        .iter()
        .map(|l| LineResponse {
            provider_id: l.provider_id.to_string(),
            account_number: l.account_number.clone(),
            service: ServiceDto { code: l.service_code.clone(), name: l.service_name.clone(), unit: l.unit.clone() },
            volume: l.amounts.volume.clone(),
            tariff: l.amounts.tariff.clone(),
            amount: l.amounts.amount,
            recalculation: l.amounts.recalculation,
            debt: l.amounts.debt,
            penalty: l.amounts.penalty,
            total: l.total,
        })
        .collect()
}

pub fn payees(view: &DocumentView) -> Vec<PayeeResponse> {
    view.payees
        .iter()
        .map(|(p, qr)| PayeeResponse {
            provider_id: p.provider_id.to_string(),
            name: p.requisites.name.clone(),
            inn: p.requisites.inn.clone(),
            kpp: p.requisites.kpp.clone(),
            bank: BankDetails::from(&p.requisites),
            account_number: p.account_number.clone(),
            total: p.total,
            qr_payload: qr.clone(),
        })
        .collect()
}

/// What carries a verification code.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationChannel {
    Sms,
}

/// A pending SMS verification.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationResponse {
    pub id: String,
    /// Always `sms`.
    pub channel: VerificationChannel,
    /// The masked phone the code went to: `+7******4567`.
    #[schema(value_type = formats::MaskedPhone)]
    pub to: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// `pending`, `confirmed`, `dead` (5 wrong codes) or `superseded` (a newer request replaced it).
    pub status: VerificationStatus,
    pub attempts_left: i32,
}

impl From<VerificationRow> for VerificationResponse {
    fn from(v: VerificationRow) -> Self {
        Self {
            to: crate::domain::phone::mask(&v.phone),
            id: v.id,
            channel: VerificationChannel::Sms,
            expires_at: v.expires_at.and_utc(),
            status: v.status,
            attempts_left: v.attempts_left,
        }
    }
}

/// A provider of the premises.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressProvider {
    pub id: String,
    pub name: String,
    /// Whether its charges can come by email (from the next billing run on).
    pub edoc_capable: bool,
}

/// How receipts of the address are delivered.
#[derive(Debug, Serialize, ToSchema)]
pub struct Delivery {
    /// `paper` or `electronic`.
    pub channel: Channel,
    pub sms_notifications: bool,
    /// The first period whose billing run uses the current choice (null until a change is made).
    #[schema(value_type = Option<formats::Period>)]
    pub effective_from: Option<String>,
    /// A change asked for and waiting for its SMS code.
    pub pending_verification: Option<VerificationResponse>,
}

/// A linked address.
#[derive(Debug, Serialize, ToSchema)]
pub struct AddressResponse {
    pub id: String,
    pub address: AddressDto,
    #[schema(value_type = formats::PayerCode)]
    pub payer_code: String,
    pub providers: Vec<AddressProvider>,
    pub delivery: Delivery,
}

impl From<AddressView> for AddressResponse {
    fn from(v: AddressView) -> Self {
        let p = v.premises;
        Self {
            id: v.address.id.into(),
            address: AddressDto { city: p.city, street: p.street, house: p.house, building: p.building, apartment: p.apartment },
            payer_code: p.payer_code,
            providers: v
                .providers
                .into_iter()
                .map(|(p, capable)| AddressProvider { id: p.id.into(), name: p.name, edoc_capable: capable })
                .collect(),
            delivery: Delivery {
                channel: v.address.channel,
                sms_notifications: v.address.sms_notifications,
                effective_from: v.address.effective_from,
                pending_verification: v.pending.map(Into::into),
            },
        }
    }
}

/// One applied change of delivery.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryChangeResponse {
    pub from: Channel,
    pub to: Channel,
    pub from_sms_notifications: bool,
    pub sms_notifications: bool,
    /// The first period whose billing run uses it.
    #[schema(value_type = formats::Period)]
    pub effective_from: String,
    /// The SMS verification that confirmed it; null when the platform made the change.
    pub verification_id: Option<String>,
    /// Who asked for it: an app's name (its `client_id` is authenticated), else the `User-Agent` of the
    /// cabinet's browser or the first-party client.
    pub client: Option<String>,
    /// The app that asked for it; null for the cabinet and first-party logins.
    pub client_id: Option<String>,
    pub changed_at: chrono::DateTime<chrono::Utc>,
    /// `resident` (asked for and confirmed by SMS) or `email_bounced` (mail to the resident's email
    /// bounced for good, so receipts went back to paper).
    pub reason: ChangeReason,
}

impl From<DeliveryChangeRow> for DeliveryChangeResponse {
    fn from(c: DeliveryChangeRow) -> Self {
        Self {
            from: c.from_channel,
            to: c.to_channel,
            from_sms_notifications: c.from_sms_notifications,
            sms_notifications: c.sms_notifications,
            effective_from: c.effective_from,
            verification_id: c.verification_id,
            client: c.client,
            client_id: c.client_id,
            changed_at: c.changed_at.and_utc(),
            reason: c.reason,
        }
    }
}
