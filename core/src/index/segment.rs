//! Word segmentation: jieba's algorithm without its HMM (the most probable path through the
//! dictionary words of a run of Chinese text) over jieba's dictionary and the project's legal
//! terms (`legal_terms.txt`, kept whole).
//!
//! The dictionary is built at compile time (`build.rs`) into a finite-state transducer from word
//! to frequency that is read where it lies in the binary: a process pays nothing to load it,
//! where building jieba's dictionary took most of a search process's start-up.
//!
//! As in jieba, text is cut into runs of ideographs and ASCII letters, digits and `+#&._%-`;
//! inside a run the most probable sequence of dictionary words is taken (a character where no
//! word starts is a word of frequency 1), and neighbouring single ASCII letters or digits
//! join into one word. Every other character is a word of its own.

use std::sync::OnceLock;

use tantivy_fst::raw::{Fst, Output};

static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words.fst"));
include!(concat!(env!("OUT_DIR"), "/words.rs"));

/// The dictionary, opened in place (a header check).
fn dictionary() -> Option<&'static Fst<&'static [u8]>> {
    static DICTIONARY: OnceLock<Option<Fst<&'static [u8]>>> = OnceLock::new();
    DICTIONARY.get_or_init(|| Fst::new(WORDS).ok()).as_ref()
}

/// A word of a text: its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word itself, borrowed from the text.
    pub text: &'a str,
    /// Byte offset of its first character in the text.
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
}

/// The frequency of a word in the dictionary; `None` when it is not a word.
pub fn frequency(word: &str) -> Option<u64> {
    dictionary()?.get(word.as_bytes()).map(Output::value)
}

fn in_run(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}')
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// Cuts a text into words, in order; every character belongs to exactly one word.
pub fn cut(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut rest = text.char_indices().peekable();
    while let Some(&(start, c)) = rest.peek() {
        if !in_run(c) {
            rest.next();
            let end = start + c.len_utf8();
            out.push(Word {
                text: &text[start..end],
                start,
                end,
            });
            continue;
        }
        chars.clear();
        while let Some(&(i, c)) = rest.peek() {
            if !in_run(c) {
                break;
            }
            chars.push((i, c));
            rest.next();
        }
        let end = rest.peek().map_or(text.len(), |&(i, _)| i);
        cut_run(text, &chars, end, &mut out);
    }
    out
}

/// Cuts a run of ideographs and ASCII (its characters with their byte offsets; `end` is the
/// byte offset after it).
fn cut_run<'a>(text: &'a str, chars: &[(usize, char)], end: usize, out: &mut Vec<Word<'a>>) {
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map_or(end, |c| c.0);
    // route[i]: the best log-probability of chars[i..] and where its first word ends.
    let mut route: Vec<(f64, usize)> = vec![(0.0, n); n + 1];
    let mut edges: Vec<(usize, u64)> = Vec::with_capacity(8);
    let mut buf = [0u8; 4];
    for i in (0..n).rev() {
        edges.clear();
        if let Some(fst) = dictionary() {
            let mut node = fst.root();
            let mut output = Output::zero();
            'walk: for (k, &(_, c)) in chars[i..n.min(i + MAX_WORD_CHARS)].iter().enumerate() {
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    let Some(t) = node.find_input(b).map(|x| node.transition(x)) else {
                        break 'walk;
                    };
                    output = output.cat(t.out);
                    node = fst.node(t.addr);
                }
                if node.is_final() {
                    edges.push((i + k + 1, output.cat(node.final_output()).value()));
                }
            }
        }
        if edges.is_empty() {
            // Not the start of any word: a word of one character, frequency 1.
            edges.push((i + 1, 1));
        }
        let mut best = (f64::NEG_INFINITY, i + 1);
        for &(j, freq) in &edges {
            let p = (freq.max(1) as f64).ln() - LOG_TOTAL + route[j].0;
            if p > best.0 || (p == best.0 && j > best.1) {
                best = (p, j);
            }
        }
        route[i] = best;
    }
    let mut i = 0;
    let mut ascii_from: Option<usize> = None;
    let push = |from: usize, to: usize, out: &mut Vec<Word<'a>>| {
        let (s, e) = (byte_at(from), byte_at(to));
        out.push(Word {
            text: &text[s..e],
            start: s,
            end: e,
        });
    };
    while i < n {
        let j = route[i].1;
        if j == i + 1 && chars[i].1.is_ascii_alphanumeric() {
            ascii_from.get_or_insert(i);
        } else {
            if let Some(from) = ascii_from.take() {
                push(from, i, out);
            }
            push(i, j, out);
        }
        i = j;
    }
    if let Some(from) = ascii_from {
        push(from, n, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        cut(text).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn cuts_as_jieba_does() {
        assert_eq!(
            words("我来到北京清华大学"),
            ["我", "来到", "北京", "清华大学"]
        );
        assert_eq!(
            words("员工试用期被辞退有补偿吗？"),
            ["员工", "试用期", "被", "辞退", "有", "补偿", "吗", "？"]
        );
        assert_eq!(
            words("2023-2025年 ABC"),
            ["2023", "-", "2025", "年", " ", "ABC"]
        );
    }

    #[test]
    fn legal_terms_stay_whole() {
        let w = words("制定行政裁量权基准，依法处以罚款。");
        assert!(w.contains(&"行政裁量权基准"), "{w:?}");
        assert!(frequency("行政裁量权基准").is_some());
        assert_eq!(frequency("不是一个词语的东西"), None);
    }

    #[test]
    fn every_character_is_covered_once() {
        for text in ["", "第十条之一　罚款50元。\n", "𠀀条a1b", "…（一）"] {
            let w = cut(text);
            let joined: String = w.iter().map(|w| w.text).collect();
            assert_eq!(joined, text);
            assert!(w.windows(2).all(|p| p[0].end == p[1].start));
        }
    }
}
