//! A posted form as a page shows it back: what was typed (never a password) and a message per field.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::phone::Phone;
use crate::web::messages::of_field;

/// The field name of an error about the whole form.
pub const WHOLE: &str = "_form";

#[derive(Debug, Default, Clone)]
pub struct Form {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl Form {
    /// A form showing `values` again (secrets are the caller's to leave out).
    pub fn with(values: &[(&str, &str)]) -> Self {
        Self { values: values.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(), errors: BTreeMap::new() }
    }

    pub fn value(&self, name: &str) -> &str {
        self.values.get(name).map(String::as_str).unwrap_or_default()
    }

    pub fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    pub fn fail(&mut self, name: &str, message: impl Into<String>) {
        self.errors.entry(name.to_owned()).or_insert_with(|| message.into());
    }

    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
    }

    /// The typed email, trimmed and lowercased; the field's message when it is not one.
    pub fn email(&mut self, name: &str, raw: &str) -> String {
        let email = raw.trim().to_lowercase();
        if !validator::ValidateEmail::validate_email(&email) || email.len() > 254 {
            self.fail(name, of_field("email"));
        }
        email
    }

    /// The typed mobile number; the field's message when it is not one.
    pub fn mobile(&mut self, name: &str, raw: &str) -> Option<Phone> {
        Phone::mobile(raw).map_err(|_| self.fail(name, of_field("phone"))).ok()
    }

    /// A new password of 10 to 200 characters; the field's message otherwise.
    pub fn new_password(&mut self, name: &str, raw: &str) {
        if !(10..=200).contains(&raw.chars().count()) {
            self.fail(name, of_field("password"));
        }
    }
}

/// The SMS code form of a pending verification (the address cards' and the profile's).
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub verification: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub csrf_token: String,
}
