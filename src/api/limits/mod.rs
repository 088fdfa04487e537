//! Rate limits (GCRA) with `Retry-After`, `RateLimit-Policy` and `RateLimit` headers: in Redis when
//! `EBILL_REDIS_URL` is set, so that every replica counts against one total (`redis`); in process
//! (governor) otherwise, and whenever Redis cannot answer in time — then each such check counts in
//! `ebill_rate_limit_fallbacks_total` and the log says so, at most every 10 seconds.

mod redis;

use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::HttpMessage;
use actix_web::HttpRequest;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota as GovQuota, RateLimiter};

use crate::config::{Quota, RateLimits};
use crate::error::{Code, Error, Result};
use crate::metrics::Metrics;

pub use self::redis::SharedLimits;

type Keyed = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock, StateInformationMiddleware>;

/// The limits the API enforces, each a bucket per key (an IP, a provider).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    ProviderRegistration,
    ResidentRegistration,
    Token,
    DocumentCheck,
    ChargePush,
    PasswordReset,
    WebhookTest,
}

impl Limit {
    fn name(self) -> &'static str {
        match self {
            Self::ProviderRegistration => "provider_registrations",
            Self::ResidentRegistration => "resident_registrations",
            Self::Token => "token",
            Self::DocumentCheck => "document_checks",
            Self::ChargePush => "charge_pushes",
            Self::PasswordReset => "password_resets",
            Self::WebhookTest => "webhook_tests",
        }
    }
}

struct Bucket {
    quota: Quota,
    limiter: Keyed,
}

impl Bucket {
    fn new(quota: Quota) -> Self {
        let count = NonZeroU32::new(quota.count).unwrap_or(NonZeroU32::MIN);
        let period = quota.per / count.get();
        let gov = GovQuota::with_period(period).unwrap_or_else(|| GovQuota::per_second(count)).allow_burst(count);
        Self { quota, limiter: RateLimiter::dashmap(gov).with_middleware::<StateInformationMiddleware>() }
    }
}

/// What the last limit check of a request found, for the `RateLimit*` response headers.
#[derive(Debug, Clone)]
pub struct RateLimitState {
    pub policy: String,
    pub remaining: u32,
    pub reset_secs: u64,
}

impl RateLimitState {
    pub fn headers(&self) -> [(&'static str, String); 2] {
        [
            ("ratelimit-policy", self.policy.clone()),
            ("ratelimit", format!("\"{}\";r={};t={}", self.policy_name(), self.remaining, self.reset_secs)),
        ]
    }

    fn policy_name(&self) -> &str {
        self.policy.split(';').next().unwrap_or_default().trim_matches('"')
    }
}

pub struct Limits {
    enabled: bool,
    /// Redis, when the limits are shared by the replicas.
    shared: Option<SharedLimits>,
    rejections: prometheus::IntCounterVec,
    fallbacks: prometheus::IntCounterVec,
    /// When the log last said that Redis could not answer.
    last_fallback_log: Mutex<Option<Instant>>,
    provider_registrations: Bucket,
    resident_registrations: Bucket,
    token: Bucket,
    document_checks: Bucket,
    charge_pushes: Bucket,
    password_resets: Bucket,
    webhook_tests: Bucket,
}

impl Limits {
    /// The limits of `config`, shared through `shared` when given; counted in `metrics`.
    pub fn new(config: &RateLimits, shared: Option<SharedLimits>, metrics: &Metrics) -> Self {
        Self {
            enabled: config.enabled,
            shared,
            rejections: metrics.rate_limit_rejections.clone(),
            fallbacks: metrics.rate_limit_fallbacks.clone(),
            last_fallback_log: Mutex::new(None),
            provider_registrations: Bucket::new(config.registrations),
            resident_registrations: Bucket::new(config.registrations),
            token: Bucket::new(config.token),
            document_checks: Bucket::new(config.document_checks),
            charge_pushes: Bucket::new(config.charge_pushes),
            password_resets: Bucket::new(config.password_resets),
            webhook_tests: Bucket::new(config.webhook_tests),
        }
    }

    fn bucket(&self, limit: Limit) -> &Bucket {
        match limit {
            Limit::ProviderRegistration => &self.provider_registrations,
            Limit::ResidentRegistration => &self.resident_registrations,
            Limit::Token => &self.token,
            Limit::DocumentCheck => &self.document_checks,
            Limit::ChargePush => &self.charge_pushes,
            Limit::PasswordReset => &self.password_resets,
            Limit::WebhookTest => &self.webhook_tests,
        }
    }

    /// Counts one request of `key` against `limit`: records the state for the response headers, or
    /// answers 429 with `Retry-After`.
    pub async fn check(&self, limit: Limit, key: &str, req: &HttpRequest) -> Result<()> {
        if !self.enabled {
            return Ok(());
        }
        let bucket = self.bucket(limit);
        let decided = match &self.shared {
            Some(shared) => match shared.check(limit.name(), key, bucket.quota).await {
                Ok(decision) => Some(decision),
                Err(e) => {
                    self.fell_back(limit, &e);
                    None
                }
            },
            None => None,
        };
        let decision = decided.unwrap_or_else(|| local(bucket, key));
        let policy = format!("\"{}\";q={};w={}", limit.name(), bucket.quota.count, bucket.quota.per.as_secs());
        if !decision.allowed {
            self.rejections.with_label_values(&[limit.name()]).inc();
            let wait = ceil_secs(decision.retry_after).max(1);
            return Err(Error::rate_limited(Code::RateLimited, limit.name(), bucket.quota, wait, format!("retry in {wait} s")));
        }
        req.extensions_mut().insert(RateLimitState { policy, remaining: decision.remaining, reset_secs: ceil_secs(decision.reset) });
        Ok(())
    }

    /// Redis could not decide: the in-process limiter does, the metric counts it, the log says so.
    fn fell_back(&self, limit: Limit, error: &self::redis::Unavailable) {
        self.fallbacks.with_label_values(&[limit.name()]).inc();
        let mut last = self.last_fallback_log.lock().unwrap_or_else(|p| p.into_inner());
        if last.is_none_or(|at| at.elapsed() >= Duration::from_secs(10)) {
            *last = Some(Instant::now());
            tracing::warn!("rate limits are counted in this process only (not shared by the replicas): {error}");
        }
    }

    /// Drops idle keys so memory stays bounded.
    pub fn shrink(&self) {
        let buckets = [
            &self.provider_registrations,
            &self.resident_registrations,
            &self.token,
            &self.document_checks,
            &self.charge_pushes,
            &self.password_resets,
            &self.webhook_tests,
        ];
        for bucket in buckets {
            bucket.limiter.retain_recent();
        }
    }
}

/// The in-process limiter's decision.
fn local(bucket: &Bucket, key: &str) -> self::redis::Decision {
    let per_cell = bucket.quota.per / bucket.quota.count.max(1);
    match bucket.limiter.check_key(&key.to_owned()) {
        Ok(snapshot) => {
            let remaining = snapshot.remaining_burst_capacity();
            let used = bucket.quota.count.saturating_sub(remaining);
            self::redis::Decision { allowed: true, remaining, retry_after: Duration::ZERO, reset: per_cell * used }
        }
        Err(not_until) => self::redis::Decision {
            allowed: false,
            remaining: 0,
            retry_after: not_until.wait_time_from(DefaultClock::default().now()),
            reset: Duration::ZERO,
        },
    }
}

fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

/// The client address a per-IP limit counts: the TCP peer (a proxy in front must be trusted explicitly).
pub fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}
