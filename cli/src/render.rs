//! Plain-text output: aligned tables that count CJK characters as two columns; control
//! characters shown, never sent to the terminal.

use std::borrow::Cow;

/// A text as it may be printed on a terminal: every control character but the line break and
/// the tab (and a carriage return before a line break) is shown as a visible escape, `\x1b` for
/// ESC, so that a title or text holding escape sequences cannot move the cursor, recolour the
/// screen, ring the bell or write to the terminal's title. The texts print through this; JSON is
/// escaped by its writer already.
pub fn shown(text: &str) -> Cow<'_, str> {
    let unsafe_char = |(i, c): (usize, char)| {
        c.is_control() && c != '\n' && c != '\t' && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if unsafe_char((i, c)) {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The columns a character takes in a terminal.
pub fn char_width(c: char) -> usize {
    let u = c as u32;
    let wide = matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// The columns a string takes.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Pads a string to a width with spaces.
pub fn pad(s: &str, w: usize) -> String {
    let mut out = s.to_owned();
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(width(s))));
    out
}

/// The width text is laid out to: `asked`, else the terminal's when stdout is one (and at
/// least `min`), else 80 columns.
pub fn text_width(asked: Option<usize>, min: usize) -> usize {
    const DEFAULT: usize = 80;
    asked
        .or_else(|| terminal_size().filter(|&cols| cols >= min))
        .unwrap_or(DEFAULT)
}

/// The terminal's columns, when stdout is a terminal that tells its size.
fn terminal_size() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
}

/// Punctuation a line does not start with.
const CLOSING: &str = "，。、；：）》」』”’！？〕】…,.;:)]!?";
/// Punctuation a line does not end with.
const OPENING: &str = "（《「『“‘〔【([";

/// Wide characters that stay with the number before them (`2022年`, `12号`).
const UNITS: &str = "年月日号条款项版件";

/// The pieces a line may be broken between: each wide character alone, runs of narrow ones
/// (ids, dates, `[rule-id]`) whole, a number with its unit (`2022年`), closing punctuation
/// with what it closes and opening punctuation with what it opens; each with the blanks
/// before it.
fn atoms(s: &str) -> Vec<(String, usize)> {
    let mut atoms: Vec<(String, usize)> = Vec::new();
    let mut blanks = 0;
    let mut glue = false;
    for c in s.chars() {
        if c == ' ' {
            blanks += 1;
            continue;
        }
        let narrow = char_width(c) == 1;
        let join = blanks == 0
            && atoms.last().is_some_and(|(last, _)| {
                let prev = last.chars().last();
                glue || CLOSING.contains(c)
                    || (narrow && prev.is_some_and(|p| char_width(p) == 1))
                    || (UNITS.contains(c) && prev.is_some_and(|p| p.is_ascii_digit()))
            });
        match atoms.last_mut() {
            Some((last, _)) if join => last.push(c),
            _ => atoms.push((c.to_string(), blanks)),
        }
        glue = OPENING.contains(c);
        blanks = 0;
    }
    atoms
}

/// Lays out each line of `text` in lines of at most `width` columns (CJK counted as two),
/// broken between wide characters or at blanks, never inside a run of narrow characters that
/// fits, nor before closing or after opening punctuation. A line's continuation is indented
/// under its text: after its leading blanks and a `- ` bullet, or by two columns.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if self::width(line) <= width {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start_matches(' ').len();
        let bullet = if line[lead..].starts_with("- ") { 2 } else { 0 };
        let indent = if lead + bullet == 0 { 2 } else { lead + bullet };
        out += &wrap_hanging(line, width, lead + bullet, indent);
    }
    out
}

/// Lays out one line as [`wrap`] does, keeping its first `head` bytes as they are and
/// indenting its continuation lines by `indent` columns (a help text under its column).
pub fn wrap_hanging(line: &str, width: usize, head: usize, indent: usize) -> String {
    let mut out = String::new();
    let (prefix, rest) = line.split_at(head);
    let mut cur = prefix.to_owned();
    let mut start = self::width(prefix);
    let mut used = start;
    for (atom, blanks) in atoms(rest) {
        let gap = if used > start { blanks } else { 0 };
        if used + gap + self::width(&atom) > width && used > start {
            out.push_str(cur.trim_end());
            out.push('\n');
            cur = " ".repeat(indent);
            start = indent;
            used = indent;
        } else {
            cur.push_str(&" ".repeat(gap));
            used += gap;
        }
        // A piece wider than a whole line is cut by characters.
        for c in atom.chars() {
            let w = char_width(c);
            if used + w > width && used > start {
                out.push_str(&cur);
                out.push('\n');
                cur = " ".repeat(indent);
                start = indent;
                used = indent;
            }
            cur.push(c);
            used += w;
        }
    }
    out.push_str(&cur);
    out.push('\n');
    out
}

/// Indents every line by two spaces.
pub fn indent(s: &str) -> String {
    s.lines().map(|l| format!("  {l}\n")).collect()
}

/// A table: a header and rows, printed with two spaces between columns. Columns whose index
/// is in `right` are right-aligned (numbers).
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<usize>,
    /// The column cut short (with `…`) when the table is wider than the terminal.
    shrink: Option<usize>,
}

/// The terminal's width when stdout is a terminal; `None` when it is a pipe or a file (whose
/// reader gets every line whole).
pub fn terminal_columns() -> Option<usize> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Some(terminal_size().unwrap_or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(80)
    }))
}

/// `s` cut to at most `w` columns, ending in `…` when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

impl Table {
    pub fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            right: Vec::new(),
            shrink: None,
        }
    }

    /// Cuts `column` short when the table is wider than the terminal.
    pub fn shrink(mut self, column: usize) -> Table {
        self.shrink = Some(column);
        self
    }

    pub fn right_align(mut self, column: usize) -> Table {
        self.right.push(column);
        self
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    /// The table laid out for the terminal: see [`Table::render_within`].
    pub fn render(&self) -> String {
        self.render_within(terminal_columns())
    }

    /// The table, its column marked with [`Table::shrink`] cut short (not below 24 columns),
    /// then its last column (not below 8), so that a line fits in `limit` columns.
    pub fn render_within(&self, limit: Option<usize>) -> String {
        let n = self.header.len();
        let mut widths = vec![0; n];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        // The shrinking column gives way first (to 24 columns), then the last one.
        let mut cut_last = None;
        if let (Some(limit), Some(c)) = (limit, self.shrink.filter(|&c| c < n)) {
            let total = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
            if total > limit {
                widths[c] = widths[c].saturating_sub(total - limit).max(24);
                let total = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
                if total > limit && c + 1 < n {
                    cut_last = Some(widths[n - 1].saturating_sub(total - limit).max(8));
                }
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(n) {
                let cut;
                let cell = if self.shrink == Some(i) {
                    cut = truncate(cell, widths[i]);
                    &cut
                } else if let Some(w) = cut_last.filter(|_| i + 1 == n) {
                    cut = truncate(cell, w);
                    &cut
                } else {
                    cell
                };
                if i > 0 {
                    line.push_str("  ");
                }
                if self.right.contains(&i) {
                    line.push_str(&" ".repeat(widths[i].saturating_sub(width(cell))));
                    line.push_str(cell);
                } else if i + 1 == n {
                    line.push_str(cell);
                } else {
                    line.push_str(&pad(cell, widths[i]));
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// Prints a long text: through the pager (`$PAGER`, else `less -R`) when `pager` is asked and
/// stdout is a terminal, else directly. A pager that cannot be started is no error: the text
/// is printed as it is.
pub fn page(text: &str, pager: bool) -> anyhow::Result<()> {
    use std::io::{IsTerminal, Write};
    if pager && std::io::stdout().is_terminal() {
        let command = std::env::var("PAGER")
            .ok()
            .filter(|p| !p.trim().is_empty())
            .unwrap_or_else(|| "less -R".to_owned());
        let mut parts = command.split_whitespace();
        if let Some(program) = parts.next()
            && let Ok(mut child) = std::process::Command::new(program)
                .args(parts)
                .stdin(std::process::Stdio::piped())
                .spawn()
        {
            let written = match child.stdin.take() {
                Some(mut stdin) => stdin.write_all(shown(text).as_bytes()),
                None => Ok(()),
            };
            child.wait()?;
            // The reader may quit before the end: a closed pipe is not an error.
            return match written {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
                _ => Ok(()),
            };
        }
    }
    out!("{text}")?;
    Ok(())
}

#[cfg(test)]
mod table_tests {
    use super::*;

    #[test]
    fn a_wide_table_cuts_its_title_column_to_the_terminal() {
        // Regression: `list` padded every line to the longest title (258 columns).
        let mut t = Table::new(["id", "标题", "制定机关"]).shrink(1);
        t.row(["1", &"很长的标题".repeat(20), "潜江市人民政府"]);
        t.row(["2", "短标题", "潜江市司法局"]);
        let text = t.render_within(Some(80));
        assert!(text.lines().all(|l| width(l) <= 80), "{text}");
        assert!(text.contains("…"));
        assert!(
            text.contains("潜江市人民政府"),
            "the columns after it are whole"
        );
        let whole = t.render_within(None);
        assert!(whole.contains(&"很长的标题".repeat(20)));
    }

    #[test]
    fn an_english_table_fits_80_columns_and_stays_aligned() {
        // `list` in English: headings and statuses from the English catalogue, the data in
        // Chinese.
        use crate::i18n::{Lang, labels::status_in, text_in};
        use guifan::model::Status;
        let col = |id: &str| text_in(Lang::En, id, &[]);
        let mut t = Table::new([
            "id".to_owned(),
            col("col-status"),
            col("col-doc-number"),
            col("col-title"),
            col("col-issuer"),
        ])
        .right_align(0)
        .shrink(3);
        t.row([
            "1".to_owned(),
            status_in(Lang::En, Status::PendingRevision),
            "潜政规〔2023〕3号".to_owned(),
            format!("《{}》", "潜江市行政执法投诉举报办法".repeat(4)),
            "潜江市人民政府".to_owned(),
        ]);
        t.row([
            "112".to_owned(),
            status_in(Lang::En, Status::Valid),
            "潜政办规〔2022〕2号".to_owned(),
            "《潜江市行政执法案卷评查办法》".to_owned(),
            "潜江市人民政府办公室".to_owned(),
        ]);
        let text = t.render_within(Some(80));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| width(l) <= 80), "{text}");
        assert!(lines[0].starts_with(" id  status"), "{text}");
        assert!(lines[1].contains('…'), "the title is cut:\n{text}");
        // Each column starts at the same terminal column on every line.
        let starts = |line: &str| -> Vec<usize> {
            let mut cols = Vec::new();
            let mut at = 0;
            let mut blank_run = 2;
            for c in line.chars() {
                if c != ' ' && blank_run >= 2 {
                    cols.push(at);
                }
                blank_run = if c == ' ' { blank_run + 1 } else { 0 };
                at += char_width(c);
            }
            cols
        };
        let header = starts(lines[0]);
        assert_eq!(header.len(), 5, "{text}");
        for line in &lines[1..] {
            assert_eq!(starts(line)[1..], header[1..], "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            shown("《潜江\u{1b}[2J市》\u{7}\u{0}\u{9b}1m\t第一条\r\n第二条\r"),
            "《潜江\\x1b[2J市》\\x07\\x00\\x9b1m\t第一条\r\n第二条\\x0d"
        );
        assert!(matches!(shown("第一条\n　（一）"), Cow::Borrowed(_)));
    }

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("有效"), 4);
        assert_eq!(width("a有效1"), 6);
        assert_eq!(width("〔2024〕"), 8);
    }

    #[test]
    fn wrapped_lines_fit_and_keep_ids_whole() {
        let line = "错误 第三条，第7行 [citation-repealed] 引用的文件《江城市户外广告设置管理办法》（江政规〔2016〕5号）在2024年4月1日有效期已届满；现行：《江城市户外广告设施管理办法》（江政规〔2022〕6号）";
        for w in [40, 60, 80] {
            let out = wrap(line, w);
            for l in out.lines() {
                assert!(width(l) <= w, "{l}");
                assert!(!l.trim_start().starts_with(['，', '。', '）', '》']), "{l}");
                assert!(!l.ends_with(['（', '《']), "{l}");
            }
            assert!(out.contains("[citation-repealed]"), "{out}");
            assert!(out.lines().skip(1).all(|l| l.starts_with("  ")), "{out}");
            // Nothing lost but the blanks at the breaks.
            let joined: String = out.lines().map(str::trim).collect();
            assert_eq!(joined.replace(' ', ""), line.replace(' ', ""));
        }
        let bullet = wrap(&format!("  - {}", "有效期".repeat(20)), 40);
        assert!(
            bullet
                .lines()
                .skip(1)
                .all(|l| l.starts_with("    ") && !l.starts_with("     ")),
            "{bullet}"
        );
        assert_eq!(wrap("short\n\nline\n", 40), "short\n\nline\n");
        let long_id = "x".repeat(100);
        assert!(wrap(&long_id, 40).lines().all(|l| width(l) <= 40));
    }

    #[test]
    fn tables_align_mixed_text() {
        let mut t = Table::new(["效力状态", "件数"]).right_align(1);
        t.row(["有效", "15"]);
        t.row(["valid", "3"]);
        assert_eq!(
            t.render(),
            "效力状态  件数\n有效        15\nvalid        3\n"
        );
    }
}
