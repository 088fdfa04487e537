//! Stopping the background workers gracefully: a stop is asked for once (SIGTERM), each worker ends its
//! current step and goes no further, and the process waits for them within the shutdown timeout.

use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The stop signal of a process's workers, and the workers to wait for.
pub struct Stop {
    asked: watch::Sender<bool>,
    workers: Mutex<Vec<JoinHandle<()>>>,
}

impl Default for Stop {
    fn default() -> Self {
        Self { asked: watch::Sender::new(false), workers: Mutex::new(Vec::new()) }
    }
}

impl Stop {
    /// Whether the process is stopping: a worker takes no new step.
    pub fn asked(&self) -> bool {
        *self.asked.borrow()
    }

    /// Waits `pause`; false when the stop came first (the worker should end now).
    pub async fn pause(&self, pause: Duration) -> bool {
        let mut asked = self.asked.subscribe();
        tokio::select! {
            _ = tokio::time::sleep(pause) => !self.asked(),
            _ = asked.wait_for(|asked| *asked) => false,
        }
    }

    /// Runs a worker, to be waited for at the stop.
    pub fn spawn(&self, worker: impl Future<Output = ()> + Send + 'static) {
        let handle = tokio::spawn(worker);
        let mut workers = self.workers.lock().unwrap_or_else(|p| p.into_inner());
        workers.retain(|w| !w.is_finished());
        workers.push(handle);
    }

    /// Asks every worker to stop and waits for them to end their current step, at most `timeout`;
    /// true when all ended in time.
    pub async fn stop(&self, timeout: Duration) -> bool {
        self.asked.send_replace(true);
        let workers: Vec<JoinHandle<()>> = std::mem::take(&mut *self.workers.lock().unwrap_or_else(|p| p.into_inner()));
        tokio::time::timeout(timeout, futures_util::future::join_all(workers)).await.is_ok()
    }
}
