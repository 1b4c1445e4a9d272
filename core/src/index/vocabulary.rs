//! How people say it and how the law says it: `vocabulary.txt` maps everyday words (`辞退`,
//! `偷`, `老婆`) to the words statutes use for the same thing (`解除劳动合同`, `盗窃`, `配偶`).
//! A ranked query looks for the legal wording too, with a lower weight (see `question`).
//!
//! A line is `everyday → legal、legal`; `#` starts a comment. An everyday word of two characters
//! or more applies wherever the question contains it (however the segmenter cut it); one of a
//! single character only when the segmenter cut it as a word (`偷` applies to `被偷了`, not to
//! `偷税`).

use std::sync::OnceLock;

/// The vocabulary: everyday word, legal words.
type Entries = Vec<(&'static str, Vec<&'static str>)>;

fn entries() -> &'static Entries {
    static ENTRIES: OnceLock<Entries> = OnceLock::new();
    ENTRIES.get_or_init(|| parse(include_str!("vocabulary.txt")))
}

fn parse(text: &'static str) -> Entries {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter_map(|l| l.split_once('→'))
        .map(|(lay, legal)| {
            (
                lay.trim(),
                legal
                    .split(['、', ','])
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .collect(),
            )
        })
        .filter(|(lay, legal): &(&str, Vec<&str>)| !lay.is_empty() && !legal.is_empty())
        .collect()
}

/// The entries that apply to a question (in search form) cut into `words`: each everyday word
/// found, with its legal wording.
pub fn lookup(form: &str, words: &[&str]) -> Vec<(&'static str, &'static [&'static str])> {
    entries()
        .iter()
        .filter(|(lay, _)| {
            if lay.chars().nth(1).is_some() {
                form.contains(lay)
            } else {
                words.contains(lay)
            }
        })
        .map(|(lay, legal)| (*lay, legal.as_slice()))
        .collect()
}

/// The number of everyday words the vocabulary knows.
pub fn len() -> usize {
    entries().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_parses_and_legal_words_differ_from_everyday_ones() {
        let text = include_str!("vocabulary.txt");
        let lines = text
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .count();
        assert_eq!(len(), lines, "a line without `→` or without legal words");
        for (lay, legal) in entries() {
            assert!(!legal.contains(lay), "{lay}");
            assert_eq!(
                crate::text::normalize::search_form(lay),
                *lay,
                "{lay} is not in search form"
            );
        }
    }

    #[test]
    fn single_characters_apply_only_as_words() {
        let found = |form: &str, words: &[&str]| -> Vec<&str> {
            lookup(form, words).into_iter().map(|(l, _)| l).collect()
        };
        assert!(found("手机被偷了", &["手机", "被", "偷", "了"]).contains(&"偷"));
        assert!(!found("偷税", &["偷税"]).contains(&"偷"));
        assert!(found("试用期被辞退", &["试用期", "被", "辞退"]).contains(&"辞退"));
    }
}
