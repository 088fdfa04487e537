//! The written forms of the domain's identifiers, codes and values as the OpenAPI spec states them:
//! one named schema per kind (`Inn`, `PayerCode`, `Period`, …) with the pattern and lengths the
//! parsers of this module's siblings accept, which every field holding one refers to
//! (`#[schema(value_type = formats::Inn)]`). What a pattern cannot say (a check digit) is said in
//! the schema's description.
//!
//! These types exist for the spec only; values are parsed by the domain types (`requisites::Inn`,
//! `phone::Phone`, …). A pattern may be stricter than its parser (the spec then promises less than the
//! server takes), never looser: a value the pattern admits is accepted, except for the check digits
//! that the descriptions name.

#![allow(dead_code)]

use utoipa::ToSchema;

/// ИНН, the taxpayer number: 10 digits (an organisation) or 12 (an individual entrepreneur). Its
/// check digits are verified as well (the weighted sums of the Federal Tax Service), which no pattern
/// can state: a number with a wrong check digit is refused with 422 `validation_failed` naming this
/// field. That is the documented exception to "a value the schema admits is accepted".
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^([0-9]{10}|[0-9]{12})$", example = "1901067718")]
pub struct Inn(String);

/// КПП, the tax registration reason code: 4 digits (tax office), 2 digits or capital Latin letters
/// (reason), 3 digits.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$", example = "190101001")]
pub struct Kpp(String);

/// ОГРН (13 digits, an organisation) or ОГРНИП (15 digits, an individual entrepreneur). Its check
/// digit (the rest modulo 11 or 13) is verified as well, which no pattern can state: a wrong one is
/// refused with 422 `validation_failed` naming this field (the documented exception).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^([0-9]{13}|[0-9]{15})$", example = "1021900521224")]
pub struct Ogrn(String);

/// БИК, the bank identification code: 9 digits starting with the country code 04.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^04[0-9]{7}$", example = "044525225")]
pub struct Bik(String);

/// A settlement account (расчётный счёт): 20 digits. Its key digit is verified against the bank's
/// BIK (the Bank of Russia's control of an account), which no pattern can state: an account whose key
/// does not agree with the BIK is refused with 422 `validation_failed` naming this field (the
/// documented exception).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9]{20}$", example = "40702810438000060473")]
pub struct SettlementAccount(String);

/// A bank's correspondent account at the Bank of Russia: 20 digits starting with 30101. It must end
/// with the BIK's last three digits and its key digit must agree with the BIK, which no pattern can
/// state: such an account is refused with 422 `validation_failed` naming this field (the documented
/// exception, the same control as a settlement account's key).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^30101[0-9]{15}$", example = "30101810400000000225")]
pub struct CorrespondentAccount(String);

/// A payer code: the agent's 10-digit number of a premises, printed on its ЕПД. Its last digit is a
/// Luhn check digit, which no pattern can state: a code with a wrong one is refused with 422
/// `validation_failed` naming the field (the documented exception); a code that is well formed but
/// unknown is a 404.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9]{10}$", example = "0000000018")]
pub struct PayerCode(String);

/// A billing period: a month written `YYYY-MM`, years 2000 to 2099.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^20[0-9]{2}-(0[1-9]|1[0-2])$", example = "2021-08")]
pub struct Period(String);

/// A Russian phone number as people write it (`+7 3902 22-33-44`, `8 (912) 345-67-89`,
/// `9123456789`): `+7` and 10 digits, `7` or `8` and 10 digits, or 10 digits, with spaces, hyphens and
/// brackets anywhere between them. Stored and answered in E.164 (`+73902223344`).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^(\+[ ()-]*7[ ()-]*|[ ()-]*([78][ ()-]*)?)([0-9][ ()-]*){10}$", example = "+7 3902 22-33-44")]
pub struct Phone(String);

/// A Russian mobile number (its national part starts with 9), written as a `Phone` may be: the only
/// kind that receives SMS codes. Stored and answered in E.164 (`+79131234567`).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^(\+[ ()-]*7[ ()-]*|[ ()-]*([78][ ()-]*)?)9[ ()-]*([0-9][ ()-]*){9}$", example = "+7 913 123-45-67")]
pub struct MobilePhone(String);

/// A Russian phone number in E.164, as the server stores and answers it.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^\+7[0-9]{10}$", example = "+79131234567")]
pub struct E164Phone(String);

/// A phone with all but its last four digits masked.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^\+7\*{6}[0-9]{4}$", example = "+7******4567")]
pub struct MaskedPhone(String);

/// An email address (at most 254 characters; surrounding spaces are trimmed, and it is kept in lower
/// case).
#[derive(ToSchema)]
#[schema(value_type = String, format = Email, pattern = r"^[^\s\x00]{3,254}$", example = "billing@vodokanal.example")]
pub struct Email(String);

/// A provider's own personal account number (лицевой счёт): 1 to 64 characters, none of them a space
/// or a control character.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[^\s\x00-\x1f\x7f-\x9f]{1,64}$", example = "1001234")]
pub struct AccountNumber(String);

/// A provider's service code: 1 to 32 of `A-Z a-z 0-9 _ . -`.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[A-Za-z0-9_.-]{1,32}$", example = "cold_water")]
pub struct ServiceCode(String);

/// An exact non-negative decimal, as a string: at most 12 digits before the point (leading zeros
/// aside) and 6 after it (`"12.345"`); kept in canonical form (`"012.3400"` → `"12.34"`).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^0*[0-9]{1,12}(\.[0-9]{1,6})?$", example = "42.37")]
pub struct Decimal(String);

/// A one-time link code, as printed on a paper ЕПД or issued by an operator: 8 Crockford base-32
/// characters written `XXXX-XXXX` (case, a space instead of the hyphen, `O` for `0` and `I`/`L` for
/// `1` are forgiven). A code that does not match the payer code (or was used, or has expired) is
/// refused with 422 on `link_code`.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9A-Za-z]{4}[ -]?[0-9A-Za-z]{4}$", example = "7KQ2-M9XD")]
pub struct LinkCode(String);

/// A document's verification code, printed on every receipt: 20 Crockford base-32 characters in five
/// groups of four (`XXXX-XXXX-XXXX-XXXX-XXXX`; case is forgiven).
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9A-Za-z]{4}(-[0-9A-Za-z]{4}){4}$", example = "7KQ2-M9XD-4T1B-ZP8R-0HWC")]
pub struct VerificationCode(String);

/// The 6-digit code from the SMS.
#[derive(ToSchema)]
#[schema(value_type = String, pattern = r"^[0-9]{6}$", example = "493817")]
pub struct SmsCode(String);

/// A webhook URL: `http(s)://` and a host name (not an IP address) with a top-level domain of
/// letters, an optional port, path and query; at most 2000 characters, no credentials. The host must
/// be public: `localhost`, the names of the server's hosts file and names that resolve to private,
/// loopback or link-local addresses are refused with 422 (a policy checked against the network, which
/// the pattern states only in part).
#[derive(ToSchema)]
#[schema(
    value_type = String,
    format = "uri",
    pattern = r"^(?!https?://[^/?#]*\.localhost\.?(?:[:/?#]|$))https?://([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?(:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?([/?#][^\s\x00]{0,1900})?$",
    example = "https://billing.vodokanal.example/ebill/events"
)]
pub struct WebhookUrl(String);
