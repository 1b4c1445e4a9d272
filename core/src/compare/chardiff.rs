//! Character-level differences between two texts, for Chinese: every character is a token.
//!
//! The edit script comes from `similar` (Myers' algorithm, with a deadline so that two long
//! and very different texts still answer quickly, coarser). A raw character diff of Chinese
//! text is hard to read: it keeps single common characters (`的`, `和`, `。`) as matches in the
//! middle of a rewritten phrase. So an unchanged run of at most [`SHORT_EQUAL`] characters
//! between two changes is folded into them, as diff-match-patch's semantic cleanup does, and
//! each change shows its deleted text before its inserted text.

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices_deadline};

/// What a piece of a diff is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = DiffOp))]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of characters of one [`Op`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Segment {
    /// What the run is.
    pub op: Op,
    /// Its characters.
    pub text: String,
}

/// Unchanged runs this short (in characters) between two changes are folded into them.
pub const SHORT_EQUAL: usize = 2;

/// How long one diff may search for the shortest edit script before it settles for a coarser
/// one.
const DEADLINE: Duration = Duration::from_millis(250);

/// A change between two unchanged runs.
#[derive(Debug, Default)]
struct Change {
    deleted: String,
    inserted: String,
}

#[derive(Debug)]
enum Piece {
    Equal(String),
    Change(Change),
}

/// The character-level diff of two texts: unchanged, deleted and inserted runs, in order
/// (within a change, the deleted run first). Never panics.
pub fn char_diff(old: &str, new: &str) -> Vec<Segment> {
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Segment {
                op: Op::Equal,
                text: old.to_owned(),
            }]
        };
    }
    let a: Vec<char> = old.chars().collect();
    let b: Vec<char> = new.chars().collect();
    let ops =
        capture_diff_slices_deadline(Algorithm::Myers, &a, &b, Some(Instant::now() + DEADLINE));
    let mut pieces: Vec<Piece> = Vec::new();
    let change = |pieces: &mut Vec<Piece>, del: &[char], ins: &[char]| {
        if let Some(Piece::Change(c)) = pieces.last_mut() {
            c.deleted.extend(del);
            c.inserted.extend(ins);
        } else {
            pieces.push(Piece::Change(Change {
                deleted: del.iter().collect(),
                inserted: ins.iter().collect(),
            }));
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                pieces.push(Piece::Equal(a[old_index..old_index + len].iter().collect()));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => change(&mut pieces, &a[old_index..old_index + old_len], &[]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => change(&mut pieces, &[], &b[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => change(
                &mut pieces,
                &a[old_index..old_index + old_len],
                &b[new_index..new_index + new_len],
            ),
        }
    }
    to_segments(fold_short_equals(pieces))
}

/// Folds unchanged runs of at most [`SHORT_EQUAL`] characters that stand between two changes
/// into one change.
fn fold_short_equals(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    let mut iter = pieces.into_iter().peekable();
    while let Some(piece) = iter.next() {
        match piece {
            Piece::Equal(text)
                if text.chars().count() <= SHORT_EQUAL
                    && matches!(out.last(), Some(Piece::Change(_)))
                    && matches!(iter.peek(), Some(Piece::Change(_))) =>
            {
                if let (Some(Piece::Change(c)), Some(Piece::Change(next))) =
                    (out.last_mut(), iter.next())
                {
                    c.deleted.push_str(&text);
                    c.deleted.push_str(&next.deleted);
                    c.inserted.push_str(&text);
                    c.inserted.push_str(&next.inserted);
                }
            }
            Piece::Change(next) => match out.last_mut() {
                Some(Piece::Change(c)) => {
                    c.deleted.push_str(&next.deleted);
                    c.inserted.push_str(&next.inserted);
                }
                _ => out.push(Piece::Change(next)),
            },
            Piece::Equal(text) => match out.last_mut() {
                Some(Piece::Equal(e)) => e.push_str(&text),
                _ => out.push(Piece::Equal(text)),
            },
        }
    }
    out
}

fn to_segments(pieces: Vec<Piece>) -> Vec<Segment> {
    let mut out = Vec::with_capacity(pieces.len() * 2);
    for piece in pieces {
        match piece {
            Piece::Equal(text) if !text.is_empty() => out.push(Segment {
                op: Op::Equal,
                text,
            }),
            Piece::Equal(_) => {}
            Piece::Change(c) => {
                if !c.deleted.is_empty() {
                    out.push(Segment {
                        op: Op::Delete,
                        text: c.deleted,
                    });
                }
                if !c.inserted.is_empty() {
                    out.push(Segment {
                        op: Op::Insert,
                        text: c.inserted,
                    });
                }
            }
        }
    }
    out
}

/// The old text of a diff: its unchanged and deleted runs.
pub fn old_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter(|s| s.op != Op::Insert)
        .map(|s| s.text.as_str())
        .collect()
}

/// The new text of a diff: its unchanged and inserted runs.
pub fn new_text(segments: &[Segment]) -> String {
    segments
        .iter()
        .filter(|s| s.op != Op::Delete)
        .map(|s| s.text.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn show(segments: &[Segment]) -> String {
        segments
            .iter()
            .map(|s| match s.op {
                Op::Equal => s.text.clone(),
                Op::Delete => format!("[-{}-]", s.text),
                Op::Insert => format!("{{+{}+}}", s.text),
            })
            .collect()
    }

    #[test]
    fn identical_and_empty_texts() {
        assert!(char_diff("", "").is_empty());
        assert_eq!(show(&char_diff("第一条", "第一条")), "第一条");
        assert_eq!(show(&char_diff("", "新增")), "{+新增+}");
        assert_eq!(show(&char_diff("删去", "")), "[-删去-]");
    }

    #[test]
    fn a_changed_amount_is_one_change() {
        assert_eq!(
            show(&char_diff(
                "处五百元以上二千元以下罚款",
                "处一千元以上五千元以下罚款"
            )),
            "处[-五百-]{+一千+}元以上[-二-]{+五+}千元以下罚款"
        );
    }

    #[test]
    fn short_common_characters_inside_a_rewrite_are_folded() {
        // Without folding, `的` would stay a lone match inside the rewritten phrase.
        let d = char_diff(
            "由市人民政府的有关部门负责",
            "由县级以上地方人民政府的主管部门负责",
        );
        assert_eq!(old_text(&d), "由市人民政府的有关部门负责");
        assert_eq!(new_text(&d), "由县级以上地方人民政府的主管部门负责");
        assert_eq!(
            show(&d),
            "由[-市-]{+县级以上地方+}人民政府的[-有关-]{+主管+}部门负责"
        );
    }

    proptest! {
        #[test]
        fn the_diff_rebuilds_both_texts(
            a in "[第一二三条款的和。，本办法市县人民政府部门ab ]{0,40}",
            b in "[第一二三条款的和。，本办法市县人民政府部门ab ]{0,40}",
        ) {
            let d = char_diff(&a, &b);
            prop_assert_eq!(old_text(&d), a);
            prop_assert_eq!(new_text(&d), b);
            // No two neighbours of the same kind, no empty runs.
            for w in d.windows(2) {
                prop_assert!(w[0].op != w[1].op);
            }
            prop_assert!(d.iter().all(|s| !s.text.is_empty()));
        }
    }
}
