//! Cutting a text into the units a comparison aligns: its opening (文首), the headings of its
//! 编/分编/章/节, its articles (条), its numbered parts (`一、`) in a text without articles, its
//! paragraphs in a text with neither, and its closing (文尾).
//!
//! Each unit keeps the text shown in a 对照表 (lines trimmed, runs of blanks inside a line made
//! one ideographic space, empty lines dropped) and a key its content is compared by (its text
//! without the number it is labelled with, blanks removed, widths folded), so that an article
//! whose number alone changed compares equal to its old self.

use crate::text::chars::is_blank;
use serde::Serialize;

use crate::text::normalize::fold_char;
use crate::text::structure::{self, Level, Node};

/// What a unit of a text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// What stands before the body: title, 文号, 主送机关, the basis paragraph of a text whose
    /// articles start later (a table of contents is left out).
    Opening,
    /// A heading of a 编, 分编, 章 or 节.
    Heading,
    /// An article (条).
    Article,
    /// A numbered part `一、` of a text without articles.
    Part,
    /// A paragraph of a text with neither articles nor numbered parts.
    Paragraph,
    /// The closing: signature, date, notes, the list of attachments.
    Closing,
}

impl UnitKind {
    /// The Chinese name: 文首, 标题, 条, 部分, 段, 文尾.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Opening => "文首",
            UnitKind::Heading => "标题",
            UnitKind::Article => "条",
            UnitKind::Part => "部分",
            UnitKind::Paragraph => "段",
            UnitKind::Closing => "文尾",
        }
    }
}

/// One unit of a text, as a comparison shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ComparedUnit))]
pub struct Unit {
    /// What the unit is.
    pub kind: UnitKind,
    /// For a heading: its level (编, 分编, 章, 节).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// The number: 12 for 第十二条 and 第十二章, 3 for `三、`, the paragraph's place for a
    /// paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// The `之N` of 第十条之一.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<u32>,
    /// How the unit is named: `第十条之一`, `第三章`, `三、`, `第2段`, `文首`.
    pub label: String,
    /// The unit's id in the parsed structure (`chp_3__art_12`), for headings and articles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eid: Option<String>,
    /// The 1-based line of the text where the unit starts.
    pub line: usize,
    /// The text as shown: lines trimmed, inner runs of blanks as one ideographic space.
    pub text: String,
}

/// A unit with what the alignment compares it by.
#[derive(Debug, Clone)]
pub(crate) struct Cut {
    /// The unit as shown.
    pub unit: Unit,
    /// Units match only units of the same category: the kind, and a heading's level.
    pub category: (UnitKind, Option<Level>),
    /// The content without the label, blanks removed, widths folded.
    pub key: String,
}

/// The text as a 对照表 shows it: each line trimmed, runs of blanks inside a line as one
/// ideographic space (U+3000), empty lines dropped.
pub fn display_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        let line = line.trim_matches(is_blank);
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let mut blank = false;
        for c in line.chars() {
            if is_blank(c) {
                blank = true;
                continue;
            }
            if blank {
                out.push('\u{3000}');
                blank = false;
            }
            out.push(c);
        }
    }
    out
}

/// The key a unit's content is compared by: blanks removed, widths folded.
pub(crate) fn content_key(s: &str) -> String {
    s.chars().filter(|&c| !is_blank(c)).map(fold_char).collect()
}

/// 1-based line of a byte offset, from the offsets of the line starts.
fn line_of(line_starts: &[usize], offset: usize) -> usize {
    line_starts.partition_point(|&s| s <= offset)
}

/// Cuts a text into units, in document order. Never panics.
pub(crate) fn cut(text: &str) -> Vec<Cut> {
    let parsed = structure::parse(text);
    let mut line_starts = vec![0];
    line_starts.extend(
        text.char_indices()
            .filter(|&(_, c)| c == '\n')
            .map(|(i, _)| i + 1),
    );
    let mut out = Vec::new();
    if parsed.body.is_empty() {
        // Neither articles nor parts: the paragraphs of everything before the closing.
        let end = parsed.closing.as_ref().map_or(text.len(), |c| c.start);
        let mut number = 0;
        let mut pos = 0;
        for raw in text.get(..end).unwrap_or(text).split('\n') {
            let start = pos;
            pos += raw.len() + 1;
            let shown = display_text(raw);
            if shown.is_empty() {
                continue;
            }
            number += 1;
            out.push(Cut {
                key: content_key(&shown),
                category: (UnitKind::Paragraph, None),
                unit: Unit {
                    kind: UnitKind::Paragraph,
                    level: None,
                    number: Some(number),
                    suffix: None,
                    label: format!("第{number}段"),
                    eid: None,
                    line: line_of(&line_starts, start),
                    text: shown,
                },
            });
        }
    } else {
        if let Some((start, end)) = parsed.preamble {
            // The table of contents repeats the headings: it is left out.
            let mut shown = String::new();
            match parsed.toc {
                Some((ts, te)) if ts >= start && te <= end => {
                    shown.push_str(&display_text(text.get(start..ts).unwrap_or("")));
                    let after = display_text(text.get(te..end).unwrap_or(""));
                    if !shown.is_empty() && !after.is_empty() {
                        shown.push('\n');
                    }
                    shown.push_str(&after);
                }
                _ => shown = display_text(text.get(start..end).unwrap_or("")),
            }
            if !shown.is_empty() {
                out.push(whole(
                    UnitKind::Opening,
                    shown,
                    line_of(&line_starts, start),
                ));
            }
        }
        for node in parsed.nodes() {
            if let Some(c) = unit_of(node, text, &line_starts) {
                out.push(c);
            }
        }
    }
    if let Some(closing) = &parsed.closing {
        let shown = display_text(text.get(closing.start..closing.end).unwrap_or(""));
        if !shown.is_empty() {
            out.push(whole(
                UnitKind::Closing,
                shown,
                line_of(&line_starts, closing.start),
            ));
        }
    }
    out
}

fn whole(kind: UnitKind, shown: String, line: usize) -> Cut {
    Cut {
        key: content_key(&shown),
        category: (kind, None),
        unit: Unit {
            kind,
            level: None,
            number: None,
            suffix: None,
            label: kind.label().to_owned(),
            eid: None,
            line,
            text: shown,
        },
    }
}

fn unit_of(node: &Node, text: &str, line_starts: &[usize]) -> Option<Cut> {
    let line = line_of(line_starts, node.start);
    if node.level.is_container() {
        let shown = display_text(&node.heading);
        let title = node.title.as_deref().unwrap_or("");
        return Some(Cut {
            key: content_key(title),
            category: (UnitKind::Heading, Some(node.level)),
            unit: Unit {
                kind: UnitKind::Heading,
                level: Some(node.level),
                number: Some(node.number),
                suffix: node.suffix,
                label: heading_label(node),
                eid: Some(node.eid.clone()),
                line,
                text: shown,
            },
        });
    }
    let kind = match node.level {
        Level::Tiao => UnitKind::Article,
        Level::Bufen => UnitKind::Part,
        _ => return None,
    };
    let raw = node.text(text);
    let shown = display_text(raw);
    let body = raw.strip_prefix(node.heading.as_str()).unwrap_or(raw);
    let label = match kind {
        UnitKind::Article => structure::article_label(node.number, node.suffix),
        _ => format!(
            "{}、",
            crate::text::numerals::to_chinese_number(node.number.into())
        ),
    };
    // A part's title is part of its content; an article's label is not.
    let key = match kind {
        UnitKind::Part => content_key(raw.split_once('、').map_or(raw, |(_, rest)| rest)),
        _ => content_key(body),
    };
    Some(Cut {
        key,
        category: (kind, None),
        unit: Unit {
            kind,
            level: None,
            number: Some(node.number),
            suffix: node.suffix,
            label,
            eid: Some(node.eid.clone()),
            line,
            text: shown,
        },
    })
}

fn heading_label(node: &Node) -> String {
    let mut s = format!(
        "第{}{}",
        crate::text::numerals::to_chinese_number(node.number.into()),
        node.level.label()
    );
    if let Some(k) = node.suffix {
        s.push('之');
        s.push_str(&crate::text::numerals::to_chinese_number(k.into()));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_text_trims_lines_and_folds_blank_runs() {
        assert_eq!(
            display_text("  第一条  为了\t规范。 \n\n　（一）甲；\n"),
            "第一条\u{3000}为了\u{3000}规范。\n（一）甲；"
        );
        assert_eq!(display_text(" \n \n"), "");
    }

    #[test]
    fn a_law_is_cut_into_opening_headings_articles_and_closing() {
        let text = "某某办法\n\n第一章　总则\n第一条　为了规范，制定本办法。\n第二条　本办法适用于本市。\n\
                    第二章　附则\n第三条　本办法自2024年1月1日起施行。\n\n某某市人民政府\n2024年1月1日\n";
        let units = cut(text);
        let labels: Vec<(UnitKind, &str)> = units
            .iter()
            .map(|c| (c.unit.kind, c.unit.label.as_str()))
            .collect();
        assert_eq!(
            labels,
            vec![
                (UnitKind::Opening, "文首"),
                (UnitKind::Heading, "第一章"),
                (UnitKind::Article, "第一条"),
                (UnitKind::Article, "第二条"),
                (UnitKind::Heading, "第二章"),
                (UnitKind::Article, "第三条"),
                (UnitKind::Closing, "文尾"),
            ]
        );
        assert_eq!(units[2].key, "为了规范,制定本办法。");
        assert_eq!(units[1].key, "总则");
        assert_eq!(units[2].unit.line, 4);
        assert_eq!(units[6].unit.text, "某某市人民政府\n2024年1月1日");
    }

    #[test]
    fn a_text_without_articles_is_cut_into_parts_or_paragraphs() {
        let parts = cut("一、总体要求\n坚持依法行政。\n二、主要任务\n（一）清理文件。\n");
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|c| c.unit.kind == UnitKind::Part));
        assert_eq!(parts[1].unit.label, "二、");
        assert_eq!(parts[1].key, "主要任务(一)清理文件。");
        let plain = cut("甲乙丙。\n\n丁戊己。\n");
        assert_eq!(plain.len(), 2);
        assert_eq!(plain[1].unit.label, "第2段");
        assert_eq!(plain[1].unit.line, 3);
        assert!(cut("").is_empty());
    }
}
