//! SMS transports (`EBILL_SMS`): the log, a JSON-lines file, or an HTTP gateway (JSON POST
//! `{"to","text"}`, with the outbox id as `Idempotency-Key` so a gateway can drop a repeat).

use std::path::PathBuf;
use std::time::Duration;

use tokio::io::AsyncWriteExt;

use crate::config::SmsTransport;
use crate::delivery::Refused;
use crate::domain::message::Sms;
use crate::trace::TraceParent;

pub enum SmsSender {
    Log,
    File(PathBuf, tokio::sync::Mutex<()>),
    Gateway(reqwest::Client, String),
}

impl SmsSender {
    pub fn new(transport: &SmsTransport) -> Result<Self, String> {
        Ok(match transport {
            SmsTransport::Log => Self::Log,
            SmsTransport::File(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| format!("EBILL_SMS: cannot create {}: {e}", dir.display()))?;
                }
                Self::File(path.clone(), tokio::sync::Mutex::new(()))
            }
            SmsTransport::Gateway(url) => {
                let client = reqwest::Client::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .timeout(Duration::from_secs(15))
                    .build()
                    .map_err(|e| format!("EBILL_SMS: {e}"))?;
                Self::Gateway(client, url.0.clone())
            }
        })
    }

    pub async fn send(&self, id: &str, sms: &Sms, trace: &TraceParent) -> Result<(), Refused> {
        match self {
            // The text may hold a one-time code: never logged.
            Self::Log => {
                tracing::info!(
                    "sms {id} to {} queued in the log transport ({} characters)",
                    crate::domain::phone::mask(&sms.to),
                    sms.text.chars().count()
                );
                Ok(())
            }
            Self::File(path, lock) => {
                let line = serde_json::json!({"to": sms.to, "text": sms.text, "sent_at": chrono::Utc::now().to_rfc3339()}).to_string();
                let _guard = lock.lock().await;
                let mut file = tokio::fs::OpenOptions::new().create(true).append(true).open(path).await.map_err(Refused::temporary)?;
                file.write_all(format!("{line}\n").as_bytes()).await.map_err(Refused::temporary)?;
                file.flush().await.map_err(Refused::temporary)
            }
            Self::Gateway(client, url) => {
                let response = client
                    .post(url)
                    .header("idempotency-key", id)
                    .header("traceparent", trace.header())
                    .json(&serde_json::json!({"to": sms.to, "text": sms.text}))
                    .send()
                    .await
                    .map_err(|e| Refused::Temporary(format!("gateway unreachable: {e}")))?;
                let status = response.status();
                if status.is_success() {
                    return Ok(());
                }
                let body: String = response.text().await.unwrap_or_default().chars().take(300).collect();
                let error = format!("gateway answered {status}: {body}");
                // A 4xx says the request itself is wrong (a bad number, a blocked one): sending it again
                // will not help. Timeouts and rate limits will pass.
                match status.is_client_error() && !matches!(status.as_u16(), 408 | 429) {
                    true => Err(Refused::Permanent(error)),
                    false => Err(Refused::Temporary(error)),
                }
            }
        }
    }
}
