//! `AppState`: everything a request needs (config, pool, keys, limiters, metrics), built once per app.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use crate::api::limits::Limits;
use crate::api::metrics::Metrics;
use crate::config::Config;
use crate::crypto::Keys;
use crate::delivery::Delivery;
use crate::error::{Error, Result};
use crate::services::jwt::JwtKeys;
use crate::services::revocations::Revocations;
use crate::store::db::{DbConn, Pool};

/// Names some request of this process is working on (idempotency keys in flight): a second request
/// with the same name is told so at once instead of queueing behind the first.
#[derive(Default)]
pub struct Busy(Mutex<HashSet<String>>);

impl Busy {
    /// Marks `name` busy until the guard is dropped; `None` when it is busy already.
    pub fn enter(self: &Arc<Self>, name: String) -> Option<BusyGuard> {
        let mut names = self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        names.insert(name.clone()).then(|| BusyGuard { busy: self.clone(), name })
    }
}

/// Frees its name when dropped.
pub struct BusyGuard {
    busy: Arc<Busy>,
    name: String,
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        self.busy.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(&self.name);
    }
}

pub struct AppState {
    pub config: Config,
    pub pool: Pool,
    pub jwt: JwtKeys,
    /// The recent revocations of logins and principals, kept fresh by a background task.
    pub revocations: Revocations,
    pub limits: Limits,
    pub metrics: Metrics,
    /// Keys for one-time code hashes and sealed outbox bodies.
    pub keys: Keys,
    /// The email, SMS and webhook transports.
    pub delivery: Delivery,
    /// Idempotency keys of requests this process is answering.
    pub busy: Arc<Busy>,
}

impl AppState {
    /// Reloads the revocations at once: after this process revoked something, its own next request
    /// must already see it (the other processes see it within a second).
    pub async fn reload_revocations(&self) -> Result<()> {
        let revocations = self.revocations.clone();
        self.db(move |conn| Ok(revocations.reload(conn, crate::clock::now())?)).await
    }

    /// Runs `f` on a pooled connection off the async workers.
    pub async fn db<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get()?;
            f(&mut conn)
        })
        .await
        .map_err(Error::internal)?
    }
}
