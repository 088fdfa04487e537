//! Builds and starts the application: pool, migrations, keys, state, background tasks and the HTTP
//! server. `main` and the tests both start the app through here.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpServer, web};

use crate::api;
use crate::api::limits::{Limits, SharedLimits};
use crate::api::state::AppState;
use crate::config::Config;
use crate::crypto::{Keys, random_token};
use crate::delivery::Delivery;
use crate::jobs;
use crate::metrics::Metrics;
use crate::services::jwt::JwtKeys;
use crate::services::revocations::Revocations;
use crate::state::Core;
use crate::store::{self, db};

pub type StartError = Box<dyn std::error::Error + Send + Sync>;

/// How long an idle connection stays open. Longer than the idle timeouts of the proxies and load
/// balancers in front of a server (60 s is common), so the server is never the side that closes a
/// pooled connection just as a client sends a request on it. actix's own default is 5 s.
const KEEP_ALIVE: Duration = Duration::from_secs(75);

/// A built application, bound to its port, not yet serving.
pub struct Application {
    port: u16,
    server: Server,
    core: Arc<Core>,
}

/// Stops an application gracefully: no new connections, in-flight requests answered, the background
/// workers' current step finished, all within `EBILL_SHUTDOWN_TIMEOUT`.
pub struct Stopper {
    server: actix_web::dev::ServerHandle,
    core: Arc<Core>,
}

impl Stopper {
    pub async fn stop(self) {
        let timeout = self.core.config.shutdown_timeout;
        tracing::info!("stopping: finishing in-flight requests and the workers' current step (at most {} s)", timeout.as_secs());
        let (_, workers_ended) = tokio::join!(self.server.stop(true), self.core.workers.stop(timeout));
        if !workers_ended {
            tracing::warn!(
                "a background worker did not end its step within {} s; its work is taken up again at the next start",
                timeout.as_secs()
            );
        }
    }
}

/// Opens the pool and applies pending migrations.
pub fn open_database(config: &Config) -> Result<db::Pool, StartError> {
    let pool = db::pool(&config.database_url, config.pool_size, Duration::from_secs(10))?;
    let applied = db::migrate(&mut *pool.get()?)?;
    if !applied.is_empty() {
        tracing::info!("applied migrations: {}", applied.join(", "));
    }
    Ok(pool)
}

/// The former HS256 secret of access tokens (`EBILL_JWT_SECRET`, or the one an earlier version
/// generated and kept in the database), if there is one: it verifies the tokens it signed until they
/// expire. Access tokens are signed with the agent's Ed25519 keys now.
fn legacy_jwt_secret(config: &Config, conn: &mut db::DbConn) -> Result<Option<Vec<u8>>, StartError> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(Some(secret.0.as_bytes().to_vec()));
    }
    Ok(store::settings::get(conn, "jwt_secret")?.map(String::into_bytes))
}

/// The master secret of one-time code hashes and sealed outbox bodies: generated on first start and
/// kept in the database, so every replica and restart agrees on it.
pub fn master_key(conn: &mut db::DbConn) -> Result<Keys, StartError> {
    Ok(Keys::derive(store::settings::get_or_insert(conn, "master_key", &random_token(32))?.as_bytes()))
}

impl Application {
    pub async fn build(config: Config) -> Result<Self, StartError> {
        if !config.rate_limits.enabled {
            tracing::warn!("EBILL_RATE_LIMITS=off: no rate limit is enforced (tests and benchmarks only)");
        }
        let setup = config.clone();
        let (pool, jwt, keys, revocations) = tokio::task::spawn_blocking(move || -> Result<_, StartError> {
            let pool = open_database(&setup)?;
            let mut conn = pool.get()?;
            let keys = master_key(&mut conn)?;
            let legacy = legacy_jwt_secret(&setup, &mut conn)?;
            let jwt = JwtKeys::load(&mut conn, &keys, setup.issuer(), legacy.as_deref(), crate::clock::now())?;
            let revocations = Revocations::default();
            revocations.reload(&mut conn, crate::clock::now())?;
            drop(conn);
            Ok((pool, jwt, keys, revocations))
        })
        .await??;
        let metrics = Metrics::new()?;
        let shared = match &config.redis_url {
            Some(url) => Some(SharedLimits::new(url, &config.redis_prefix)?),
            None => None,
        };
        let limits = Limits::new(&config.rate_limits, shared, &metrics);
        let core =
            Arc::new(Core { delivery: Delivery::new(&config)?, keys, pool, config: config.clone(), workers: Default::default(), metrics });
        let state = web::Data::new(AppState { core: core.clone(), jwt, revocations, limits, busy: Default::default() });

        let listener = TcpListener::bind(config.bind)?;
        let port = listener.local_addr()?.port();
        let spec = api::spec();
        let app_state = state.clone();
        let server = HttpServer::new(move || {
            let app = App::new().app_data(app_state.clone()).wrap(from_fn(api::observe::observe));
            api::mount(app, &spec, &app_state.config.cors_origins)
        })
        .workers(config.workers)
        .keep_alive(KEEP_ALIVE)
        .shutdown_timeout(config.shutdown_timeout.as_secs())
        // SIGTERM and Ctrl-C are `ebill serve`'s to handle (`Stopper`), the workers' stop with the server's.
        .disable_signals()
        .listen(listener)?
        .run();
        let core_of_app = core.clone();
        if config.outbox_worker {
            jobs::outbox::spawn_worker(core.clone());
        }
        if config.billing_worker {
            jobs::billing::spawn_watcher(core.clone());
        }
        if !config.database_url.is_postgres() {
            spawn_checkpointer(core);
        }
        spawn_revocation_reloader(state.clone());
        spawn_housekeeping(state);
        Ok(Self { port, server, core: core_of_app })
    }

    /// What stops this application gracefully (from a signal handler).
    pub fn stopper(&self) -> Stopper {
        Stopper { server: self.server.handle(), core: self.core.clone() }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until the server is stopped (Ctrl-C or SIGTERM in `ebill serve`).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// SQLite only: checkpoints the WAL twice a second, since commits do not (see `store::db`).
fn spawn_checkpointer(core: Arc<Core>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        loop {
            tick.tick().await;
            if let Err(e) = core.db(|conn| Ok(store::db::checkpoint(conn)?)).await {
                tracing::warn!("WAL checkpoint failed: {e}");
            }
        }
    });
}

/// Reloads the revocations every second, so a login revoked on another replica stops working here
/// within about a second, and the signing keys every 10 seconds (well within the minute a new key is
/// published before it signs).
fn spawn_revocation_reloader(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        for second in 0u64.. {
            tick.tick().await;
            if let Err(e) = state.reload_revocations().await {
                tracing::warn!("revocations could not be reloaded (the last ones stay in force): {e}");
            }
            if second % 10 == 0 {
                let app = state.clone();
                if let Err(e) = state.db(move |conn| app.jwt.reload(conn, &app.keys, crate::clock::now())).await {
                    tracing::warn!("signing keys could not be reloaded (the last ones stay in force): {e}");
                }
            }
        }
    });
}

/// Periodic chores: idle rate-limit keys, expired idempotency keys and old revocations go; outbox
/// gauges are refreshed.
fn spawn_housekeeping(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            state.limits.shrink();
            let cutoff = crate::clock::now() - api::idempotency::RETENTION;
            if let Err(e) = state.db(move |conn| Ok(store::idempotency::purge_before(conn, cutoff)?)).await {
                tracing::warn!("idempotency clean-up failed: {e}");
            }
            if let Err(e) = state.db(|conn| Ok(Revocations::purge(conn, crate::clock::now())?)).await {
                tracing::warn!("revocation clean-up failed: {e}");
            }
            if let Err(e) = state.db(|conn| crate::services::grants::purge_codes(conn, crate::clock::now())).await {
                tracing::warn!("authorization code clean-up failed: {e}");
            }
            let now = crate::clock::now();
            match state.db(move |conn| Ok((store::outbox::status_counts(conn)?, store::outbox::oldest_pending(conn, now)?))).await {
                Ok((counts, oldest)) => {
                    state.metrics.set_outbox(&counts);
                    state.metrics.set_outbox_oldest(&oldest);
                }
                Err(e) => tracing::warn!("outbox gauges: {e}"),
            }
        }
    });
}
