//! Rate limits shared by every replica: GCRA in Redis, one `EVALSHA` round trip a check (the script
//! in `gcra.lua`), with a short timeout. The connection is made when first needed and again after it
//! failed, at most once a second; while Redis cannot answer, `Limits` counts in process instead.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::aio::ConnectionManager;

use crate::config::Quota;

/// How long a check may wait for Redis before the in-process limiter decides.
const TIMEOUT: Duration = Duration::from_millis(250);
/// How often a lost connection is tried again.
const RECONNECT_EVERY: Duration = Duration::from_secs(1);

/// What Redis decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub allowed: bool,
    pub remaining: u32,
    pub retry_after: Duration,
    pub reset: Duration,
}

/// Why Redis did not decide.
#[derive(Debug, thiserror::Error)]
pub enum Unavailable {
    #[error("redis: {0}")]
    Redis(#[from] redis::RedisError),
    #[error("redis did not answer within {0:?}")]
    Timeout(Duration),
    #[error("redis is down; next try in under a second")]
    Waiting,
}

pub struct SharedLimits {
    client: redis::Client,
    prefix: String,
    script: redis::Script,
    connection: tokio::sync::Mutex<Option<ConnectionManager>>,
    last_attempt: Mutex<Option<Instant>>,
}

impl SharedLimits {
    /// Limits kept under `prefix` in the Redis of `url` (not contacted yet).
    pub fn new(url: &str, prefix: &str) -> Result<Self, redis::RedisError> {
        Ok(Self {
            client: redis::Client::open(url)?,
            prefix: prefix.to_owned(),
            script: redis::Script::new(include_str!("gcra.lua")),
            connection: tokio::sync::Mutex::new(None),
            last_attempt: Mutex::new(None),
        })
    }

    async fn connection(&self) -> Result<ConnectionManager, Unavailable> {
        let mut held = self.connection.lock().await;
        if let Some(connection) = held.as_ref() {
            return Ok(connection.clone());
        }
        {
            let mut last = self.last_attempt.lock().unwrap_or_else(|p| p.into_inner());
            if last.is_some_and(|at| at.elapsed() < RECONNECT_EVERY) {
                return Err(Unavailable::Waiting);
            }
            *last = Some(Instant::now());
        }
        let config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(TIMEOUT))
            .set_response_timeout(Some(TIMEOUT))
            .set_number_of_retries(1);
        let connection = tokio::time::timeout(TIMEOUT * 2, ConnectionManager::new_with_config(self.client.clone(), config))
            .await
            .map_err(|_| Unavailable::Timeout(TIMEOUT * 2))??;
        *held = Some(connection.clone());
        Ok(connection)
    }

    /// Counts one request of `key` against the limit `name` of `quota`.
    pub async fn check(&self, name: &str, key: &str, quota: Quota) -> Result<Decision, Unavailable> {
        let mut connection = self.connection().await?;
        let count = quota.count.max(1);
        let interval_ms = (quota.per.as_millis() / u128::from(count)).max(1) as u64;
        let redis_key = format!("{}:rl:{name}:{key}", self.prefix);
        let mut invocation = self.script.key(redis_key);
        invocation.arg(interval_ms).arg(count);
        let call = invocation.invoke_async::<(i64, i64, i64, i64)>(&mut connection);
        let (allowed, remaining, retry_ms, reset_ms) = match tokio::time::timeout(TIMEOUT, call).await {
            Ok(Ok(answer)) => answer,
            Ok(Err(e)) => {
                self.forget().await;
                return Err(e.into());
            }
            Err(_) => return Err(Unavailable::Timeout(TIMEOUT)),
        };
        let ms = |v: i64| Duration::from_millis(u64::try_from(v).unwrap_or_default());
        Ok(Decision {
            allowed: allowed == 1,
            remaining: u32::try_from(remaining).unwrap_or_default(),
            retry_after: ms(retry_ms),
            reset: ms(reset_ms),
        })
    }

    /// Drops a connection that failed, so the next check makes a new one.
    async fn forget(&self) {
        if let Some(e) = self.connection.lock().await.take() {
            drop(e);
        }
    }
}
