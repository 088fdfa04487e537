//! Configuration from the environment (`EBILL_*`), validated once at start with a clear message.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use url::Url;

use crate::store::db::DatabaseUrl;

/// Where emails go (`EBILL_MAIL`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTransport {
    /// Written to the log (development).
    Log,
    /// One `.eml` file per message in a folder.
    Dir(PathBuf),
    /// An SMTP server: `smtp://host:port` (plain, `?tls=required` for STARTTLS) or `smtps://user:pass@host` (TLS).
    Smtp(Secret),
}

/// Where SMS go (`EBILL_SMS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsTransport {
    /// Written to the log (development).
    Log,
    /// One JSON line `{"to","text","sent_at"}` per message appended to a file.
    File(PathBuf),
    /// An HTTP gateway that takes a JSON POST `{"to","text"}`.
    Gateway(Secret),
}

/// A string that never shows in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// One rate limit: `count` requests per `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub count: u32,
    pub per: Duration,
}

/// The rate limits of `api-v1.md`, each overridable in `EBILL_RATE_LIMITS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimits {
    pub enabled: bool,
    /// Resident and provider registrations per IP (each counted apart).
    pub registrations: Quota,
    /// Token requests per IP.
    pub token: Quota,
    /// Verification SMS per phone, the short window.
    pub sms_per_minute: Quota,
    /// Verification SMS per phone, the long window.
    pub sms_per_hour: Quota,
    /// Verification SMS one resident may have sent, to any numbers (SMS pumping through phone changes).
    pub sms_per_resident: Quota,
    /// Wrong link codes per payer code.
    pub link_code_failures: Quota,
    /// Public document checks per IP.
    pub document_checks: Quota,
    /// Charge pushes per provider.
    pub charge_pushes: Quota,
    /// Password reset requests per IP.
    pub password_resets: Quota,
    /// Test pings a provider may have sent to its webhook.
    pub webhook_tests: Quota,
}

impl Default for RateLimits {
    fn default() -> Self {
        let q = |count, secs| Quota { count, per: Duration::from_secs(secs) };
        Self {
            enabled: true,
            registrations: q(20, 3600),
            token: q(30, 60),
            sms_per_minute: q(1, 60),
            sms_per_hour: q(5, 3600),
            sms_per_resident: q(10, 86_400),
            link_code_failures: q(5, 3600),
            document_checks: q(60, 60),
            charge_pushes: q(20, 1),
            password_resets: q(10, 3600),
            webhook_tests: q(10, 60),
        }
    }
}

impl RateLimits {
    /// `on`, `off`, or `on` with overrides: `registrations=100/h,token=10/m,charge_pushes=50/s`
    /// (units `s`, `m`, `h`, `d`).
    pub fn parse(value: &str) -> Result<Self, String> {
        let mut limits = Self::default();
        for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            match part {
                "on" => limits.enabled = true,
                "off" => limits.enabled = false,
                _ => {
                    let (name, quota) = part.split_once('=').ok_or_else(|| format!("'{part}' is not on, off or NAME=N/UNIT"))?;
                    let quota = parse_quota(quota).ok_or_else(|| format!("'{quota}' is not N/s, N/m, N/h or N/d with N ≥ 1"))?;
                    let slot = match name {
                        "registrations" => &mut limits.registrations,
                        "token" => &mut limits.token,
                        "sms_per_minute" => &mut limits.sms_per_minute,
                        "sms_per_hour" => &mut limits.sms_per_hour,
                        "sms_per_resident" => &mut limits.sms_per_resident,
                        "link_code_failures" => &mut limits.link_code_failures,
                        "document_checks" => &mut limits.document_checks,
                        "charge_pushes" => &mut limits.charge_pushes,
                        "password_resets" => &mut limits.password_resets,
                        "webhook_tests" => &mut limits.webhook_tests,
                        _ => return Err(format!("unknown limit '{name}'")),
                    };
                    *slot = quota;
                }
            }
        }
        Ok(limits)
    }
}

fn parse_quota(value: &str) -> Option<Quota> {
    let (count, unit) = value.split_once('/')?;
    let count: u32 = count.parse().ok().filter(|c| *c > 0)?;
    let secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    Some(Quota { count, per: Duration::from_secs(secs) })
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

impl LogFormat {
    pub fn parse(value: &str) -> Result<Self, String> {
        match value.trim() {
            "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            other => Err(format!("'{other}' is neither text nor json")),
        }
    }
}

/// Everything the service needs to start, read from the environment once.
#[derive(Debug, Clone)]
pub struct Config {
    pub database_url: DatabaseUrl,
    pub bind: SocketAddr,
    pub public_url: Url,
    /// The former HS256 secret of access tokens (`EBILL_JWT_SECRET`): it verifies the tokens it signed
    /// until they expire; access tokens are signed with the agent's Ed25519 keys.
    pub jwt_secret: Option<Secret>,
    /// Whether first-party clients may log in with a password (`EBILL_PASSWORD_GRANT=on|off`, default
    /// on); apps never may.
    pub password_grant: bool,
    pub mail: MailTransport,
    pub sms: SmsTransport,
    pub rate_limits: RateLimits,
    /// The Redis that the replicas' rate limits are kept in (`EBILL_REDIS_URL`, `redis://` or
    /// `rediss://`); unset, each process counts on its own.
    pub redis_url: Option<String>,
    /// What the keys in Redis start with (`EBILL_REDIS_PREFIX`, default `ebill`): deployments sharing a
    /// Redis keep apart.
    pub redis_prefix: String,
    /// Connections in the pool (`EBILL_DB_POOL_SIZE`).
    pub pool_size: u32,
    /// Whether webhooks may go to private and loopback addresses (`EBILL_WEBHOOK_ALLOW_PRIVATE`; tests only).
    pub webhook_allow_private: bool,
    /// HTTP worker threads (`EBILL_WORKERS`, default: one per core).
    pub workers: usize,
    /// The sender of emails (`EBILL_MAIL_FROM`).
    pub mail_from: String,
    /// How log lines are written (`EBILL_LOG_FORMAT`): `text` for people, `json` (one object a line) for
    /// a log pipeline.
    pub log_format: LogFormat,
    /// How long a stop (SIGTERM) may take: in-flight requests and the workers' current step
    /// (`EBILL_SHUTDOWN_TIMEOUT`, seconds, default 10).
    pub shutdown_timeout: Duration,
    /// Whether this process drains the outbox (`EBILL_OUTBOX_WORKER`; off for API-only replicas).
    pub outbox_worker: bool,
    /// How often the outbox worker looks for due messages (`EBILL_OUTBOX_POLL_MS`).
    pub outbox_poll: Duration,
    /// The first retry delay, doubled on every further failure (`EBILL_OUTBOX_RETRY_BASE_MS`).
    pub outbox_retry_base: Duration,
    /// How long a worker holds the messages it claimed (`EBILL_OUTBOX_LEASE_MS`): a crashed worker's
    /// messages are sent by another one after that. Longer than a batch can take to send.
    pub outbox_lease: Duration,
    /// Whether this process drives billing runs (`EBILL_BILLING_WORKER`).
    pub billing_worker: bool,
    /// Premises per billing-run transaction (`EBILL_BILLING_CHUNK`).
    pub billing_chunk: i32,
    /// The shared secret that signs a mail provider's bounce reports (`EBILL_BOUNCE_SECRET`); without
    /// it, `POST /v1/hooks/mail-bounces` takes none.
    pub bounce_secret: Option<Secret>,
    /// Origins whose browser apps may call `/v1` (`EBILL_CORS_ORIGINS`, comma-separated; none by
    /// default): bearer tokens only, never cookies.
    pub cors_origins: Vec<String>,
    /// The payment agent as its documents name it (`EBILL_AGENT_NAME`, and `EBILL_AGENT_CONTACTS`: a
    /// line of requisites, address, phone, site printed under the name).
    pub agent: Agent,
}

/// The payment agent printed at the head of every ЕПД and e-receipt.
#[derive(Debug, Clone)]
pub struct Agent {
    pub name: String,
    pub contacts: String,
}

/// `https://app.example.org` (or `http://` for a loopback address) from a list, each an origin only.
fn parse_origins(value: &str) -> Result<Vec<String>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| {
            let url = Url::parse(o).map_err(|_| format!("'{o}' is not an origin like https://app.example.org"))?;
            let origin = url.origin().ascii_serialization();
            let loopback = url.host_str().is_some_and(|h| h == "localhost" || h == "127.0.0.1" || h == "[::1]");
            match url.scheme() {
                "https" => {}
                "http" if loopback => {}
                _ => return Err(format!("'{o}' must be https (http only for localhost)")),
            }
            if origin != o.trim_end_matches('/') {
                return Err(format!("'{o}' must be an origin only (scheme, host and port), e.g. {origin}"));
            }
            Ok(origin)
        })
        .collect()
}

/// A configuration variable with a value it cannot use.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ConfigError {
    pub name: &'static str,
    pub message: String,
}

impl Config {
    /// The authorization server's issuer: the public URL without a trailing slash, as the access tokens'
    /// `iss`, the RFC 8414 metadata and the RFC 9207 `iss` of a redirect all name it.
    pub fn issuer(&self) -> &str {
        self.public_url.as_str().trim_end_matches('/')
    }

    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &'static str, default: &str| lookup(name).filter(|v| !v.trim().is_empty()).unwrap_or_else(|| default.to_owned());
        let err = |name: &'static str| move |message: String| ConfigError { name, message };

        let database_url = DatabaseUrl::parse(&get("EBILL_DATABASE_URL", "sqlite://ebill.db")).map_err(err("EBILL_DATABASE_URL"))?;
        let bind = get("EBILL_BIND", "127.0.0.1:8080");
        let bind = bind.parse().map_err(|_| err("EBILL_BIND")(format!("'{bind}' is not an address like 127.0.0.1:8080")))?;
        let public_url = get("EBILL_PUBLIC_URL", "http://127.0.0.1:8080");
        let public_url = Url::parse(&public_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .ok_or_else(|| err("EBILL_PUBLIC_URL")(format!("'{public_url}' is not an http(s) URL")))?;
        let jwt_secret = match lookup("EBILL_JWT_SECRET").filter(|v| !v.is_empty()) {
            Some(s) if s.len() < 32 => return Err(err("EBILL_JWT_SECRET")("must be at least 32 characters".into())),
            other => other.map(Secret),
        };
        let mail = parse_mail(&get("EBILL_MAIL", "log")).map_err(err("EBILL_MAIL"))?;
        let sms = parse_sms(&get("EBILL_SMS", "log")).map_err(err("EBILL_SMS"))?;
        let rate_limits = RateLimits::parse(&get("EBILL_RATE_LIMITS", "on")).map_err(err("EBILL_RATE_LIMITS"))?;
        let redis_url = match lookup("EBILL_REDIS_URL").filter(|v| !v.trim().is_empty()) {
            Some(url) if url.starts_with("redis://") || url.starts_with("rediss://") || url.starts_with("redis+unix://") => Some(url),
            Some(_) => return Err(err("EBILL_REDIS_URL")("must be a redis://, rediss:// or redis+unix:// URL".into())),
            None => None,
        };
        let redis_prefix = get("EBILL_REDIS_PREFIX", "ebill");
        let pool_size = get("EBILL_DB_POOL_SIZE", "8");
        let pool_size = pool_size
            .parse()
            .ok()
            .filter(|n| (1..=256).contains(n))
            .ok_or_else(|| err("EBILL_DB_POOL_SIZE")(format!("'{pool_size}' is not a number from 1 to 256")))?;
        let webhook_allow_private = parse_bool(&get("EBILL_WEBHOOK_ALLOW_PRIVATE", "false")).map_err(err("EBILL_WEBHOOK_ALLOW_PRIVATE"))?;
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
        let workers = get("EBILL_WORKERS", &cores.to_string());
        let workers = workers
            .parse()
            .ok()
            .filter(|n| (1..=256).contains(n))
            .ok_or_else(|| err("EBILL_WORKERS")(format!("'{workers}' is not a number from 1 to 256")))?;
        let mail_from = get("EBILL_MAIL_FROM", &format!("ebill <noreply@{}>", public_url.host_str().unwrap_or("localhost")));
        if mail_from.parse::<lettre::message::Mailbox>().is_err() {
            return Err(err("EBILL_MAIL_FROM")(format!("'{mail_from}' is not a mailbox like ebill <noreply@example.org>")));
        }
        let outbox_worker = parse_bool(&get("EBILL_OUTBOX_WORKER", "on")).map_err(err("EBILL_OUTBOX_WORKER"))?;
        let password_grant = parse_bool(&get("EBILL_PASSWORD_GRANT", "on")).map_err(err("EBILL_PASSWORD_GRANT"))?;
        let log_format = LogFormat::parse(&get("EBILL_LOG_FORMAT", "text")).map_err(err("EBILL_LOG_FORMAT"))?;
        let shutdown_timeout = get("EBILL_SHUTDOWN_TIMEOUT", "10");
        let shutdown_timeout = shutdown_timeout
            .parse()
            .ok()
            .filter(|s| (1..=600).contains(s))
            .map(Duration::from_secs)
            .ok_or_else(|| err("EBILL_SHUTDOWN_TIMEOUT")(format!("'{shutdown_timeout}' is not a number of seconds from 1 to 600")))?;
        let millis = |name: &'static str, default: &str| -> Result<Duration, ConfigError> {
            let value = get(name, default);
            value
                .parse::<u64>()
                .ok()
                .filter(|ms| (1..=3_600_000).contains(ms))
                .map(Duration::from_millis)
                .ok_or_else(|| err(name)(format!("'{value}' is not a number of milliseconds from 1 to 3600000")))
        };
        let outbox_poll = millis("EBILL_OUTBOX_POLL_MS", "500")?;
        let outbox_retry_base = millis("EBILL_OUTBOX_RETRY_BASE_MS", "5000")?;
        let outbox_lease = millis("EBILL_OUTBOX_LEASE_MS", "120000")?;
        let billing_worker = parse_bool(&get("EBILL_BILLING_WORKER", "on")).map_err(err("EBILL_BILLING_WORKER"))?;
        let billing_chunk = get("EBILL_BILLING_CHUNK", "2000");
        let billing_chunk = billing_chunk
            .parse()
            .ok()
            .filter(|n| (1..=20_000).contains(n))
            .ok_or_else(|| err("EBILL_BILLING_CHUNK")(format!("'{billing_chunk}' is not a number from 1 to 20000")))?;
        let bounce_secret = match lookup("EBILL_BOUNCE_SECRET").filter(|v| !v.is_empty()) {
            Some(s) if s.len() < 16 => return Err(err("EBILL_BOUNCE_SECRET")("must be at least 16 characters".into())),
            other => other.map(Secret),
        };
        let cors_origins = parse_origins(&get("EBILL_CORS_ORIGINS", "")).map_err(err("EBILL_CORS_ORIGINS"))?;
        let agent =
            Agent { name: get("EBILL_AGENT_NAME", "Платёжный агент ebill"), contacts: get("EBILL_AGENT_CONTACTS", "") };
        if agent.name.trim().is_empty() || agent.name.chars().count() > 200 || agent.contacts.chars().count() > 300 {
            return Err(err("EBILL_AGENT_NAME")("the agent's name must be 1 to 200 characters, its contacts at most 300".into()));
        }
        Ok(Self {
            database_url,
            bind,
            public_url,
            jwt_secret,
            password_grant,
            mail,
            sms,
            rate_limits,
            redis_url,
            redis_prefix,
            pool_size,
            webhook_allow_private,
            workers,
            mail_from,
            log_format,
            shutdown_timeout,
            outbox_worker,
            outbox_poll,
            outbox_retry_base,
            outbox_lease,
            billing_worker,
            billing_chunk,
            bounce_secret,
            cors_origins,
            agent,
        })
    }
}

fn parse_bool(value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(format!("'{value}' is not true or false")),
    }
}

fn parse_mail(value: &str) -> Result<MailTransport, String> {
    if value == "log" {
        return Ok(MailTransport::Log);
    }
    if let Some(path) = value.strip_prefix("dir:").filter(|p| !p.is_empty()) {
        return Ok(MailTransport::Dir(PathBuf::from(path)));
    }
    match Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "smtp" | "smtps") && url.host().is_some() => Ok(MailTransport::Smtp(Secret(value.to_owned()))),
        _ => Err("expected log, dir:PATH, smtp://host:port or smtps://user:pass@host".into()),
    }
}

fn parse_sms(value: &str) -> Result<SmsTransport, String> {
    if value == "log" {
        return Ok(SmsTransport::Log);
    }
    if let Some(path) = value.strip_prefix("file:").filter(|p| !p.is_empty()) {
        return Ok(SmsTransport::File(PathBuf::from(path)));
    }
    match Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => Ok(SmsTransport::Gateway(Secret(value.to_owned()))),
        _ => Err("expected log, file:PATH or an http(s):// gateway URL".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_match_the_contract() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DatabaseUrl::Sqlite("ebill.db".into()));
        assert_eq!(c.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(c.public_url.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(c.mail, MailTransport::Log);
        assert_eq!(c.sms, SmsTransport::Log);
        assert!(c.rate_limits.enabled);
        assert_eq!(c.rate_limits.registrations, Quota { count: 20, per: Duration::from_secs(3600) });
    }

    #[test]
    fn cors_origins_are_origins() {
        let c = config(&[("EBILL_CORS_ORIGINS", "https://app.example.org, http://localhost:5173/")]).unwrap();
        assert_eq!(c.cors_origins, ["https://app.example.org", "http://localhost:5173"]);
        assert!(config(&[]).unwrap().cors_origins.is_empty());
    }

    #[test]
    fn bad_values_name_the_variable() {
        for (name, value) in [
            ("EBILL_BIND", "localhost"),
            ("EBILL_DATABASE_URL", "mysql://x"),
            ("EBILL_PUBLIC_URL", "ftp://x"),
            ("EBILL_JWT_SECRET", "short"),
            ("EBILL_MAIL", "pigeon"),
            ("EBILL_SMS", "smtp://x"),
            ("EBILL_RATE_LIMITS", "token=0/m"),
            ("EBILL_BOUNCE_SECRET", "short"),
            ("EBILL_CORS_ORIGINS", "http://app.example.org"),
            ("EBILL_CORS_ORIGINS", "https://app.example.org/path"),
        ] {
            let e = config(&[(name, value)]).unwrap_err();
            assert_eq!(e.name, name);
        }
    }

    #[test]
    fn transports_and_limits_parse() {
        let c = config(&[
            ("EBILL_MAIL", "dir:/tmp/mail"),
            ("EBILL_SMS", "file:/tmp/sms.jsonl"),
            ("EBILL_RATE_LIMITS", "on,token=5/s"),
            ("EBILL_DATABASE_URL", "postgres://u:pw@db/ebill"),
        ])
        .unwrap();
        assert_eq!(c.mail, MailTransport::Dir("/tmp/mail".into()));
        assert_eq!(c.sms, SmsTransport::File("/tmp/sms.jsonl".into()));
        assert_eq!(c.rate_limits.token, Quota { count: 5, per: Duration::from_secs(1) });
        assert!(!format!("{:?}", c.database_url).contains("pw"));
        assert!(!config(&[("EBILL_RATE_LIMITS", "off")]).unwrap().rate_limits.enabled);
    }
}
