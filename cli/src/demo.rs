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

    outln!("== 导入 {}", dir.display())?;
    let index = guifan::index::SearchIndex::open(&reg)?;
    crate::cmd::import::import_files(&mut reg, Some(&index), &files, &Default::default(), true)?;

    outln!("\n== 行政规范性文件清理")?;
    for c in reg.campaigns()? {
        let report = stats::clearance_report(&reg, &c.key)?;
        let announced = report.announced.map(iso).unwrap_or_else(|| "未公布".into());
        outln!("{}（{}，公布 {announced}）", report.name, report.campaign)?;
        outln!("  {}", report.sentence())?;
    }

    outln!("\n== 2024年合法性审查与备案审查")?;
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
        .map(|r| format!("{}件{}", r.documents, r.document_kind))
        .collect();
    outln!("  共对{}进行合法性审核", legality.join("、"))?;
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
        outln!("  向{body}报备{}件", docs.len())?;
    }
    outln!("  对{filing_reviews}件行政规范性文件进行备案审查")?;
    let t = stats::filing_timeliness(
        &reg,
        &ListFilter {
            as_of: Some(as_of),
            ..ListFilter::default()
        },
    )?;
    outln!(
        "  备案{}次：按时{}，逾期{}，待报备{}",
        t.total,
        t.on_time,
        t.late,
        t.pending
    )?;
    for l in &t.late_filings {
        outln!(
            "    逾期：《{}》报{}，期限 {}，晚 {} 天",
            l.title,
            l.filed_with,
            iso(l.deadline),
            l.days_late
        )?;
    }

    outln!("\n== 效力状态（截至 {}）", iso(as_of))?;
    let counts = stats::counts(
        &reg,
        &[Field::Kind, Field::Status],
        as_of,
        &ListFilter::default(),
    )?;
    let mut table = Table::new(["文件类型", "效力状态", "件数"]).right_align(2);
    for row in &counts.rows {
        table.row([
            row.values[0].display(),
            row.values[1].display(),
            row.count.to_string(),
        ]);
    }
    out!("{}", crate::render::indent(&table.render()))?;

    outln!("\n== 180天内到期、应当评估的文件（截至 {}）", iso(as_of))?;
    for e in stats::expiring(
        &reg,
        180,
        &ListFilter {
            as_of: Some(as_of),
            ..ListFilter::default()
        },
    )? {
        outln!(
            "  {} 到期（评估期限 {}）《{}》{}",
            iso(e.expires),
            iso(e.evaluation_due),
            e.title,
            e.doc_number.as_deref().unwrap_or("")
        )?;
    }

    let snapshot = reg.snapshot()?;
    if let Some(w) = snapshot.works().iter().find(|w| w.versions.len() > 1) {
        let work = reg.work(w.id)?;
        outln!("\n== 一个文件的全部历史：《{}》", work.latest().meta.title)?;
        for v in &work.versions {
            let status = reg.status_as_of(w.id, v.meta.in_force_from().unwrap_or(as_of))?;
            outln!(
                "  v{} {} {} 施行 {}（当时：{}）",
                v.seq,
                v.label,
                v.meta
                    .doc_number
                    .as_ref()
                    .map(|n| n.canonical().to_owned())
                    .unwrap_or_default(),
                v.meta.in_force_from().map(iso).unwrap_or_default(),
                status.label()
            )?;
        }
        for h in reg.history(w.id)? {
            outln!(
                "  {}  {}",
                h.date.map(iso).unwrap_or_else(|| "（无日期）".into()),
                h.event
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
    outln!(
        "\n== 截至 {} 现行的文件 {} 件（有效 {} 件，待修订 {} 件）",
        iso(as_of),
        in_force.len(),
        in_force.len() - pending,
        pending
    )?;

    let check = reg.check()?;
    outln!(
        "\n== 检查：{} 件文件，{} 个版本，审计日志 {} 条，{}",
        check.works,
        check.versions,
        check.audit_entries,
        if check.ok() { "完整" } else { "有问题" }
    )?;
    outln!("  审计链末端 {}", check.head_hash)?;
    for p in &check.problems {
        outln!("  problem: {p}")?;
    }
    anyhow::ensure!(check.ok(), "the demo registry failed its check");
    Ok(())
}
