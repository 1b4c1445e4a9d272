//! `guifan demo`: the registry's main job on the bundled fixtures, in a temporary registry.
//! It imports the Qianjiang 2024 records and prints what the justice bureau's report states,
//! every number counted from the registry.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use guifan::Registry;
use guifan::date::iso;
use guifan::model::{ReviewKind, Status, StatusScope};
use guifan::stats::{self, Field};
use guifan::store::ListFilter;
use time::macros::date;

use crate::i18n::{labels, t};
use crate::render::Table;

/// Where the fixtures are when no folder is given: the project's own.
fn default_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/qianjiang-2024")
}

/// Long on purpose: the demo is one story told in order (import, the clearance sentence,
/// filings, reviews, the registry in force, a search, a document's history, the check); each
/// step is a block with its heading.
pub fn run(fixtures: Option<&Path>) -> Result<()> {
    let dir = fixtures.map_or_else(default_fixtures, Path::to_path_buf);
    let dir = dir.canonicalize().unwrap_or(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read the fixtures in `{}`", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    anyhow::ensure!(!files.is_empty(), "no .jsonl files in `{}`", dir.display());

    let tmp = tempfile::tempdir().context("cannot make a temporary registry")?;
    let mut reg = Registry::open(tmp.path().join("registry"))?;
    reg.set_actor("demo");
    let as_of = date!(2024 - 12 - 31);

    outln!("{}", t!("demo-import", dir = dir.display()))?;
    let index = guifan::index::SearchIndex::open(&reg)?;
    crate::cmd::import::import_files(&mut reg, Some(&index), &files, &Default::default(), true)?;

    outln!("\n{}", t!("demo-clearance"))?;
    for c in reg.campaigns()? {
        let report = stats::clearance_report(&reg, &c.key)?;
        let announced = report
            .announced
            .map(iso)
            .unwrap_or_else(|| t!("demo-not-announced"));
        let line = t!(
            "demo-campaign",
            name = report.name,
            campaign = report.campaign,
            announced = announced
        );
        outln!("{line}")?;
        outln!("  {}", crate::i18n::reports::clearance_sentence(&report))?;
    }

    outln!("\n{}", t!("demo-reviews"))?;
    let reviews = stats::review_counts(
        &reg,
        &ListFilter {
            year: Some(2024),
            as_of: Some(as_of),
            ..ListFilter::default()
        },
    )?;
    let legality: Vec<String> = reviews
        .iter()
        .filter(|r| r.kind == ReviewKind::Legality)
        .map(|r| {
            t!(
                "demo-legality-part",
                count = r.documents,
                kind = r.document_kind
            )
        })
        .collect();
    let legality = legality.join(&t!("demo-legality-separator"));
    outln!("  {}", t!("demo-legality", parts = legality))?;
    let filing_reviews: u64 = reviews
        .iter()
        .filter(|r| r.kind == ReviewKind::FilingReview)
        .map(|r| r.documents)
        .sum();
    let mut by_body: BTreeMap<String, std::collections::BTreeSet<_>> = BTreeMap::new();
    for f in reg.all_filings()? {
        if f.submitted.is_some_and(|d| d.year() == 2024) {
            by_body
                .entry(f.filed_with.clone())
                .or_default()
                .insert(f.work);
        }
    }
    for (body, docs) in &by_body {
        outln!(
            "  {}",
            t!("demo-filed-with", body = body, count = docs.len())
        )?;
    }
    outln!("  {}", t!("demo-filing-reviews", count = filing_reviews))?;
    let t = stats::filing_timeliness(
        &reg,
        &ListFilter {
            as_of: Some(as_of),
            ..ListFilter::default()
        },
    )?;
    let line = t!(
        "demo-filings",
        total = t.total,
        on_time = t.on_time,
        late = t.late,
        pending = t.pending
    );
    outln!("  {line}")?;
    for l in &t.late_filings {
        let line = t!(
            "demo-late",
            title = l.title,
            body = l.filed_with,
            deadline = iso(l.deadline),
            days = l.days_late
        );
        outln!("    {line}")?;
    }

    outln!("\n{}", t!("demo-status", date = iso(as_of)))?;
    let counts = stats::counts(
        &reg,
        &[Field::Kind, Field::Status],
        as_of,
        &ListFilter::default(),
    )?;
    let mut table = Table::new([
        labels::field(Field::Kind),
        labels::field(Field::Status),
        t!("col-count"),
    ])
    .right_align(2);
    for row in &counts.rows {
        table.row([
            labels::value(&row.values[0]),
            labels::value(&row.values[1]),
            row.count.to_string(),
        ]);
    }
    out!("{}", crate::render::indent(&table.render()))?;

    outln!("\n{}", t!("demo-expiring", date = iso(as_of)))?;
    for e in stats::expiring(
        &reg,
        180,
        &ListFilter {
            as_of: Some(as_of),
            ..ListFilter::default()
        },
    )? {
        let line = t!(
            "demo-expires",
            expires = iso(e.expires),
            due = iso(e.evaluation_due),
            title = e.title,
            number = e.doc_number.as_deref().unwrap_or("")
        );
        outln!("  {line}")?;
    }

    let snapshot = reg.snapshot()?;
    if let Some(w) = snapshot.works().iter().find(|w| w.versions.len() > 1) {
        let work = reg.work(w.id)?;
        let title = &work.latest().meta.title;
        outln!("\n{}", t!("demo-history", title = title))?;
        for v in &work.versions {
            let status = reg.status_as_of(w.id, v.meta.in_force_from().unwrap_or(as_of))?;
            let line = t!(
                "demo-version",
                seq = v.seq,
                label = labels::version_label(&v.label),
                number = v
                    .meta
                    .doc_number
                    .as_ref()
                    .map(|n| n.canonical().to_owned())
                    .unwrap_or_default(),
                from = v.meta.in_force_from().map(iso).unwrap_or_default(),
                status = labels::status(status)
            );
            outln!("  {line}")?;
        }
        for h in reg.history(w.id)? {
            outln!(
                "  {}  {}",
                h.date.map(iso).unwrap_or_else(|| t!("no-date")),
                labels::library_text(&h.event)
            )?;
        }
    }

    let in_force = reg.list(&ListFilter {
        status: StatusScope::Only(vec![Status::Valid, Status::PendingRevision]),
        as_of: Some(as_of),
        ..ListFilter::default()
    })?;
    let pending = in_force
        .iter()
        .filter(|w| w.status == Status::PendingRevision)
        .count();
    let line = t!(
        "demo-in-force",
        date = iso(as_of),
        count = in_force.len(),
        valid = in_force.len() - pending,
        pending = pending
    );
    outln!("\n{line}")?;

    let check = reg.check()?;
    let line = t!(
        "demo-check",
        works = check.works,
        versions = check.versions,
        entries = check.audit_entries,
        verdict = if check.ok() {
            t!("demo-check-ok")
        } else {
            t!("demo-check-problems")
        }
    );
    outln!("\n{line}")?;
    outln!("  {}", t!("demo-head", hash = check.head_hash))?;
    for p in &check.problems {
        outln!("  problem: {p}")?;
    }
    anyhow::ensure!(check.ok(), "the demo registry failed its check");
    Ok(())
}
