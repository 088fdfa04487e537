//! What a resident lets an app do: the OAuth scopes, their Russian wording on the consent page, and
//! scope strings (`"profile:read documents:read"`, RFC 6749 §3.3) as sets.

use std::fmt;

// Written out rather than with `closed_set!`: the values are not snake_case, and utoipa takes a
// variant's `serde(rename)` into the spec's enum only when it is spelled out in place.
/// One thing an app may do for a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub enum Scope {
    /// Read the profile: name, email, phone.
    #[serde(rename = "profile:read")]
    ProfileRead,
    /// Read the linked addresses, their delivery preference and its history.
    #[serde(rename = "addresses:read")]
    AddressesRead,
    /// Link and unlink addresses.
    #[serde(rename = "addresses:write")]
    AddressesWrite,
    /// Ask for a delivery change (the SMS code still goes to the resident's phone).
    #[serde(rename = "delivery:write")]
    DeliveryWrite,
    /// Read e-receipts and paper documents.
    #[serde(rename = "documents:read")]
    DocumentsRead,
}

impl Scope {
    /// Every scope, in the order scope strings print.
    pub const ALL: &'static [Scope] =
        &[Scope::ProfileRead, Scope::AddressesRead, Scope::AddressesWrite, Scope::DeliveryWrite, Scope::DocumentsRead];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ProfileRead => "profile:read",
            Scope::AddressesRead => "addresses:read",
            Scope::AddressesWrite => "addresses:write",
            Scope::DeliveryWrite => "delivery:write",
            Scope::DocumentsRead => "documents:read",
        }
    }

    /// What the consent page says the app will be able to do.
    pub fn consent_text(self) -> &'static str {
        match self {
            Scope::ProfileRead => "видеть ваше имя, электронную почту и телефон",
            Scope::AddressesRead => "видеть ваши адреса и способ получения квитанций по каждому",
            Scope::AddressesWrite => "привязывать и отвязывать адреса",
            Scope::DeliveryWrite => "запрашивать смену способа получения квитанций (подтверждаете вы кодом из SMS)",
            Scope::DocumentsRead => "видеть ваши квитанции и ЕПД",
        }
    }

    fn bit(self) -> u8 {
        1 << Scope::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// A set of scopes; prints as the space-separated scope string, in the order of `Scope::ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scopes(u8);

/// A scope string that names something that is not a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScope(pub String);

impl Scopes {
    /// Every scope.
    pub fn all() -> Self {
        Scope::ALL.iter().copied().collect()
    }

    /// Reads a space-separated scope string; an empty one is the empty set.
    pub fn parse(text: &str) -> Result<Self, UnknownScope> {
        text.split(' ')
            .filter(|s| !s.is_empty())
            .map(|s| Scope::ALL.iter().copied().find(|scope| scope.as_str() == s).ok_or_else(|| UnknownScope(s.to_owned())))
            .collect()
    }

    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    /// Whether every scope of `self` is in `other`.
    pub fn within(self, other: Scopes) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.iter().copied().filter(move |s| self.contains(*s))
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        Scopes(iter.into_iter().fold(0, |bits, s| bits | s.bit()))
    }
}

impl fmt::Display for Scopes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Scope::as_str).collect();
        f.write_str(&names.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_strings_read_and_print_in_one_order() {
        let s = Scopes::parse("documents:read  profile:read").unwrap();
        assert_eq!(s.to_string(), "profile:read documents:read");
        assert!(s.contains(Scope::DocumentsRead) && !s.contains(Scope::AddressesRead));
        assert!(s.within(Scopes::all()) && !Scopes::all().within(s));
        assert_eq!(Scopes::parse("profile:read admin"), Err(UnknownScope("admin".into())));
        assert!(Scopes::parse("").unwrap().is_empty());
        assert_eq!(Scopes::all().iter().count(), 5);
    }
}
