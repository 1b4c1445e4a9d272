//! The library's labels and report texts in the user's language.
//!
//! The library shows its values to people in Chinese: labels (`有效`, `备案登记`, `合法性审核`,
//! `现行`, `效力状态` …) and a few texts it composes (a history line, a finding of the draft
//! check). In Chinese the command line prints them as the library gives them, so that its
//! output is the library's own. In English each label comes from the catalogue: an entry per
//! value, named after its token (`status-valid`, `timeliness-on_time`), whose Chinese text is
//! the library's label (a test checks both). A composed text is recognised by an entry
//! `lib-…` whose Chinese text is the library's wording with placeholders for what varies, as
//! the reasons of errors are (see [`super::errors`]); its English text is then filled with the
//! same values, each translated in turn when its placeholder names a label. Document data
//! (titles, 文号, issuers, kinds, texts) is never translated.

use std::sync::OnceLock;

use guifan::assist::Severity;
use guifan::model::{
    FilingOutcome, Outcome, Proposal, RecordKind, RelationKind, RelationSource, ReviewKind, Status,
    Timeliness,
};
use guifan::stats::{Field, Value};
use guifan::store::VersionState;

use super::errors::{Part, ids_with_prefix, literal_chars, parts};
use super::{Lang, lang, text_in};

/// The library's label `zh` in `lang`: itself in Chinese, entry `id` in English.
fn label_in(lang: Lang, zh: &str, id: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => text_in(Lang::En, id, &[]),
    }
}

/// A status (`有效` / `in force`).
pub fn status(s: Status) -> String {
    status_in(lang(), s)
}

/// A status in `lang`.
pub fn status_in(lang: Lang, s: Status) -> String {
    label_in(lang, s.label(), &format!("status-{}", s.token()))
}

/// A clearance outcome (`继续有效` / `remains in force`).
pub fn outcome(o: Outcome) -> String {
    label_in(lang(), o.label(), &format!("outcome-{}", o.token()))
}

/// What the clearance assistant proposes.
pub fn proposal(p: Proposal) -> String {
    label_in(lang(), p.label(), &format!("proposal-{}", p.token()))
}

/// What the body filed with did.
pub fn filing_outcome(o: FilingOutcome) -> String {
    label_in(lang(), o.label(), &format!("filing-outcome-{}", o.token()))
}

/// Whether a filing was made in time.
pub fn timeliness(t: Timeliness) -> String {
    label_in(lang(), t.label(), &format!("timeliness-{}", t.token()))
}

/// The kind of a review.
pub fn review_kind(k: ReviewKind) -> String {
    label_in(lang(), k.label(), &format!("review-kind-{}", k.token()))
}

/// The kind of a relation.
pub fn relation_kind(k: RelationKind) -> String {
    label_in(lang(), k.label(), &format!("relation-kind-{}", k.token()))
}

/// Where a relation came from (by hand, the text).
pub fn relation_source(s: RelationSource) -> String {
    label_in(lang(), s.label(), &format!("relation-source-{}", s.token()))
}

/// Where a version stands on a date.
pub fn version_state(s: VersionState) -> String {
    label_in(lang(), s.label(), &format!("version-state-{}", s.token()))
}

/// A field counted by, as a column heading.
pub fn field(f: Field) -> String {
    label_in(lang(), f.label(), &format!("field-{}", f.name()))
}

/// How serious a finding of the draft check is.
pub fn severity(s: Severity) -> String {
    let token = match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    };
    label_in(lang(), s.label(), &format!("severity-{token}"))
}

/// The label of a rule of the reviewer's tools (`basis-repealed`), the library's `zh` when
/// the catalogue has none.
pub fn rule(id: &str, zh: &str) -> String {
    let entry = format!("rule-{id}");
    if lang() == Lang::En && super::has(Lang::En, &entry) {
        text_in(Lang::En, &entry, &[])
    } else {
        zh.to_owned()
    }
}

/// A value in a count row: a status, a kind or issuer as written, a year, or the library's
/// mark for a value left blank.
pub fn value(v: &Value) -> String {
    match (lang(), v) {
        (Lang::Zh, v) => v.display(),
        (_, Value::Status(s)) => status(*s),
        (_, Value::Text(t)) if t.is_empty() => text_in(Lang::En, "value-blank", &[]),
        (_, Value::Year(None)) => text_in(Lang::En, "value-unknown", &[]),
        (_, v) => v.display(),
    }
}

/// The labels the library derives for versions (原文, 修订, 修正, 修改), by entry id; a
/// version's own label (given by its record) is data and stays as written.
const VERSION_LABELS: [(&str, &str); 4] = [
    ("原文", "version-label-original"),
    ("修订", "version-label-revised"),
    ("修正", "version-label-corrected"),
    ("修改", "version-label-amended"),
];

/// A version's label: the labels the library derives in the user's language, others as
/// written.
pub fn version_label(label: &str) -> String {
    version_label_in(lang(), label)
}

fn version_label_in(lang: Lang, label: &str) -> String {
    match VERSION_LABELS.iter().find(|(zh, _)| *zh == label) {
        Some((zh, id)) => label_in(lang, zh, id),
        None => label.to_owned(),
    }
}

/// The label of an article or a numbered part as the library writes it (`第十二条`,
/// `第十条之一`, `第二部分`, `文首`), in the user's language: `Article 12`, `Article 10-1`,
/// `Part 2`, `opening`. Anything else stays as written.
pub fn article(label: &str) -> String {
    article_in(lang(), label)
}

fn article_in(lang: Lang, label: &str) -> String {
    if lang == Lang::Zh {
        return label.to_owned();
    }
    if label == "文首" {
        return text_in(Lang::En, "article-opening", &[]);
    }
    if let Some(n) = label
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix("部分"))
        .and_then(guifan::text::numerals::parse_chinese_number)
    {
        return text_in(Lang::En, "article-part", &[("number", n.to_string())]);
    }
    let is_article = label.starts_with('第')
        && (label.ends_with('条') || label.contains("条之"))
        && !label.contains(['、', '，', ' ']);
    match guifan::text::structure::parse_article_ref(label).filter(|_| is_article) {
        Some((n, None)) => text_in(Lang::En, "article-number", &[("number", n.to_string())]),
        Some((n, Some(s))) => text_in(
            Lang::En,
            "article-number-suffix",
            &[("number", n.to_string()), ("suffix", s.to_string())],
        ),
        None => label.to_owned(),
    }
}

/// The composed-text entries, most literal text first (the most specific wins).
fn library_entries() -> &'static [(String, Vec<Part>)] {
    static ENTRIES: OnceLock<Vec<(String, Vec<Part>)>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut all: Vec<(String, Vec<Part>)> = ids_with_prefix(Lang::Zh, "lib-")
            .into_iter()
            .filter_map(|id| Some((id.clone(), parts(Lang::Zh, &id)?)))
            .collect();
        all.sort_by_key(|(_, p)| std::cmp::Reverse(literal_chars(p)));
        all
    })
}

/// The values a placeholder may take when the catalogue lists them: the Chinese texts of the
/// entries `lib-NAME-…` that are a fixed text (`lib-what-basis = 制定依据`), longest first; or the
/// library's labels for `status`. `None`: any text.
fn alternatives(name: &str) -> Option<&'static [String]> {
    static ALTERNATIVES: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    let all = ALTERNATIVES.get_or_init(|| {
        let mut by_name: Vec<(String, Vec<String>)> = vec![(
            "status".to_owned(),
            Status::ALL.iter().map(|s| s.label().to_owned()).collect(),
        )];
        for id in ids_with_prefix(Lang::Zh, "lib-") {
            // Only fixed texts: `lib-what-basis = 制定依据`.
            let Some(pattern) = parts(Lang::Zh, &id) else {
                continue;
            };
            let [Part::Text(zh)] = pattern.as_slice() else {
                continue;
            };
            let zh = zh.clone();
            let Some((name, _)) = id["lib-".len()..].split_once('-') else {
                continue;
            };
            match by_name.iter_mut().find(|(n, _)| n == name) {
                Some((_, values)) => values.push(zh),
                None => by_name.push((name.to_owned(), vec![zh])),
            }
        }
        for (_, values) in &mut by_name {
            values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
        by_name
    });
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
    all.iter()
        .find(|(n, _)| n == base)
        .map(|(_, v)| v.as_slice())
}

/// Whether `value` may stand for placeholder `name`: one of its [`alternatives`], a date for
/// `cdate`, an article's label for `article`; anything not empty otherwise.
fn fits(name: &str, value: &str) -> bool {
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if value.is_empty() {
        return false;
    }
    if let Some(values) = alternatives(base) {
        return values.iter().any(|v| v == value);
    }
    match base {
        "cdate" => guifan::date::parse_date("date", value).is_ok(),
        "article" => article_in(Lang::En, value) != value,
        _ => true,
    }
}

/// The values of the placeholders of `parts` when `text` is what they spell, each value
/// [fitting](fits) its placeholder.
fn capture_fitting(parts: &[Part], text: &str) -> Option<Vec<(String, String)>> {
    let choices = |name: &str, text: &str| {
        alternatives(name).map(|values| {
            values
                .iter()
                .filter(|v| text.starts_with(v.as_str()))
                .map(String::len)
                .collect()
        })
    };
    super::errors::capture_by(parts, text, &choices, &fits)
}

/// The `lib-…` entry a text of the library matches, with the values of its placeholders.
pub fn match_library(text: &str) -> Option<(&'static str, Vec<(String, String)>)> {
    library_entries()
        .iter()
        .find_map(|(id, p)| capture_fitting(p, text).map(|caps| (id.as_str(), caps)))
}

/// A text the library composed in Chinese (a history line, a finding), in the user's
/// language: as it is in Chinese; in English, from the entry it matches, or as it is when none
/// does.
pub fn library_text(text: &str) -> String {
    library_text_in(lang(), text)
}

/// [`library_text`] in `lang`.
pub fn library_text_in(lang: Lang, text: &str) -> String {
    if lang == Lang::Zh {
        return text.to_owned();
    }
    let Some((id, caps)) = match_library(text) else {
        return text.to_owned();
    };
    let args: Vec<(&str, String)> = caps
        .iter()
        .map(|(name, value)| (name.as_str(), placeholder_in(lang, name, value)))
        .collect();
    text_in(lang, id, &args)
}

/// A placeholder's value in `lang`: the labels it names translated, dates written in Chinese
/// made ISO, texts of the library translated in turn; data (titles, names, 文号, words of a
/// draft) as it is.
fn placeholder_in(lang: Lang, name: &str, value: &str) -> String {
    let base = name.trim_end_matches(|c: char| c.is_ascii_digit());
    if alternatives(base).is_some() && base != "status" {
        return library_text_in(lang, value);
    }
    match base {
        "status" => Status::parse(value).map_or_else(|_| value.to_owned(), |s| status_in(lang, s)),
        "outcome" => Outcome::parse(value).map_or_else(
            |_| value.to_owned(),
            |o| label_in(lang, o.label(), &format!("outcome-{}", o.token())),
        ),
        "filing" => FilingOutcome::parse(value).map_or_else(
            |_| value.to_owned(),
            |o| label_in(lang, o.label(), &format!("filing-outcome-{}", o.token())),
        ),
        "review" => ReviewKind::parse(value).map_or_else(
            |_| value.to_owned(),
            |k| label_in(lang, k.label(), &format!("review-kind-{}", k.token())),
        ),
        "record" => RecordKind::parse(value).map_or_else(
            |_| value.to_owned(),
            |k| label_in(lang, k.label(), &format!("record-kind-{}", k.token())),
        ),
        "label" => version_label_in(lang, value),
        "article" => article_in(lang, value),
        "missing" => match library_text_in(lang, value) {
            same if same == value => article_in(lang, value),
            translated => translated,
        },
        "problems" => value
            .split('，')
            .map(|p| library_text_in(lang, p))
            .collect::<Vec<_>>()
            .join("; "),
        "cdate" => guifan::date::parse_date("date", value)
            .map_or_else(|_| value.to_owned(), guifan::date::iso),
        "from" | "reason" => library_text_in(lang, value),
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label of the library has an entry in both catalogues, and the Chinese one is the
    /// library's label itself.
    #[test]
    fn every_label_is_catalogued_and_the_chinese_is_the_librarys() {
        let mut labels: Vec<(String, &str)> = Vec::new();
        for s in Status::ALL {
            labels.push((format!("status-{}", s.token()), s.label()));
        }
        for o in Outcome::ALL {
            labels.push((format!("outcome-{}", o.token()), o.label()));
        }
        for p in Proposal::ALL {
            labels.push((format!("proposal-{}", p.token()), p.label()));
        }
        for o in FilingOutcome::ALL {
            labels.push((format!("filing-outcome-{}", o.token()), o.label()));
        }
        for t in Timeliness::ALL {
            labels.push((format!("timeliness-{}", t.token()), t.label()));
        }
        for k in ReviewKind::ALL {
            labels.push((format!("review-kind-{}", k.token()), k.label()));
        }
        for k in RelationKind::ALL {
            labels.push((format!("relation-kind-{}", k.token()), k.label()));
        }
        for s in RelationSource::ALL {
            labels.push((format!("relation-source-{}", s.token()), s.label()));
        }
        for k in RecordKind::ALL {
            labels.push((format!("record-kind-{}", k.token()), k.label()));
        }
        for s in VersionState::ALL {
            labels.push((format!("version-state-{}", s.token()), s.label()));
        }
        for f in Field::ALL {
            labels.push((format!("field-{}", f.name()), f.label()));
        }
        for (s, token) in [
            (Severity::Error, "error"),
            (Severity::Warning, "warning"),
            (Severity::Info, "info"),
        ] {
            labels.push((format!("severity-{token}"), s.label()));
        }
        for r in guifan::assist::rules::CLEARANCE_RULES {
            labels.push((format!("rule-{}", r.id), r.label));
        }
        for r in guifan::assist::rules::DRAFT_RULES {
            labels.push((format!("rule-{}", r.id), r.label));
        }
        for (zh, id) in VERSION_LABELS {
            labels.push((id.to_owned(), zh));
        }
        let mut problems = Vec::new();
        for (id, zh) in &labels {
            if text_in(Lang::Zh, id, &[]) != *zh {
                problems.push(format!("{id}: zh.ftl should say `{zh}`"));
            }
            let en = text_in(Lang::En, id, &[]);
            if en == *id || en.chars().any(is_han) {
                problems.push(format!("{id}: no English in en.ftl (`{en}`)"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    fn is_han(c: char) -> bool {
        matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFD)
    }

    /// The fields `extract` lists: an entry each, whose Chinese is the library's label (the
    /// pairs `("doc_number", "发文字号"` written in the library's preview).
    #[test]
    fn every_field_extract_lists_is_catalogued() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/ingest/preview.rs");
        let source = std::fs::read_to_string(path).expect("read preview.rs");
        let source = source.split("#[cfg(test)]").next().unwrap_or_default();
        let literals: Vec<&str> = source.split('"').skip(1).step_by(2).collect();
        let mut pairs = 0;
        let mut problems = Vec::new();
        for w in literals.windows(2) {
            let (field, label) = (w[0], w[1]);
            let is_field =
                !field.is_empty() && field.chars().all(|c| c.is_ascii_lowercase() || c == '_');
            if !is_field || !label.chars().any(is_han) {
                continue;
            }
            pairs += 1;
            let id = format!("extract-field-{}", field.replace('_', "-"));
            if text_in(Lang::Zh, &id, &[]) != label {
                problems.push(format!("{id}: zh.ftl should say `{label}`"));
            }
            if text_in(Lang::En, &id, &[]).chars().any(is_han) || !super::super::has(Lang::En, &id)
            {
                problems.push(format!("{id}: no English"));
            }
        }
        assert!(pairs >= 20, "found only {pairs} fields");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn articles_and_parts_are_named_in_english() {
        assert_eq!(article_in(Lang::En, "第十二条"), "Article 12");
        assert_eq!(article_in(Lang::En, "第十条之一"), "Article 10-1");
        assert_eq!(article_in(Lang::En, "第二部分"), "Part 2");
        assert_eq!(article_in(Lang::En, "文首"), "opening");
        assert_eq!(article_in(Lang::En, "第二章 受理"), "第二章 受理");
        assert_eq!(article_in(Lang::Zh, "第十二条"), "第十二条");
    }

    #[test]
    fn texts_the_library_composes_are_translated_with_their_values() {
        let zh = "第2版（修正）《潜江市行政执法投诉举报办法》";
        assert_eq!(library_text_in(Lang::Zh, zh), zh);
        assert_eq!(
            library_text_in(Lang::En, zh),
            "version 2 (amendment): 《潜江市行政执法投诉举报办法》"
        );
        assert_eq!(
            library_text_in(
                Lang::En,
                "效力状态：有效（清理 qj-2024 公布）：2023年已修正"
            ),
            "status: in force (announced by campaign qj-2024): 2023年已修正"
        );
        // Not the library's: as it is.
        assert_eq!(library_text_in(Lang::En, "印发"), "印发");
    }
}
