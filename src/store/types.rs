//! How the domain's closed sets are stored: as text, read back through their `FromStr` (a value outside
//! the set is an error, never a string passed along).

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::Text;

use crate::domain::role::Role;
use crate::domain::vocabulary::{
    ChangeReason, Channel, DocumentDelivery, DocumentKind, DocumentOrigin, LinkCodeSource, MessageChannel, MessageStatus, MoveReason,
    ProviderStatus, RunStatus, TokenStatus, VerificationPurpose, VerificationStatus,
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
);
