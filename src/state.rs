//! `AppState`: everything a request needs (config, pool, keys, limiters, metrics), built once per app.

use crate::api::limits::Limits;
use crate::api::metrics::Metrics;
use crate::config::Config;
use crate::crypto::Keys;
use crate::delivery::Delivery;
use crate::error::{Error, Result};
use crate::services::jwt::JwtKeys;
use crate::services::revocations::Revocations;
use crate::store::db::{DbConn, Pool};

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
