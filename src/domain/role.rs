//! Who is calling: the three roles of the API.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Provider,
    Resident,
    Operator,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provider => "provider",
            Self::Resident => "resident",
            Self::Operator => "operator",
        }
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
