//! Prometheus metrics of the HTTP layer, in a registry owned by the app (no global statics).

use prometheus::{Encoder, HistogramOpts, HistogramVec, IntCounterVec, IntGaugeVec, Opts, Registry, TextEncoder};

pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    durations: HistogramVec,
    outbox: IntGaugeVec,
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
        Ok(Self { registry, requests, durations, outbox, rate_limit_rejections, rate_limit_fallbacks })
    }

    /// Sets the outbox gauges from (channel, status, count) rows.
    pub fn set_outbox(&self, counts: &[crate::store::outbox::StatusCount]) {
        self.outbox.reset();
        for (channel, status, count) in counts {
            self.outbox.with_label_values(&[channel.as_str(), status.as_str()]).set(*count);
        }
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
