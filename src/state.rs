//! `Core`: what every part of a process needs, the HTTP front and the background workers alike (the
//! configuration, the database pool, the keys, the transports), built once per app.

use crate::config::Config;
use crate::crypto::Keys;
use crate::delivery::Delivery;
use crate::error::{Error, Result};
use crate::jobs::stop::Stop;
use crate::metrics::Metrics;
use crate::store::db::{DbConn, Pool};

pub struct Core {
    pub config: Config,
    pub pool: Pool,
    /// Keys for one-time code hashes and sealed outbox bodies.
    pub keys: Keys,
    /// The email, SMS and webhook transports.
    pub delivery: Delivery,
    /// The background workers and their stop.
    pub workers: Stop,
    /// The process's Prometheus metrics.
    pub metrics: Metrics,
}

impl Core {
    /// Runs `f` on a pooled connection, on a blocking thread (never on the async workers), in the trace
    /// context of the caller.
    pub async fn db<T, F>(&self, f: F) -> Result<T>
    where
        F: FnOnce(&mut DbConn) -> Result<T> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        let trace = crate::trace::current();
        let waited = self.metrics.pool_wait.clone();
        tokio::task::spawn_blocking(move || {
            crate::trace::carry(trace, || {
                let asked = std::time::Instant::now();
                let conn = pool.get();
                waited.observe(asked.elapsed().as_secs_f64());
                let mut conn = conn?;
                f(&mut conn)
            })
        })
        .await
        .map_err(Error::internal)?
    }
}
