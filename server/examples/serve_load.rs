//! A load generator for `guifan serve`: N clients, each on its own keep-alive connection, send
//! the requests of a file (one path a line) round-robin for a while, and one more client
//! uploads a file to `/api/v1/import` meanwhile. Prints one JSON object: requests, errors,
//! throughput, latency percentiles, and the import's status and time.
//!
//! ```text
//! serve_load --addr 127.0.0.1:8080 --token gf_… --requests queries.txt --clients 50 \
//!            --seconds 60 [--think 1000] [--import new.jsonl --import-after 5]
//! ```
//!
//! Without `--think` each client sends its next request as soon as it has read the answer (the
//! server's saturation); with `--think MS` it first pauses for a time drawn from an exponential
//! distribution of mean MS milliseconds, as a person reads the results before the next search.
//! Only loopback addresses are accepted: it is a benchmark of a server on this machine.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Args {
    addr: SocketAddr,
    token: String,
    requests: Vec<String>,
    clients: usize,
    seconds: u64,
    import: Option<Vec<u8>>,
    import_after: u64,
    think_ms: f64,
}

fn args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut a = Args {
        addr: "127.0.0.1:8080".parse().map_err(|e| format!("{e}"))?,
        token: String::new(),
        requests: Vec::new(),
        clients: 50,
        seconds: 30,
        import: None,
        import_after: 5,
        think_ms: 0.0,
    };
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--addr" => a.addr = value()?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--token" => a.token = value()?,
            "--requests" => {
                let text = std::fs::read_to_string(value()?).map_err(|e| e.to_string())?;
                a.requests = text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            "--clients" => a.clients = value()?.parse().map_err(|e| format!("--clients: {e}"))?,
            "--seconds" => a.seconds = value()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--import" => a.import = Some(std::fs::read(value()?).map_err(|e| e.to_string())?),
            "--import-after" => {
                a.import_after = value()?
                    .parse()
                    .map_err(|e| format!("--import-after: {e}"))?
            }
            "--think" => a.think_ms = value()?.parse().map_err(|e| format!("--think: {e}"))?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !a.addr.ip().is_loopback() {
        return Err("only loopback addresses are load-tested".into());
    }
    if a.requests.is_empty() {
        return Err("--requests names a file of paths, one a line".into());
    }
    Ok(a)
}

/// Reads one HTTP/1.1 response; returns its status.
async fn response(r: &mut BufReader<TcpStream>) -> std::io::Result<u16> {
    let mut line = String::new();
    r.read_line(&mut line).await?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    loop {
        line.clear();
        r.read_line(&mut line).await?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            if k == "content-length" {
                length = v.trim().parse().ok();
            } else if k == "transfer-encoding" && v.to_ascii_lowercase().contains("chunked") {
                chunked = true;
            }
        }
    }
    if chunked {
        loop {
            line.clear();
            r.read_line(&mut line).await?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                .map_err(std::io::Error::other)?;
            let mut skip = vec![0u8; size + 2];
            r.read_exact(&mut skip).await?;
            if size == 0 {
                break;
            }
        }
    } else if let Some(n) = length {
        let mut body = vec![0u8; n];
        r.read_exact(&mut body).await?;
    }
    Ok(status)
}

/// A pause drawn from an exponential distribution of mean `mean_ms` (xorshift state per client).
fn think(state: &mut u64, mean_ms: f64) -> Duration {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    let uniform = ((*state >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    Duration::from_secs_f64(-uniform.ln() * mean_ms / 1000.0)
}

async fn client(a: Arc<Args>, start: usize, until: Instant) -> (Vec<f64>, u64) {
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut i = start;
    let mut rng =
        0x9e37_79b9_7f4a_7c15_u64 ^ (start as u64 + 1).wrapping_mul(0x2545_f491_4f6c_dd1d);
    if a.think_ms > 0.0 {
        // Clients start spread over one pause rather than all at once.
        tokio::time::sleep(think(&mut rng, a.think_ms)).await;
    }
    let mut conn: Option<BufReader<TcpStream>> = None;
    while Instant::now() < until {
        let path = &a.requests[i % a.requests.len()];
        i += 1;
        if conn.is_none() {
            match TcpStream::connect(a.addr).await {
                Ok(s) => conn = Some(BufReader::new(s)),
                Err(_) => {
                    errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            }
        }
        let Some(c) = conn.as_mut() else { continue };
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n\r\n",
            a.addr, a.token
        );
        let t = Instant::now();
        let ok = match c.get_mut().write_all(req.as_bytes()).await {
            Ok(()) => response(c).await,
            Err(e) => Err(e),
        };
        match ok {
            Ok(status) if (200..300).contains(&status) => {
                latencies.push(t.elapsed().as_secs_f64() * 1000.0)
            }
            Ok(_) => errors += 1,
            Err(_) => {
                errors += 1;
                conn = None;
            }
        }
        if a.think_ms > 0.0 {
            tokio::time::sleep(think(&mut rng, a.think_ms)).await;
        }
    }
    (latencies, errors)
}

async fn import(a: Arc<Args>, body: Vec<u8>) -> (u16, f64) {
    tokio::time::sleep(Duration::from_secs(a.import_after)).await;
    let boundary = "serve-load-boundary";
    let mut payload = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"load.jsonl\"\r\n\r\n"
    )
    .into_bytes();
    payload.extend_from_slice(&body);
    payload.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let t = Instant::now();
    let Ok(stream) = TcpStream::connect(a.addr).await else {
        return (0, 0.0);
    };
    let mut c = BufReader::new(stream);
    let head = format!(
        "POST /api/v1/import HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\n\r\n",
        a.addr,
        a.token,
        payload.len()
    );
    let sent = async {
        c.get_mut().write_all(head.as_bytes()).await?;
        c.get_mut().write_all(&payload).await?;
        response(&mut c).await
    }
    .await;
    (sent.unwrap_or(0), t.elapsed().as_secs_f64())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn main() -> Result<(), String> {
    let a = Arc::new(args()?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    rt.block_on(async move {
        let until = Instant::now() + Duration::from_secs(a.seconds);
        let started = Instant::now();
        let importer = a
            .import
            .clone()
            .map(|body| tokio::spawn(import(Arc::clone(&a), body)));
        let step = a.requests.len() / a.clients.max(1) + 1;
        let tasks: Vec<_> = (0..a.clients)
            .map(|c| tokio::spawn(client(Arc::clone(&a), c * step, until)))
            .collect();
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            let (l, e) = t.await.map_err(|e| e.to_string())?;
            all.extend(l);
            errors += e;
        }
        let elapsed = started.elapsed().as_secs_f64();
        let (import_status, import_seconds) = match importer {
            Some(t) => t.await.map_err(|e| e.to_string())?,
            None => (0, 0.0),
        };
        all.sort_by(|x, y| x.total_cmp(y));
        let out = serde_json::json!({
            "clients": a.clients,
            "seconds": elapsed,
            "requests": all.len(),
            "errors": errors,
            "throughput": all.len() as f64 / elapsed,
            "p50_ms": percentile(&all, 50.0),
            "p90_ms": percentile(&all, 90.0),
            "p99_ms": percentile(&all, 99.0),
            "max_ms": all.last().copied().unwrap_or(0.0),
            "import_status": import_status,
            "import_seconds": import_seconds,
        });
        println!("{out}");
        Ok(())
    })
}
