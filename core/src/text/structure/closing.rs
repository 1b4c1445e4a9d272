//! The closing of a GB/T 9704 document: 附件说明, 发文机关署名, 成文日期 and notes.

use super::lines::is_sentence_punct;
use super::lines::mu_item;
use super::lines::{Kind, Line};
use super::parser::Parser;
use super::*;
use crate::text::chars::{is_blank, take_numeral};

impl Parser<'_> {
    /// Reads the closing in lines `[from, to)`: an attachment list (附件说明), the signature,
    /// the date, notes, then attachments appended after them.
    pub(super) fn closing(&self, from: usize, to: usize) -> Option<Closing> {
        let (start, end) = self.span(from, to)?;
        let mut reader = ClosingReader {
            c: Closing {
                start,
                end,
                attachments: Vec::new(),
                signers: Vec::new(),
                signed: None,
                notes: Vec::new(),
            },
            candidates: Vec::new(),
            appended: Vec::new(),
        };
        let mut state = ClosingState::Start;
        for line in &self.lines[from..to] {
            state = reader.step(state, line);
        }
        let mut c = reader.c;
        for title in reader.appended {
            if !c.attachments.contains(&title) {
                c.attachments.push(title);
            }
        }
        Some(c)
    }
}

/// A closing being read line by line: what it holds so far, the lines that may be the
/// signature (once a date follows them) and the titles of appended attachments.
struct ClosingReader<'a> {
    c: Closing,
    candidates: Vec<&'a str>,
    appended: Vec<String>,
}

impl<'a> ClosingReader<'a> {
    /// Reads one line in `state`; returns the state after it. The match is the table of
    /// transitions, one arm a case, and reads best whole.
    fn step(&mut self, state: ClosingState, line: &Line<'a>) -> ClosingState {
        let text = line.text;
        match (state, &line.kind) {
            (state, Kind::Blank) => state,
            // An attachment line opens the list, or (after the list, the signature or the
            // date) an attachment appended to the document.
            (ClosingState::Start, Kind::Attachment) => match attachment_item(text) {
                Some(item) => {
                    self.c.attachments.push(item);
                    ClosingState::List
                }
                None => ClosingState::ListHead,
            },
            // Inside an appended attachment only `附件N` starts the next one.
            (ClosingState::Appended { .. }, Kind::Attachment)
                if !attachment_numbered(text) && attachment_item(text).is_some() =>
            {
                ClosingState::Appended { title_next: false }
            }
            (_, Kind::Attachment) => match attachment_item(text) {
                Some(item) => {
                    self.appended.push(item);
                    ClosingState::Appended { title_next: false }
                }
                None => ClosingState::Appended { title_next: true },
            },
            (ClosingState::ListHead | ClosingState::List, Kind::Mu { label_len, .. }) => {
                let item = text[*label_len..].trim_matches(is_blank);
                if !item.is_empty() {
                    self.c.attachments.push(item.to_owned());
                }
                ClosingState::List
            }
            // A long attachment title wrapped onto the next line.
            (ClosingState::List, Kind::Plain)
                if self.c.attachments.last().is_some_and(|t| unbalanced(t)) =>
            {
                if let Some(last) = self.c.attachments.last_mut() {
                    last.push_str(text);
                }
                ClosingState::List
            }
            // `附件` alone and a title line: an attachment appended without a list.
            (ClosingState::ListHead, Kind::Plain) if is_signer_like(text) => {
                self.appended.push(text.to_owned());
                ClosingState::Appended { title_next: false }
            }
            (ClosingState::Start | ClosingState::List | ClosingState::Signature, Kind::Plain)
                if is_signer_like(text) =>
            {
                self.candidates.push(text);
                ClosingState::Signature
            }
            (ClosingState::Start | ClosingState::List | ClosingState::Signature, Kind::Date(d)) => {
                self.dated(*d);
                ClosingState::Dated
            }
            (ClosingState::Appended { title_next }, _) => match line.kind {
                Kind::Plain if title_next && is_signer_like(text) => {
                    self.appended.push(text.to_owned());
                    ClosingState::Appended { title_next: false }
                }
                _ => ClosingState::Appended { title_next: false },
            },
            (state, _) if is_parenthesised(text) => {
                let inner = &text[first_len(text)..text.len() - last_len(text)];
                self.c.notes.push(inner.trim_matches(is_blank).to_owned());
                state
            }
            (ClosingState::Dated, _) => ClosingState::Dated,
            // Anything else before the date is the text of an attachment.
            _ => ClosingState::Appended { title_next: false },
        }
    }

    /// The date of the closing: the lines read since the list are the signers.
    fn dated(&mut self, d: Date) {
        self.c.signed = Some(d);
        for name in self.candidates.drain(..) {
            self.c.signers.extend(
                name.split(is_blank)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ClosingState {
    Start,
    /// After `附件` alone: list items or an appended attachment's title follow.
    ListHead,
    List,
    Signature,
    Dated,
    Appended {
        title_next: bool,
    },
}

/// Whether a title has more opening than closing brackets (it goes on on the next line).
pub(super) fn unbalanced(t: &str) -> bool {
    let open = t.chars().filter(|&c| c == '（' || c == '(').count();
    let close = t.chars().filter(|&c| c == '）' || c == ')').count();
    open > close
}

pub(super) fn first_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

pub(super) fn last_len(s: &str) -> usize {
    s.chars().next_back().map_or(0, char::len_utf8)
}

pub(super) fn is_parenthesised(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('('))
        && (t.ends_with('）') || t.ends_with(')'))
        && t.len() > 2
}

/// A short line without sentence punctuation: a body's name in a signature, a title.
pub(super) fn is_signer_like(t: &str) -> bool {
    t.chars().count() <= 40
        && !t.chars().any(|c| {
            is_sentence_punct(c)
                || matches!(
                    c,
                    '、' | '“' | '”' | '《' | '》' | '（' | '）' | '(' | ')' | '.' | '．'
                )
        })
}

/// The title after `一、` when the line is a heading rather than a sentence.
pub(super) fn is_part_title(after: &str) -> bool {
    !after.is_empty() && after.chars().count() <= 30 && !after.chars().any(is_sentence_punct)
}

/// Whether an attachment line carries a number: `附件1`, `附件二：…`.
pub(super) fn attachment_numbered(t: &str) -> bool {
    t.strip_prefix("附件")
        .is_some_and(|after| take_numeral(after.trim_start_matches(is_blank)).is_some())
}

/// The attachment named on an `附件：…` line, numbering removed.
pub(super) fn attachment_item(t: &str) -> Option<String> {
    let after = t.strip_prefix("附件")?.trim_start_matches(is_blank);
    // `附件2：XX表` names the attachment's number first.
    let after = match take_numeral(after) {
        Some((_, len)) => &after[len..],
        None => after,
    };
    let after = after
        .trim_start_matches(is_blank)
        .strip_prefix('：')
        .or_else(|| after.trim_start_matches(is_blank).strip_prefix(':'))?
        .trim_start_matches(is_blank);
    let item = match mu_item(after) {
        Some(Kind::Mu { label_len, .. }) => &after[label_len..],
        _ => after,
    };
    let item = item.trim_matches(is_blank);
    (!item.is_empty()).then(|| item.to_owned())
}
