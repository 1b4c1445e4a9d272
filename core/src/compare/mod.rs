//! Comparing two texts article by article: the 修改前后对照表.
//!
//! [`diff_versions`] compares two versions of one document, [`diff_documents`] any two
//! documents of the registry (a city's measures and the provincial model they follow), and
//! [`diff_texts`] two texts given as strings. Each cuts both texts into units ([`units`]:
//! opening, headings, articles, numbered parts or paragraphs, closing), aligns them
//! ([`align`]: by content, so that renumbered and moved articles are found, with splits and
//! merges) and diffs each aligned pair character by character ([`chardiff`]).
//!
//! The result, a [`Comparison`], serialises as it is (JSON) and renders as a three-column
//! table (原条文 | 修改后条文 | 修改说明, the last left empty for the drafter) in plain text
//! ([`Comparison::render_text`]), HTML ([`Comparison::render_html`]) and Word
//! ([`Comparison::to_docx`]).

pub mod align;
pub mod chardiff;
mod docx;
mod html;
mod table;
pub mod units;

use serde::Serialize;
use time::Date;

use crate::error::{Error, Result};
use crate::model::{Version, WorkId};
use crate::store::Registry;

pub use chardiff::{Op, Segment, char_diff};
pub use table::TextOptions;
pub use units::{Unit, UnitKind};

/// Which version of a document: by its number, or the one in force on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The version with this sequence number (1 for the first).
    Version(u32),
    /// The version in force on this date.
    Date(Date),
}

impl Which {
    /// Reads `3` (a version number) or a date (`2021-01-01`, `2021年1月1日`).
    pub fn parse(s: &str) -> Result<Which> {
        let t = s.trim();
        if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
            return match t.parse::<u32>() {
                Ok(n) if n > 0 => Ok(Which::Version(n)),
                _ => Err(Error::invalid("version", s, "versions count from 1")),
            };
        }
        crate::date::parse_date("version", t)
            .map(Which::Date)
            .map_err(|_| {
                Error::invalid(
                    "version",
                    s,
                    "expected a version number (`2`) or a date (`2021-01-01`)",
                )
            })
    }
}

/// What was compared on one side.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Side {
    /// The document, when it comes from the registry.
    pub work: Option<WorkId>,
    /// The version's sequence number.
    pub version: Option<u32>,
    /// The version's title.
    pub title: Option<String>,
    /// Its canonical 文号.
    pub doc_number: Option<String>,
    /// 原文, 修正, 修订 …
    pub label: Option<String>,
    /// The day the version took effect.
    #[serde(with = "crate::model::serde_date::option")]
    pub in_force_from: Option<Date>,
}

impl Side {
    fn of(work: WorkId, v: &Version) -> Side {
        Side {
            work: Some(work),
            version: Some(v.seq),
            title: Some(v.meta.title.clone()),
            doc_number: v.meta.doc_number.as_ref().map(|n| n.canonical().to_owned()),
            label: Some(v.label.clone()),
            in_force_from: v.meta.in_force_from(),
        }
    }

    /// One line for people: `《标题》第2版（修正，2023-06-15施行）`, or `fallback` for a text
    /// that names nothing.
    pub fn describe(&self, fallback: &str) -> String {
        let mut s = match &self.title {
            Some(t) => format!("《{t}》"),
            None => fallback.to_owned(),
        };
        if let Some(n) = &self.doc_number {
            s.push_str(&format!("（{n}）"));
        }
        if let Some(v) = self.version {
            s.push_str(&format!("第{v}版"));
        }
        let mut details = Vec::new();
        if let Some(l) = &self.label {
            details.push(l.clone());
        }
        if let Some(d) = self.in_force_from {
            details.push(format!("{}施行", crate::date::iso(d)));
        }
        if !details.is_empty() {
            s.push_str(&format!("（{}）", details.join("，")));
        }
        s
    }
}

/// How an aligned row changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// The same content (its number may have changed: see [`Row::renumbered`]).
    Unchanged,
    /// The same unit, its content changed.
    Changed,
    /// Only in the new text.
    Added,
    /// Only in the old text.
    Deleted,
    /// One old unit became several new ones.
    Split,
    /// Several old units became one new one.
    Merged,
}

impl Change {
    /// The Chinese label: 未改, 修改, 新增, 删除, 拆分, 合并.
    pub fn label(self) -> &'static str {
        match self {
            Change::Unchanged => "未改",
            Change::Changed => "修改",
            Change::Added => "新增",
            Change::Deleted => "删除",
            Change::Split => "拆分",
            Change::Merged => "合并",
        }
    }
}

/// One row of the 对照表: the old units and the new units they became.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComparisonRow))]
pub struct Row {
    /// How the row changed.
    pub change: Change,
    /// What the units are (all units of a row are of one kind).
    pub kind: UnitKind,
    /// The old units, in order; empty for an added unit.
    pub old: Vec<Unit>,
    /// The new units, in order; empty for a deleted unit.
    pub new: Vec<Unit>,
    /// The unit kept its content but not its number (第十条 → 第十一条).
    pub renumbered: bool,
    /// The unit left its place among the others (not only renumbered by an insertion above).
    pub moved: bool,
    /// The Dice similarity of the old and new content (character bigrams), 0 to 1; absent for
    /// added and deleted units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// The character-level diff of the old text (units joined by line breaks) and the new.
    pub diff: Vec<Segment>,
}

impl Row {
    /// `第十条 → 第十一条`, `第十条 → 第十条、第十一条`, `（新增）第五条`.
    pub fn caption(&self) -> String {
        let names = |units: &[Unit]| {
            units
                .iter()
                .map(|u| u.label.as_str())
                .collect::<Vec<_>>()
                .join("、")
        };
        match (self.old.is_empty(), self.new.is_empty()) {
            (true, _) => format!("（新增）{}", names(&self.new)),
            (_, true) => format!("原{}（删除）", names(&self.old)),
            _ if names(&self.old) == names(&self.new) => names(&self.new),
            _ => format!("原{} → {}", names(&self.old), names(&self.new)),
        }
    }

    /// The words for the row's change: `修改`, `未改，序号调整`, `修改，移动`.
    pub fn change_words(&self) -> String {
        let mut w = vec![self.change.label()];
        if self.renumbered {
            w.push("序号调整");
        }
        if self.moved {
            w.push("移动");
        }
        w.join("，")
    }
}

/// Counts of rows by change, for one kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ChangeCounts))]
pub struct Counts {
    /// Units in the old text.
    pub old: usize,
    /// Units in the new text.
    pub new: usize,
    /// Rows unchanged.
    pub unchanged: usize,
    /// Rows changed.
    pub changed: usize,
    /// Rows added.
    pub added: usize,
    /// Rows deleted.
    pub deleted: usize,
    /// Rows split.
    pub split: usize,
    /// Rows merged.
    pub merged: usize,
    /// Rows marked moved.
    pub moved: usize,
    /// Rows marked renumbered.
    pub renumbered: usize,
}

impl Counts {
    fn add(&mut self, r: &Row) {
        self.old += r.old.len();
        self.new += r.new.len();
        match r.change {
            Change::Unchanged => self.unchanged += 1,
            Change::Changed => self.changed += 1,
            Change::Added => self.added += 1,
            Change::Deleted => self.deleted += 1,
            Change::Split => self.split += 1,
            Change::Merged => self.merged += 1,
        }
        self.moved += usize::from(r.moved);
        self.renumbered += usize::from(r.renumbered);
    }
}

/// Counts of a comparison: articles (or numbered parts, or paragraphs, for texts without
/// articles), headings, and the opening and closing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComparisonSummary))]
pub struct Summary {
    /// Articles, numbered parts or paragraphs: the units a text is made of.
    pub articles: Counts,
    /// Headings of 编/分编/章/节.
    pub headings: Counts,
    /// The opening and the closing.
    pub other: Counts,
}

/// Two texts compared: the rows of the 对照表 and their counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comparison {
    /// The old side.
    pub from: Side,
    /// The new side.
    pub to: Side,
    /// The rows of the 对照表, in the order of the new text.
    pub rows: Vec<Row>,
    /// Counts of the rows.
    pub summary: Summary,
}

impl Comparison {
    /// Whether the two texts have the same content, unit by unit.
    pub fn identical(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.change == Change::Unchanged && !r.renumbered && !r.moved)
    }

    /// The rows a 对照表 shows: every row that changed, was renumbered or moved.
    pub fn changed_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows
            .iter()
            .filter(|r| r.change != Change::Unchanged || r.renumbered || r.moved)
    }
}

/// The similarity of two texts' content as the alignment measures it: the Dice coefficient of
/// their sets of character bigrams (blanks removed, widths folded), from 0 to 1.
pub fn similarity(a: &str, b: &str) -> f64 {
    align::similarity(&units::content_key(a), &units::content_key(b))
}

/// Compares two texts. Never fails and never panics; two empty texts give no rows.
pub fn diff_texts(old: &str, new: &str) -> Comparison {
    compare(Side::default(), old, Side::default(), new)
}

fn compare(from: Side, old: &str, to: Side, new: &str) -> Comparison {
    let a = units::cut(old);
    let b = units::cut(new);
    let groups = align::align(&a, &b);
    let mut rows = Vec::with_capacity(groups.len());
    let mut summary = Summary::default();
    for g in groups {
        let old_units: Vec<&units::Cut> = g.old.iter().map(|&i| &a[i]).collect();
        let new_units: Vec<&units::Cut> = g.new.iter().map(|&j| &b[j]).collect();
        let kind = old_units
            .first()
            .or(new_units.first())
            .map_or(UnitKind::Paragraph, |c| c.unit.kind);
        let join = |cuts: &[&units::Cut]| {
            cuts.iter()
                .map(|c| c.unit.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let keys = |cuts: &[&units::Cut]| cuts.iter().map(|c| c.key.as_str()).collect::<String>();
        let change = match (old_units.len(), new_units.len()) {
            (0, _) => Change::Added,
            (_, 0) => Change::Deleted,
            (1, 1) if old_units[0].key == new_units[0].key => Change::Unchanged,
            (1, 1) => Change::Changed,
            (1, _) => Change::Split,
            _ => Change::Merged,
        };
        let renumbered = match (old_units.as_slice(), new_units.as_slice()) {
            ([o], [n]) => {
                o.unit.number.is_some()
                    && !matches!(kind, UnitKind::Paragraph)
                    && (o.unit.number, o.unit.suffix) != (n.unit.number, n.unit.suffix)
            }
            _ => false,
        };
        let similarity = (!old_units.is_empty() && !new_units.is_empty()).then(|| {
            let s = align::similarity(&keys(&old_units), &keys(&new_units));
            (s * 1000.0).round() / 1000.0
        });
        let row = Row {
            change,
            kind,
            renumbered,
            moved: g.moved,
            similarity,
            diff: char_diff(&join(&old_units), &join(&new_units)),
            old: old_units.iter().map(|c| c.unit.clone()).collect(),
            new: new_units.iter().map(|c| c.unit.clone()).collect(),
        };
        match kind {
            UnitKind::Heading => summary.headings.add(&row),
            UnitKind::Opening | UnitKind::Closing => summary.other.add(&row),
            _ => summary.articles.add(&row),
        }
        rows.push(row);
    }
    Comparison {
        from,
        to,
        rows,
        summary,
    }
}

/// The index in `versions` that `which` names.
fn pick(work: &crate::model::Work, which: Which) -> Result<usize> {
    match which {
        Which::Version(n) => work
            .versions
            .iter()
            .position(|v| v.seq == n)
            .ok_or_else(|| Error::not_found("version", format!("{} v{n}", work.name()))),
        Which::Date(d) => {
            crate::model::timeline::version_in_force(&work.versions, d).ok_or_else(|| {
                Error::not_found(
                    "version in force",
                    format!("{} {}", work.name(), crate::date::iso(d)),
                )
            })
        }
    }
}

/// Compares two versions of a document. `to` defaults to the newest version, `from` to the
/// version before `to`.
pub fn diff_versions(
    reg: &Registry,
    id: WorkId,
    from: Option<Which>,
    to: Option<Which>,
) -> Result<Comparison> {
    let work = reg.work(id)?;
    let to_i = match to {
        Some(w) => pick(&work, w)?,
        None => work.versions.len() - 1,
    };
    let from_i = match from {
        Some(w) => pick(&work, w)?,
        None => to_i.checked_sub(1).ok_or_else(|| {
            Error::invalid(
                "from",
                work.versions[to_i].seq.to_string(),
                "the document has no version before this one; name the version to compare with",
            )
        })?,
    };
    let (a, b) = (&work.versions[from_i], &work.versions[to_i]);
    let old = reg.text(id, a.seq)?;
    let new = reg.text(id, b.seq)?;
    Ok(compare(Side::of(id, a), &old, Side::of(id, b), &new))
}

/// Compares two documents of the registry (each at a version, by default its newest): a
/// document and the model it follows, or the old document and the one that replaced it.
pub fn diff_documents(
    reg: &Registry,
    old: WorkId,
    old_at: Option<Which>,
    new: WorkId,
    new_at: Option<Which>,
) -> Result<Comparison> {
    let side = |id: WorkId, at: Option<Which>| -> Result<(Side, String)> {
        let work = reg.work(id)?;
        let i = match at {
            Some(w) => pick(&work, w)?,
            None => work.versions.len() - 1,
        };
        let v = &work.versions[i];
        Ok((Side::of(id, v), reg.text(id, v.seq)?))
    };
    let (from, a) = side(old, old_at)?;
    let (to, b) = side(new, new_at)?;
    Ok(compare(from, &a, to, &b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts made of the pieces legal texts are parsed by.
    const TEXT: &str = "[第一二三四十百条章节编之（）()、\n 　甲乙丙丁。，：《》〔〕2024年月日有效期至附件]{0,240}";

    proptest! {
        #[test]
        fn any_two_texts_compare_with_every_unit_in_one_row(a in TEXT, b in TEXT) {
            let c = diff_texts(&a, &b);
            let old: usize = c.rows.iter().map(|r| r.old.len()).sum();
            let new: usize = c.rows.iter().map(|r| r.new.len()).sum();
            prop_assert_eq!(old, units::cut(&a).len());
            prop_assert_eq!(new, units::cut(&b).len());
            prop_assert!(diff_texts(&a, &a).identical());
            prop_assert!(!c.render_text(&TextOptions::default()).is_empty());
            prop_assert!(c.render_html(true).ends_with("</section>\n"));
            prop_assert!(c.to_docx(true).is_ok());
        }
    }

    #[test]
    fn which_parses_numbers_and_dates() {
        assert_eq!(Which::parse("2").expect("n"), Which::Version(2));
        assert_eq!(
            Which::parse("2021年1月1日").expect("date"),
            Which::Date(time::macros::date!(2021 - 01 - 01))
        );
        assert!(Which::parse("0").is_err());
        assert!(Which::parse("第二版").is_err());
    }

    #[test]
    fn identical_texts_have_no_changed_rows() {
        let t = "第一条　为了规范，制定本办法。\n第二条　本办法自公布之日起施行。\n";
        let c = diff_texts(t, t);
        assert!(c.identical());
        assert_eq!(c.changed_rows().count(), 0);
        assert_eq!(c.summary.articles.unchanged, 2);
        let empty = diff_texts("", "");
        assert!(empty.rows.is_empty() && empty.identical());
    }

    #[test]
    fn a_changed_article_carries_its_character_diff() {
        let c = diff_texts(
            "第一条　处五百元以上二千元以下罚款。\n",
            "第一条　处一千元以上五千元以下罚款。\n",
        );
        assert_eq!(c.rows.len(), 1);
        let r = &c.rows[0];
        assert_eq!(r.change, Change::Changed);
        assert!(!r.renumbered && !r.moved);
        assert_eq!(
            chardiff::old_text(&r.diff),
            "第一条\u{3000}处五百元以上二千元以下罚款。"
        );
        assert!(
            r.diff
                .iter()
                .any(|s| s.op == Op::Insert && s.text == "一千")
        );
        assert_eq!(r.caption(), "第一条");
    }

    #[test]
    fn everything_added_or_deleted_against_an_empty_text() {
        let t = "第一条　甲。\n第二条　乙。\n";
        let added = diff_texts("", t);
        assert_eq!(added.summary.articles.added, 2);
        let deleted = diff_texts(t, "");
        assert_eq!(deleted.summary.articles.deleted, 2);
        assert_eq!(deleted.rows[0].caption(), "原第一条（删除）");
    }
}
