//! The 对照表 as HTML: one `<section>` that stands alone in a page (its styles are scoped to
//! it and print on A4 in landscape), every text escaped, deleted characters in `<del>` in the
//! old column and inserted ones in `<ins>` in the new column, the 修改说明 column empty.

use super::chardiff::Op;
use super::{Comparison, Row};

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
}

const STYLE: &str = "<style>
.guifan-compare{font-family:\"SimSun\",\"Songti SC\",\"Noto Serif CJK SC\",serif;line-height:1.6}
.guifan-compare h2{text-align:center;font-size:1.4em;margin:.5em 0}
.guifan-compare p.sides,.guifan-compare p.counts{margin:.2em 0;font-size:.9em}
.guifan-compare table{width:100%;border-collapse:collapse;table-layout:fixed;margin-top:.8em}
.guifan-compare col.text{width:42%}
.guifan-compare col.note{width:16%}
.guifan-compare th,.guifan-compare td{border:1px solid #444;padding:.3em .5em;vertical-align:top;word-wrap:break-word}
.guifan-compare thead th{background:#eee}
.guifan-compare tr.caption th{background:#f6f6f6;font-weight:normal;text-align:left;font-size:.85em;color:#333}
.guifan-compare del{color:#a00;text-decoration:line-through}
.guifan-compare ins{color:#060;text-decoration:none;font-weight:bold;border-bottom:1px solid #060}
.guifan-compare .unit+.unit{margin-top:.4em}
@media print{@page{size:A4 landscape;margin:15mm}.guifan-compare thead{display:table-header-group}.guifan-compare tr{page-break-inside:avoid}}
</style>
";

fn cell(row: &Row, old: bool, out: &mut String) {
    let units = if old { &row.old } else { &row.new };
    if units.is_empty() {
        return;
    }
    let whole = row.old.is_empty() || row.new.is_empty();
    out.push_str("<div class=\"unit\">");
    for s in &row.diff {
        let tag = match (s.op, old) {
            (Op::Equal, _) => None,
            (Op::Delete, true) => Some("del"),
            (Op::Insert, false) => Some("ins"),
            _ => continue,
        };
        match tag {
            Some(t) if !whole => {
                out.push_str(&format!("<{t}>"));
                escape(&s.text, out);
                out.push_str(&format!("</{t}>"));
            }
            _ => escape(&s.text, out),
        }
    }
    out.push_str("</div>");
}

impl Comparison {
    /// The 对照表 as a standalone HTML fragment (a `<section>` with its own styles); by default
    /// only the rows that changed, with `all` every row.
    pub fn render_html(&self, all: bool) -> String {
        let mut out = String::with_capacity(4096 + self.rows.len() * 512);
        out.push_str("<section class=\"guifan-compare\">\n");
        out.push_str(STYLE);
        out.push_str("<h2>");
        escape(&self.heading(), &mut out);
        out.push_str("</h2>\n<p class=\"sides\">原：");
        escape(&self.from.describe("原文本"), &mut out);
        out.push_str("<br>新：");
        escape(&self.to.describe("新文本"), &mut out);
        out.push_str("</p>\n");
        for line in self.summary_lines() {
            out.push_str("<p class=\"counts\">");
            escape(&line, &mut out);
            out.push_str("</p>\n");
        }
        out.push_str(
            "<table>\n<colgroup><col class=\"text\"><col class=\"text\"><col class=\"note\"></colgroup>\n\
             <thead><tr><th>原条文</th><th>修改后条文</th><th>修改说明</th></tr></thead>\n<tbody>\n",
        );
        let mut shown = 0;
        for row in &self.rows {
            if !all && row.change == super::Change::Unchanged && !row.renumbered && !row.moved {
                continue;
            }
            shown += 1;
            let mut classes = format!("change-{}", serde_token(row.change));
            if row.moved {
                classes.push_str(" moved");
            }
            if row.renumbered {
                classes.push_str(" renumbered");
            }
            out.push_str(&format!(
                "<tr class=\"caption {classes}\"><th colspan=\"3\">"
            ));
            escape(
                &format!("{} · {}", row.caption(), row.change_words()),
                &mut out,
            );
            out.push_str(&format!("</th></tr>\n<tr class=\"{classes}\"><td>"));
            cell(row, true, &mut out);
            out.push_str("</td><td>");
            cell(row, false, &mut out);
            out.push_str("</td><td></td></tr>\n");
        }
        if shown == 0 {
            out.push_str("<tr><td colspan=\"3\">两文本内容相同，无修改。</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
        out
    }
}

fn serde_token(c: super::Change) -> &'static str {
    match c {
        super::Change::Unchanged => "unchanged",
        super::Change::Changed => "changed",
        super::Change::Added => "added",
        super::Change::Deleted => "deleted",
        super::Change::Split => "split",
        super::Change::Merged => "merged",
    }
}

#[cfg(test)]
mod tests {
    use super::super::diff_texts;

    #[test]
    fn text_is_escaped_and_changes_are_marked() {
        let c = diff_texts(
            "第一条　<script>alert(1)</script>按“A&B”办理。\n",
            "第一条　<script>alert(2)</script>按“A&B”办理。\n",
        );
        let html = c.render_html(false);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;alert(<del>1</del>)"));
        assert!(html.contains("alert(<ins>2</ins>)"));
        assert!(html.contains("A&amp;B"));
        assert!(html.contains("<td></td></tr>"));
    }
}
