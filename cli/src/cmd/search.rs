//! `guifan search QUERY`: the library's search, printed as JSON or as text with the matches
//! marked (bold on a terminal, 【】 otherwise). A question is ranked over its words; `--unit
//! article` returns articles as hits.

use std::collections::BTreeMap;
use std::io::IsTerminal;

use anyhow::Result;
use guifan::date::iso;
use guifan::index::snippet::{MARK_CLOSE, MARK_OPEN};
use guifan::index::{QueryMode, SearchOptions, SearchResults, Unit};
use guifan::model::{Status, StatusScope};
use time::Date;

use crate::ctx::{Ctx, as_of, date_value, print_json};
use crate::i18n::{labels, t};

/// `guifan search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: a question as people ask it (ranked), or keywords: words, "exact phrases",
    /// OR, -exclude, title:, issuer:, kind:, number:.
    pub query: String,
    /// Statuses (tokens or labels, comma-separated) or `any`; default: 有效 and 待修订.
    #[arg(long, value_parser = StatusScope::parse)]
    pub status: Option<StatusScope>,
    /// The kind (效力级别 / 文件类型).
    #[arg(long)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough).
    #[arg(long)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[arg(long)]
    pub year: Option<i32>,
    /// The date statuses and versions in force are reckoned on (default: today).
    #[arg(long, value_parser = date_value)]
    pub as_of: Option<Date>,
    /// Search every version, superseded ones included.
    #[arg(long)]
    pub all_versions: bool,
    /// How many hits to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// How many hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// What the hits are: `document` (文件) or `article` (条, several per document).
    #[arg(long, value_parser = Unit::parse, default_value = "document")]
    pub unit: Unit,
    /// How the query is read: `auto` (a question when it reads as one), `keywords` or
    /// `question`.
    #[arg(long, value_parser = QueryMode::parse, default_value = "auto")]
    pub mode: QueryMode,
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Runs `guifan search`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let (reg, index) = ctx.open_with_index()?;
    let opts = SearchOptions {
        status: args.status.clone().unwrap_or_default(),
        as_of: Some(as_of(args.as_of)?),
        all_versions: args.all_versions,
        kind: args.kind.clone(),
        issuer: args.issuer.clone(),
        year: args.year,
        limit: args.limit,
        offset: args.offset,
        snippets: true,
        unit: args.unit,
        mode: args.mode,
        ..SearchOptions::default()
    };
    let results = index.search(&reg, &args.query, &opts)?;
    if args.json {
        return print_json(&results);
    }
    {
        use std::io::Write as _;
        // Printed as it is: `render` shows the control characters and adds its own marks.
        std::io::stdout()
            .lock()
            .write_all(render(&results).as_bytes())?;
    }
    let shown = results.hits.len();
    if shown > 0 && args.offset + shown < results.total as usize {
        let from = args.offset + 1;
        let to = args.offset + shown;
        let next = args.offset + shown;
        let line = match results.unit {
            Unit::Document => t!(
                "search-page-documents",
                from = from,
                to = to,
                total = results.total,
                next = next
            ),
            Unit::Article => t!(
                "search-page-articles",
                from = from,
                to = to,
                total = results.total,
                next = next
            ),
        };
        outln!("\n{line}")?;
    }
    if results.total == 0 && args.status.is_none() {
        // Nothing in force: say whether documents of other statuses match.
        let others = index.search(
            &reg,
            &args.query,
            &SearchOptions {
                status: StatusScope::Any,
                limit: 0,
                snippets: false,
                ..opts
            },
        )?;
        if others.total > 0 {
            let statuses = facet(&others.facets.status, &status_label);
            let line = match results.unit {
                Unit::Document => t!(
                    "search-elsewhere-documents",
                    count = others.total,
                    statuses = statuses
                ),
                Unit::Article => t!(
                    "search-elsewhere-articles",
                    count = others.total,
                    statuses = statuses
                ),
            };
            outln!("{line}")?;
        }
    }
    Ok(())
}

/// The results as text.
fn render(r: &SearchResults) -> String {
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let (open, close) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("【", "】")
    };
    let mut out = match r.unit {
        Unit::Document => t!(
            "search-total-documents",
            count = r.total,
            date = iso(r.as_of)
        ),
        Unit::Article => t!(
            "search-total-articles",
            count = r.total,
            date = iso(r.as_of)
        ),
    } + "\n";
    if r.mode == QueryMode::Question {
        // The words a question was ranked over; derived ones name the word they come from.
        let words: Vec<String> = r
            .terms
            .iter()
            .map(|t| match &t.from {
                Some(f) => t!("search-word-from", word = t.text, from = f),
                None => t.text.clone(),
            })
            .collect();
        out += &format!(
            "  {}\n",
            t!(
                "search-question",
                words = words.join(&t!("search-word-separator"))
            )
        );
    }
    if r.total > 0 {
        for (heading, facet_counts, label) in [
            (
                t!("search-facet-status"),
                &r.facets.status,
                &status_label as &dyn Fn(&str) -> String,
            ),
            (t!("search-facet-kind"), &r.facets.kind, &|k: &str| {
                k.to_owned()
            }),
            (t!("search-facet-issuer"), &r.facets.issuer, &|k: &str| {
                k.to_owned()
            }),
        ] {
            let line = t!(
                "search-facet",
                heading = heading,
                counts = facet(facet_counts, label)
            );
            out += &format!("  {line}\n");
        }
    }
    for h in &r.hits {
        out += &format!(
            "\n《{}》{}  {}{}{}  [id {} v{}]\n",
            h.title,
            h.doc_number.as_deref().unwrap_or(""),
            labels::status(h.status),
            if h.superseded {
                format!("  {}", t!("search-superseded"))
            } else {
                String::new()
            },
            h.article
                .as_deref()
                .map(|a| format!("  {}", labels::article(a)))
                .unwrap_or_default(),
            h.id,
            h.version
        );
        if !h.path.is_empty() {
            out += &format!("  {}\n", h.path.join(" › "));
        }
        if let Some(s) = &h.snippet {
            out += &format!("  {s}\n");
        }
    }
    // The texts' own control characters shown first, then the marks put in (escape sequences
    // on a terminal).
    crate::render::shown(&out)
        .replace(MARK_OPEN, open)
        .replace(MARK_CLOSE, close)
}

/// A status token of a facet as people read it.
fn status_label(token: &str) -> String {
    Status::parse(token).map_or_else(|_| token.to_owned(), labels::status)
}

/// The six largest counts of a facet, labelled.
fn facet(m: &BTreeMap<String, u64>, label: &dyn Fn(&str) -> String) -> String {
    let mut v: Vec<(&String, &u64)> = m.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .take(6)
        .map(|(k, n)| format!("{} {n}", label(k)))
        .collect::<Vec<_>>()
        .join(&t!("report-separator"))
}
