//! Who is calling: the three roles of the API.

use crate::domain::vocabulary::{UnknownValue, closed_set};

closed_set! {
    /// A kind of caller.
    Role {
        Provider = "provider",
        Resident = "resident",
        Operator = "operator",
    }
}

/// An authenticated caller: a role and the id of the provider, resident or operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub role: Role,
    pub id: String,
}

impl Principal {
    /// The key that scopes per-caller state such as idempotency keys.
    pub fn scope(&self) -> String {
        format!("{}:{}", self.role.as_str(), self.id)
    }
}
