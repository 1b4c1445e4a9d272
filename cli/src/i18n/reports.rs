//! The reports the library writes as text, in English.
//!
//! The clearance sentence, the clearance assistant's proposals and the draft check's report
//! are written by the library, in Chinese (what the web pages and the Python module show as
//! well). In Chinese the command line prints them as they are; in English it writes them here
//! from the same values, through the catalogue, and the findings' messages through
//! [`labels::library_text`].

use guifan::assist::{DraftReport, Proposal, Suggestion, Suggestions};
use guifan::date::iso;
use guifan::model::Outcome;
use guifan::stats::ClearanceReport;

use super::{Lang, labels, lang, t};

/// The sentence a justice bureau publishes: `共清理出19件…` in Chinese (the library's),
/// `Cleared 19 …` in English.
pub fn clearance_sentence(r: &ClearanceReport) -> String {
    if lang() == Lang::Zh {
        return r.sentence();
    }
    let mut parts = Vec::new();
    if r.count(Outcome::Valid) > 0 {
        parts.push(t!("clearance-part-valid", count = r.count(Outcome::Valid)));
    }
    if r.count(Outcome::PendingRevision) > 0 {
        parts.push(t!(
            "clearance-part-pending",
            count = r.count(Outcome::PendingRevision)
        ));
    }
    if r.repealed_or_invalidated > 0 {
        parts.push(t!("clearance-part-gone", count = r.repealed_or_invalidated));
    }
    let parts = parts.join(&t!("report-separator"));
    match &r.scope {
        Some(scope) => t!(
            "clearance-sentence-scope",
            total = r.total,
            scope = scope,
            parts = parts
        ),
        None => t!("clearance-sentence", total = r.total, parts = parts),
    }
}

/// The clearance assistant's proposals: the library's text in Chinese, laid out the same in
/// English.
pub fn suggestions(s: &Suggestions) -> String {
    if lang() == Lang::Zh {
        return s.render_text();
    }
    let mut out = t!(
        "suggest-heading",
        name = s.name,
        campaign = s.campaign,
        date = iso(s.as_of),
        scope = s.scope.clone().unwrap_or_else(|| t!("suggest-scope-all")),
        scope_date = iso(s.scope_date)
    ) + "\n";
    let mut items: Vec<&Suggestion> = s.items.iter().collect();
    items.sort_by_key(|s| (std::cmp::Reverse(s.proposal), s.work));
    for item in items {
        let number = item
            .doc_number
            .as_deref()
            .map(|n| format!("{n} "))
            .unwrap_or_default();
        out += &format!(
            "\n{} {number}《{}》 (id {})",
            labels::proposal(item.proposal),
            item.title,
            item.work
        );
        if let Some(d) = item.decision {
            let decided = match item.followed {
                Some(true) => t!("suggest-decided-followed", outcome = labels::outcome(d)),
                Some(false) => t!("suggest-decided-other", outcome = labels::outcome(d)),
                None => t!("suggest-decided", outcome = labels::outcome(d)),
            };
            out += &format!("  {decided}");
        }
        out.push('\n');
        for f in &item.findings {
            let articles = if f.evidence.articles.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = f
                    .evidence
                    .articles
                    .iter()
                    .map(|a| labels::article(a))
                    .collect();
                t!("suggest-see", articles = list.join(", "))
            };
            out += &format!(
                "  - {} [{}]: {}{articles}\n",
                labels::rule(f.rule, f.label),
                f.rule,
                labels::library_text(&f.message)
            );
        }
    }
    let total: usize = s.counts.values().sum();
    let parts: Vec<String> = Proposal::ALL
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                labels::proposal(*p),
                s.counts.get(p.token()).unwrap_or(&0)
            )
        })
        .collect();
    out += &format!(
        "\n{}\n",
        t!("suggest-total", total = total, parts = parts.join(", "))
    );
    if s.recorded {
        out += &format!("{}\n", t!("suggest-recorded"));
    }
    out
}

/// The draft check's report: the library's text in Chinese, the same in English.
pub fn draft(r: &DraftReport) -> String {
    if lang() == Lang::Zh {
        return r.render_text();
    }
    let mut out = t!(
        "draft-heading",
        title = r
            .title
            .as_deref()
            .map_or_else(|| t!("draft-no-title"), |t| format!("《{t}》")),
        date = iso(r.as_of),
        articles = r.articles,
        citations = r.citations.len()
    ) + "\n";
    for f in &r.findings {
        let place = match &f.article {
            Some(a) => t!(
                "draft-place-article",
                article = labels::article(a),
                line = f.line
            ),
            None => t!("draft-place-line", line = f.line),
        };
        out += &format!(
            "{} {place} [{}] {}\n",
            labels::severity(f.severity),
            f.rule,
            labels::library_text(&f.message)
        );
    }
    out += &format!(
        "{}\n",
        t!(
            "draft-counts",
            errors = r.counts.error,
            warnings = r.counts.warning,
            notes = r.counts.info
        )
    );
    out
}
