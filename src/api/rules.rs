//! Field rules for request DTOs: `validator` custom functions over the domain checks, and the `Rules`
//! trait for checks that span fields (all reported together in one 422).

use std::borrow::Cow;

use validator::ValidationError;

use crate::domain::{period::Period, phone, requisites};
use crate::error::Checks;

/// Cross-field checks of a request, run after the per-field rules.
pub trait Rules {
    fn rules(&self, _checks: &mut Checks) {}
}

fn fail(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

pub fn inn(value: &str) -> Result<(), ValidationError> {
    requisites::inn_is_valid(value).then_some(()).ok_or_else(|| fail("inn", "must be 10 or 12 digits with valid check digits"))
}

pub fn kpp(value: &str) -> Result<(), ValidationError> {
    requisites::kpp_is_valid(value)
        .then_some(())
        .ok_or_else(|| fail("kpp", "must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits"))
}

pub fn ogrn(value: &str) -> Result<(), ValidationError> {
    requisites::ogrn_is_valid(value)
        .then_some(())
        .ok_or_else(|| fail("ogrn", "must be 13 (OGRN) or 15 (OGRNIP) digits with a valid check digit"))
}

pub fn bik(value: &str) -> Result<(), ValidationError> {
    requisites::bik_is_valid(value).then_some(()).ok_or_else(|| fail("bik", "must be 9 digits starting with 04"))
}

pub fn phone(value: &str) -> Result<(), ValidationError> {
    phone::normalise(value).map(drop).ok_or_else(|| fail("phone", "must be a Russian phone number, e.g. +7 3902 22-33-44"))
}

pub fn mobile(value: &str) -> Result<(), ValidationError> {
    phone::normalise_mobile(value).map(drop).ok_or_else(|| fail("phone", "must be a Russian mobile number, e.g. +7 912 345-67-89"))
}

pub fn period(value: &str) -> Result<(), ValidationError> {
    Period::parse(value).map(drop).ok_or_else(|| fail("period", "must be a month written YYYY-MM"))
}

pub fn webhook_url(value: &str) -> Result<(), ValidationError> {
    let ok = url::Url::parse(value)
        .ok()
        .filter(|u| matches!(u.scheme(), "https" | "http") && u.host_str().is_some() && u.username().is_empty() && u.password().is_none())
        .is_some();
    ok.then_some(()).ok_or_else(|| fail("webhook_url", "must be an http(s) URL without credentials"))
}

pub fn email(value: &str) -> Result<(), ValidationError> {
    let value = value.trim();
    (value.len() <= 254 && validator::ValidateEmail::validate_email(&value))
        .then_some(())
        .ok_or_else(|| fail("email", "must be an email address"))
}

/// Whether an account number is 1 to 64 visible characters.
pub fn account_number_ok(number: &str) -> bool {
    !number.is_empty() && number.chars().count() <= 64 && !number.chars().any(|c| c.is_whitespace() || c.is_control())
}
