//! The parser: reads the classified lines into a preamble, a body and a closing.

use super::closing::is_parenthesised;
use super::closing::is_signer_like;
use super::lines::{Kind, Line};
use super::*;

pub(super) struct Parser<'a> {
    pub(super) lines: Vec<Line<'a>>,
}

/// Whether the text is read by articles or by numbered parts.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Articles,
    Parts,
    Plain,
}

impl<'a> Parser<'a> {
    pub(super) fn run(self) -> Structure {
        let lines = &self.lines;
        let first_article = lines
            .iter()
            .position(|l| matches!(l.kind, Kind::Article { .. }));
        let first_part = lines
            .iter()
            .position(|l| matches!(l.kind, Kind::Bufen { .. }));
        let (mode, first_unit) = match (first_article, first_part) {
            (Some(i), _) => (Mode::Articles, Some(i)),
            (None, Some(i)) => (Mode::Parts, Some(i)),
            (None, None) => (Mode::Plain, None),
        };
        let is_unit = |k: &Kind| match mode {
            Mode::Articles => matches!(k, Kind::Article { .. }),
            Mode::Parts => matches!(k, Kind::Bufen { .. }),
            Mode::Plain => false,
        };

        let (toc, body_start) = match first_unit {
            Some(u) => self.find_toc(u),
            None => (
                None,
                lines
                    .iter()
                    .position(|l| matches!(l.kind, Kind::Container { .. })),
            ),
        };

        // The closing is looked for after the last heading of the body.
        let last_heading = body_start.and_then(|b| {
            lines[b..]
                .iter()
                .rposition(|l| is_unit(&l.kind) || matches!(l.kind, Kind::Container { .. }))
                .map(|i| i + b)
        });
        let scan_from = last_heading.map_or(0, |i| i + 1);
        let tail = self.find_tail(scan_from);
        let body_end = tail.unwrap_or(lines.len());

        let body = match body_start {
            Some(b) if b < body_end => self.build(b, body_end, mode),
            _ => Vec::new(),
        };

        let preamble_end_line = match body_start {
            Some(b) if b < body_end => b,
            _ => body_end,
        };
        let preamble = self.span(0, preamble_end_line);
        let mut closing = tail.and_then(|t| self.closing(t, lines.len()));
        if closing.is_none() && body_start.is_some() {
            closing = self.cover_closing(preamble_end_line);
        }
        Structure {
            preamble,
            toc: toc.and_then(|(a, b)| self.span(a, b + 1)),
            body,
            closing,
        }
    }

    /// The byte range of the non-blank lines in `[from, to)`.
    pub(super) fn span(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let lines = self.lines.get(from..to)?;
        let first = lines.iter().find(|l| l.kind != Kind::Blank)?;
        let last = lines.iter().rev().find(|l| l.kind != Kind::Blank)?;
        Some((first.start, last.end))
    }

    /// Finds a table of contents before the first unit `u`. Returns the TOC's line range
    /// (inclusive) and the line where the body starts.
    pub(super) fn find_toc(&self, u: usize) -> (Option<(usize, usize)>, Option<usize>) {
        let lines = &self.lines;
        // The headings directly above the first unit, each of a higher level than the one below:
        // 第一编 / 第一章 / 第一条.
        let mut chain_start = u;
        let mut rank = Level::Tiao.rank();
        let mut i = u;
        while i > 0 {
            i -= 1;
            match lines[i].kind {
                Kind::Blank => {}
                Kind::Container { level, .. } if level.rank() < rank => {
                    chain_start = i;
                    rank = level.rank();
                }
                _ => break,
            }
        }
        let key = |k: &Kind| match *k {
            Kind::Container {
                level,
                number,
                suffix,
                ..
            } => Some((level, number, suffix)),
            _ => None,
        };
        let first_container = lines[..chain_start]
            .iter()
            .position(|l| matches!(l.kind, Kind::Container { .. }));
        let Some(first_container) = first_container else {
            return (None, Some(chain_start));
        };
        let last_container = lines[..chain_start]
            .iter()
            .rposition(|l| matches!(l.kind, Kind::Container { .. }))
            .unwrap_or(first_container);
        // A table of contents lists the heading the body starts with, or at least lists two
        // headings of one level with no article between them (an empty chapter is not a thing).
        let head = key(&lines[chain_start].kind);
        let listed_keys: Vec<_> = lines[first_container..=last_container]
            .iter()
            .filter_map(|l| key(&l.kind))
            .collect();
        let listed =
            head.is_some() && listed_keys.contains(&head.unwrap_or((Level::Tiao, 0, None)));
        let mut per_level = [0usize; 8];
        for k in &listed_keys {
            per_level[usize::from(k.0.rank())] += 1;
        }
        let repeated_level = per_level.iter().any(|&n| n > 1);
        if !listed && !repeated_level {
            // Not a table of contents: the headings are part of the body.
            return (None, Some(first_container));
        }
        let toc_start = lines[..first_container]
            .iter()
            .rposition(|l| l.kind == Kind::Toc)
            .unwrap_or(first_container);
        (Some((toc_start, last_container)), Some(chain_start))
    }

    /// The line where a closing starts, looking from `from` on: an attachment list, the
    /// signature above a date line, or a publication note.
    pub(super) fn find_tail(&self, from: usize) -> Option<usize> {
        let lines = &self.lines;
        for (i, line) in lines.iter().enumerate().skip(from) {
            match line.kind {
                Kind::Attachment | Kind::Note => return Some(i),
                Kind::Date(_) => return Some(self.signers_above(i, from)),
                _ => {}
            }
        }
        None
    }

    /// Walks up from a date line over the signature lines; returns the first of them.
    pub(super) fn signers_above(&self, date: usize, floor: usize) -> usize {
        let mut start = date;
        let mut taken = 0;
        let mut i = date;
        while i > floor && taken < 4 {
            i -= 1;
            let line = &self.lines[i];
            match line.kind {
                Kind::Blank => continue,
                Kind::Plain if is_signer_like(line.text) => {
                    start = i;
                    taken += 1;
                }
                _ => break,
            }
        }
        start
    }

    /// A closing block signed in a cover notice before the first heading.
    pub(super) fn cover_closing(&self, before: usize) -> Option<Closing> {
        let lines = &self.lines;
        let date = lines[..before]
            .iter()
            .position(|l| matches!(l.kind, Kind::Date(_)))?;
        let mut start = self.signers_above(date, 0);
        // An attachment list right above the signature belongs to it.
        let mut i = start;
        while i > 0 {
            i -= 1;
            match lines[i].kind {
                Kind::Blank | Kind::Mu { .. } => {}
                Kind::Attachment => {
                    start = i;
                    break;
                }
                _ => break,
            }
        }
        // Notes right below the date.
        let mut end = date + 1;
        while end < before {
            match lines[end].kind {
                Kind::Blank => end += 1,
                Kind::Note => end += 1,
                _ if is_parenthesised(lines[end].text) => end += 1,
                _ => break,
            }
        }
        self.closing(start, end)
    }
}
