//! `guifan show REF`: a document's dossier, or one article as it stood on a date.

use anyhow::Result;
use guifan::date::iso;
use guifan::model::{RelationKind, RelationSource, WorkId};
use guifan::store::{ArticleText, Dossier, RelationView};
use guifan::text::structure::{article_label, parse_article_ref};
use guifan::{Error, Registry};
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::i18n::labels;
use crate::i18n::t;
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
    /// 打印全文：日期当日施行的版本（尚未施行时为最新版本）；在终端上以分页程序（$PAGER，默认 less）显示。
    #[arg(long, conflicts_with = "article")]
    pub text: bool,
    /// 不用分页程序，直接打印。
    #[arg(long, requires = "text")]
    pub no_pager: bool,
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
    if args.text {
        let work = reg.work(id)?;
        let v = work.version_to_read(as_of);
        let body = reg.text(id, v.seq)?;
        if args.json {
            return print_json(&serde_json::json!({ "version": v, "text": body }));
        }
        let number = v
            .meta
            .doc_number
            .as_ref()
            .map(|n| t!("in-parens", text = n.canonical()))
            .unwrap_or_default();
        let page = format!(
            "《{}》{number}  {}\n\n{}\n",
            v.meta.title,
            t!(
                "show-version",
                seq = v.seq,
                label = labels::version_label(&v.label)
            ),
            body.trim_end()
        );
        return crate::render::page(&page, !args.no_pager);
    }
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
///
/// Long on purpose: the dossier's sections (description, versions, history, reviews,
/// relations) in reading order, each a few lines.
pub fn render(d: &Dossier) -> String {
    let mut out = format!("《{}》\n", d.title);
    let mut t = Table::new(["", ""]);
    t.row(["id".to_owned(), d.id.to_string()]);
    t.row(["work".to_owned(), d.work.clone()]);
    if let Some(k) = &d.key {
        t.row(["key".to_owned(), k.clone()]);
    }
    if let Some(n) = &d.doc_number {
        t.row([t!("show-doc-number"), n.clone()]);
    }
    t.row([t!("show-kind"), d.kind.clone()]);
    t.row([t!("show-issuer"), d.issuer.clone()]);
    t.row([
        t!("show-status"),
        t!(
            "show-status-on",
            status = labels::status(d.status),
            date = iso(d.as_of)
        ),
    ]);
    for (label, date) in [
        (t!("show-signed"), d.signed),
        (t!("show-issued"), d.issued),
        (t!("show-effective"), d.effective),
        (t!("show-expires"), d.expires),
    ] {
        if let Some(date) = date {
            t.row([label, iso(date)]);
        }
    }
    out += &without_header(&t);
    out += &format!("{}\n", t!("show-versions"));
    let mut t = Table::new(["", "", "", "", ""]);
    for e in &d.versions {
        let v = &e.version;
        t.row([
            format!("v{}", v.seq),
            labels::version_label(&v.label),
            v.meta
                .doc_number
                .as_ref()
                .map(|n| n.canonical().to_owned())
                .unwrap_or_default(),
            v.meta
                .in_force_from()
                .map(|d| t!("show-in-force", date = iso(d)))
                .unwrap_or_default(),
            labels::version_state(e.state),
        ]);
    }
    out += &without_header(&t);
    if !d.history.is_empty() {
        out += &format!("{}\n", t!("show-history"));
        for h in &d.history {
            let date = h.date.map(iso).unwrap_or_else(|| t!("no-date"));
            out += &format!("  {}  {}\n", pad(&date, 10), labels::library_text(&h.event));
        }
    }
    if !d.filings.is_empty() {
        out += &format!("{}\n", t!("show-filings"));
        for f in &d.filings {
            let line = t!(
                "show-filing",
                body = f.filing.filed_with,
                submitted = f
                    .filing
                    .submitted
                    .map(iso)
                    .unwrap_or_else(|| t!("not-submitted")),
                outcome = f
                    .filing
                    .outcome
                    .map_or_else(|| t!("no-outcome"), labels::filing_outcome),
                timeliness = labels::timeliness(f.timeliness)
            );
            out += &format!("  {line}\n");
        }
    }
    if !d.reviews.is_empty() {
        out += &format!("{}\n", t!("show-reviews"));
        for r in &d.reviews {
            let line = t!(
                "show-review",
                date = iso(r.date),
                kind = labels::review_kind(r.kind),
                reviewer = r.reviewer,
                conclusion = r.conclusion
            );
            out += &format!("  {line}\n");
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
        (t!("show-outgoing"), "outgoing"),
        (t!("show-incoming"), "incoming"),
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
        // Each line's places: whether recorded by hand, and the place as shown.
        let mut lines: Vec<(String, Vec<(bool, String)>)> = Vec::new();
        for r in mine {
            let other = match (&r.other_title, r.other) {
                (Some(t), Some(o)) => t!("show-registered", title = t, id = o),
                _ => t!(
                    "show-unregistered",
                    cited = r.cited_as.clone().unwrap_or_default()
                ),
            };
            let head = format!("{} {other}", labels::relation_kind(r.kind));
            let whence = match (r.source, r.version) {
                (RelationSource::Text, Some(v)) => match &r.article {
                    Some(a) => (false, format!("v{v} {}", labels::article(a))),
                    None => (false, format!("v{v}")),
                },
                (RelationSource::Text, None) => {
                    (false, labels::relation_source(RelationSource::Text))
                }
                (RelationSource::Manual, _) => (true, t!("show-by-hand", id = r.id)),
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
            // Versions of the text first, then those recorded by hand.
            whence.sort();
            let places: Vec<&str> = whence.iter().map(|(_, w)| w.as_str()).collect();
            out += &format!("  {head}  [{}]\n", places.join(&t!("report-separator")));
        }
    }
    out
}

/// An article as text.
fn render_article(a: &ArticleText, as_of: Date) -> String {
    let number = a.doc_number.as_deref().unwrap_or("");
    let from = match (a.in_force_from, a.in_force_until) {
        (Some(from), Some(until)) => {
            t!(
                "article-in-force-until",
                from = iso(from),
                until = iso(until)
            )
        }
        (Some(from), None) => t!("article-in-force-since", from = iso(from)),
        (None, _) => String::new(),
    };
    let mut out = format!(
        "《{}》{number}  {}\n",
        a.title,
        labels::article(&a.article.label)
    );
    let line = t!(
        "article-version",
        seq = a.version,
        label = labels::version_label(&a.version_label),
        from = from,
        date = iso(as_of),
        status = a.status.map(labels::status).unwrap_or_default()
    );
    out += &format!("  {line}\n");
    if !a.article.path.is_empty() {
        out += &format!("  {}\n", a.article.path.join(" / "));
    }
    out += &format!("\n{}\n", a.text);
    out
}
