//! Where an app may receive its authorization codes (RFC 8252 for native apps, OAuth 2.1 for web
//! apps): an https URL for any app; for a public (native) app also a private-use scheme in reverse
//! domain form (`ru.example.app:/callback`) or a loopback `http://127.0.0.1` / `http://[::1]` address
//! with any port. Never a fragment, user info, `localhost` or plain http elsewhere.

use url::{Host, Url};

use crate::domain::vocabulary::AppType;

/// The most characters a redirect URI may have.
pub const MAX_LEN: usize = 2000;

/// `uri` as a registered redirect URI of an app of type `app` (kept as given: matching is exact), or
/// why it cannot be one.
pub fn parse(uri: &str, app: AppType) -> Result<String, String> {
    if uri.is_empty() || uri.len() > MAX_LEN {
        return Err(format!("must be 1 to {MAX_LEN} characters"));
    }
    let url = Url::parse(uri).map_err(|e| format!("is not an absolute URI: {e}"))?;
    if url.fragment().is_some() {
        return Err("must not have a fragment (#…)".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("must not carry user info".into());
    }
    match url.scheme() {
        "https" => match url.host() {
            Some(Host::Domain(d)) if d != "localhost" && d.contains('.') => Ok(uri.to_owned()),
            _ => Err("an https redirect URI needs a public host name".into()),
        },
        "http" => match app {
            AppType::Public if loopback_http(&url) => Ok(uri.to_owned()),
            AppType::Public => Err("plain http is only for the loopback addresses 127.0.0.1 and [::1] (RFC 8252 §7.3)".into()),
            AppType::Confidential => Err("a confidential app's redirect URI must be https".into()),
        },
        scheme => match app {
            AppType::Public if scheme.contains('.') && url.host().is_none() => Ok(uri.to_owned()),
            AppType::Public => {
                Err("a private-use scheme must be a reverse domain name such as ru.example.app, with no host (RFC 8252 §7.1)".into())
            }
            AppType::Confidential => Err("a confidential app's redirect URI must be https".into()),
        },
    }
}

/// `http://127.0.0.1…` or `http://[::1]…`.
fn loopback_http(url: &Url) -> bool {
    url.scheme() == "http"
        && match url.host() {
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            _ => false,
        }
}

/// Whether `presented` (in an authorization request) is the registered `uri`: exactly, except that a
/// loopback address may use any port (RFC 8252 §7.3).
pub fn matches(registered: &str, presented: &str) -> bool {
    if registered == presented {
        return true;
    }
    let (Ok(mut r), Ok(mut p)) = (Url::parse(registered), Url::parse(presented)) else { return false };
    if !(loopback_http(&r) && loopback_http(&p)) {
        return false;
    }
    let _ = (r.set_port(None), p.set_port(None));
    r == p
}

/// The redirect URI with `pairs` added to its query (kept as it was otherwise).
pub fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    match Url::parse(uri) {
        Ok(mut url) => {
            url.query_pairs_mut().extend_pairs(pairs);
            url.into()
        }
        Err(_) => uri.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AppType::{Confidential, Public};

    #[test]
    fn native_apps_get_claimed_https_private_schemes_and_loopback() {
        for ok in ["https://app.example.org/oauth/callback", "ru.example.app:/callback", "http://127.0.0.1/cb", "http://[::1]:8123/cb"] {
            assert!(parse(ok, Public).is_ok(), "{ok}");
        }
        for bad in [
            "http://localhost:8080/cb",
            "http://app.example.org/cb",
            "https://localhost/cb",
            "https://app.example.org/cb#frag",
            "https://user:pw@app.example.org/cb",
            "myapp:/cb",
            "ru.example.app://host/cb",
            "/relative",
            "",
        ] {
            assert!(parse(bad, Public).is_err(), "{bad}");
        }
        assert!(parse(&format!("https://app.example.org/{}", "a".repeat(MAX_LEN)), Public).is_err());
    }

    #[test]
    fn web_apps_get_https_only() {
        assert!(parse("https://shop.example.org/cb", Confidential).is_ok());
        for bad in ["http://127.0.0.1:9000/cb", "ru.example.app:/cb", "http://shop.example.org/cb"] {
            assert!(parse(bad, Confidential).is_err(), "{bad}");
        }
    }

    #[test]
    fn matching_is_exact_but_for_the_loopback_port() {
        assert!(matches("https://app.example.org/cb", "https://app.example.org/cb"));
        assert!(!matches("https://app.example.org/cb", "https://app.example.org/cb/"));
        assert!(!matches("https://app.example.org/cb", "https://app.example.org/cb?x=1"));
        assert!(!matches("https://app.example.org/cb", "https://app.example.org:8443/cb"));
        assert!(matches("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb"));
        assert!(matches("http://[::1]:1/cb", "http://[::1]:2/cb"));
        assert!(!matches("http://127.0.0.1/cb", "http://127.0.0.1:51234/other"));
        assert!(!matches("ru.example.app:/cb", "ru.example.app:/cb2"));
    }

    #[test]
    fn answers_go_in_the_query() {
        assert_eq!(with_query("ru.example.app:/cb", &[("code", "ac_1"), ("state", "a b")]), "ru.example.app:/cb?code=ac_1&state=a+b");
        assert_eq!(
            with_query("https://app.example.org/cb?x=1", &[("error", "access_denied")]),
            "https://app.example.org/cb?x=1&error=access_denied"
        );
    }
}
