//! Field rules for request DTOs: `validator` custom functions over the domain checks, and the `Rules`
//! trait for checks that span fields (all reported together in one 422).

use std::borrow::Cow;

use validator::ValidationError;

use crate::domain::checked::Invalid;
use crate::domain::period::Period;
use crate::domain::phone::Phone;
use crate::domain::requisites::{Bik, Inn, Kpp, Ogrn};
use crate::error::Checks;

/// Cross-field checks of a request, run after the per-field rules.
pub trait Rules {
    fn rules(&self, _checks: &mut Checks) {}
}

fn fail(code: &'static str, message: &'static str) -> ValidationError {
    ValidationError::new(code).with_message(Cow::Borrowed(message))
}

/// The parsed value of a field (the validation ran the same parser, so this fails only if a rule
/// and its parser part ways: a 422 naming the field, as the rule would have given).
pub fn field<T>(name: &str, parsed: Result<T, Invalid>) -> crate::error::Result<T> {
    parsed.map_err(|Invalid(message)| crate::error::Error::invalid(name, message))
}

/// A validator rule from a domain parser: the parser's message is the rule's.
fn parsed<T>(code: &'static str, parsed: Result<T, Invalid>) -> Result<(), ValidationError> {
    parsed.map(drop).map_err(|Invalid(message)| fail(code, message))
}

pub fn inn(value: &str) -> Result<(), ValidationError> {
    parsed("inn", Inn::parse(value))
}

pub fn kpp(value: &str) -> Result<(), ValidationError> {
    parsed("kpp", Kpp::parse(value))
}

pub fn ogrn(value: &str) -> Result<(), ValidationError> {
    parsed("ogrn", Ogrn::parse(value))
}

pub fn bik(value: &str) -> Result<(), ValidationError> {
    parsed("bik", Bik::parse(value))
}

pub fn phone(value: &str) -> Result<(), ValidationError> {
    parsed("phone", Phone::parse(value))
}

pub fn mobile(value: &str) -> Result<(), ValidationError> {
    parsed("phone", Phone::mobile(value))
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
