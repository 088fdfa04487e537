//! What leaves the platform, as the domain sees it: an email and an SMS (sealed in the outbox and
//! sent by `delivery`), how an email address is shown in logs, and which webhook secrets sign.

use chrono::{Duration, NaiveDateTime};

/// One email: plain text, optionally the same as HTML with images it shows inline, and attached files.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// PNG images the HTML shows as `cid:<cid>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<InlineImage>,
    /// Files attached to the message (the e-receipt's PDF).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<FileAttachment>,
}

/// A file attached to an email.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct FileAttachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// An image carried inside an email (`Content-ID: <cid>`).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct InlineImage {
    pub cid: String,
    pub png: Vec<u8>,
}

/// One SMS.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Sms {
    pub to: String,
    pub text: String,
}

/// `iv***@example.org`, for logs and the outbox's recipient column.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => format!("{}***@{domain}", user.chars().take(2).collect::<String>()),
        None => "***".into(),
    }
}

/// How long the previous webhook secret still signs deliveries after a rotation.
pub const WEBHOOK_SECRET_OVERLAP: Duration = Duration::hours(24);

/// The secrets that sign a webhook now: the current one, and the previous one during the overlap
/// after a rotation.
pub fn webhook_secrets<'a>(
    current: &'a str,
    previous: Option<&'a str>,
    rotated_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Vec<&'a str> {
    let overlapping = rotated_at.is_some_and(|at| at + WEBHOOK_SECRET_OVERLAP > now);
    std::iter::once(current).chain(previous.filter(|_| overlapping)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_and_overlaps() {
        assert_eq!(mask_email("ivan@example.org"), "iv***@example.org");
        assert_eq!(mask_email("nonsense"), "***");
        let now = chrono::DateTime::from_timestamp(1_700_000_000, 0).unwrap().naive_utc();
        assert_eq!(webhook_secrets("new", Some("old"), Some(now - Duration::hours(1)), now), ["new", "old"]);
        assert_eq!(webhook_secrets("new", Some("old"), Some(now - Duration::hours(25)), now), ["new"]);
        assert_eq!(webhook_secrets("new", None, None, now), ["new"]);
    }
}
