//! A posted form as a page shows it back: what was typed (never a password) and a message per field.

use std::collections::BTreeMap;

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
}
