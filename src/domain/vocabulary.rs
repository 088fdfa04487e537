//! The closed sets of the domain, as types: statuses, channels, kinds and reasons. Each is stored as
//! text (with a CHECK constraint in both databases) and read back through `FromStr`, so a value the
//! code does not know can never slip through as a string.

/// A stored value outside its closed set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not a {set}")]
pub struct UnknownValue {
    pub set: &'static str,
    pub value: String,
}

/// A closed set: an enum whose stored and wire form is the snake_case of each variant (`as_str`,
/// serde and the spec agree; a test holds them to it).
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
            diesel::expression::AsExpression, diesel::deserialize::FromSqlRow,
        )]
        #[diesel(sql_type = diesel::sql_types::Text)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value of the set.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;

            fn from_str(value: &str) -> Result<Self, UnknownValue> {
                match value {
                    $($text => Ok($name::$variant),)+
                    other => Err(UnknownValue { set: stringify!($name), value: other.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use closed_set;

closed_set! {
    /// Where a provider stands with the agent.
    ProviderStatus {
        /// Registered, waiting for an operator: no tokens.
        Pending = "pending",
        Active = "active",
        /// Its tokens stop working; it gets no new ones.
        Suspended = "suspended",
    }
}

closed_set! {
    /// A third-party app's OAuth client type.
    AppType {
        /// A mobile or desktop app: it cannot keep a secret, so it proves itself with PKCE alone.
        Public = "public",
        /// A web app's server: it has a client secret.
        Confidential = "confidential",
    }
}

closed_set! {
    /// Whether an app may act for residents.
    AppStatus {
        Active = "active",
        /// Its tokens stop working; it gets no new ones.
        Suspended = "suspended",
    }
}

closed_set! {
    /// How a premises' receipts reach its residents.
    Channel {
        Paper = "paper",
        Electronic = "electronic",
    }
}

closed_set! {
    /// What a billing run makes.
    DocumentKind {
        /// One provider's charges of one premises, emailed.
        EReceipt = "e_receipt",
        /// The ЕПД: every other provider's charges of one premises, printed.
        Paper = "paper",
    }
}

closed_set! {
    /// Where a document is on its way to the resident.
    DocumentDelivery {
        /// An e-receipt whose email is waiting to go.
        Queued = "queued",
        Emailed = "emailed",
        /// An e-receipt whose email could not be delivered.
        Failed = "failed",
        /// A paper ЕПД, for the operator to print.
        Printed = "printed",
    }
}

closed_set! {
    /// Who made a document.
    DocumentOrigin {
        /// The billing run.
        Run = "run",
        /// A bounce: a supplementary paper ЕПД carrying e-receipts whose email bounced for good.
        Bounce = "bounce",
    }
}

closed_set! {
    /// Where a billing run is.
    RunStatus {
        Running = "running",
        Finished = "finished",
        Failed = "failed",
    }
}

closed_set! {
    /// What carries a message of the outbox.
    MessageChannel {
        Email = "email",
        Sms = "sms",
        Webhook = "webhook",
    }
}

closed_set! {
    /// Where a message of the outbox is.
    MessageStatus {
        /// Waiting to go (or to be tried again).
        Pending = "pending",
        Sent = "sent",
        /// Given up: refused for good, or too many failed attempts.
        Failed = "failed",
    }
}

closed_set! {
    /// What an SMS verification confirms.
    VerificationPurpose {
        DeliveryChange = "delivery_change",
        PhoneChange = "phone_change",
    }
}

closed_set! {
    /// Where an SMS verification is.
    VerificationStatus {
        Pending = "pending",
        Confirmed = "confirmed",
        /// Five wrong codes.
        Dead = "dead",
        /// A newer request of the same kind replaced it.
        Superseded = "superseded",
    }
}

closed_set! {
    /// Why an address's delivery changed.
    ChangeReason {
        /// The resident asked, and confirmed by SMS.
        Resident = "resident",
        /// Mail to the resident's email bounced for good: back to paper.
        EmailBounced = "email_bounced",
    }
}

closed_set! {
    /// Where a refresh token is.
    TokenStatus {
        Active = "active",
        /// Used once, replaced by its successor.
        Rotated = "rotated",
        Revoked = "revoked",
    }
}

closed_set! {
    /// Where a one-time link code came from.
    LinkCodeSource {
        /// Printed on a paper ЕПД.
        Paper = "paper",
        /// Issued by an operator.
        Operator = "operator",
    }
}

closed_set! {
    /// Why an account moved to another premises.
    MoveReason {
        /// The provider sent it again with another address.
        AddressChanged = "address_changed",
        PremisesMerged = "premises_merged",
    }
}

closed_set! {
    /// A mail provider's bounce report.
    BounceKind {
        /// The mailbox does not exist: receipts go back to paper.
        Hard = "hard",
        /// Full, or a server busy: only recorded.
        Soft = "soft",
    }
}

closed_set! {
    /// What an event of the audit trail records.
    AuditKind {
        #[serde(rename = "account.erased")]
        AccountErased = "account.erased",
        #[serde(rename = "address.linked")]
        AddressLinked = "address.linked",
        #[serde(rename = "address.unlinked")]
        AddressUnlinked = "address.unlinked",
        #[serde(rename = "app.authorization_revoked")]
        AppAuthorizationRevoked = "app.authorization_revoked",
        #[serde(rename = "app.authorized")]
        AppAuthorized = "app.authorized",
        #[serde(rename = "app.registered")]
        AppRegistered = "app.registered",
        #[serde(rename = "app.suspended")]
        AppSuspended = "app.suspended",
        #[serde(rename = "billing_run.started")]
        BillingRunStarted = "billing_run.started",
        #[serde(rename = "delivery.changed")]
        DeliveryChanged = "delivery.changed",
        #[serde(rename = "delivery.reverted")]
        DeliveryReverted = "delivery.reverted",
        #[serde(rename = "document.supplementary")]
        DocumentSupplementary = "document.supplementary",
        #[serde(rename = "edoc.declared")]
        EdocDeclared = "edoc.declared",
        #[serde(rename = "email.bounced")]
        EmailBounced = "email.bounced",
        #[serde(rename = "email.change_requested")]
        EmailChangeRequested = "email.change_requested",
        #[serde(rename = "email.changed")]
        EmailChanged = "email.changed",
        #[serde(rename = "email.soft_bounced")]
        EmailSoftBounced = "email.soft_bounced",
        #[serde(rename = "link_code.issued")]
        LinkCodeIssued = "link_code.issued",
        #[serde(rename = "password.changed")]
        PasswordChanged = "password.changed",
        #[serde(rename = "password.reset")]
        PasswordReset = "password.reset",
        #[serde(rename = "password.reset_requested")]
        PasswordResetRequested = "password.reset_requested",
        #[serde(rename = "phone.change_requested")]
        PhoneChangeRequested = "phone.change_requested",
        #[serde(rename = "phone.changed")]
        PhoneChanged = "phone.changed",
        #[serde(rename = "premises.merged")]
        PremisesMerged = "premises.merged",
        #[serde(rename = "provider.approved")]
        ProviderApproved = "provider.approved",
        #[serde(rename = "provider.suspended")]
        ProviderSuspended = "provider.suspended",
        #[serde(rename = "resident.registered")]
        ResidentRegistered = "resident.registered",
    }
}

closed_set! {
    /// Who did what an audit event records.
    AuditActor {
        Operator = "operator",
        Provider = "provider",
        Resident = "resident",
        /// The platform itself (a bounced email moving an address back to paper).
        System = "system",
    }
}

closed_set! {
    /// What an audit event is about.
    AuditObject {
        Address = "address",
        App = "app",
        BillingRun = "billing_run",
        Document = "document",
        Premises = "premises",
        Provider = "provider",
        Resident = "resident",
    }
}

closed_set! {
    /// What a webhook tells a provider (its `type`).
    WebhookEvent {
        /// A test event the provider asked for (`POST /v1/providers/me/webhooks/test`).
        Ping = "ping",
        /// An e-receipt reached the resident's mailbox.
        #[serde(rename = "document.delivered")]
        DocumentDelivered = "document.delivered",
        /// An e-receipt could not be delivered (it went onto paper).
        #[serde(rename = "document.failed")]
        DocumentFailed = "document.failed",
        /// A premises of the provider's accounts switched between paper and electronic receipts.
        #[serde(rename = "account.delivery_changed")]
        AccountDeliveryChanged = "account.delivery_changed",
    }
}

closed_set! {
    /// How one attempt at a webhook ended.
    WebhookDeliveryStatus {
        /// The receiver answered 2xx.
        Succeeded = "succeeded",
        /// The receiver answered otherwise, could not be reached, or may not be called.
        Failed = "failed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wire_names_are_the_stored_ones<T: serde::Serialize + Copy + std::fmt::Display>(all: &[T]) {
        for value in all {
            assert_eq!(serde_json::to_value(value).unwrap(), serde_json::Value::from(value.to_string()));
        }
    }

    #[test]
    fn every_set_writes_on_the_wire_what_it_stores() {
        wire_names_are_the_stored_ones(ProviderStatus::ALL);
        wire_names_are_the_stored_ones(Channel::ALL);
        wire_names_are_the_stored_ones(DocumentKind::ALL);
        wire_names_are_the_stored_ones(DocumentDelivery::ALL);
        wire_names_are_the_stored_ones(DocumentOrigin::ALL);
        wire_names_are_the_stored_ones(RunStatus::ALL);
        wire_names_are_the_stored_ones(MessageChannel::ALL);
        wire_names_are_the_stored_ones(MessageStatus::ALL);
        wire_names_are_the_stored_ones(VerificationPurpose::ALL);
        wire_names_are_the_stored_ones(VerificationStatus::ALL);
        wire_names_are_the_stored_ones(ChangeReason::ALL);
        wire_names_are_the_stored_ones(TokenStatus::ALL);
        wire_names_are_the_stored_ones(LinkCodeSource::ALL);
        wire_names_are_the_stored_ones(MoveReason::ALL);
        wire_names_are_the_stored_ones(BounceKind::ALL);
        wire_names_are_the_stored_ones(AppType::ALL);
        wire_names_are_the_stored_ones(AppStatus::ALL);
        wire_names_are_the_stored_ones(AuditKind::ALL);
        wire_names_are_the_stored_ones(AuditActor::ALL);
        wire_names_are_the_stored_ones(AuditObject::ALL);
        wire_names_are_the_stored_ones(WebhookEvent::ALL);
        wire_names_are_the_stored_ones(WebhookDeliveryStatus::ALL);
        wire_names_are_the_stored_ones(crate::domain::role::Role::ALL);
    }

    #[test]
    fn values_round_trip_and_unknown_ones_are_refused() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.as_str().parse::<DocumentKind>(), Ok(*kind));
        }
        assert_eq!(serde_json::to_string(&DocumentKind::EReceipt).unwrap(), "\"e_receipt\"");
        assert_eq!("pigeon".parse::<Channel>(), Err(UnknownValue { set: "Channel", value: "pigeon".into() }));
        assert_eq!(VerificationPurpose::PhoneChange.to_string(), "phone_change");
    }
}
