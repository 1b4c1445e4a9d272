//! One function per command: parse the arguments into library types, call, print.

use std::io::Write;

use anyhow::{Context, Result};
use guifan::date::{iso, parse_date};
use guifan::index::scope::StatusScope;
use guifan::index::snippet::{MARK_CLOSE, MARK_OPEN};
use guifan::index::{SearchIndex, SearchOptions, SearchResults};
use guifan::ingest::{Event, FileReport, ingest_files, total};
use guifan::interchange::{ImportReport, Which, export_akn, export_jsonl};
use guifan::model::{
    FilingOutcome, NewCampaign, NewFiling, NewRelation, NewReview, Outcome, RelationKind,
    RelationSource, ReviewKind, Status, WorkId,
};
use guifan::stats::{self, Field};
use guifan::store::ListFilter;
use guifan::{Error, Registry};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;
use time::Date;

use crate::args::{Cli, Command, ExportFormat, FilterArgs, StatsArgs};
use crate::render::Table;

/// Today, in China Standard Time; `GUIFAN_TODAY` (an ISO date) overrides it so that scripts
/// and tests are reproducible.
pub fn today() -> Result<Date> {
    match std::env::var("GUIFAN_TODAY") {
        Ok(s) if !s.trim().is_empty() => Ok(parse_date("GUIFAN_TODAY", &s)?),
        _ => Ok(guifan::date::today()),
    }
}

fn date_arg(field: &str, value: &Option<String>) -> Result<Option<Date>> {
    Ok(value.as_deref().map(|v| parse_date(field, v)).transpose()?)
}

fn open_existing(cli: &Cli) -> Result<Registry> {
    let mut reg = Registry::open_existing(&cli.registry).with_context(|| {
        format!(
            "no registry at `{}` (run `guifan import` first, or pass --registry)",
            cli.registry.display()
        )
    })?;
    if let Some(actor) = actor(cli) {
        reg.set_actor(actor);
    }
    Ok(reg)
}

fn actor(cli: &Cli) -> Option<String> {
    cli.actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
}

fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Import { files, json } => {
            let mut reg = Registry::open(&cli.registry)?;
            if let Some(a) = actor(&cli) {
                reg.set_actor(a);
            }
            let index = SearchIndex::open(&reg)?;
            let done = import_files(&mut reg, Some(&index), files, !json)?;
            if !json {
                let behind = reg.change_seq()? - index.indexed_seq()?;
                if behind > 0 {
                    eprintln!(
                        "index: another process is writing it; it catches up on the next search"
                    );
                } else {
                    eprintln!("index: {} versions", index.indexed_versions());
                }
            }
            if *json {
                let files: Vec<_> = done
                    .iter()
                    .map(|f| json!({"file": f.path, "report": f.report}))
                    .collect();
                print_json(&json!({"files": files, "total": total(&done)}))?;
            }
            Ok(())
        }
        Command::Search {
            query,
            status,
            kind,
            issuer,
            year,
            as_of,
            all_versions,
            limit,
            offset,
            json,
        } => {
            let reg = open_existing(&cli)?;
            let opts = SearchOptions {
                status: status
                    .as_deref()
                    .map(StatusScope::parse)
                    .transpose()?
                    .unwrap_or_default(),
                as_of: Some(date_arg("as-of", as_of)?.map_or_else(today, Ok)?),
                all_versions: *all_versions,
                kind: kind.clone(),
                issuer: issuer.clone(),
                year: *year,
                limit: *limit,
                offset: *offset,
                snippets: true,
            };
            let index = SearchIndex::open(&reg)?;
            let results = index.search(&reg, query, &opts)?;
            if *json {
                return print_json(&results);
            }
            print_search(&results);
            Ok(())
        }
        Command::Reindex => {
            let reg = open_existing(&cli)?;
            let index = SearchIndex::open(&reg)?;
            let report = index.rebuild(&reg)?;
            println!(
                "indexed {} versions (registry change {})",
                report.indexed, report.seq
            );
            Ok(())
        }
        Command::Show {
            reference,
            as_of,
            article,
            json,
        } => {
            let reg = open_existing(&cli)?;
            let as_of = date_arg("as-of", as_of)?.map_or_else(today, Ok)?;
            let id = reg.resolve(reference)?;
            match article {
                Some(a) => show_article(&reg, id, a, as_of, *json),
                None => show(&reg, id, as_of, *json),
            }
        }
        Command::Link { reference, json } => {
            let mut reg = open_existing(&cli)?;
            let only = reference.as_deref().map(|r| reg.resolve(r)).transpose()?;
            let report = reg.link(only)?;
            if *json {
                return print_json(&report);
            }
            println!(
                "scanned {} versions: {} citations, {} relations ({} resolved, {} ambiguous, {} not in the registry)",
                report.versions,
                report.citations,
                report.relations,
                report.resolved,
                report.ambiguous,
                report.unresolved
            );
            Ok(())
        }
        Command::Impact {
            reference,
            as_of,
            json,
        } => {
            let reg = open_existing(&cli)?;
            let as_of = date_arg("as-of", as_of)?.map_or_else(today, Ok)?;
            let id = reg.resolve(reference)?;
            impact(&reg, id, as_of, *json)
        }
        Command::List { filter, json } => {
            let reg = open_existing(&cli)?;
            let filter = list_filter(filter)?;
            let works = reg.list(&filter)?;
            if *json {
                return print_json(&json!({ "total": works.len(), "documents": works }));
            }
            let mut t = Table::new(["id", "效力状态", "文号", "标题", "制定机关"]).right_align(0);
            for w in &works {
                t.row([
                    w.id.to_string(),
                    w.status.label().to_owned(),
                    w.doc_number.clone().unwrap_or_default(),
                    format!("《{}》", w.title),
                    w.issuer.clone(),
                ]);
            }
            print!("{}", t.render());
            println!("共{}件", works.len());
            Ok(())
        }
        Command::Stats(args) => {
            let reg = open_existing(&cli)?;
            stats_command(&reg, args)
        }
        Command::Campaign {
            key,
            name,
            scope,
            opened,
        } => {
            let mut reg = open_existing(&cli)?;
            reg.open_campaign(&NewCampaign {
                key: key.clone(),
                name: name.clone(),
                scope: scope.clone(),
                opened: date_arg("opened", opened)?,
            })?;
            println!("opened campaign {key}");
            Ok(())
        }
        Command::Decide {
            campaign,
            reference,
            outcome,
            reason,
        } => {
            let mut reg = open_existing(&cli)?;
            let id = reg.resolve(reference)?;
            let outcome = Outcome::parse(outcome)?;
            reg.decide(campaign, id, outcome, reason.as_deref())?;
            println!("{campaign}: {} {}", title(&reg, id)?, outcome.label());
            Ok(())
        }
        Command::Announce { key, date } => {
            let mut reg = open_existing(&cli)?;
            let date = parse_date("date", date)?;
            let n = reg.announce(key, date)?;
            println!("announced {key} on {}: {n} status changes", iso(date));
            Ok(())
        }
        Command::Status {
            reference,
            status,
            date,
            reason,
        } => {
            let mut reg = open_existing(&cli)?;
            let id = reg.resolve(reference)?;
            let status = Status::parse(status)?;
            let date = parse_date("date", date)?;
            reg.change_status(id, status, date, reason.as_deref())?;
            println!(
                "{}: {} from {}",
                title(&reg, id)?,
                status.label(),
                iso(date)
            );
            Ok(())
        }
        Command::File {
            reference,
            filed_with,
            submitted,
            outcome,
            deadline_days,
            number,
        } => {
            let mut reg = open_existing(&cli)?;
            let id = reg.resolve(reference)?;
            let filing = NewFiling {
                filed_with: filed_with.clone(),
                submitted: date_arg("submitted", submitted)?,
                number: number.clone(),
                outcome: outcome.as_deref().map(FilingOutcome::parse).transpose()?,
                deadline_days: *deadline_days,
                note: None,
            };
            reg.record_filing(id, &filing)?;
            let f = reg
                .filings(id)?
                .pop()
                .context("the filing just recorded is missing")?;
            println!(
                "{}: 报{}备案，{}",
                title(&reg, id)?,
                f.filed_with,
                f.timeliness(today()?).label()
            );
            Ok(())
        }
        Command::Review {
            reference,
            kind,
            reviewer,
            date,
            conclusion,
            opinion,
        } => {
            let mut reg = open_existing(&cli)?;
            let id = reg.resolve(reference)?;
            let review = NewReview {
                kind: ReviewKind::parse(kind)?,
                reviewer: reviewer.clone(),
                date: parse_date("date", date)?,
                conclusion: conclusion.clone(),
                opinion: opinion.clone(),
            };
            reg.record_review(id, &review)?;
            println!(
                "{}: {}（{}）{}",
                title(&reg, id)?,
                review.kind.label(),
                review.reviewer,
                review.conclusion
            );
            Ok(())
        }
        Command::Relate {
            from,
            kind,
            to,
            note,
        } => {
            let mut reg = open_existing(&cli)?;
            let from = reg.resolve(from)?;
            let kind = RelationKind::parse(kind)?;
            let target = match reg.resolve(to) {
                Ok(id) => Some(id),
                Err(Error::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            };
            reg.record_relation(
                from,
                &NewRelation {
                    kind,
                    target,
                    cited_as: if target.is_none() {
                        Some(to.clone())
                    } else {
                        None
                    },
                    source: RelationSource::Manual,
                    note: note.clone(),
                },
            )?;
            println!("{} {} {}", title(&reg, from)?, kind.label(), to);
            Ok(())
        }
        Command::Export {
            reference,
            format: ExportFormat::Akn,
            as_of,
            version,
        } => {
            let reg = open_existing(&cli)?;
            let Some(reference) = reference else {
                anyhow::bail!(Error::invalid(
                    "REF",
                    "",
                    "`--format akn` writes one document: name it"
                ));
            };
            let id = reg.resolve(reference)?;
            let which = match (version, date_arg("as-of", as_of)?) {
                (Some(v), _) => Which::Version(*v),
                (None, Some(d)) => Which::AsOf(d),
                (None, None) => Which::Latest,
            };
            let xml = export_akn(&reg, id, which)?;
            let mut out = std::io::stdout().lock();
            out.write_all(xml.as_bytes())?;
            out.flush()?;
            Ok(())
        }
        Command::Export { reference, .. } => {
            let reg = open_existing(&cli)?;
            let only = reference.as_deref().map(|r| reg.resolve(r)).transpose()?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            export_jsonl(&reg, only, &mut out)?;
            out.flush()?;
            Ok(())
        }
        Command::Check { json } => {
            let reg = open_existing(&cli)?;
            let report = reg.check()?;
            if *json {
                print_json(&report)?;
            } else {
                println!(
                    "schema {}, {} works, {} versions, {} audit entries",
                    report.schema_version, report.works, report.versions, report.audit_entries
                );
                println!("audit head {}", report.head_hash);
                for p in &report.problems {
                    println!("problem: {p}");
                }
                if report.ok() {
                    println!("ok");
                }
            }
            if report.ok() {
                Ok(())
            } else {
                anyhow::bail!("{} problems found", report.problems.len())
            }
        }
        Command::Demo { fixtures } => crate::demo::run(fixtures.as_deref()),
    }
}

fn print_search(r: &SearchResults) {
    use std::io::IsTerminal;
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (open, close) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let facet = |m: &std::collections::BTreeMap<String, u64>, label: &dyn Fn(&str) -> String| {
        let mut v: Vec<(&String, &u64)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        v.iter()
            .take(6)
            .map(|(k, n)| format!("{} {n}", label(k)))
            .collect::<Vec<_>>()
            .join("，")
    };
    println!("共{}件（截至{}）", r.total, iso(r.as_of));
    if r.total > 0 {
        let status_label = |t: &str| {
            Status::parse(t)
                .map(|s| s.label().to_owned())
                .unwrap_or(t.to_owned())
        };
        println!("  效力状态：{}", facet(&r.facets.status, &status_label));
        println!("  文件类型：{}", facet(&r.facets.kind, &|k| k.to_owned()));
        println!("  制定机关：{}", facet(&r.facets.issuer, &|k| k.to_owned()));
    }
    for h in &r.hits {
        println!(
            "\n《{}》{}  {}{}  [id {} v{}]",
            h.title,
            h.doc_number.as_deref().unwrap_or(""),
            h.status.label(),
            h.article
                .as_deref()
                .map(|a| format!("  {a}"))
                .unwrap_or_default(),
            h.id,
            h.version
        );
        if let Some(s) = &h.snippet {
            println!(
                "  {}",
                s.replace(MARK_OPEN, open).replace(MARK_CLOSE, close)
            );
        }
    }
}

fn title(reg: &Registry, id: WorkId) -> Result<String> {
    Ok(format!("《{}》", reg.work(id)?.latest().meta.title))
}

/// Imports files (folders expanded) through the library's ingest pipeline, each in its own
/// transaction, with a progress bar on stderr for large files and a summary per file. Stops at
/// the first file that fails; the files before it stay imported.
pub fn import_files(
    reg: &mut Registry,
    index: Option<&SearchIndex>,
    files: &[std::path::PathBuf],
    print: bool,
) -> Result<Vec<FileReport>> {
    let mut bar: Option<ProgressBar> = None;
    let style = ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} {eta}")
        .map_err(|e| anyhow::anyhow!("progress template: {e}"))?
        .progress_chars("=> ");
    let done = ingest_files(reg, index, files, &mut |event| match event {
        Event::Started { path, bytes } if bytes > 4 << 20 => {
            let b = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
            b.set_style(style.clone());
            b.set_message(path.display().to_string());
            bar = Some(b);
        }
        Event::Progress { read, .. } => {
            if let Some(b) = &bar {
                b.set_position(read);
            }
        }
        Event::Done(f) => {
            if let Some(b) = bar.take() {
                b.finish_and_clear();
            }
            if print {
                eprintln!("{}: {}", f.path.display(), summary(&f.report));
            }
        }
        Event::Started { .. } => {}
    });
    if let Some(b) = bar.take() {
        b.finish_and_clear();
    }
    let done = done?;
    if print && done.len() > 1 {
        eprintln!("total: {}", summary(&total(&done)));
    }
    Ok(done)
}

fn summary(r: &ImportReport) -> String {
    let mut parts = vec![format!("{} records", r.records)];
    for (n, what) in [
        (r.documents, "versions"),
        (r.works_created, "new works"),
        (r.campaigns, "campaigns"),
        (r.decisions, "decisions"),
        (r.announced, "status changes announced"),
        (r.filings, "filings"),
        (r.reviews, "reviews"),
        (r.relations, "relations"),
        (r.status_changes, "status changes"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    parts.join(", ")
}

fn list_filter(f: &FilterArgs) -> Result<ListFilter> {
    let status = match f.status.as_deref() {
        None => Vec::new(),
        Some(s) => s
            .split([',', '，'])
            .filter(|p| !p.trim().is_empty())
            .map(Status::parse)
            .collect::<guifan::Result<Vec<_>>>()?,
    };
    Ok(ListFilter {
        status,
        kind: f.kind.clone(),
        issuer: f.issuer.clone(),
        year: f.year,
        as_of: Some(date_arg("as-of", &f.as_of)?.map_or_else(today, Ok)?),
    })
}

fn show(reg: &Registry, id: WorkId, as_of: Date, json: bool) -> Result<()> {
    let work = reg.work(id)?;
    let changes = reg.status_changes(id)?;
    let status = guifan::store::status_of(&work, &changes, as_of);
    let in_force = work.version_in_force(as_of).map(|v| v.seq);
    let latest = work.latest();
    let filings = reg.filings(id)?;
    let reviews = reg.reviews(id)?;
    let relations = reg.relations(id)?;
    let decisions = reg.decisions_on(id)?;
    let history = reg.history(id)?;
    let state = |seq: u32| -> &'static str {
        match in_force {
            Some(s) if s == seq => "in_force",
            Some(s) if seq < s => "superseded",
            _ if work.versions.iter().any(|v| v.seq == seq && v.superseded) => "superseded",
            _ => "not_yet_effective",
        }
    };
    if json {
        let versions: Vec<_> = work
            .versions
            .iter()
            .map(|v| {
                let mut value = serde_json::to_value(v).unwrap_or_default();
                value["state"] = json!(state(v.seq));
                value
            })
            .collect();
        let filings: Vec<_> = filings
            .iter()
            .map(|f| {
                let mut value = serde_json::to_value(f).unwrap_or_default();
                value["timeliness"] = serde_json::to_value(f.timeliness(as_of)).unwrap_or_default();
                value["deadline"] = json!(f.deadline().map(iso));
                value
            })
            .collect();
        return print_json(&json!({
            "id": id,
            "work": work.key,
            "key": latest.key,
            "title": latest.meta.title,
            "kind": latest.meta.kind,
            "issuer": latest.meta.issuer,
            "doc_number": latest.meta.doc_number.as_ref().map(|n| n.canonical()),
            "issued": latest.meta.issued.map(iso),
            "effective": latest.meta.effective.map(iso),
            "expires": latest.meta.expires.map(iso),
            "status": status,
            "as_of": iso(as_of),
            "version_in_force": in_force,
            "versions": versions,
            "status_changes": changes,
            "history": history,
            "filings": filings,
            "reviews": reviews,
            "decisions": decisions,
            "relations": relations,
        }));
    }
    let m = &latest.meta;
    println!("《{}》", m.title);
    let mut t = Table::new(["", ""]);
    t.row(["id".to_owned(), id.to_string()]);
    t.row(["work".to_owned(), work.key.clone()]);
    if let Some(k) = &latest.key {
        t.row(["key".to_owned(), k.clone()]);
    }
    if let Some(n) = &m.doc_number {
        t.row(["文号".to_owned(), n.canonical().to_owned()]);
    }
    t.row(["类型".to_owned(), m.kind.clone()]);
    t.row(["制定机关".to_owned(), m.issuer.clone()]);
    t.row([
        "效力状态".to_owned(),
        format!("{}（{}）", status.label(), iso(as_of)),
    ]);
    for (label, date) in [
        ("成文日期", m.signed),
        ("公布日期", m.issued),
        ("施行日期", m.effective),
        ("有效期至", m.expires),
    ] {
        if let Some(d) = date {
            t.row([label.to_owned(), iso(d)]);
        }
    }
    print!(
        "{}",
        crate::render::indent(&t.render().lines().skip(1).collect::<Vec<_>>().join("\n"))
    );
    println!("版本");
    let mut t = Table::new(["", "", "", "", ""]);
    for v in &work.versions {
        let state = match state(v.seq) {
            "in_force" => "现行",
            "superseded" => "已修改",
            _ => "尚未生效",
        };
        t.row([
            format!("v{}", v.seq),
            v.label.clone(),
            v.meta
                .doc_number
                .as_ref()
                .map(|n| n.canonical().to_owned())
                .unwrap_or_default(),
            v.meta
                .in_force_from()
                .map(|d| format!("施行 {}", iso(d)))
                .unwrap_or_default(),
            state.to_owned(),
        ]);
    }
    print!(
        "{}",
        crate::render::indent(&t.render().lines().skip(1).collect::<Vec<_>>().join("\n"))
    );
    if !history.is_empty() {
        println!("历史");
        for h in &history {
            let d = h.date.map(iso).unwrap_or_else(|| "（无日期）".to_owned());
            println!("  {}  {}", crate::render::pad(&d, 10), h.event);
        }
    }
    if !filings.is_empty() {
        println!("备案");
        for f in &filings {
            println!(
                "  报{}  报送 {}  {}  {}",
                f.filed_with,
                f.submitted.map(iso).unwrap_or_else(|| "未报送".into()),
                f.outcome.map(|o| o.label()).unwrap_or("（无结果）"),
                f.timeliness(as_of).label()
            );
        }
    }
    if !reviews.is_empty() {
        println!("审查");
        for r in &reviews {
            println!(
                "  {}  {}  {}：{}",
                iso(r.date),
                r.kind.label(),
                r.reviewer,
                r.conclusion
            );
        }
    }
    print_relations(&relations);
    Ok(())
}

fn stats_command(reg: &Registry, args: &StatsArgs) -> Result<()> {
    let as_of = date_arg("as-of", &args.filter.as_of)?.map_or_else(today, Ok)?;
    if let Some(key) = &args.campaign {
        let report = stats::clearance_report(reg, key)?;
        if args.json {
            return print_json(&report);
        }
        if args.csv {
            println!("campaign,outcome,count");
            for o in Outcome::ALL {
                println!("{},{},{}", report.campaign, o.token(), report.count(o));
            }
            return Ok(());
        }
        println!("{}（{}）", report.name, report.campaign);
        let mut t = Table::new(["清理结论", "件数"]).right_align(1);
        for o in Outcome::ALL {
            t.row([o.label().to_owned(), report.count(o).to_string()]);
        }
        t.row([
            "废止和宣布失效".to_owned(),
            report.repealed_or_invalidated.to_string(),
        ]);
        t.row(["合计".to_owned(), report.total.to_string()]);
        print!("{}", t.render());
        println!("{}", report.sentence());
        return Ok(());
    }
    if args.filings {
        let t = stats::filing_timeliness(reg, as_of, args.filter.year)?;
        if args.json {
            return print_json(&t);
        }
        if args.csv {
            println!("total,on_time,late,pending,overdue,undetermined");
            println!(
                "{},{},{},{},{},{}",
                t.total, t.on_time, t.late, t.pending, t.overdue, t.undetermined
            );
            return Ok(());
        }
        let mut table = Table::new(["备案", "件数"]).right_align(1);
        for (label, n) in [
            ("按时报备", t.on_time),
            ("逾期报备", t.late),
            ("待报备", t.pending),
            ("其中逾期未报备", t.overdue),
            ("无法判断", t.undetermined),
            ("合计", t.total),
        ] {
            table.row([label.to_owned(), n.to_string()]);
        }
        print!("{}", table.render());
        println!("报备文件{}件", t.documents);
        for (body, n) in &t.by_body {
            println!("  报{body}备案 {n}件");
        }
        for l in &t.late_filings {
            println!(
                "  逾期：《{}》报{}，期限 {}，{} 天",
                l.title,
                l.filed_with,
                iso(l.deadline),
                l.days_late
            );
        }
        return Ok(());
    }
    if args.reviews {
        let rows = stats::review_counts(reg, args.filter.year)?;
        if args.json {
            return print_json(&json!({ "year": args.filter.year, "rows": rows }));
        }
        if args.csv {
            println!("kind,document_kind,reviews,documents");
            for r in &rows {
                println!(
                    "{},{},{},{}",
                    r.kind.token(),
                    csv_cell(&r.document_kind),
                    r.reviews,
                    r.documents
                );
            }
            return Ok(());
        }
        let mut t = Table::new(["审查类型", "文件类型", "次数", "件数"])
            .right_align(2)
            .right_align(3);
        for r in &rows {
            t.row([
                r.kind.label().to_owned(),
                r.document_kind.clone(),
                r.reviews.to_string(),
                r.documents.to_string(),
            ]);
        }
        print!("{}", t.render());
        return Ok(());
    }
    if let Some(days) = args.expiring {
        let list = stats::expiring(reg, as_of, days)?;
        if args.json {
            return print_json(
                &json!({ "as_of": iso(as_of), "within_days": days, "documents": list }),
            );
        }
        let mut t = Table::new(["有效期至", "剩余天数", "评估期限", "文号", "标题"]).right_align(1);
        for e in &list {
            t.row([
                iso(e.expires),
                e.days_left.to_string(),
                iso(e.evaluation_due),
                e.doc_number.clone().unwrap_or_default(),
                format!("《{}》", e.title),
            ]);
        }
        print!("{}", t.render());
        println!("{}天内到期{}件（截至{}）", days, list.len(), iso(as_of));
        return Ok(());
    }
    let by = Field::parse_list(args.by.as_deref().unwrap_or("status"))?;
    let filter = list_filter(&args.filter)?;
    let counts = stats::counts(reg, &by, as_of, &filter)?;
    if args.json {
        return print_json(&json!({
            "as_of": iso(as_of),
            "by": counts.by,
            "total": counts.total,
            "rows": counts.rows_json(),
        }));
    }
    if args.csv {
        let header: Vec<&str> = by.iter().map(|f| f.name()).collect();
        println!("{},count", header.join(","));
        for row in &counts.rows {
            let cells: Vec<String> = row
                .values
                .iter()
                .map(|v| match v {
                    stats::Value::Status(s) => s.token().to_owned(),
                    stats::Value::Text(t) => csv_cell(t),
                    stats::Value::Year(y) => y.map(|y| y.to_string()).unwrap_or_default(),
                })
                .collect();
            println!("{},{}", cells.join(","), row.count);
        }
        return Ok(());
    }
    let mut header: Vec<String> = by.iter().map(|f| f.label().to_owned()).collect();
    header.push("件数".to_owned());
    let mut t = Table::new(header).right_align(by.len());
    for row in &counts.rows {
        let mut cells: Vec<String> = row.values.iter().map(|v| v.display()).collect();
        cells.push(row.count.to_string());
        t.row(cells);
    }
    print!("{}", t.render());
    println!("合计{}件（截至{}）", counts.total, iso(as_of));
    Ok(())
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// What a document cites and what cites it: one line per other document, relation kind and
/// direction, with where it was found (by hand, or the versions and article of the text).
fn print_relations(relations: &[guifan::store::RelationView]) {
    if relations.is_empty() {
        return;
    }
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    for (title, direction) in [
        ("引用和依据（本文件 →）", "outgoing"),
        ("被引用和被依据（→ 本文件）", "incoming"),
    ] {
        let mine: Vec<&guifan::store::RelationView> = relations
            .iter()
            .filter(|r| r.direction == direction)
            .collect();
        if mine.is_empty() {
            continue;
        }
        lines.clear();
        let mut mine = mine;
        // 依据, 实施, 引用 … in the order of the kinds; documents of the registry first.
        mine.sort_by_key(|r| {
            (
                RelationKind::ALL.iter().position(|k| *k == r.kind),
                r.other.is_none(),
                r.other.map(|o| o.0),
                r.cited_as.clone(),
            )
        });
        for r in mine {
            let other = match (&r.other_title, r.other) {
                (Some(t), Some(o)) => format!("《{t}》（id {o}）"),
                _ => format!("{}（不在登记库中）", r.cited_as.clone().unwrap_or_default()),
            };
            let head = format!("{} {other}", r.kind.label());
            let whence = match (r.source, r.version) {
                (RelationSource::Text, Some(v)) => match &r.article {
                    Some(a) => format!("v{v} {a}"),
                    None => format!("v{v}"),
                },
                (RelationSource::Text, None) => "文本".to_owned(),
                (RelationSource::Manual, _) => "人工".to_owned(),
            };
            match lines.iter_mut().find(|(h, _)| *h == head) {
                Some((_, w)) => {
                    if !w.contains(&whence) {
                        w.push(whence);
                    }
                }
                None => lines.push((head, vec![whence])),
            }
        }
        println!("{title}");
        for (_, whence) in lines.iter_mut() {
            // Versions of the text first, then 人工.
            whence.sort_by_key(|w| (w.as_str() == "人工", w.clone()));
        }
        for (head, whence) in &lines {
            println!("  {head}  [{}]", whence.join("，"));
        }
    }
}

/// `show REF --article N`: the article as it stood on the date.
fn show_article(reg: &Registry, id: WorkId, article: &str, as_of: Date, json: bool) -> Result<()> {
    let Some((number, suffix)) = guifan::text::structure::parse_article_ref(article) else {
        anyhow::bail!(Error::invalid(
            "article",
            article,
            "expected an article number: 12, 第十二条, 10之1, 第十条之一"
        ));
    };
    let label = guifan::text::structure::article_label(number, suffix);
    let Some(a) = reg.article(id, number, suffix, as_of)? else {
        let work = reg.work(id)?;
        let seq = work.version_in_force(as_of).map_or(0, |v| v.seq);
        anyhow::bail!(Error::not_found(
            "article",
            format!(
                "{label} in version {seq} of 《{}》 (in force on {})",
                work.latest().meta.title,
                iso(as_of)
            )
        ));
    };
    let status = reg.status_as_of(id, as_of)?;
    if json {
        let mut value = serde_json::to_value(&a)?;
        value["as_of"] = json!(iso(as_of));
        value["status"] = json!(status);
        return print_json(&value);
    }
    let number = a.doc_number.as_deref().unwrap_or("");
    println!("《{}》{number}  {}", a.title, a.article.label);
    let until = a
        .in_force_until
        .map(|d| format!("至 {}", iso(d)))
        .unwrap_or_else(|| "起".to_owned());
    let from = a
        .in_force_from
        .map(|d| format!("施行 {} {until}", iso(d)))
        .unwrap_or_default();
    println!(
        "  第{}版（{}）{from}；{}的效力状态：{}",
        a.version,
        a.version_label,
        iso(as_of),
        status.label()
    );
    if !a.article.path.is_empty() {
        println!("  {}", a.article.path.join(" / "));
    }
    println!();
    println!("{}", a.text);
    Ok(())
}

/// `impact REF`: the documents in force that rest on or cite it, nearest first.
fn impact(reg: &Registry, id: WorkId, as_of: Date, json: bool) -> Result<()> {
    let entries = reg.impact(id, as_of)?;
    let work = reg.work(id)?;
    if json {
        return print_json(&json!({
            "id": id,
            "title": work.latest().meta.title,
            "as_of": iso(as_of),
            "total": entries.len(),
            "documents": entries,
        }));
    }
    println!(
        "《{}》：截至{}，{}件现行文件直接或间接引用或依据它",
        work.latest().meta.title,
        iso(as_of),
        entries.len()
    );
    let mut t = Table::new(["层级", "id", "关系", "文号", "标题", "经由", "条"]).right_align(1);
    for e in &entries {
        t.row([
            e.depth.to_string(),
            e.id.to_string(),
            e.kind.label().to_owned(),
            e.doc_number.clone().unwrap_or_default(),
            format!("《{}》", e.title),
            if e.depth > 1 {
                format!("id {}", e.via)
            } else {
                String::new()
            },
            e.article.clone().unwrap_or_default(),
        ]);
    }
    if !entries.is_empty() {
        print!("{}", t.render());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("潜江市人民政府"), "潜江市人民政府");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
