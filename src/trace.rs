//! W3C trace context (`traceparent`): taken from a request or begun there, and carried to the work the
//! request causes. The outbox rows a request queues keep it, and the webhook or SMS gateway call that
//! sends one passes it on as a child span, so a provider's or a gateway's logs join ours.
//!
//! The current context lives in a task-local for the async part of a request and, while a database
//! closure runs on a blocking thread (`Core::db`), in a thread-local there.

use std::cell::RefCell;

use rand::Rng;

/// A `traceparent` (version 00): the trace, the calling span, and the flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceParent {
    trace_id: String,
    parent_id: String,
    flags: String,
}

/// `bytes` random bytes as lowercase hex, in one allocation (a request begins a trace with it).
fn hex(bytes: usize) -> String {
    use std::fmt::Write;
    let mut rng = rand::thread_rng();
    let mut out = String::with_capacity(2 * bytes);
    for _ in 0..bytes {
        let _ = write!(out, "{:02x}", rng.r#gen::<u8>());
    }
    out
}

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) && s.bytes().any(|b| b != b'0')
}

impl TraceParent {
    /// A header as W3C Trace Context level 1 reads it; `None` for anything malformed (a new trace then
    /// begins, as the recommendation says).
    pub fn parse(header: &str) -> Option<Self> {
        let mut parts = header.trim().split('-');
        let (version, trace_id, parent_id, flags) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let known = version == "00" && parts.next().is_none();
        let later = is_hex(version, 2) && version != "ff" && version != "00";
        let ok =
            (known || later) && is_hex(trace_id, 32) && is_hex(parent_id, 16) && flags.len() == 2 && u8::from_str_radix(flags, 16).is_ok();
        ok.then(|| Self { trace_id: trace_id.to_owned(), parent_id: parent_id.to_owned(), flags: flags.to_owned() })
    }

    /// A new trace, sampled.
    pub fn begin() -> Self {
        Self { trace_id: hex(16), parent_id: hex(8), flags: "01".into() }
    }

    /// The same trace with a new span of ours as the parent of the next hop.
    pub fn child(&self) -> Self {
        Self { trace_id: self.trace_id.clone(), parent_id: hex(8), flags: self.flags.clone() }
    }

    pub fn trace_id(&self) -> &str {
        &self.trace_id
    }

    /// The header's value.
    pub fn header(&self) -> String {
        format!("00-{}-{}-{}", self.trace_id, self.parent_id, self.flags)
    }
}

tokio::task_local! {
    static TASK: TraceParent;
}

thread_local! {
    static THREAD: RefCell<Option<TraceParent>> = const { RefCell::new(None) };
}

/// The context of the work in progress, if it has one.
pub fn current() -> Option<TraceParent> {
    THREAD.with(|t| t.borrow().clone()).or_else(|| TASK.try_with(Clone::clone).ok())
}

/// Runs `work` (a request) in the context `trace`.
pub async fn scope<F: Future>(trace: TraceParent, work: F) -> F::Output {
    TASK.scope(trace, work).await
}

/// Runs `work` on this (blocking) thread in the context `trace`.
pub fn carry<T>(trace: Option<TraceParent>, work: impl FnOnce() -> T) -> T {
    let before = THREAD.with(|t| t.replace(trace));
    let result = work();
    THREAD.with(|t| t.replace(before));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_as_w3c_says() {
        let h = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let t = TraceParent::parse(h).unwrap();
        assert_eq!(t.header(), h);
        assert_eq!(t.trace_id(), "4bf92f3577b34da6a3ce929d0e0e4736");
        let child = t.child();
        assert_eq!(child.trace_id(), t.trace_id());
        assert_ne!(child.header(), h);
        for bad in [
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "garbage",
        ] {
            assert_eq!(TraceParent::parse(bad), None, "{bad}");
        }
        assert!(TraceParent::parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future").is_some(), "a later version");
        assert!(TraceParent::parse(&TraceParent::begin().header()).is_some());
    }

    #[test]
    fn a_blocking_closure_carries_the_context() {
        let t = TraceParent::begin();
        assert_eq!(current(), None);
        assert_eq!(carry(Some(t.clone()), current), Some(t));
        assert_eq!(current(), None, "restored after");
    }
}
