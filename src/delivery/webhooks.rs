//! Webhooks to providers: a signed JSON POST (`Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
//! "t.body">`), never to private or loopback addresses unless the test-only setting allows it.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::crypto::hmac_sha256_hex;
use crate::delivery::Refused;
use crate::trace::TraceParent;

/// Whether an address is on the public internet (not loopback, private, link-local, shared,
/// multicast, documentation or unspecified).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public(IpAddr::V4(v4)),
            None => {
                let first = v6.segments()[0];
                !(v6.is_loopback() || v6.is_unspecified() || v6.is_multicast() || (first & 0xfe00) == 0xfc00 || (first & 0xffc0) == 0xfe80)
            }
        },
    }
}

/// A resolver that hands reqwest only public addresses, so a webhook host cannot point (or be
/// re-pointed after a check) at the agent's own network.
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let public: Vec<SocketAddr> = found.into_iter().filter(|a| is_public(a.ip())).collect();
            if public.is_empty() {
                return Err(format!("{} resolves to no public address", name.as_str()).into());
            }
            Ok(Box::new(public.into_iter()) as Addrs)
        })
    }
}

/// How long a registration waits for the name of a webhook host to resolve.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(3);

/// A webhook URL as a browser would read it: the host lowercased, in IDNA (punycode) form, without a
/// trailing dot. `None` when it is not an http(s) URL with a host.
pub fn normalise(url: &str) -> Option<url::Url> {
    let mut parsed = url::Url::parse(url).ok().filter(|u| matches!(u.scheme(), "http" | "https"))?;
    if let Some(url::Host::Domain(domain)) = parsed.host() {
        let trimmed = domain.trim_end_matches('.').to_owned();
        if trimmed.is_empty() {
            return None;
        }
        parsed.set_host(Some(&trimmed)).ok()?;
    }
    parsed.host()?;
    Some(parsed)
}

/// The names the hosts file of this machine gives (lowercased): local by definition.
fn hosts_file_names() -> HashSet<String> {
    let text = std::fs::read_to_string("/etc/hosts").unwrap_or_default();
    text.lines()
        .filter_map(|line| line.split('#').next())
        .flat_map(|line| line.split_whitespace().skip(1))
        .map(|name| name.trim_end_matches('.').to_ascii_lowercase())
        .collect()
}

/// `t=<unix>,v1=<hmac>` for each secret (the current one first).
pub fn signature(unix: i64, body: &str, secrets: &[&str]) -> String {
    let payload = format!("{unix}.{body}");
    let mut header = format!("t={unix}");
    for secret in secrets {
        header.push_str(&format!(",v1={}", hmac_sha256_hex(secret.as_bytes(), payload.as_bytes())));
    }
    header
}

pub struct Webhooks {
    client: reqwest::Client,
    allow_private: bool,
    local_names: HashSet<String>,
}

impl Webhooks {
    pub fn new(allow_private: bool) -> Result<Self, String> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none());
        if !allow_private {
            builder = builder.dns_resolver(Arc::new(PublicOnly));
        }
        Ok(Self { client: builder.build().map_err(|e| e.to_string())?, allow_private, local_names: hosts_file_names() })
    }

    /// Why `url` may not be called without looking it up: not http(s), an IP literal that is not
    /// public, `localhost`, or a name of the hosts file. `None` when it may be (so far).
    fn refusal_by_name(&self, url: &url::Url) -> Option<String> {
        if self.allow_private {
            return None;
        }
        match url.host() {
            Some(url::Host::Ipv4(v4)) => (!is_public(IpAddr::V4(v4))).then(|| format!("{v4} is not a public address")),
            Some(url::Host::Ipv6(v6)) => (!is_public(IpAddr::V6(v6))).then(|| format!("{v6} is not a public address")),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                let local = name == "localhost" || name.ends_with(".localhost") || self.local_names.contains(&name);
                local.then(|| format!("{name} is a name of this machine"))
            }
            None => Some("the URL has no host".into()),
        }
    }

    /// Why a provider may not register `url` as its webhook: what `refusal_by_name` finds, or a name
    /// that resolves to an address that is not public. A name that does not resolve (yet) is
    /// accepted: it is looked up again at every send, and refused then if it points inward.
    pub async fn refusal(&self, url: &str) -> Option<String> {
        let Some(url) = normalise(url) else { return Some("must be an http(s) URL with a host".into()) };
        if let Some(reason) = self.refusal_by_name(&url) {
            return Some(reason);
        }
        let (Some(url::Host::Domain(name)), false) = (url.host(), self.allow_private) else { return None };
        let port = url.port_or_known_default().unwrap_or(443);
        match tokio::time::timeout(RESOLVE_TIMEOUT, tokio::net::lookup_host((name, port))).await {
            Ok(Ok(addresses)) => {
                let inward: Vec<IpAddr> = addresses.map(|a| a.ip()).filter(|ip| !is_public(*ip)).collect();
                inward.first().map(|ip| format!("{name} resolves to {ip}, which is not a public address"))
            }
            _ => None,
        }
    }

    /// POSTs `body` (event `id`) to `url`, signed with `secrets`, and says what came of it.
    /// A receiver that is down or answers an error is tried again; a URL that may not be called is not.
    pub async fn send(&self, id: &str, url: &str, body: &str, secrets: &[&str], trace: &TraceParent) -> Call {
        let started = Instant::now();
        let refused = |reason: String| Call { status: None, latency: started.elapsed(), result: Err(Refused::Permanent(reason)) };
        let Some(parsed) = normalise(url) else { return refused(format!("refused: {url} is not an http(s) URL")) };
        if let Some(reason) = self.refusal_by_name(&parsed) {
            return refused(format!("refused: {reason}"));
        }
        let sent = self
            .client
            .post(parsed)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("traceparent", trace.header())
            .header("webhook-signature", signature(chrono::Utc::now().timestamp(), body, secrets))
            .body(body.to_owned())
            .send()
            .await;
        let latency = started.elapsed();
        match sent {
            Err(e) => Call { status: None, latency, result: Err(Refused::Temporary(format!("unreachable: {e}"))) },
            Ok(response) => {
                let status = response.status();
                let result = if status.is_success() { Ok(()) } else { Err(Refused::Temporary(format!("answered {status}"))) };
                Call { status: Some(status.as_u16()), latency, result }
            }
        }
    }
}

/// What one webhook POST came to.
#[derive(Debug)]
pub struct Call {
    /// The receiver's HTTP status; `None` when it was not reached (or may not be called).
    pub status: Option<u16>,
    /// From the start of the call to the receiver's answer (or the failure).
    pub latency: Duration,
    /// `Ok` when the receiver took the event (2xx).
    pub result: Result<(), Refused>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_addresses_are_not_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "77.88.8.8", "2a02:6b8::feed:0ff"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn urls_are_read_like_a_browser_and_inward_ones_refused() {
        assert_eq!(normalise("HTTPS://Hooks.Example.ORG./x").unwrap().as_str(), "https://hooks.example.org/x");
        assert_eq!(normalise("http://ДОМЕН.рф/").unwrap().host_str(), Some("xn--d1acufc.xn--p1ai"));
        assert_eq!(normalise("http://0x7f.1/").unwrap().host_str(), Some("127.0.0.1"));
        assert!(normalise("ftp://example.org/").is_none() && normalise("http://./").is_none());
        let strict = Webhooks::new(false).unwrap();
        for url in [
            "http://127.0.0.1:9/x",
            "http://127.1/",
            "http://0x7f000001/",
            "http://[::1]/",
            "http://[::ffff:10.0.0.1]/",
            "http://169.254.169.254/latest",
            "http://[fd00::1]/",
            "http://0.0.0.0/",
            "http://localhost/x",
            "http://LOCALHOST./x",
            "http://api.localhost/",
        ] {
            assert!(strict.refusal(url).await.is_some(), "{url}");
        }
        // Every name of the hosts file is local, whatever it points at.
        if let Some(name) = hosts_file_names().into_iter().find(|n| n != "localhost") {
            assert!(strict.refusal(&format!("https://{name}./hook")).await.is_some(), "{name}");
        }
        // A name that does not resolve (yet) is looked up again at every send.
        assert_eq!(strict.refusal("https://hooks.example.invalid/x").await, None);
        assert_eq!(strict.refusal("https://8.8.8.8/x").await, None);
        let lenient = Webhooks::new(true).unwrap();
        assert_eq!(lenient.refusal("http://127.0.0.1:9/x").await, None);
    }

    #[test]
    fn signature_is_hmac_of_t_dot_body() {
        let header = signature(1_700_000_000, "{}", &["s1", "s0"]);
        let expected = hmac_sha256_hex(b"s1", b"1700000000.{}");
        assert!(header.starts_with(&format!("t=1700000000,v1={expected},v1=")), "{header}");
    }
}
