//! Questions and sentences: which queries read as one, and the weighted words a ranked search
//! looks for.
//!
//! **The rule.** A query with a field prefix (`title:` `标题:` …), an `OR`, `AND` or `NOT`
//! between terms or a `-` before one is a keyword query, with the meaning the query language
//! gives it (`query` module). Otherwise it reads as a question or a sentence, and is ranked,
//! when it asks:
//!
//! - it ends with a question mark (`？` `?`) or with 吗, 呢, 么 or 吧;
//! - outside its quotes, it has a question word (如何, 怎么, 怎样, 为什么, 为何, 是否, 能否,
//!   可否, 什么, 哪, 谁, 多少, 多久) or an A-not-A form (能不能, 可不可以, 有没有, 是不是, 会不会,
//!   要不要, 该不该, 算不算), or sentence punctuation (`，。；！：、` and their ASCII forms);
//!
//! or, when it has no quote, when it is longer than [`SENTENCE_CHARS`] characters (white space
//! not counted). Everything else (a word, a name, a few words, quoted phrases) is a keyword
//! query: `"行政裁量权基准" 罚款` keeps its meaning, `承包地“买卖”的效力怎么认定？` is a question
//! (its quoted phrase is looked for whole).
//!
//! **The words.** A ranked query is cut into words (the segmenter keeps legal terms whole); the
//! words in `stopwords.txt` (particles, pronouns, question words, the way a question is framed)
//! are dropped, unless nothing else is left. Each remaining word is looked for with weight 1; a
//! long word's own dictionary words (`个体工商户`: `个体`, `工商户`) are looked for too, with a
//! lower weight, so that a text saying it in parts still counts; and the vocabulary
//! (`vocabulary`) adds the legal wording of everyday words (`辞退`: `解除劳动合同`).

use std::sync::OnceLock;

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::{segment, vocabulary};
use crate::text::normalize::search_form;

/// A query without operators longer than this many characters reads as a sentence.
pub const SENTENCE_CHARS: usize = 12;

/// How a query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QueryMode {
    /// By the rule above.
    #[default]
    Auto,
    /// Always as a keyword query (the query language).
    Keywords,
    /// Always as a question: ranked over its meaningful words.
    Question,
}

impl QueryMode {
    /// Parses `auto`, `keywords` or `question`.
    pub fn parse(s: &str) -> crate::Result<QueryMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(QueryMode::Auto),
            "keywords" | "keyword" | "boolean" => Ok(QueryMode::Keywords),
            "question" | "ranked" => Ok(QueryMode::Question),
            _ => Err(crate::Error::invalid(
                "mode",
                s,
                "expected `auto`, `keywords` or `question`",
            )),
        }
    }

    /// Whether a query is to be ranked as a question.
    pub fn ranks(self, query: &str) -> bool {
        match self {
            QueryMode::Auto => reads_as_question(query),
            QueryMode::Keywords => false,
            QueryMode::Question => true,
        }
    }
}

const INTERROGATIVES: &[&str] = &[
    "如何",
    "怎么",
    "怎样",
    "为什么",
    "为何",
    "为啥",
    "是否",
    "能否",
    "可否",
    "什么",
    "哪",
    "谁",
    "多少",
    "多久",
    "能不能",
    "可不可以",
    "有没有",
    "是不是",
    "会不会",
    "要不要",
    "该不该",
    "算不算",
];

const FINAL_PARTICLES: &[char] = &['吗', '呢', '么', '吧'];

const SENTENCE_PUNCTUATION: &[char] = &[
    '，', '。', '；', '！', '：', '、', ',', ';', '!', '？', '?', '…',
];

/// Whether a query uses the query language's operators: field prefixes, `OR`, `AND`, `NOT`
/// (or in lower case), `-term`.
fn has_operators(query: &str) -> bool {
    query.split_whitespace().any(|t| {
        let t = t.replace('：', ":");
        matches!(t.as_str(), "OR" | "AND" | "NOT" | "or" | "and" | "not")
            || (t.starts_with('-') && t.chars().count() > 1)
            || super::query::PREFIXES
                .iter()
                .any(|(p, _)| t.starts_with(p) && t.len() > p.len())
    })
}

const QUOTES: &[char] = &['"', '“', '”', '「', '」'];

/// The query with its quoted parts left out.
fn outside_quotes(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    let mut inside = false;
    for c in query.chars() {
        if QUOTES.contains(&c) {
            inside = !inside;
            out.push(' ');
        } else if !inside {
            out.push(c);
        }
    }
    out
}

/// Whether a query reads as a question or a sentence; see the module documentation.
pub fn reads_as_question(query: &str) -> bool {
    let q = query.trim();
    if q.is_empty() || has_operators(q) {
        return false;
    }
    let free = outside_quotes(q);
    let end = q.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '？' | '?' | '！' | '!' | '。' | '.' | '…')
    });
    let asks = q.ends_with(['？', '?'])
        || end.ends_with(FINAL_PARTICLES)
        || INTERROGATIVES.iter().any(|w| free.contains(w))
        || free.contains(SENTENCE_PUNCTUATION);
    if asks {
        return true;
    }
    !q.contains(QUOTES) && q.chars().filter(|c| !c.is_whitespace()).count() > SENTENCE_CHARS
}

/// The stop words, built once.
fn stopwords() -> &'static FxHashSet<&'static str> {
    static STOP: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    STOP.get_or_init(|| {
        include_str!("stopwords.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a word (in search form) is a stop word.
pub fn is_stopword(word: &str) -> bool {
    stopwords().contains(word)
}

/// A word a ranked query looks for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = QueryTerm))]
pub struct Term {
    /// The word, in search form.
    pub text: String,
    /// How much it counts (1 for a word of the query).
    pub weight: f32,
    /// The word of the query it was derived from: a long word it is part of, or an everyday
    /// word it is the legal wording of. `None` for a word of the query.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// The weights of derived words.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Expansion {
    /// Weight of a long word's own dictionary words (0: not looked for).
    pub parts: f32,
    /// Weight of the vocabulary's legal wording of a word (0: not looked for).
    pub vocabulary: f32,
    /// Whether stop words are dropped.
    pub stopwords: bool,
}

impl Default for Expansion {
    fn default() -> Self {
        Expansion {
            parts: 0.3,
            vocabulary: 0.7,
            stopwords: true,
        }
    }
}

/// The words of a question, weighted; see the module documentation. Empty only when the
/// query has no letter, digit or ideograph.
pub fn terms(query: &str, expansion: &Expansion) -> Vec<Term> {
    let form = search_form(&query.replace(QUOTES, " "));
    let words: Vec<&str> = segment::cut(&form)
        .into_iter()
        .map(|w| w.text)
        .filter(|w| super::analyzer::is_word(w))
        .collect();
    let mut kept: Vec<&str> = if expansion.stopwords {
        words.iter().copied().filter(|w| !is_stopword(w)).collect()
    } else {
        words.clone()
    };
    if kept.is_empty() {
        kept = words;
    }
    let mut out: Vec<Term> = Vec::new();
    let add = |out: &mut Vec<Term>, text: &str, weight: f32, from: Option<&str>| {
        if weight <= 0.0 {
            return;
        }
        if let Some(t) = out.iter_mut().find(|t| t.text == text) {
            if weight > t.weight {
                t.weight = weight;
                t.from = from.map(str::to_owned);
            }
            return;
        }
        out.push(Term {
            text: text.to_owned(),
            weight,
            from: from.map(str::to_owned),
        });
    };
    for w in &kept {
        add(&mut out, w, 1.0, None);
    }
    // A quoted phrase is looked for whole, besides its words.
    for (i, part) in query.split(QUOTES).enumerate() {
        let phrase = search_form(part.trim());
        if i % 2 == 1 && phrase.chars().count() > 1 && super::analyzer::is_word(&phrase) {
            add(&mut out, &phrase, 1.0, None);
        }
    }
    for w in &kept {
        for part in parts(w) {
            if !is_stopword(part) {
                add(&mut out, part, expansion.parts, Some(w));
            }
        }
    }
    if expansion.vocabulary > 0.0 {
        for (lay, legal) in vocabulary::lookup(&form, &kept) {
            for l in legal {
                add(&mut out, l, expansion.vocabulary, Some(lay));
            }
        }
    }
    out
}

/// The dictionary words inside a word of three characters or more, shorter than it: its two-
/// and three-character words (as jieba's search mode gives them).
fn parts(word: &str) -> Vec<&str> {
    let idx: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = idx.len() - 1;
    let mut out = Vec::new();
    if n < 3 {
        return out;
    }
    for len in [2, 3] {
        if len >= n {
            break;
        }
        for i in 0..=n - len {
            let part = &word[idx[i]..idx[i + len]];
            if segment::frequency(part).is_some() {
                out.push(part);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_and_keywords_are_told_apart() {
        for q in [
            "离婚时夫妻共同财产如何分割？",
            "员工试用期被辞退有补偿吗",
            "谁可以成为个体工商户",
            "房东不退押金怎么办",
            "试用期辞退，有补偿",
            "公司拖欠工资可以申请劳动仲裁要求支付",
            "能不能 辞退",
            "农村房屋买卖合同中涉及承包地“买卖”的效力怎么认定？",
            "\"辞退\" 补偿吗",
        ] {
            assert!(reads_as_question(q), "{q}");
        }
        for q in [
            "行政裁量权基准",
            "罚款 行政裁量权基准",
            "\"行政裁量权基准\" 罚款",
            "“罚款，警告”",
            "\"离婚时夫妻共同财产分割的规定\"",
            "title:合同 怎么",
            "罚款 OR 警告吗",
            "-试行 如何",
            "养犬 登记",
            "2023-2025年",
            "中华人民共和国行政处罚法",
        ] {
            assert!(!reads_as_question(q), "{q}");
        }
        assert!(QueryMode::Question.ranks("罚款"));
        assert!(!QueryMode::Keywords.ranks("罚款吗"));
        assert_eq!(QueryMode::parse("Question").ok(), Some(QueryMode::Question));
        assert!(QueryMode::parse("maybe").is_err());
    }

    #[test]
    fn questions_keep_their_meaningful_words() {
        let t = terms("员工试用期被辞退有补偿吗？", &Expansion::default());
        let words: Vec<&str> = t
            .iter()
            .filter(|t| t.from.is_none())
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(words, ["员工", "试用期", "辞退", "补偿"]);
        assert!(
            t.iter()
                .any(|t| t.text == "解除劳动合同" && t.from.as_deref() == Some("辞退"))
        );
        assert!(t.iter().any(|t| t.text == "试用" && t.weight < 1.0));
        // Only stop words: they are kept rather than searching for nothing.
        let t = terms("怎么办？", &Expansion::default());
        assert_eq!(t.len(), 1);
        assert!(terms("？！", &Expansion::default()).is_empty());
    }
}
