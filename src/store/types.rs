//! How the domain's closed sets are stored: as text, read back through their `FromStr` (a value outside
//! the set is an error, never a string passed along).

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::domain::role::Role;
use crate::domain::vocabulary::{
    AppStatus, AppType, ChangeReason, Channel, DocumentDelivery, DocumentKind, DocumentOrigin, LinkCodeSource, MessageChannel,
    MessageStatus, MoveReason, ProviderStatus, RunStatus, TokenStatus, VerificationPurpose, VerificationStatus, WebhookDeliveryStatus,
    WebhookEvent,
};

macro_rules! stored_as_text {
    ($($ty:ty),+ $(,)?) => {
        $(
            impl<DB: Backend> ToSql<Text, DB> for $ty
            where
                str: ToSql<Text, DB>,
            {
                fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, DB>) -> serialize::Result {
                    self.as_str().to_sql(out)
                }
            }

            impl<DB: Backend> FromSql<Text, DB> for $ty
            where
                String: FromSql<Text, DB>,
            {
                fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
                    Ok(String::from_sql(bytes)?.parse()?)
                }
            }
        )+
    };
}

stored_as_text!(
    ProviderStatus,
    Channel,
    DocumentKind,
    DocumentDelivery,
    DocumentOrigin,
    RunStatus,
    MessageChannel,
    MessageStatus,
    VerificationPurpose,
    VerificationStatus,
    ChangeReason,
    TokenStatus,
    LinkCodeSource,
    MoveReason,
    Role,
    AppType,
    AppStatus,
    WebhookEvent,
    WebhookDeliveryStatus,
);

/// `Insertable` (and, for a row with a `key`, `AsChangeset`) for a row that embeds a domain struct
/// (`ChargeAmounts`, `Requisites`): the row's own columns and the struct's as one flat list, since
/// PostgreSQL's `COPY` takes only flat rows (a derived `embed` nests them) and the domain cannot name
/// the store's tables. `$row { field: Type, … } $embedded { field: Type, … }` lists both sets of
/// columns, each named as in the table.
#[macro_export]
macro_rules! flat_row {
    ($row:ty => $table:ident { $($field:ident: $ty:ty),+ $(,)? } $embedded:ident { $($inner:ident: $ity:ty),+ $(,)? }) => {
        // What `derive(Insertable)` emits too: lets a slice of rows be one multi-row insert or COPY.
        impl diesel::internal::derives::insertable::UndecoratedInsertRecord<$table::table> for $row {}

        impl<'a> diesel::Insertable<$table::table> for &'a $row {
            type Values = <(
                $(diesel::dsl::Eq<$table::$field, &'a $ty>,)+
                $(diesel::dsl::Eq<$table::$inner, &'a $ity>,)+
            ) as diesel::Insertable<$table::table>>::Values;

            fn values(self) -> Self::Values {
                use diesel::ExpressionMethods;
                ($($table::$field.eq(&self.$field),)+ $($table::$inner.eq(&self.$embedded.$inner),)+).values()
            }
        }
    };
    ($row:ty => $table:ident { key $key:ident: $kty:ty, $($field:ident: $ty:ty),+ $(,)? } $embedded:ident { $($inner:ident: $ity:ty),+ $(,)? }) => {
        $crate::flat_row!($row => $table { $key: $kty, $($field: $ty),+ } $embedded { $($inner: $ity),+ });

        // Every column but the key; `None` writes NULL.
        impl<'a> diesel::AsChangeset for &'a $row {
            type Target = $table::table;
            type Changeset = <(
                $(diesel::dsl::Eq<$table::$field, &'a $ty>,)+
                $(diesel::dsl::Eq<$table::$inner, &'a $ity>,)+
            ) as diesel::AsChangeset>::Changeset;

            fn as_changeset(self) -> Self::Changeset {
                use diesel::ExpressionMethods;
                ($($table::$field.eq(&self.$field),)+ $($table::$inner.eq(&self.$embedded.$inner),)+).as_changeset()
            }
        }
    };
}
