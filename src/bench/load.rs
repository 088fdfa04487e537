//! The bench's HTTP load: prebuilt HTTP/1.1 `GET`s sent over a fixed number of keep-alive connections,
//! either as fast as the server answers (closed loop) or at a fixed rate (open loop, latency counted
//! from when each request was due, so a slow answer cannot hide the ones queued behind it).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One GET, ready to write: the path and, for a resident's read, their bearer token.
pub fn get(path: &str, token: Option<&str>) -> Vec<u8> {
    let auth = token.map(|t| format!("Authorization: Bearer {t}\r\n")).unwrap_or_default();
    format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n{auth}\r\n").into_bytes()
}

/// What one stretch of load measured.
#[derive(Debug, Default)]
pub struct Sample {
    pub requests: u64,
    pub secs: f64,
    /// Every request's latency, microseconds.
    pub latencies: Vec<u32>,
}

impl Sample {
    pub fn per_sec(&self) -> f64 {
        self.requests as f64 / self.secs.max(1e-9)
    }

    pub fn merge(&mut self, other: Sample) {
        self.requests += other.requests;
        self.secs += other.secs;
        self.latencies.extend(other.latencies);
    }

    /// The `q` quantile of the latencies, milliseconds.
    pub fn quantile_ms(&self, q: f64) -> f64 {
        let mut sorted = self.latencies.clone();
        sorted.sort_unstable();
        let at = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
        sorted.get(at).map_or(f64::NAN, |us| f64::from(*us) / 1000.0)
    }
}

/// A keep-alive connection that sends a request and reads its whole answer.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Self { stream, buffer: Vec::with_capacity(16 * 1024) })
    }

    /// Sends `request`; returns the answer's status and body.
    async fn exchange(&mut self, request: &[u8]) -> std::io::Result<(u16, &[u8])> {
        self.stream.write_all(request).await?;
        self.buffer.clear();
        let head_end = loop {
            if let Some(at) = memchr::memmem::find(&self.buffer, b"\r\n\r\n") {
                break at + 4;
            }
            self.read_more().await?;
        };
        let head = std::str::from_utf8(&self.buffer[..head_end]).map_err(std::io::Error::other)?;
        let status = head.get(9..12).and_then(|s| s.parse::<u16>().ok()).ok_or_else(|| std::io::Error::other("no status line"))?;
        let length = head
            .lines()
            .find_map(|l| l.split_once(':').filter(|(name, _)| name.eq_ignore_ascii_case("content-length")))
            .and_then(|(_, v)| v.trim().parse::<usize>().ok())
            .ok_or_else(|| std::io::Error::other("an answer without Content-Length"))?;
        while self.buffer.len() < head_end + length {
            self.read_more().await?;
        }
        Ok((status, &self.buffer[head_end..head_end + length]))
    }

    async fn read_more(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        match self.stream.read(&mut chunk).await? {
            0 => Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(())
            }
        }
    }
}

/// Sends `request` once and returns the status and body (to compare what two servers answer).
pub async fn once(addr: SocketAddr, request: &[u8]) -> std::io::Result<(u16, Vec<u8>)> {
    let mut connection = Connection::open(addr).await?;
    let (status, body) = connection.exchange(request).await?;
    Ok((status, body.to_vec()))
}

fn refused(status: u16, body: &[u8]) -> std::io::Error {
    std::io::Error::other(format!("answered {status}: {}", String::from_utf8_lossy(body)))
}

/// `connections` connections each sending the next of `requests` (round robin) as soon as the last
/// was answered, for `length`; any answer but 200 ends the run with an error.
pub async fn closed(addr: SocketAddr, requests: Arc<Vec<Vec<u8>>>, connections: usize, length: Duration) -> std::io::Result<Sample> {
    let started = Instant::now();
    let deadline = started + length;
    let tasks = (0..connections).map(|k| {
        let requests = requests.clone();
        async move {
            let mut connection = Connection::open(addr).await?;
            let mut latencies = Vec::new();
            let mut next = k;
            while Instant::now() < deadline {
                let sent = Instant::now();
                let (status, body) = connection.exchange(&requests[next % requests.len()]).await?;
                if status != 200 {
                    return Err(refused(status, body));
                }
                latencies.push(sent.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
                next += connections;
            }
            Ok::<_, std::io::Error>(latencies)
        }
    });
    let results = futures_util::future::join_all(tasks).await;
    let secs = started.elapsed().as_secs_f64();
    let mut sample = Sample { secs, ..Sample::default() };
    for latencies in results {
        let latencies = latencies?;
        sample.requests += latencies.len() as u64;
        sample.latencies.extend(latencies);
    }
    Ok(sample)
}

/// `rate` requests a second for `length`, request `i` due at `i / rate` and sent on connection
/// `i % connections` (waiting for that connection when it is still busy); latency runs from when the
/// request was due.
pub async fn paced(
    addr: SocketAddr,
    requests: Arc<Vec<Vec<u8>>>,
    connections: usize,
    rate: f64,
    length: Duration,
) -> std::io::Result<Sample> {
    let total = (rate * length.as_secs_f64()) as usize;
    let started = Instant::now() + Duration::from_millis(50);
    let tasks = (0..connections).map(|k| {
        let requests = requests.clone();
        async move {
            let mut connection = Connection::open(addr).await?;
            let mut latencies = Vec::new();
            for i in (k..total).step_by(connections) {
                let due = started + Duration::from_secs_f64(i as f64 / rate);
                tokio::time::sleep_until(due.into()).await;
                let (status, body) = connection.exchange(&requests[i % requests.len()]).await?;
                if status != 200 {
                    return Err(refused(status, body));
                }
                latencies.push(due.elapsed().as_micros().min(u128::from(u32::MAX)) as u32);
            }
            Ok::<_, std::io::Error>(latencies)
        }
    });
    let results = futures_util::future::join_all(tasks).await;
    let mut sample = Sample { secs: started.elapsed().as_secs_f64(), ..Sample::default() };
    for latencies in results {
        let latencies = latencies?;
        sample.requests += latencies.len() as u64;
        sample.latencies.extend(latencies);
    }
    Ok(sample)
}
