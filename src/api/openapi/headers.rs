//! The response headers of every operation, from what the server's machinery sends:
//! `Idempotent-Replayed` on the answers an `Idempotency-Key` replays, `Retry-After`, `RateLimit-Policy`
//! and `RateLimit` on every 429 (and the last two on the other answers of an operation marked
//! `x-rate-limit`, which the limits count first), `Retry-After` on 503, `WWW-Authenticate` on 401. A handler
//! names the headers only it sends (`headers(("Location" = String, description = "…"))`,
//! `Link`); the definitions of all of them are here, so one header is described one way.

use serde_json::{Map, Value, json};

/// The definition of header `name` (`required`: sent with every answer it is listed on).
fn definition(name: &str, required: bool, description: Option<&str>) -> Option<Value> {
    let (schema, default_description) = match name {
        "Location" => (json!({"type": "string", "format": "uri-reference"}), "Where the resource is"),
        "Link" => (
            json!({"type": "string", "pattern": r#"^<[^>]+>; rel="next"$"#}),
            "`<…>; rel=\"next\"`: the URL of the next page, when there is one (RFC 8288)",
        ),
        "Idempotent-Replayed" => (
            json!({"type": "string", "enum": ["true"]}),
            "`true` when this is the recorded answer of an earlier request with the same `Idempotency-Key` (replayed for 24 h)",
        ),
        "Retry-After" => (json!({"type": "integer", "minimum": 1}), "Seconds to wait before trying again"),
        "RateLimit-Policy" => (
            json!({"type": "string", "pattern": r#"^"[a-z_]+";q=[0-9]+;w=[0-9]+$"#}),
            "The limit that counts this request: `\"name\";q=<requests>;w=<window in seconds>` (IETF draft-ietf-httpapi-ratelimit-headers)",
        ),
        "RateLimit" => (
            json!({"type": "string", "pattern": r#"^"[a-z_]+";r=[0-9]+;t=[0-9]+$"#}),
            "What is left of it: `\"name\";r=<remaining>;t=<seconds until it is whole again>`",
        ),
        "WWW-Authenticate" => (
            json!({"type": "string"}),
            "The authentication scheme (`Bearer`, with `error=\"insufficient_scope\"` and the scope it needs on 403)",
        ),
        _ => return None,
    };
    let mut header = json!({"description": description.unwrap_or(default_description), "schema": schema});
    if required {
        header["required"] = true.into();
    }
    Some(header)
}

fn put(headers: &mut Map<String, Value>, name: &str, required: bool) {
    if let Some(header) = definition(name, required, None) {
        headers.entry(name.to_owned()).or_insert(header);
    }
}

/// Adds the headers to every response of `doc`.
pub fn apply(doc: &mut Value) {
    for op in super::operations_mut(doc) {
        let idempotent = op
            .get("parameters")
            .and_then(Value::as_array)
            .is_some_and(|ps| ps.iter().any(|p| p["name"] == "Idempotency-Key" && p["in"] == "header"));
        let rate_limited = op.contains_key("x-rate-limit");
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { continue };
        for (status, response) in responses.iter_mut() {
            let Some(response) = response.as_object_mut() else { continue };
            let code: u16 = status.parse().unwrap_or(0);
            let headers = response.entry("headers").or_insert_with(|| json!({}));
            let Some(headers) = headers.as_object_mut() else { continue };
            // What a handler declared: the definition here, with the handler's description.
            for (name, declared) in headers.iter_mut() {
                let description = declared.get("description").and_then(Value::as_str).map(str::to_owned);
                // Location is sent with every answer that declares it; a next page's Link is not.
                if let Some(header) = definition(name, name == "Location", description.as_deref()) {
                    *declared = header;
                }
            }
            match code {
                429 => {
                    put(headers, "Retry-After", true);
                    put(headers, "RateLimit-Policy", true);
                    put(headers, "RateLimit", true);
                }
                503 => put(headers, "Retry-After", true),
                401 => put(headers, "WWW-Authenticate", false),
                _ => {}
            }
            // An answer given after the limit counted the request tells what is left of it (when the
            // limits are on; a body that does not parse is refused before).
            if rate_limited && code != 429 {
                put(headers, "RateLimit-Policy", false);
                put(headers, "RateLimit", false);
            }
            if idempotent && crate::api::idempotency::replayable(code) {
                put(headers, "Idempotent-Replayed", false);
            }
            if headers.is_empty() {
                response.remove("headers");
            }
        }
    }
}
