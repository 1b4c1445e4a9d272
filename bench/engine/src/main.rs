//! guifan as an engine of the search benchmark: `guifan-bench CORPUS QUERIES WORKDIR [RUNS]`.
//!
//! It imports the corpus into a fresh registry in WORKDIR and builds the index (timed
//! together: the ingest), then runs each query of QUERIES once to warm up and RUNS times (30
//! by default) for the top 10 (with snippets when the query asks), and once more for every
//! matching key. It prints one JSON object on stdout in the harness's protocol
//! (bench/README.md); progress goes to stderr.
//!
//! Queries map to guifan as follows: every term becomes a quoted phrase (all must match, in
//! title or text); a query without filters searches every version of every status; `as_of`
//! searches the versions in force on that date of the works then in force; `status` 有效
//! searches what is in force today.

mod eval;

use std::path::Path;
use std::time::Instant;

use guifan::Registry;
use guifan::index::scope::StatusScope;
use guifan::index::snippet::{MARK_CLOSE, MARK_OPEN};
use guifan::index::{SearchIndex, SearchOptions};
use serde_json::{Value, json};
use time::Date;

type Error = Box<dyn std::error::Error>;

fn main() {
    if let Err(e) = run() {
        eprintln!("guifan-bench: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("latency") => return latency(&args[2..]),
        Some("eval") => return eval::run(&args[2..]),
        Some("startup") => return startup(&args[2..]),
        Some("costs") => return costs(&args[2..]),
        _ => {}
    }
    if args.len() < 4 {
        return Err("usage: guifan-bench CORPUS QUERIES WORKDIR [RUNS]".into());
    }
    let (corpus, queries, workdir) = (
        Path::new(&args[1]),
        Path::new(&args[2]),
        Path::new(&args[3]),
    );
    let runs: usize = args.get(4).map(|r| r.parse()).transpose()?.unwrap_or(30);

    let ingest_bytes = raw_bytes(corpus)?;
    let ingested = ingest(corpus, workdir)?;

    let spec: Value = serde_json::from_str(&std::fs::read_to_string(queries)?)?;
    let today = guifan::date::today()?;
    let mut results = Vec::new();
    for q in spec["queries"]
        .as_array()
        .ok_or("queries: expected a list")?
    {
        results.push(run_query(&ingested, q, today, runs)?);
    }
    let out = json!({
        "engine": "guifan",
        "ingest_seconds": ingested.seconds,
        "ingest_bytes": ingest_bytes,
        "index_bytes": ingested.index_bytes,
        "peak_rss_kb": peak_rss_kb(),
        "queries": results,
        "notes": [format!(
            "guifan: ingest = SQLite store and tantivy index together, the index built while \
             the store imports; index_bytes is the tantivy index alone, the store (the source \
             of truth, texts included) adds {:.1} MB",
            ingested.store_bytes as f64 / 1e6
        )],
        "versions": {"guifan": env!("CARGO_PKG_VERSION")},
    });
    println!("{out}");
    Ok(())
}

/// A registry with the corpus imported and indexed, and what that took.
struct Ingested {
    reg: Registry,
    index: SearchIndex,
    /// Seconds for the store and the index together.
    seconds: f64,
    /// Size of the store (the registry folder without the index).
    store_bytes: u64,
    /// Size of the index.
    index_bytes: u64,
}

/// Imports the corpus into a fresh registry in `workdir/registry` and builds its index,
/// timed together.
fn ingest(corpus: &Path, workdir: &Path) -> Result<Ingested, Error> {
    let registry_dir = workdir.join("registry");
    if registry_dir.exists() {
        std::fs::remove_dir_all(&registry_dir)?;
    }
    let started = Instant::now();
    let mut reg = Registry::open(&registry_dir)?;
    reg.set_actor("bench");
    let index = SearchIndex::open(&reg)?;
    guifan::ingest::ingest_file(
        &mut reg,
        Some(&index),
        corpus,
        &Default::default(),
        &mut |_| {},
    )
    .map(|f| f.report)?;
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("guifan-bench: ingest {seconds:.2} s (store and index together)");
    let store_bytes = dir_size(&registry_dir)? - dir_size(&registry_dir.join("index"))?;
    let index_bytes = dir_size(&registry_dir.join("index"))?;
    Ok(Ingested {
        reg,
        index,
        seconds,
        store_bytes,
        index_bytes,
    })
}

/// A benchmark query as guifan searches it: its terms as quoted phrases, and the options its
/// filters ask for (see the module documentation).
fn query_of(q: &Value, today: Date) -> Result<(String, SearchOptions), Error> {
    let terms: Vec<&str> = q["terms"]
        .as_array()
        .ok_or("terms: expected a list")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let query = terms
        .iter()
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" ");
    let mut opts = SearchOptions {
        status: StatusScope::Any,
        all_versions: true,
        as_of: Some(today),
        limit: 10,
        offset: 0,
        snippets: q["snippets"].as_bool().unwrap_or(false),
        ..SearchOptions::default()
    };
    if let Some(d) = q["as_of"].as_u64() {
        opts.as_of = Some(date_from_int(d)?);
        opts.status = StatusScope::InForce;
        opts.all_versions = false;
    }
    if q["status"].as_str().is_some() {
        opts.status = StatusScope::InForce;
        opts.all_versions = false;
    }
    Ok((query, opts))
}

/// Runs one query: once to warm up, `runs` times timed for the top 10, once for every
/// matching key; its result in the harness's protocol.
fn run_query(ingested: &Ingested, q: &Value, today: Date, runs: usize) -> Result<Value, Error> {
    let (reg, index) = (&ingested.reg, &ingested.index);
    let (query, opts) = query_of(q, today)?;
    index.search(reg, &query, &opts)?;
    let mut latencies = Vec::with_capacity(runs);
    let mut top = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = index.search(reg, &query, &opts)?;
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        top = Some(r);
    }
    let every = SearchOptions {
        limit: usize::MAX / 2,
        snippets: false,
        ..opts.clone()
    };
    let all = index.search(reg, &query, &every)?;
    let keys: Vec<String> = all.hits.iter().filter_map(|h| h.key.clone()).collect();
    let mut out = json!({
        "id": q["id"], "kind": q["kind"], "latencies_ms": latencies,
        "total": all.total, "keys": keys,
    });
    if opts.snippets
        && let Some(top) = top
    {
        let s: Vec<String> = top
            .hits
            .iter()
            .map(|h| {
                h.snippet
                    .clone()
                    .unwrap_or_default()
                    .replace(MARK_OPEN, "<b>")
                    .replace(MARK_CLOSE, "</b>")
            })
            .collect();
        out["snippets"] = json!(s);
    }
    Ok(out)
}

/// `guifan-bench latency REGISTRY QUERIES RUNS`: the search latency of each query (a JSON list
/// of `{"query", "status"}`; `status` `any` or absent for the default scope) on an existing
/// registry, top 10 with snippets, as Rust sees it: prints `{"p50_ms": [...]}`. The Python
/// benchmark compares `Registry.search` with it.
fn latency(args: &[String]) -> Result<(), Error> {
    let [registry, queries, runs] = args else {
        return Err("usage: guifan-bench latency REGISTRY QUERIES RUNS".into());
    };
    let runs: usize = runs.parse()?;
    let reg = Registry::open_existing(registry)?;
    let index = SearchIndex::open(&reg)?;
    index.sync(&reg)?;
    let spec: Value = serde_json::from_str(&std::fs::read_to_string(queries)?)?;
    let mut medians = Vec::new();
    for q in spec.as_array().ok_or("queries: expected a list")? {
        let query = q["query"].as_str().ok_or("query: expected a string")?;
        let opts = SearchOptions {
            status: match q["status"].as_str() {
                Some(s) => StatusScope::parse(s)?,
                None => StatusScope::InForce,
            },
            limit: 10,
            ..SearchOptions::default()
        };
        index.search(&reg, query, &opts)?;
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                index
                    .search(&reg, query, &opts)
                    .map(|_| t.elapsed().as_secs_f64() * 1000.0)
            })
            .collect::<Result<_, _>>()?;
        times.sort_by(f64::total_cmp);
        medians.push(times[times.len() / 2]);
    }
    println!("{}", json!({ "p50_ms": medians }));
    Ok(())
}

/// `guifan-bench startup REGISTRY QUERY`: what a fresh process spends before its first answer,
/// phase by phase, as `guifan search` does it: opening the store, opening the index, the
/// segmenter's first cut, reading the registry's snapshot, the first search (the catch-up
/// check, the scope, the query, the snippets) and a second one. Prints one JSON object of milliseconds; run it as a
/// new process each time.
fn startup(args: &[String]) -> Result<(), Error> {
    let [registry, query] = args else {
        return Err("usage: guifan-bench startup REGISTRY QUERY".into());
    };
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let reg = Registry::open_existing(registry)?;
    let store = ms(t);
    let t = Instant::now();
    let index = SearchIndex::open(&reg)?;
    let open = ms(t);
    let t = Instant::now();
    let words = guifan::index::segment::cut("员工试用期被辞退有补偿吗").len();
    let dictionary = ms(t);
    let t = Instant::now();
    let works = reg.snapshot()?.works().len();
    let snapshot = ms(t);
    let t = Instant::now();
    let first = index.search(&reg, query, &SearchOptions::default())?;
    let search = ms(t);
    let t = Instant::now();
    index.search(&reg, query, &SearchOptions::default())?;
    let again = ms(t);
    println!(
        "{}",
        json!({
            "store_open_ms": store, "index_open_ms": open, "dictionary_ms": dictionary,
            "snapshot_ms": snapshot, "works": works,
            "first_search_ms": search, "second_search_ms": again,
            "total": first.total, "words": words,
        })
    );
    Ok(())
}

/// `guifan-bench costs REGISTRY RUNS QUERY...`: the fixed costs of a search on a warm handle,
/// percentiles (nearest rank) and maximum over RUNS of each: the store's change number (the
/// catch-up check), the snapshot (cached), and each query (top 10, status 有效) without and
/// with snippets; of the runs slower than twice the median, how many were preempted, waited
/// or faulted meanwhile. `bench/perf_phases.py` splits a query's time into its steps.
fn costs(args: &[String]) -> Result<(), Error> {
    let [registry, runs, queries @ ..] = args else {
        return Err("usage: guifan-bench costs REGISTRY RUNS QUERY...".into());
    };
    let runs: usize = runs.parse()?;
    let reg = Registry::open_existing(registry)?;
    let index = SearchIndex::open(&reg)?;
    index.sync(&reg)?;
    let time = |f: &mut dyn FnMut() -> Result<(), Error>| -> Result<Value, Error> {
        f()?;
        // Each run's time, and what befell the thread meanwhile (read outside the timing).
        let mut v: Vec<(f64, Befell)> = Vec::with_capacity(runs);
        for _ in 0..runs {
            let before = Befell::now();
            let t = Instant::now();
            f()?;
            let us = t.elapsed().as_secs_f64() * 1e6;
            v.push((us, Befell::now().since(before)));
        }
        v.sort_by(|a, b| a.0.total_cmp(&b.0));
        let at = |q: f64| v[((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1].0;
        let p50 = at(0.5);
        let slow: Vec<&Befell> = v.iter().filter(|r| r.0 > 2.0 * p50).map(|r| &r.1).collect();
        Ok(json!({
            "p50_us": p50, "p90_us": at(0.9), "p99_us": at(0.99), "max_us": at(1.0),
            "slow_runs": slow.len(),
            "slow_preempted": slow.iter().filter(|b| b.preempted > 0).count(),
            "slow_waited": slow.iter().filter(|b| b.waited > 0).count(),
            "slow_faulted": slow.iter().filter(|b| b.faults > 0).count(),
        }))
    };
    let mut out = serde_json::Map::new();
    out.insert(
        "change_seq".into(),
        time(&mut || {
            std::hint::black_box(reg.change_seq()?);
            Ok(())
        })?,
    );
    out.insert(
        "snapshot".into(),
        time(&mut || {
            std::hint::black_box(reg.snapshot()?);
            Ok(())
        })?,
    );
    for q in queries {
        for snippets in [false, true] {
            let opts = SearchOptions {
                limit: 10,
                snippets,
                ..SearchOptions::default()
            };
            let total = index.search(&reg, q, &opts)?.total;
            let mut t = time(&mut || {
                std::hint::black_box(index.search(&reg, q, &opts)?);
                Ok(())
            })?;
            t["total"] = json!(total);
            out.insert(format!("{q} snippets={snippets}"), t);
        }
    }
    println!("{}", serde_json::to_string_pretty(&Value::Object(out))?);
    Ok(())
}

/// What the kernel counts for the calling thread: involuntary context switches (the thread
/// was preempted), voluntary ones (it waited: a lock, I/O, a sleep) and page faults. Read from
/// `/proc/thread-self`; zeros where that cannot be read.
#[derive(Debug, Clone, Copy, Default)]
struct Befell {
    preempted: u64,
    waited: u64,
    faults: u64,
}

impl Befell {
    fn now() -> Befell {
        let status = std::fs::read_to_string("/proc/thread-self/status").unwrap_or_default();
        let field = |name: &str| -> u64 {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|rest| rest.trim().parse().ok())
                .unwrap_or(0)
        };
        // Minor and major faults are the 10th and 12th fields of `stat`, counted after the
        // command name's closing parenthesis from the 3rd.
        let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
        let after: Vec<u64> = stat
            .rsplit_once(')')
            .map(|(_, rest)| {
                rest.split_whitespace()
                    .map(|f| f.parse().unwrap_or(0))
                    .collect()
            })
            .unwrap_or_default();
        let fault = |n: usize| after.get(n - 3).copied().unwrap_or(0);
        Befell {
            preempted: field("nonvoluntary_ctxt_switches:"),
            waited: field("voluntary_ctxt_switches:"),
            faults: fault(10) + fault(12),
        }
    }

    fn since(self, before: Befell) -> Befell {
        Befell {
            preempted: self.preempted - before.preempted,
            waited: self.waited - before.waited,
            faults: self.faults - before.faults,
        }
    }
}

fn date_from_int(d: u64) -> Result<Date, Error> {
    let s = format!("{:04}-{:02}-{:02}", d / 10000, d / 100 % 100, d % 100);
    Ok(guifan::date::parse_date("as_of", &s)?)
}

/// UTF-8 bytes of title and body over the corpus.
fn raw_bytes(corpus: &Path) -> Result<u64, Error> {
    let mut total = 0u64;
    for line in std::fs::read_to_string(corpus)?.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)?;
        for f in ["title", "body"] {
            total += v[f].as_str().map_or(0, |s| s.len() as u64);
        }
    }
    Ok(total)
}

fn dir_size(dir: &Path) -> Result<u64, Error> {
    let mut total = 0;
    if !dir.exists() {
        return Ok(0);
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// The process's peak resident set (VmHWM), in KiB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}
