//! The transports of what leaves the platform: email, SMS and webhooks, and whether a refusal is worth
//! another try. The outbox worker (`jobs::outbox`) sends through them.

pub mod mail;
pub mod sms;
pub mod webhooks;

use std::time::Duration;

use crate::config::Config;

const MAX_DELAY: Duration = Duration::from_secs(3600);

/// Why a transport did not take a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Worth another try later (a timeout, a server busy or down, a 4xx SMTP reply).
    Temporary(String),
    /// Will fail the same way every time (SMTP 5xx: the mailbox does not exist; a gateway's 4xx).
    Permanent(String),
}

impl Refused {
    pub fn temporary(e: impl std::fmt::Display) -> Self {
        Self::Temporary(e.to_string())
    }

    pub fn message(&self) -> &str {
        match self {
            Self::Temporary(m) | Self::Permanent(m) => m,
        }
    }
}

/// The transports, built once from the configuration.
pub struct Delivery {
    pub mailer: mail::Mailer,
    pub sms: sms::SmsSender,
    pub webhooks: webhooks::Webhooks,
    /// The sender of every email.
    pub mail_from: String,
    retry_base: Duration,
}

impl Delivery {
    pub fn new(config: &Config) -> Result<Self, String> {
        Ok(Self {
            mailer: mail::Mailer::new(&config.mail)?,
            sms: sms::SmsSender::new(&config.sms)?,
            webhooks: webhooks::Webhooks::new(config.webhook_allow_private)?,
            mail_from: config.mail_from.clone(),
            retry_base: config.outbox_retry_base,
        })
    }

    /// When to try again after `attempts` failures: base × 2^(attempts−1), at most an hour, plus up
    /// to 10 % jitter so that a recovering gateway is not hit by everything at once.
    pub fn retry_delay(&self, attempts: i32) -> Duration {
        let exp = self.retry_base.saturating_mul(1u32 << attempts.clamp(1, 20).saturating_sub(1)).min(MAX_DELAY);
        exp + exp.mul_f64(crate::crypto::random_below(100) as f64 / 1000.0)
    }
}
