//! Opaque, time-ordered identifiers with a readable prefix (`prv_…`, `res_…`), so ids sort by creation
//! and cursors can page by id; a type per kind of record, so a resident's id can never be passed where
//! a provider's is meant.

/// A new id: `prefix` + `_` + a UUIDv7 in lowercase hex.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}_{}", uuid::Uuid::now_v7().simple())
}

/// An id type: `new()` makes a fresh one with its prefix; stored and sent as text. An id that came
/// from outside (a path, a token) is wrapped with `from`: it proves nothing until a lookup finds it.
macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident = $prefix:literal;)+) => {
        $(
            $(#[$meta])*
            #[derive(
                Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
                diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
            )]
            #[diesel(sql_type = diesel::sql_types::Text)]
            #[serde(transparent)]
            pub struct $name(String);

            impl $name {
                pub const PREFIX: &'static str = $prefix;

                #[allow(clippy::new_without_default)]
                pub fn new() -> Self {
                    Self(new_id($prefix))
                }

                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl From<String> for $name {
                fn from(id: String) -> Self {
                    Self(id)
                }
            }

            impl From<&str> for $name {
                fn from(id: &str) -> Self {
                    Self(id.to_owned())
                }
            }

            impl From<$name> for String {
                fn from(id: $name) -> String {
                    id.0
                }
            }

            impl AsRef<str> for $name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }

            impl std::fmt::Display for $name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl<DB: diesel::backend::Backend> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
            where
                str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
            {
                fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, DB>) -> diesel::serialize::Result {
                    self.0.as_str().to_sql(out)
                }
            }

            impl<DB: diesel::backend::Backend> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
            where
                String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
            {
                fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                    Ok(Self(String::from_sql(bytes)?))
                }
            }
        )+
    };
}

id_type! {
    /// A resource provider.
    ProviderId = "prv";
    /// A resident of the cabinet.
    ResidentId = "res";
    /// An operator of the payment agent.
    OperatorId = "opr";
    /// A premises (a dwelling with its payer code).
    PremisesId = "prm";
    /// A provider's personal account on a premises.
    AccountId = "acc";
    /// A resident's link to a premises.
    AddressId = "adr";
    /// A monthly billing run.
    RunId = "run";
    /// A receipt: an e-receipt or a paper ЕПД.
    DocumentId = "doc";
    /// One push of charges.
    BatchId = "bat";
    /// A third-party app: its OAuth `client_id`.
    AppId = "app";
    /// One attempt at a provider's webhook.
    WebhookDeliveryId = "whd";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_carry_their_prefix_and_sort_by_creation() {
        let first = RunId::new();
        let second = RunId::new();
        assert!(first.as_str().starts_with("run_"));
        assert!(first < second);
        assert_eq!(serde_json::to_string(&first).unwrap(), format!("\"{first}\""));
    }
}
