//! Whether the registry already holds a document: the same text, the same 发文字号, or an
//! earlier version of the same work. Read only: nothing is written.
//!
//! In this order:
//!
//! 1. **Same text**: a registered version whose content hash is the SHA-256 of the text.
//! 2. **Same 文号**: a registered version with the same 发文字号 (canonical form).
//! 3. **New version**: a registered work whose latest title, with revision markers stripped,
//!    is this document's title so stripped: bracketed notes with 修订, 修正, 修改 or a year
//!    (`（2024年修订）`), the words 修订, 修正 and `修改` before `的决定`, years (`2024年`), and
//!    bracketed document numbers (`〔2024〕`) are dropped, widths folded, blanks removed. Or the
//!    text cites a registered work in a sentence that says it revises it (`对《…》进行修订`,
//!    `《…》修订如下`, `现将修订后的《…》印发`).
//! 4. Otherwise a **new work**.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Extraction;
use super::hex;
use crate::error::Result;
use crate::model::{DocNumber, NewVersion, WorkId};
use crate::store::Registry;
use crate::text::citations::{find_citations, title_key};

/// What the registry makes of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "match", rename_all = "snake_case")]
pub enum Match {
    /// Nothing registered matches: a new work.
    New,
    /// The registry holds it already.
    Duplicate {
        /// The work.
        work: WorkId,
        /// The version with the same text or number.
        seq: u32,
        /// `text` (identical text) or `doc_number` (same 发文字号).
        by: &'static str,
    },
    /// Probably a new version (修订, 修正) of a registered work.
    NewVersion {
        /// The work.
        work: WorkId,
        /// Its latest title.
        title: String,
        /// `title` (the titles match once revision markers are set aside) or `citation` (the
        /// text cites the work in a sentence that revises it: an amendment decision).
        by: &'static str,
        /// Why, in words.
        reason: String,
    },
}

/// Classifies an extraction against the registry: its text, its 发文字号 and its title.
pub fn classify(reg: &Registry, ex: &Extraction) -> Result<Match> {
    let version = NewVersion {
        meta: crate::model::Meta {
            title: ex
                .fields
                .title
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default(),
            doc_number: ex
                .fields
                .doc_number
                .as_ref()
                .and_then(|d| DocNumber::parse(&d.value).ok()),
            ..crate::model::Meta::default()
        },
        body: ex.text(),
        ..NewVersion::default()
    };
    classify_version(reg, &version)
}

/// Classifies a version about to be registered (after overrides) against the registry.
///
/// Reads by index (content hash, canonical 文号) and over the snapshot's titles, so that it
/// costs little in a registry of many works.
pub fn classify_version(reg: &Registry, version: &NewVersion) -> Result<Match> {
    let hash = hex(&Sha256::digest(version.body.as_bytes()));
    if let Some((work, seq)) = reg.version_with_content_hash(&hash)? {
        return Ok(Match::Duplicate {
            work,
            seq,
            by: "text",
        });
    }
    if let Some(number) = &version.meta.doc_number
        && let Some((work, seq)) = reg.version_with_doc_number(number.canonical())?
    {
        return Ok(Match::Duplicate {
            work,
            seq,
            by: "doc_number",
        });
    }
    let snapshot = reg.snapshot()?;
    let latest_title = |w: &crate::store::WorkFacts| {
        w.versions
            .last()
            .map(|v| v.title.clone())
            .unwrap_or_default()
    };
    let base = base_title(&version.meta.title);
    if !base.is_empty() {
        let found: Vec<_> = snapshot
            .works()
            .iter()
            .filter(|w| base_title(&latest_title(w)) == base)
            .collect();
        if let [w] = found.as_slice() {
            return Ok(Match::NewVersion {
                work: w.id,
                title: latest_title(w),
                by: "title",
                reason: "the title matches once revision markers are set aside".to_owned(),
            });
        }
    }
    // The text says it revises a registered document.
    let text = &version.body;
    for c in find_citations(text) {
        let line_start = text[..c.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[c.end..].find('\n').map_or(text.len(), |i| c.end + i);
        let line = &text[line_start..line_end];
        if !(line.contains("修订") || line.contains("修正") || line.contains("修改"))
            || line.contains("废止")
        {
            continue;
        }
        let reference = match (&c.doc_number, &c.title) {
            (Some(n), _) => n.canonical().to_owned(),
            (None, Some(t)) => t.clone(),
            (None, None) => continue,
        };
        if let Ok(id) = reg.resolve(&reference)
            && let Some(w) = snapshot.get(id)
        {
            let title = latest_title(w);
            return Ok(Match::NewVersion {
                work: w.id,
                reason: format!("the text says it revises 《{title}》"),
                title,
                by: "citation",
            });
        }
    }
    Ok(Match::New)
}

/// A title with revision markers, years and bracketed numbers set aside.
pub fn base_title(title: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = title_key(title).chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(c, '(' | '（' | '〔' | '[' | '【') {
            let close = chars[i + 1..]
                .iter()
                .position(|&d| matches!(d, ')' | '）' | '〕' | ']' | '】'))
                .map(|p| i + 1 + p);
            if let Some(close) = close {
                let inner: String = chars[i + 1..close].iter().collect();
                let marker = inner.contains("修订")
                    || inner.contains("修正")
                    || inner.contains("修改")
                    || inner.chars().filter(char::is_ascii_digit).count() >= 4;
                if marker {
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    let mut s = out;
    // Years: four digits and 年.
    loop {
        let chars: Vec<char> = s.chars().collect();
        let at = chars
            .windows(5)
            .position(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '年');
        match at {
            Some(p) => {
                s = chars[..p].iter().chain(chars[p + 5..].iter()).collect();
            }
            None => break,
        }
    }
    for word in ["修订版", "修订稿", "修订", "修正"] {
        s = s.replace(word, "");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_revision_markers() {
        let base = base_title("潜江市行政执法投诉举报办法");
        for t in [
            "潜江市行政执法投诉举报办法（2024年修订）",
            "潜江市行政执法投诉举报办法(修正)",
            "潜江市行政执法投诉举报办法（2024年）",
            "2024年潜江市行政执法投诉举报办法",
            "潜江市 行政执法投诉举报办法〔2024〕",
        ] {
            assert_eq!(base_title(t), base, "{t}");
        }
        assert_ne!(base_title("潜江市行政执法投诉举报办法实施细则"), base);
    }
}
