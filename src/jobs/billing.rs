//! Background work of billing runs: each running run is driven chunk by chunk by whichever process
//! holds its lease; at start and every few seconds, runs whose lease lapsed (a crashed process) are
//! taken up.

use std::sync::Arc;
use std::time::Duration;

use crate::domain::ids::RunId;
use crate::domain::vocabulary::RunStatus;
use crate::services::billing;
use crate::state::Core;
use crate::store;

/// How long a process holds a run between two chunks. A chunk takes about a second; should one take
/// longer, a second process that claims the run meanwhile only waits on the run's row lock, and the
/// chunk counter read under that lock keeps every chunk written once.
const LEASE: chrono::Duration = chrono::Duration::seconds(15);
/// How often a process looks for runs whose holder went away (their lease lapsed).
pub const WATCH: Duration = Duration::from_secs(5);
const MAX_FAILURES: u32 = 5;

/// Drives a run to its end, unless another process holds it. At the stop it ends after the chunk in
/// hand and lets go of the lease, so that another process takes the run up at once.
pub fn spawn_run(state: Arc<Core>, run_id: RunId) {
    let core = state.clone();
    core.workers.spawn(async move {
        let mut held: Option<chrono::NaiveDateTime> = None;
        let mut failures = 0;
        loop {
            if state.workers.asked() {
                release(&state, &run_id, held).await;
                return;
            }
            let now = crate::clock::now();
            let until = now + LEASE;
            let id = run_id.clone();
            match state.db(move |conn| Ok(store::runs::claim(conn, &id, now, held, until)?)).await {
                Ok(true) => held = Some(until),
                Ok(false) => return,
                Err(e) => {
                    tracing::warn!("billing run {run_id}: cannot claim: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            }
            let (app, id) = (state.clone(), run_id.clone());
            let began = std::time::Instant::now();
            let step =
                state.db(move |conn| billing::process_next_chunk(conn, &app.keys, &app.config.public_url, &id, crate::clock::now())).await;
            tracing::debug!(run = %run_id, step_ms = began.elapsed().as_secs_f64() * 1000.0, "billing chunk committed");
            if let Ok(run) = &step {
                state.metrics.billing_run(run);
            }
            match step {
                Ok(run) if run.status != RunStatus::Running => {
                    tracing::info!(
                        "billing run {run_id} ({}): {}, {} e-receipts, {} paper",
                        run.period,
                        run.status,
                        run.e_receipts,
                        run.paper_documents
                    );
                    return;
                }
                Ok(_) => failures = 0,
                Err(e) => {
                    failures += 1;
                    tracing::warn!("billing run {run_id}: chunk failed ({failures}/{MAX_FAILURES}): {e}");
                    if failures >= MAX_FAILURES {
                        let (id, message) = (run_id.clone(), e.to_string());
                        if let Err(e) = state.db(move |conn| billing::fail(conn, &id, &message)).await {
                            tracing::error!("billing run {run_id}: cannot record the failure: {e}");
                        }
                        return;
                    }
                    state.workers.pause(Duration::from_secs(u64::from(failures))).await;
                }
            }
        }
    });
}

/// Lets go of a run's lease (the process is stopping).
async fn release(state: &Arc<Core>, run_id: &RunId, held: Option<chrono::NaiveDateTime>) {
    let Some(held) = held else { return };
    let id = run_id.clone();
    let now = crate::clock::now();
    match state.db(move |conn| Ok(store::runs::claim(conn, &id, now, Some(held), now)?)).await {
        Ok(_) => tracing::info!("billing run {run_id}: stopping; another process takes it up"),
        Err(e) => tracing::warn!("billing run {run_id}: cannot let go of the lease (it lapses in {} s): {e}", LEASE.num_seconds()),
    }
}

/// Takes up, every `WATCH`, the runs no process holds.
pub fn spawn_watcher(state: Arc<Core>) {
    let core = state.clone();
    core.workers.spawn(async move {
        loop {
            resume_runs(&state).await;
            if !state.workers.pause(WATCH).await {
                break;
            }
        }
    });
}

/// Takes up every running run no process holds.
pub async fn resume_runs(state: &Arc<Core>) {
    match state.db(|conn| Ok(store::runs::running_ids(conn)?)).await {
        Ok(ids) => ids.into_iter().for_each(|id| spawn_run(state.clone(), id)),
        Err(e) => tracing::warn!("billing runs: cannot look for running runs: {e}"),
    }
}
