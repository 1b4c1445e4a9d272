//! `guifan show REF`: a document's dossier, or one article as it stood on a date.

use anyhow::Result;
use guifan::date::iso;
use guifan::model::{RelationKind, RelationSource, WorkId};
use guifan::store::{ArticleText, Dossier, RelationView};
use guifan::text::structure::{article_label, parse_article_ref};
use guifan::{Error, Registry};
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::render::{Table, indent, pad};

/// `guifan show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Id, key, work key, doc number (any spelling) or exact title.
    pub reference: String,
    /// The date the status and the version in force are reckoned on (default: today).
    #[arg(long, value_parser = date_value)]
    pub as_of: Option<Date>,
    /// Print one article as it stood on the date: 12, 第十二条, 10之1, 第十条之一.
    #[arg(long, value_parser = article_value)]
    pub article: Option<(u32, Option<u32>)>,
    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
}

fn article_value(s: &str) -> guifan::Result<(u32, Option<u32>)> {
    parse_article_ref(s).ok_or_else(|| {
        Error::invalid(
            "article",
            s,
            "expected an article number: 12, 第十二条, 10之1, 第十条之一",
        )
    })
}

/// Runs `guifan show`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let as_of = as_of(args.as_of)?;
    let id = reg.resolve(&args.reference)?;
    match args.article {
        Some((number, suffix)) => {
            let a = article(&reg, id, number, suffix, as_of)?;
            if args.json {
                return print_json(&a);
            }
            out!("{}", render_article(&a, as_of))?;
        }
        None => {
            let d = reg.dossier(id, as_of)?;
            if args.json {
                return print_json(&d);
            }
            out!("{}", render(&d))?;
        }
    }
    Ok(())
}

fn article(
    reg: &Registry,
    id: WorkId,
    number: u32,
    suffix: Option<u32>,
    as_of: Date,
) -> Result<ArticleText> {
    match reg.article(id, number, suffix, as_of)? {
        Some(a) => Ok(a),
        None => {
            let work = reg.work(id)?;
            let seq = work.version_in_force(as_of).map_or(0, |v| v.seq);
            Err(Error::not_found(
                "article",
                format!(
                    "{} in version {seq} of 《{}》 (in force on {})",
                    article_label(number, suffix),
                    work.latest().meta.title,
                    iso(as_of)
                ),
            )
            .into())
        }
    }
}

/// The dossier as text.
pub fn render(d: &Dossier) -> String {
    let mut out = format!("《{}》\n", d.title);
    let mut t = Table::new(["", ""]);
    t.row(["id".to_owned(), d.id.to_string()]);
    t.row(["work".to_owned(), d.work.clone()]);
    if let Some(k) = &d.key {
        t.row(["key".to_owned(), k.clone()]);
    }
    if let Some(n) = &d.doc_number {
        t.row(["文号".to_owned(), n.clone()]);
    }
    t.row(["类型".to_owned(), d.kind.clone()]);
    t.row(["制定机关".to_owned(), d.issuer.clone()]);
    t.row([
        "效力状态".to_owned(),
        format!("{}（{}）", d.status.label(), iso(d.as_of)),
    ]);
    for (label, date) in [
        ("成文日期", d.signed),
        ("公布日期", d.issued),
        ("施行日期", d.effective),
        ("有效期至", d.expires),
    ] {
        if let Some(date) = date {
            t.row([label.to_owned(), iso(date)]);
        }
    }
    out += &without_header(&t);
    out += "版本\n";
    let mut t = Table::new(["", "", "", "", ""]);
    for e in &d.versions {
        let v = &e.version;
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
            e.state.label().to_owned(),
        ]);
    }
    out += &without_header(&t);
    if !d.history.is_empty() {
        out += "历史\n";
        for h in &d.history {
            let date = h.date.map(iso).unwrap_or_else(|| "（无日期）".to_owned());
            out += &format!("  {}  {}\n", pad(&date, 10), h.event);
        }
    }
    if !d.filings.is_empty() {
        out += "备案\n";
        for f in &d.filings {
            out += &format!(
                "  报{}  报送 {}  {}  {}\n",
                f.filing.filed_with,
                f.filing
                    .submitted
                    .map(iso)
                    .unwrap_or_else(|| "未报送".into()),
                f.filing.outcome.map(|o| o.label()).unwrap_or("（无结果）"),
                f.timeliness.label()
            );
        }
    }
    if !d.reviews.is_empty() {
        out += "审查\n";
        for r in &d.reviews {
            out += &format!(
                "  {}  {}  {}：{}\n",
                iso(r.date),
                r.kind.label(),
                r.reviewer,
                r.conclusion
            );
        }
    }
    out += &render_relations(&d.relations);
    out
}

/// A table without its (empty) header line, indented.
fn without_header(t: &Table) -> String {
    indent(&t.render().lines().skip(1).collect::<Vec<_>>().join("\n"))
}

/// What a document cites and what cites it: one line per other document, relation kind and
/// direction, with where it was found (by hand, or the versions and article of the text).
fn render_relations(relations: &[RelationView]) -> String {
    let mut out = String::new();
    for (title, direction) in [
        ("引用和依据（本文件 →）", "outgoing"),
        ("被引用和被依据（→ 本文件）", "incoming"),
    ] {
        let mut mine: Vec<&RelationView> = relations
            .iter()
            .filter(|r| r.direction == direction)
            .collect();
        if mine.is_empty() {
            continue;
        }
        // 依据, 实施, 引用 … in the order of the kinds; documents of the registry first.
        mine.sort_by_key(|r| {
            (
                RelationKind::ALL.iter().position(|k| *k == r.kind),
                r.other.is_none(),
                r.other.map(|o| o.0),
                r.cited_as.clone(),
            )
        });
        let mut lines: Vec<(String, Vec<String>)> = Vec::new();
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
                (RelationSource::Manual, _) => format!("人工 #{}", r.id),
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
        out += &format!("{title}\n");
        for (head, whence) in &mut lines {
            // Versions of the text first, then 人工.
            whence.sort_by_key(|w| (w.starts_with("人工"), w.clone()));
            out += &format!("  {head}  [{}]\n", whence.join("，"));
        }
    }
    out
}

/// An article as text.
fn render_article(a: &ArticleText, as_of: Date) -> String {
    let number = a.doc_number.as_deref().unwrap_or("");
    let until = a
        .in_force_until
        .map(|d| format!("至 {}", iso(d)))
        .unwrap_or_else(|| "起".to_owned());
    let from = a
        .in_force_from
        .map(|d| format!("施行 {} {until}", iso(d)))
        .unwrap_or_default();
    let mut out = format!("《{}》{number}  {}\n", a.title, a.article.label);
    out += &format!(
        "  第{}版（{}）{from}；{}的效力状态：{}\n",
        a.version,
        a.version_label,
        iso(as_of),
        a.status.map_or("", |s| s.label())
    );
    if !a.article.path.is_empty() {
        out += &format!("  {}\n", a.article.path.join(" / "));
    }
    out += &format!("\n{}\n", a.text);
    out
}
