//! The 对照表 as plain text: a header, the counts, and a three-column table (原条文 | 修改后条文
//! | 修改说明) that fits the width asked for (80 columns by default), CJK characters counted as
//! two columns. Each row opens with a caption line across the table (`原第十条 → 第十一条 ·
//! 修改，序号调整`). Deleted characters are marked `[-…-]` in the old column, inserted ones
//! `{+…+}` in the new column (the marks of `wdiff`); the third column is left empty.

use std::fmt;

use super::chardiff::Op;
use super::{Comparison, Counts, Row, UnitKind};

/// How to render a comparison as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextOptions {
    /// The width of the table in columns; at least [`TextOptions::MIN_WIDTH`].
    pub width: usize,
    /// Also show the rows that did not change.
    pub all: bool,
}

impl TextOptions {
    /// The narrowest table drawn.
    pub const MIN_WIDTH: usize = 40;

    /// Reads a width a front end was given: a number of columns, at least
    /// [`TextOptions::MIN_WIDTH`].
    pub fn parse_width(s: &str) -> crate::error::Result<usize> {
        match s.trim().parse::<usize>() {
            Ok(n) if n >= Self::MIN_WIDTH => Ok(n),
            _ => Err(crate::error::Error::invalid(
                "width",
                s,
                format!("expected a number of columns, at least {}", Self::MIN_WIDTH),
            )),
        }
    }
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            width: 80,
            all: false,
        }
    }
}

/// The width of the note column: `修改说明`.
const NOTE: usize = 8;

/// Columns a character takes on a terminal: two for East Asian wide and full-width forms.
pub(crate) fn char_width(c: char) -> usize {
    let u = c as u32;
    if u < 0x20 || (0x7f..0xa0).contains(&u) {
        return 0;
    }
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// A piece of a cell: text, or a mark that must not be broken.
enum Token<'a> {
    Char(char),
    Mark(&'a str),
    Break,
}

/// Breaks tokens into lines of at most `width` columns.
fn wrap(tokens: &[Token<'_>], width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    for t in tokens {
        let (s, w): (String, usize) = match t {
            Token::Break => {
                lines.push(String::new());
                used = 0;
                continue;
            }
            Token::Char(c) => (c.to_string(), char_width(*c)),
            Token::Mark(m) => ((*m).to_owned(), str_width(m)),
        };
        if used + w > width && used > 0 {
            lines.push(String::new());
            used = 0;
        }
        if let Some(last) = lines.last_mut() {
            last.push_str(&s);
        }
        used += w;
    }
    lines
}

fn pad(s: &str, width: usize) -> String {
    let w = str_width(s);
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

fn tokens_of(text: &str) -> Vec<Token<'static>> {
    text.chars()
        .map(|c| {
            if c == '\n' {
                Token::Break
            } else {
                Token::Char(c)
            }
        })
        .collect()
}

/// The tokens of one side of a row's diff, changes marked.
fn side_tokens(row: &Row, old: bool) -> Vec<Token<'static>> {
    let mut out = Vec::new();
    for s in &row.diff {
        let (open, close) = match (s.op, old) {
            (Op::Equal, _) => ("", ""),
            (Op::Delete, true) => ("[-", "-]"),
            (Op::Insert, false) => ("{+", "+}"),
            _ => continue,
        };
        // Rows entirely added or deleted are not marked: the empty other side says it.
        let whole = row.old.is_empty() || row.new.is_empty();
        if !open.is_empty() && !whole {
            out.push(Token::Mark(open));
        }
        for c in s.text.chars() {
            out.push(if c == '\n' {
                Token::Break
            } else {
                Token::Char(c)
            });
        }
        if !close.is_empty() && !whole {
            out.push(Token::Mark(close));
        }
    }
    out
}

/// A line of the header cut where it reads well: before `（` and `《`, after `）`, `》`, `，`
/// and `；` outside brackets.
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        if matches!(c, '（' | '《') && depth == 0 && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
        match c {
            '（' | '《' => depth += 1,
            '）' | '》' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && matches!(c, '）' | '》' | '，' | '；') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A header line in lines of at most `width` columns, continued under the text that follows
/// its prefix (`原：`); a piece wider than a line is cut by characters.
fn header_lines(prefix: &str, text: &str, width: usize) -> String {
    let indent = str_width(prefix);
    let mut lines = Vec::new();
    let mut line = prefix.to_owned();
    let mut used = indent;
    for p in pieces(text) {
        let w = str_width(&p);
        if used + w > width && used > indent {
            lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
            used = indent;
        }
        for c in p.chars() {
            let cw = char_width(c);
            if used + cw > width && used > indent {
                lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
                used = indent;
            }
            line.push(c);
            used += cw;
        }
    }
    lines.push(line);
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn counts_line(name: &str, c: &Counts) -> String {
    let mut parts = vec![
        format!("修改{}", c.changed),
        format!("新增{}", c.added),
        format!("删除{}", c.deleted),
    ];
    if c.split > 0 {
        parts.push(format!("拆分{}", c.split));
    }
    if c.merged > 0 {
        parts.push(format!("合并{}", c.merged));
    }
    parts.push(format!("未改{}", c.unchanged));
    let mut s = format!("{name}：原{}，现{}；{}", c.old, c.new, parts.join("，"));
    if c.renumbered > 0 || c.moved > 0 {
        s.push_str(&format!("（序号调整{}，移动{}）", c.renumbered, c.moved));
    }
    s
}

impl Comparison {
    /// The word for the units the body is made of: 条, 部分 or 段.
    pub(crate) fn unit_word(&self) -> &'static str {
        self.rows
            .iter()
            .map(|r| r.kind)
            .find(|k| matches!(k, UnitKind::Article | UnitKind::Part | UnitKind::Paragraph))
            .map_or("条", |k| k.label())
    }

    /// The title of the table: `《标题》修改前后对照表`, or `文本对照表` for texts that name
    /// nothing.
    pub fn heading(&self) -> String {
        match (&self.from.title, &self.to.title) {
            (Some(a), Some(b)) if a != b => format!("《{a}》与《{b}》对照表"),
            (_, Some(t)) | (Some(t), None) => format!("《{t}》修改前后对照表"),
            (None, None) => "文本对照表".to_owned(),
        }
    }

    /// The counts as lines of text: units, then headings when there are any.
    pub fn summary_lines(&self) -> Vec<String> {
        let mut lines = vec![counts_line(self.unit_word(), &self.summary.articles)];
        let h = &self.summary.headings;
        if h.old + h.new > 0 {
            lines.push(counts_line("标题", h));
        }
        lines
    }

    /// The 对照表 as plain text; see the module documentation for the layout.
    pub fn render_text(&self, opts: &TextOptions) -> String {
        let width = opts.width.max(TextOptions::MIN_WIDTH);
        let left = (width - NOTE - 10) / 2;
        let right = width - NOTE - 10 - left;
        let mut out = String::new();
        out.push_str(&header_lines("", &self.heading(), width));
        out.push_str(&header_lines("原：", &self.from.describe("原文本"), width));
        out.push_str(&header_lines("新：", &self.to.describe("新文本"), width));
        for line in self.summary_lines() {
            out.push_str(&match line.split_once('：') {
                Some((name, rest)) => header_lines(&format!("{name}："), rest, width),
                None => header_lines("", &line, width),
            });
        }
        let rows: Vec<&Row> = if opts.all {
            self.rows.iter().collect()
        } else {
            self.changed_rows().collect()
        };
        if rows.is_empty() {
            out.push_str("两文本内容相同，无修改。\n");
            return out;
        }
        let rule = |c: char| {
            format!(
                "+{}+{}+{}+\n",
                c.to_string().repeat(left + 2),
                c.to_string().repeat(right + 2),
                c.to_string().repeat(NOTE + 2)
            )
        };
        out.push('\n');
        out.push_str(&rule('-'));
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            pad("原条文", left),
            pad("修改后条文", right),
            pad("修改说明", NOTE)
        ));
        out.push_str(&rule('='));
        let inner = width - 4;
        for row in rows {
            let caption = format!("{} · {}", row.caption(), row.change_words());
            for line in wrap(&tokens_of(&caption), inner) {
                out.push_str(&format!("| {} |\n", pad(&line, inner)));
            }
            let l = wrap(&side_tokens(row, true), left);
            let r = wrap(&side_tokens(row, false), right);
            let l = if row.old.is_empty() { Vec::new() } else { l };
            let r = if row.new.is_empty() { Vec::new() } else { r };
            for k in 0..l.len().max(r.len()).max(1) {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    pad(l.get(k).map_or("", String::as_str), left),
                    pad(r.get(k).map_or("", String::as_str), right),
                    pad("", NOTE)
                ));
            }
            out.push_str(&rule('-'));
        }
        out
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_text(&TextOptions::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::diff_texts;
    use super::*;

    #[test]
    fn widths_count_cjk_as_two() {
        assert_eq!(str_width("第一条 a"), 8);
        assert_eq!(str_width("（一）"), 6);
        assert_eq!(char_width('\u{3000}'), 2);
    }

    #[test]
    fn every_line_fits_the_width() {
        let c = diff_texts(
            "第一条　为了规范行政执法投诉举报工作，保障公民、法人和其他组织的合法权益，制定本办法。\n",
            "第一条　为了规范行政执法投诉举报工作，保障公民、法人和其他组织的合法权益，根据有关法律法规，结合本市实际，制定本办法。\n",
        );
        // Sides with long descriptions: the header wraps too.
        let mut c = c;
        for (side, n) in [(&mut c.from, 1), (&mut c.to, 2)] {
            side.title = Some("潜江市人民政府关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的实施意见".into());
            side.doc_number = Some(format!("潜政发〔2019〕1{n}号"));
            side.version = Some(n);
            side.label = Some("修正".into());
        }
        for width in [40, 80, 120] {
            let text = c.render_text(&TextOptions { width, all: false });
            for line in text.lines() {
                assert!(str_width(line) <= width, "{line}");
            }
            assert!(text.contains("{+根据有关法律法规，结合本市实际，+}") || text.contains("{+"));
        }
    }

    #[test]
    fn a_width_argument_is_a_number_of_columns_from_the_minimum() {
        assert_eq!(TextOptions::parse_width("80").expect("80"), 80);
        assert_eq!(TextOptions::parse_width(" 40 ").expect("40"), 40);
        for bad in ["39", "0", "-1", "eighty", ""] {
            assert!(TextOptions::parse_width(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn identical_texts_say_so() {
        let c = diff_texts("第一条　甲。\n", "第一条　甲。\n");
        assert!(c.to_string().contains("两文本内容相同"));
        let all = c.render_text(&TextOptions {
            width: 80,
            all: true,
        });
        assert!(all.contains("第一条 · 未改"));
    }
}
