#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout
)]
//! Load on `lub serve` over loopback: rounds of 200 requests sent at once,
//! each a typical programme description, to `/api/check` and `/api/page`.
//! Prints the errors, the latency (p50, p99, max), the throughput and the
//! server's peak memory (VmHWM) before and after. Bounded in count (the
//! rounds) and in time (each request has 60 s).
//!
//!   cargo bench --bench serve_load [-- ROUNDS]
//!
//! Starts `target/release/lub serve` (built by `cargo build --release`) on
//! a free port and stops it with SIGINT at the end.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

const AT_ONCE: usize = 200;

fn peak_rss_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let root = env!("CARGO_MANIFEST_DIR");
    let lub = format!("{root}/target/release/lub");
    assert!(
        std::path::Path::new(&lub).is_file(),
        "build it first: cargo build --release"
    );
    let text = std::fs::read_to_string(format!("{root}/corpus/nb/mtdt.nb.lub.md")).unwrap();
    let mut server = Command::new(&lub)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .current_dir(std::env::temp_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let pid = server.id();
    let idle = peak_rss_kb(pid);
    println!(
        "lub serve at {url}; document {} bytes; {rounds} rounds of {AT_ONCE} requests at once per endpoint",
        text.len()
    );

    for (endpoint, body) in [
        (
            "api/check",
            serde_json::json!({ "text": text, "filename": "mtdt.nb.lub.md" }),
        ),
        (
            "api/page",
            serde_json::json!({ "text": text, "kind": "", "level": "", "lang": "", "code": "" }),
        ),
    ] {
        let body = Arc::new(body.to_string());
        let mut latencies = Vec::new();
        let mut errors = 0;
        let started = Instant::now();
        for _ in 0..rounds {
            let barrier = Arc::new(Barrier::new(AT_ONCE));
            let threads: Vec<_> = (0..AT_ONCE)
                .map(|_| {
                    let barrier = Arc::clone(&barrier);
                    let body = Arc::clone(&body);
                    let target = format!("{url}{endpoint}");
                    std::thread::spawn(move || {
                        let agent: ureq::Agent = ureq::Agent::config_builder()
                            .http_status_as_error(false)
                            .timeout_global(Some(Duration::from_secs(60)))
                            .build()
                            .into();
                        barrier.wait();
                        let sent = Instant::now();
                        let answer = agent
                            .post(&target)
                            .header("Content-Type", "application/json")
                            .send(body.as_bytes());
                        let ok = match answer {
                            Ok(mut response) => {
                                response.status() == 200
                                    && response
                                        .body_mut()
                                        .read_to_string()
                                        .is_ok_and(|b| !b.is_empty())
                            }
                            Err(_) => false,
                        };
                        (sent.elapsed(), ok)
                    })
                })
                .collect();
            for thread in threads {
                let (latency, ok) = thread.join().unwrap();
                latencies.push(latency);
                if !ok {
                    errors += 1;
                }
            }
        }
        let elapsed = started.elapsed();
        latencies.sort();
        println!(
            "/{endpoint}: {} requests, {errors} errors, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {:.0} requests/s",
            latencies.len(),
            percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
            percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
            latencies.last().unwrap().as_secs_f64() * 1000.0,
            latencies.len() as f64 / elapsed.as_secs_f64()
        );
    }
    let peak = peak_rss_kb(pid);
    println!(
        "server peak RSS (VmHWM): {} MB idle, {} MB after the load",
        idle.map_or("?".into(), |kb| format!("{:.1}", kb as f64 / 1024.0)),
        peak.map_or("?".into(), |kb| format!("{:.1}", kb as f64 / 1024.0))
    );
    let _ = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status();
    let status = server.wait().unwrap();
    let mut said = String::new();
    if let Some(err) = server.stderr.take() {
        let _ = BufReader::new(err).read_line(&mut said);
    }
    println!("stopped with {status}: {}", said.trim());
}
