//! The events a provider's webhook receives: the `data` of each, as the services queue it and the spec
//! documents it (one type per event, so the two cannot part). Every event is sent as
//! `{id, type, created_at, data}` (`services::outbox::webhook_row`), `type` being a
//! `vocabulary::WebhookEvent`.

use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::vocabulary::{Channel, DocumentDelivery};

/// What became of an e-receipt carrying the provider's charges (`document.delivered`,
/// `document.failed`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentDeliveryEvent {
    /// The e-receipt.
    pub document_id: String,
    #[schema(value_type = crate::domain::formats::Period)]
    pub period: String,
    /// The premises' payer code.
    #[schema(value_type = crate::domain::formats::PayerCode)]
    pub payer_code: String,
    /// The provider's accounts on the e-receipt.
    #[schema(value_type = Vec<crate::domain::formats::AccountNumber>)]
    pub account_numbers: Vec<String>,
    /// Kopecks on the e-receipt.
    pub total: i64,
    /// `emailed` (`document.delivered`) or `failed` (`document.failed`: no email could be delivered;
    /// the charges go on a supplementary paper ЕПД).
    pub status: DocumentDelivery,
}

/// How the provider's charges for an account go out from a period on changed
/// (`account.delivery_changed`): a resident of the premises switched, or the provider's e-document
/// capability was withdrawn.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccountDeliveryChangedEvent {
    #[schema(value_type = crate::domain::formats::AccountNumber)]
    pub account_number: String,
    #[schema(value_type = crate::domain::formats::PayerCode)]
    pub payer_code: String,
    /// The channel from `effective_from` on.
    pub delivery: Channel,
    /// The first period whose billing run uses it.
    #[schema(value_type = crate::domain::formats::Period)]
    pub effective_from: String,
}

/// A test event (`ping`), sent on the provider's request to check its receiver.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PingEvent {
    /// The provider the webhook belongs to.
    pub provider_id: String,
}
