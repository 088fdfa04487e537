//! Webhooks to providers: a signed JSON POST (`Webhook-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
//! "t.body">`), never to private or loopback addresses unless the test-only setting allows it.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

use crate::crypto::hmac_sha256_hex;

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

/// Whether a webhook URL's host is an IP literal that may not be called.
pub fn literal_host_refused(url: &str, allow_private: bool) -> bool {
    let Ok(url) = url::Url::parse(url) else { return true };
    let ip = match url.host() {
        Some(url::Host::Ipv4(v4)) => IpAddr::V4(v4),
        Some(url::Host::Ipv6(v6)) => IpAddr::V6(v6),
        Some(url::Host::Domain(d)) if d.eq_ignore_ascii_case("localhost") || d.ends_with(".localhost") => return !allow_private,
        _ => return false,
    };
    !allow_private && !is_public(ip)
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
        Ok(Self { client: builder.build().map_err(|e| e.to_string())?, allow_private })
    }

    /// POSTs `body` (event `id`) to `url`, signed with `secrets`.
    pub async fn send(&self, id: &str, url: &str, body: &str, secrets: &[&str]) -> Result<(), String> {
        if literal_host_refused(url, self.allow_private) {
            return Err(format!("refused: {url} is not a public address"));
        }
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-signature", signature(chrono::Utc::now().timestamp(), body, secrets))
            .body(body.to_owned())
            .send()
            .await
            .map_err(|e| format!("unreachable: {e}"))?;
        let status = response.status();
        if status.is_success() { Ok(()) } else { Err(format!("answered {status}")) }
    }
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
        assert!(literal_host_refused("http://127.0.0.1:9/x", false));
        assert!(literal_host_refused("http://localhost/x", false));
        assert!(!literal_host_refused("http://127.0.0.1:9/x", true));
        assert!(!literal_host_refused("https://hooks.example.org/x", false));
    }

    #[test]
    fn signature_is_hmac_of_t_dot_body() {
        let header = signature(1_700_000_000, "{}", &["s1", "s0"]);
        let expected = hmac_sha256_hex(b"s1", b"1700000000.{}");
        assert!(header.starts_with(&format!("t=1700000000,v1={expected},v1=")), "{header}");
    }
}
