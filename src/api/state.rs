//! `AppState`: what a request needs beyond the `Core` (the token keys and revocations, the rate
//! limiters, the idempotency keys in flight). It dereferences to the `Core`.

use std::collections::HashSet;
use std::ops::Deref;
use std::sync::{Arc, Mutex};

use crate::api::limits::Limits;
use crate::error::Result;
use crate::services::jwt::JwtKeys;
use crate::services::revocations::Revocations;
use crate::state::Core;

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
    /// Shared with the background workers.
    pub core: Arc<Core>,
    pub jwt: JwtKeys,
    /// The recent revocations of logins and principals, kept fresh by a background task.
    pub revocations: Revocations,
    pub limits: Limits,
    /// Idempotency keys of requests this process is answering.
    pub busy: Arc<Busy>,
}

/// Handlers reach the pool, keys and configuration as `state.db(…)`, `state.keys`, `state.config`.
impl Deref for AppState {
    type Target = Core;

    fn deref(&self) -> &Core {
        &self.core
    }
}

impl AppState {
    /// Reloads the revocations at once: after this process revoked something, its own next request
    /// must already see it (the other processes see it within a second).
    pub async fn reload_revocations(&self) -> Result<()> {
        let revocations = self.revocations.clone();
        self.db(move |conn| Ok(revocations.reload(conn, crate::clock::now())?)).await
    }
}
