//! Plain-text output: aligned tables that count CJK characters as two columns.

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
    use std::io::IsTerminal;
    const DEFAULT: usize = 80;
    if let Some(w) = asked {
        return w;
    }
    if !std::io::stdout().is_terminal() {
        return DEFAULT;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
        .filter(|&cols| cols >= min)
        .unwrap_or(DEFAULT)
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
        let (prefix, rest) = line.split_at(lead + bullet);
        let indent = if prefix.is_empty() { 2 } else { prefix.len() };
        let mut cur = prefix.to_owned();
        let mut start = prefix.len();
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
    }
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
}

impl Table {
    pub fn new(header: impl IntoIterator<Item = impl Into<String>>) -> Table {
        Table {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            right: Vec::new(),
        }
    }

    pub fn right_align(mut self, column: usize) -> Table {
        self.right.push(column);
        self
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = impl Into<String>>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn render(&self) -> String {
        let n = self.header.len();
        let mut widths = vec![0; n];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(width(cell));
            }
        }
        let mut out = String::new();
        for row in std::iter::once(&self.header).chain(&self.rows) {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate().take(n) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
