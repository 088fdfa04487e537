//! `POST /v1/hooks/mail-bounces`: a mail provider reports that a message bounced (a DSN), signed
//! like our webhooks with the shared `EBILL_BOUNCE_SECRET`. A hard bounce falls back to paper.

use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::api::errors::ProblemBody;
use crate::api::json::parse;
use crate::api::rules::{self, Rules};
use crate::api::state::AppState;
use crate::crypto::{constant_time_eq, hmac_sha256_hex};
use crate::domain::formats;
use crate::domain::vocabulary::BounceKind;
use crate::error::{Code, Error, Result};
use crate::services::bounces::{self, Report};

/// How far the signature's time may be from ours.
const TOLERANCE_SECS: i64 = 300;

/// A bounce report.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "anna@example.org", "kind": "hard", "reason": "550 5.1.1 mailbox unavailable", "message_id": "<msg_0193f6a2@ebill.example>"}))]
pub struct BounceRequest {
    /// The recipient whose mail bounced.
    #[validate(custom(function = "rules::email"))]
    #[schema(value_type = formats::Email)]
    pub email: String,
    /// `hard` (the mailbox does not exist: receipts go back to paper) or `soft` (only recorded).
    pub kind: BounceKind,
    /// The remote server's words, as the report gives them.
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub reason: Option<String>,
    /// The `Message-ID` of the bounced message, which names what it carried.
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub message_id: Option<String>,
}

impl Rules for BounceRequest {}

/// The report is taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct BounceAccepted {
    pub accepted: bool,
}

/// Whether `header` (`t=<unix>,v1=<hex>[,v1=…]`) signs `body` with `secret`, within the tolerance.
fn signed(header: &str, body: &[u8], secret: &str, now: i64) -> bool {
    let mut time = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => time = t.parse::<i64>().ok(),
            Some(("v1", v)) => signatures.push(v),
            _ => {}
        }
    }
    let Some(time) = time.filter(|t| (now - t).abs() <= TOLERANCE_SECS) else { return false };
    let mut payload = format!("{time}.").into_bytes();
    payload.extend_from_slice(body);
    let expected = hmac_sha256_hex(secret.as_bytes(), &payload);
    signatures.iter().any(|s| constant_time_eq(s, &expected))
}

/// Report a bounced email.
///
/// For a mail provider: `Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">` with the shared
/// `EBILL_BOUNCE_SECRET` (5 minutes of tolerance). A hard bounce marks the resident's email
/// undeliverable, moves their electronic addresses back to paper from the next billing run, puts the
/// bounced e-receipt's period on a supplementary paper ЕПД (when `message_id` names it) and tells the
/// resident by SMS; a soft bounce is only recorded. Unknown emails are accepted and change nothing.
#[utoipa::path(
    tag = "operations",
    request_body = BounceRequest,
    params(("Webhook-Signature" = String, Header, description = "`t=<unix>,v1=<hex HMAC-SHA256 of \"t.body\">`")),
    responses(
        (status = 202, description = "Taken", body = BounceAccepted),
        (status = 401, description = "`invalid_signature`: missing, wrong or stale signature", body = ProblemBody, content_type = "application/problem+json"),
    ),
)]
#[post("/hooks/mail-bounces")]
pub async fn mail_bounces(state: web::Data<AppState>, req: HttpRequest, body: web::Bytes) -> Result<HttpResponse> {
    let header = req.headers().get("webhook-signature").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let verified =
        state.config.bounce_secret.as_ref().is_some_and(|secret| signed(header, &body, &secret.0, chrono::Utc::now().timestamp()));
    if !verified {
        return Err(Error::rule(Code::InvalidSignature, "the Webhook-Signature is missing, wrong or stale"));
    }
    let r: BounceRequest = parse(&body)?;
    let report = Report { email: r.email.trim().to_lowercase(), kind: r.kind, reason: r.reason, message_id: r.message_id };
    let keys = state.keys.clone();
    state.db(move |conn| bounces::report(conn, &keys, &report, crate::clock::now())).await?;
    Ok(HttpResponse::Accepted().json(BounceAccepted { accepted: true }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_checked_with_their_time() {
        let body = br#"{"email":"a@b.c","kind":"hard"}"#;
        let secret = "bounce-secret-123456";
        let mut payload = b"1700000000.".to_vec();
        payload.extend_from_slice(body);
        let good = format!("t=1700000000,v1={}", hmac_sha256_hex(secret.as_bytes(), &payload));
        assert!(signed(&good, body, secret, 1_700_000_100));
        assert!(!signed(&good, body, secret, 1_700_000_400), "stale");
        assert!(!signed(&good, b"{}", secret, 1_700_000_000), "another body");
        assert!(!signed(&good, body, "another-secret-12345", 1_700_000_000), "another secret");
        assert!(!signed("v1=abc", body, secret, 1_700_000_000), "no time");
    }
}
