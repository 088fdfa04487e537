//! The events sent to a provider's `webhook_url`, as OpenAPI 3.1 `webhooks`: one operation per event
//! type, its body the envelope `{id, type, created_at, data}` with the event's `data`
//! (`domain::events`), signed with the `webhook-signature` header. utoipa 5 has no `webhooks`, so the
//! section is added to the finished document here.

use serde_json::{Map, Value, json};

use crate::domain::vocabulary::WebhookEvent;

/// Each event: its type, the schema of its `data`, a summary and what causes it.
const EVENTS: &[(WebhookEvent, &str, &str, &str)] = &[
    (
        WebhookEvent::DocumentDelivered,
        "DocumentDeliveryEvent",
        "An e-receipt was emailed",
        "An e-receipt carrying the provider's charges reached the resident's mail server (`data.status` is \
         `emailed`). Sent once per e-receipt.",
    ),
    (
        WebhookEvent::DocumentFailed,
        "DocumentDeliveryEvent",
        "An e-receipt could not be delivered",
        "No email of an e-receipt carrying the provider's charges could be delivered (`data.status` is \
         `failed`); the charges go on a supplementary paper ЕПД. Sent once per e-receipt.",
    ),
    (
        WebhookEvent::AccountDeliveryChanged,
        "AccountDeliveryChangedEvent",
        "An account's delivery channel changed",
        "From `data.effective_from` on, the provider's charges for the account go out by `data.delivery`: a \
         resident of the premises switched between paper and electronic receipts, or unlinked it, or the \
         provider withdrew its e-document capability. Sent to e-document capable providers.",
    ),
    (
        WebhookEvent::Ping,
        "PingEvent",
        "A test event",
        "Sent when the provider asks for one, to check that its receiver answers and verifies signatures.",
    ),
];

/// The envelope schema of an event of `event_type` whose `data` is `data_schema`.
fn envelope(event_type: &str, data_schema: &str) -> Value {
    json!({
        "type": "object",
        "description": format!("The `{event_type}` event as POSTed to the provider's `webhook_url`."),
        "required": ["id", "type", "created_at", "data"],
        "properties": {
            "id": {
                "type": "string",
                "pattern": "^evt_[0-9a-f]{32}$",
                "description": "The event's id, also in the `webhook-id` header: the same on every retry of the event, so a receiver can drop repeats."
            },
            "type": {"type": "string", "enum": [event_type]},
            "created_at": {"type": "string", "format": "date-time"},
            "data": {"$ref": format!("#/components/schemas/{data_schema}")}
        },
        "additionalProperties": false
    })
}

fn envelope_name(data_schema: &str, event_type: WebhookEvent) -> String {
    match event_type {
        WebhookEvent::DocumentDelivered => "DocumentDeliveredEnvelope".into(),
        WebhookEvent::DocumentFailed => "DocumentFailedEnvelope".into(),
        _ => format!("{}Envelope", data_schema.trim_end_matches("Event")),
    }
}

/// The headers every event is sent with.
fn parameters() -> Value {
    json!([
        {
            "name": "webhook-id", "in": "header", "required": true,
            "description": "The event's `id`.",
            "schema": {"type": "string", "pattern": "^evt_[0-9a-f]{32}$"}
        },
        {
            "name": "webhook-signature", "in": "header", "required": true,
            "description": "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" with the webhook secret>`. While a rotated secret is still honoured, one `v1=` for each secret, the current one first. Check one of them against the raw body, and that `t` is recent.",
            "schema": {"type": "string", "pattern": "^t=[0-9]+(,v1=[0-9a-f]{64})+$"}
        },
        {
            "name": "traceparent", "in": "header", "required": true,
            "description": "W3C trace context of the change that caused the event.",
            "schema": {"type": "string", "pattern": "^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$"}
        }
    ])
}

/// Adds `webhooks` and the envelope schemas to `doc`.
pub fn apply(doc: &mut Value) {
    let mut hooks = Map::new();
    let mut schemas = Map::new();
    for &(event, data_schema, summary, description) in EVENTS {
        let (name, event_type) = (envelope_name(data_schema, event), event.as_str());
        schemas.insert(name.clone(), envelope(event_type, data_schema));
        let operation = json!({
            "tags": ["webhooks"],
            "summary": summary,
            "description": format!("{description}\n\nA 2xx answer within 15 s acknowledges the event; anything else is sent again later with the same `id` (from 5 s, doubling, at most 1 h apart, 12 attempts)."),
            "operationId": event_type.replace('.', "_"),
            "parameters": parameters(),
            "requestBody": {
                "required": true,
                "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}}
            },
            "responses": {
                "2XX": {"description": "Received"},
                "4XX": {"description": "Refused: sent again later, like any other answer than 2xx"},
                "5XX": {"description": "Failed: sent again later"}
            },
            "security": []
        });
        hooks.insert((*event_type).to_owned(), json!({"post": operation}));
    }
    if let Some(components) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) {
        components.extend(schemas);
    }
    if let Some(doc) = doc.as_object_mut() {
        doc.insert("webhooks".into(), Value::Object(hooks));
    }
}
