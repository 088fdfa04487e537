//! Prometheus metrics of a process, in a registry owned by the app (no global statics): requests,
//! the outbox (by status, its oldest waiting message, failed sends), billing runs, the database pool,
//! the rate limits.

use prometheus::{Encoder, Histogram, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    durations: HistogramVec,
    outbox: IntGaugeVec,
    outbox_oldest: IntGaugeVec,
    /// Failed send attempts, by channel (email, sms, webhook).
    pub send_failures: IntCounterVec,
    run_progress: prometheus::GaugeVec,
    run_duration: Histogram,
    pool_connections: IntGaugeVec,
    /// How long a request or worker waited for a database connection.
    pub pool_wait: Histogram,
    /// Requests refused by a rate limit, by limit.
    pub rate_limit_rejections: IntCounterVec,
    /// Limit checks Redis could not answer, decided in process instead, by limit.
    pub rate_limit_fallbacks: IntCounterVec,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("ebill".into()), None)?;
        let requests = IntCounterVec::new(Opts::new("http_requests_total", "HTTP requests answered"), &["method", "route", "status"])?;
        let durations = HistogramVec::new(
            HistogramOpts::new("http_request_duration_seconds", "Time to answer an HTTP request")
                .buckets(vec![0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]),
            &["method", "route"],
        )?;
        let outbox = IntGaugeVec::new(Opts::new("outbox_messages", "Outbox messages by channel and status"), &["channel", "status"])?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(durations.clone()))?;
        registry.register(Box::new(outbox.clone()))?;
        let rate_limit_rejections =
            IntCounterVec::new(Opts::new("rate_limit_rejections_total", "Requests refused by a rate limit"), &["limit"])?;
        let rate_limit_fallbacks = IntCounterVec::new(
            Opts::new("rate_limit_fallbacks_total", "Limit checks decided in process because Redis could not answer"),
            &["limit"],
        )?;
        registry.register(Box::new(rate_limit_rejections.clone()))?;
        registry.register(Box::new(rate_limit_fallbacks.clone()))?;
        let outbox_oldest = IntGaugeVec::new(
            Opts::new("outbox_oldest_pending_seconds", "Age of the oldest message waiting to be sent, by channel"),
            &["channel"],
        )?;
        let send_failures = IntCounterVec::new(Opts::new("outbox_send_failures_total", "Failed send attempts, by channel"), &["channel"])?;
        let run_progress = prometheus::GaugeVec::new(
            Opts::new("billing_run_progress_ratio", "Share of a billing run's chunks done, by period"),
            &["period"],
        )?;
        let run_duration = Histogram::with_opts(
            HistogramOpts::new("billing_run_duration_seconds", "Time from a billing run's start to its end")
                .buckets(vec![1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0]),
        )?;
        let pool_connections =
            IntGaugeVec::new(Opts::new("db_pool_connections", "Database connections of the pool, in use or idle"), &["state"])?;
        let pool_wait = Histogram::with_opts(
            HistogramOpts::new("db_pool_wait_seconds", "Time waited for a database connection")
                .buckets(vec![0.0001, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0]),
        )?;
        for collector in [
            Box::new(outbox_oldest.clone()) as Box<dyn prometheus::core::Collector>,
            Box::new(send_failures.clone()),
            Box::new(run_progress.clone()),
            Box::new(run_duration.clone()),
            Box::new(pool_connections.clone()),
            Box::new(pool_wait.clone()),
        ] {
            registry.register(collector)?;
        }
        Ok(Self {
            registry,
            requests,
            durations,
            outbox,
            outbox_oldest,
            send_failures,
            run_progress,
            run_duration,
            pool_connections,
            pool_wait,
            rate_limit_rejections,
            rate_limit_fallbacks,
        })
    }

    /// Sets the outbox gauges from (channel, status, count) rows.
    pub fn set_outbox(&self, counts: &[crate::store::outbox::StatusCount]) {
        self.outbox.reset();
        for (channel, status, count) in counts {
            self.outbox.with_label_values(&[channel.as_str(), status.as_str()]).set(*count);
        }
    }

    /// Sets the age of the oldest waiting message of each channel (0 for a channel with none).
    pub fn set_outbox_oldest(&self, oldest: &[(crate::domain::vocabulary::MessageChannel, i64)]) {
        for channel in crate::domain::vocabulary::MessageChannel::ALL {
            let age = oldest.iter().find(|(c, _)| c == channel).map_or(0, |(_, age)| *age);
            self.outbox_oldest.with_label_values(&[channel.as_str()]).set(age);
        }
    }

    /// A billing run's progress after a chunk; its duration once it ended.
    pub fn billing_run(&self, run: &crate::store::runs::RunRow) {
        let ratio = if run.chunks_total > 0 { f64::from(run.chunks_done) / f64::from(run.chunks_total) } else { 1.0 };
        self.run_progress.with_label_values(&[run.period.as_str()]).set(ratio);
        if let Some(finished) = run.finished_at {
            self.run_duration.observe((finished - run.started_at).as_seconds_f64());
        }
    }

    /// Sets the pool gauges from the pool's state.
    pub fn set_pool(&self, connections: u32, idle: u32) {
        self.pool_connections.with_label_values(&["idle"]).set(i64::from(idle));
        self.pool_connections.with_label_values(&["in_use"]).set(i64::from(connections.saturating_sub(idle)));
    }

    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        self.requests.with_label_values(&[method, route, &status.to_string()]).inc();
        self.durations.with_label_values(&[method, route]).observe(seconds);
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = Vec::new();
        let _ = TextEncoder::new().encode(&self.registry.gather(), &mut out);
        String::from_utf8(out).unwrap_or_default()
    }
}
