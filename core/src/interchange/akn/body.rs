//! A version's text as the parts of an Akoma Ntoso document, and the text again from any
//! Akoma Ntoso document.
//!
//! Writing: the text is cut where the structure parser found its parts ([`from_text`]): the
//! lines before the first heading become the `preface` (up to the title line) and the
//! `preamble`; each 编/章/节/条/款/项/目 a `book`/`chapter`/`section`/`article`/`paragraph`/
//! `point` with its `num`, `heading` and lines; the lines after the body the `conclusions`.
//!
//! Reading ([`read_text`]): every block of the document (`p`, a `num` with its `heading`)
//! becomes one line, in document order, `meta` and notes left out. A `num` without a heading
//! starts the first line of what it numbers: `第一条` + `　` + the first paragraph, `（一）` +
//! the item. Lines are joined with line breaks. How the number and the line are joined, and
//! whether a blank line stands between lines, is the [`Layout`]; a text that no layout
//! rebuilds exactly travels beside the body (see the `akn` module).

use std::collections::HashSet;

use time::Date;

use super::tree::{Element, Node, Ns};
use crate::date::parse_date;
use crate::model::DocNumber;
use crate::text::structure::{Level, Node as TextNode, Structure};

/// How lines are joined when a text is rebuilt from its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Line breaks between two lines: 1, or 2 for a blank line between paragraphs.
    pub gap: usize,
    /// Between an article's number and its text: `第一条　为了…`.
    pub article_sep: String,
    /// Between a chapter's number and its title: `第一章　总则`.
    pub heading_sep: String,
    /// Line breaks after the last line.
    pub trailing: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            gap: 1,
            article_sep: "\u{3000}".to_owned(),
            heading_sep: "\u{3000}".to_owned(),
            trailing: 0,
        }
    }
}

impl Layout {
    /// What stands between two lines.
    pub fn line_break(&self) -> String {
        "\n".repeat(self.gap.max(1))
    }

    fn join(&self, lines: &[String]) -> String {
        let mut text = lines.join(&self.line_break());
        text.push_str(&"\n".repeat(self.trailing));
        text
    }

    /// What stands between a number and the text after it.
    fn separator(&self, num: &str, next: &str) -> &str {
        let Some(last) = num.chars().last() else {
            return "";
        };
        let next_ascii = next.chars().next().is_some_and(|c| c.is_ascii_graphic());
        if last.is_ascii() {
            return if next_ascii && (last.is_ascii_alphanumeric() || ".):".contains(last)) {
                " "
            } else {
                ""
            };
        }
        if "、．。，：；）】」』〕〉》".contains(last) {
            return "";
        }
        if last == '条' || num.contains("条之") {
            &self.article_sep
        } else {
            &self.heading_sep
        }
    }

    fn numbered(&self, num: &str, line: &str) -> String {
        format!("{num}{}{line}", self.separator(num, line))
    }
}

/// What marks a line of the preface or the conclusions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// An ordinary line.
    Plain,
    /// The document's title (`docTitle`).
    DocTitle,
    /// The document's 文号 (`docNumber`).
    DocNumber,
    /// A date alone on its line (`date`), such as the 成文日期.
    Date(Date),
}

/// A line outside the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line as the text writes it.
    pub text: String,
    /// What the line is.
    pub mark: Mark,
}

/// A numbered part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The Akoma Ntoso element.
    pub tag: &'static str,
    /// Its eId, unique in the document (`chp_1__art_3`).
    pub eid: String,
    /// Its number as written (`第三条`, `（一）`), when it has one.
    pub num: Option<String>,
    /// Its title (`总则` of `第一章　总则`), when it has one.
    pub heading: Option<String>,
    /// Lines before the parts inside (with parts) or the whole text (without).
    pub lines: Vec<String>,
    /// The parts inside, in order.
    pub children: Vec<Part>,
    /// Lines after the parts inside.
    pub wrap_up: Vec<String>,
}

/// A text cut into the parts of an Akoma Ntoso document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    /// The lines before the body up to the title line.
    pub preface: Vec<Line>,
    /// The lines between the title and the first numbered part.
    pub preamble: Vec<Line>,
    /// The numbered parts (or one `hcontainer` for a text without them).
    pub parts: Vec<Part>,
    /// The lines after the body: signature, date, notes.
    pub conclusions: Vec<Line>,
}

fn tag_of(level: Level) -> &'static str {
    match level {
        Level::Bian => "book",
        Level::FenBian => "part",
        Level::Zhang => "chapter",
        Level::Jie => "section",
        Level::Tiao => "article",
        Level::Bufen => "division",
        Level::Kuan => "paragraph",
        Level::Xiang | Level::Mu => "point",
    }
}

/// The lines of a slice: split at line breaks (`brk`), a final break not starting another
/// line.
fn lines_of(s: &str, brk: &str) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    let s = s.strip_suffix(brk).unwrap_or(s);
    s.split(brk).map(str::to_owned).collect()
}

/// Drops the one line break that separates a slice from what stands before it.
fn after_break<'a>(s: &'a str, brk: &str) -> &'a str {
    s.strip_prefix(brk).unwrap_or(s)
}

fn is_inline_blank(c: char) -> bool {
    c != '\n' && (c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
}

/// `第一章` of `第一章　总则`: up to and including the unit word after the numeral.
fn container_num(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('第')?;
    for unit in ["分编", "编", "章", "节"] {
        if let Some(i) = rest.find(unit) {
            let numeral = &rest[..i];
            if !numeral.is_empty() && numeral.chars().all(|c| !is_inline_blank(c)) {
                return Some('第'.len_utf8() + i + unit.len());
            }
        }
    }
    None
}

fn node_part(text: &str, node: &TextNode, brk: &str, used: &mut HashSet<String>) -> Part {
    let own_end = node.children.first().map_or(node.end, |c| c.start);
    let own = text.get(node.start..own_end).unwrap_or("");
    let mut num = None;
    let mut heading = None;
    let mut rest = own;
    if node.level.is_container() {
        let (line, after) = own.split_once(brk).unwrap_or((own, ""));
        if let Some(n) = container_num(line) {
            num = Some(line[..n].to_owned());
            let title = line[n..].trim_start_matches(is_inline_blank);
            heading = (!title.is_empty()).then(|| title.to_owned());
            rest = after;
        }
    } else if node.level == Level::Bufen && node.title.is_some() {
        let (line, after) = own.split_once(brk).unwrap_or((own, ""));
        let title = node.title.as_deref().unwrap_or("");
        if let Some(n) = line.strip_suffix(title) {
            let n = n.trim_end_matches(is_inline_blank);
            if !n.is_empty() && !title.is_empty() {
                num = Some(n.to_owned());
                heading = Some(title.to_owned());
                rest = after;
            }
        }
    } else if !node.heading.is_empty() && own.starts_with(&node.heading) {
        num = Some(node.heading.clone());
        rest = own[node.heading.len()..].trim_start_matches(is_inline_blank);
    }
    let (children, previous_end) = parts_of(text, &node.children, brk, used, &|i| {
        format!("{}__hcontainer_{}", node.eid, i)
    });
    let wrap_up = match previous_end {
        Some(end) => lines_of(after_break(text.get(end..node.end).unwrap_or(""), brk), brk),
        None => Vec::new(),
    };
    Part {
        tag: tag_of(node.level),
        eid: unique(used, node.eid.clone()),
        num,
        heading,
        lines: lines_of(rest, brk),
        children,
        wrap_up,
    }
}

/// The parts of a run of sibling nodes, with an `hcontainer` for any text between two of
/// them (`gap_eid(i)` names the one before node `i`); also the end of the last node.
fn parts_of(
    text: &str,
    nodes: &[TextNode],
    brk: &str,
    used: &mut HashSet<String>,
    gap_eid: &dyn Fn(usize) -> String,
) -> (Vec<Part>, Option<usize>) {
    let mut parts = Vec::new();
    let mut previous_end: Option<usize> = None;
    for (i, node) in nodes.iter().enumerate() {
        if let Some(end) = previous_end {
            let gap = text.get(end..node.start).unwrap_or("");
            if !gap.trim().is_empty() {
                let eid = unique(used, gap_eid(i));
                parts.push(Part {
                    tag: "hcontainer",
                    eid,
                    num: None,
                    heading: None,
                    lines: lines_of(after_break(gap, brk), brk),
                    children: Vec::new(),
                    wrap_up: Vec::new(),
                });
            }
        }
        parts.push(node_part(text, node, brk, used));
        previous_end = Some(node.end);
    }
    (parts, previous_end)
}

/// An eId not used before in the document (a text may number two parts alike).
fn unique(used: &mut HashSet<String>, eid: String) -> String {
    if used.insert(eid.clone()) {
        return eid;
    }
    let mut n = 2;
    loop {
        let candidate = format!("{eid}_{n}");
        if used.insert(candidate.clone()) {
            return candidate;
        }
        n += 1;
    }
}

fn marked(lines: Vec<String>, title: &str, number: Option<&str>, upto_title: bool) -> Vec<Line> {
    lines
        .into_iter()
        .map(|text| {
            let t = text.trim();
            let mark = if upto_title && t == title.trim() {
                Mark::DocTitle
            } else if upto_title
                && number.is_some()
                && DocNumber::parse(t).ok().as_ref().map(|n| n.canonical()) == number
            {
                Mark::DocNumber
            } else if !upto_title
                && t.chars().count() <= 16
                && t.ends_with('日')
                && let Ok(d) = parse_date("date", t)
            {
                Mark::Date(d)
            } else {
                Mark::Plain
            };
            Line { text, mark }
        })
        .collect()
}

/// Splits the lines before the body at the title line: the preface ends with it.
fn split_preface(lines: Vec<String>, title: &str) -> (Vec<String>, Vec<String>) {
    let at = lines
        .iter()
        .take(8)
        .position(|l| l.trim() == title.trim() && !title.trim().is_empty());
    match at {
        Some(i) => {
            let mut preface = lines;
            let preamble = preface.split_off(i + 1);
            (preface, preamble)
        }
        None => (Vec::new(), lines),
    }
}

/// Cuts a text into the parts of a document, its lines as the layout breaks them; see the
/// module documentation.
pub fn from_text(
    text: &str,
    s: &Structure,
    title: &str,
    number: Option<&str>,
    layout: &Layout,
) -> Body {
    let brk = layout.line_break();
    let brk = brk.as_str();
    // The line breaks at the very end are the layout's, not a line's.
    let ends = text.len() - text.trim_end_matches('\n').len();
    let text = &text[..text.len() - ends.min(layout.trailing)];
    let (Some(first), Some(last)) = (s.body.first(), s.body.last()) else {
        return unnumbered(text, s, title, number, brk);
    };
    let mut used = HashSet::new();
    let (parts, _) = parts_of(text, &s.body, brk, &mut used, &|i| {
        format!("hcontainer_{i}")
    });
    let before = text.get(..first.start).unwrap_or("");
    let after = after_break(text.get(last.end..).unwrap_or(""), brk);
    let (preface, preamble) = split_preface(lines_of(before, brk), title);
    Body {
        preface: marked(preface, title, number, true),
        preamble: marked(preamble, title, number, false)
            .into_iter()
            .map(|l| Line {
                mark: Mark::Plain,
                ..l
            })
            .collect(),
        parts,
        conclusions: marked(lines_of(after, brk), title, number, false),
    }
}

/// A text without numbered parts: the lines after the title are the body, the closing stays
/// the conclusions.
fn unnumbered(text: &str, s: &Structure, title: &str, number: Option<&str>, brk: &str) -> Body {
    let cut = s
        .closing
        .as_ref()
        .filter(|c| c.start > 0 && c.start <= text.len() && text[..c.start].ends_with('\n'))
        .map_or(text.len(), |c| c.start);
    let (preface, rest) = split_preface(lines_of(&text[..cut], brk), title);
    let body = Part {
        tag: "hcontainer",
        eid: "hcontainer_1".to_owned(),
        num: None,
        heading: None,
        lines: if rest.is_empty() {
            vec![String::new()]
        } else {
            rest
        },
        children: Vec::new(),
        wrap_up: Vec::new(),
    };
    Body {
        preface: marked(preface, title, number, true),
        preamble: Vec::new(),
        parts: vec![body],
        conclusions: marked(
            lines_of(after_break(&text[cut..], brk), brk),
            title,
            number,
            false,
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

/// An article (or section) read from a document body, by line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadArticle {
    /// The article's number (3 for 第三条).
    pub number: u32,
    /// The `之N` of 第十条之一.
    pub suffix: Option<u32>,
    /// Its eId (or 2.0 `id`) in the document; empty when it has none.
    pub eid: String,
    /// The index of its first line in the text read.
    pub first_line: usize,
    /// The index of its last line in the text read.
    pub last_line: usize,
    /// The headings of the 编/章/节 it stands in, outermost first.
    pub path: Vec<String>,
}

/// The text read from a document, with its articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadText {
    /// The text, its lines joined as the layout says.
    pub text: String,
    /// Articles with their byte ranges in `text`.
    pub articles: Vec<(ReadArticle, usize, usize)>,
}

/// Elements whose content is no part of the text.
const SKIPPED: &[&str] = &[
    "meta",
    "authorialNote",
    "noteRef",
    "componentRef",
    "documentRef",
    "img",
    "eop",
    "marker",
    "popup",
];

/// Elements that are one line each.
const LINES: &[&str] = &[
    "p",
    "block",
    "li",
    "td",
    "th",
    "listIntroduction",
    "listWrapUp",
    "tocItem",
];

/// Whitespace of the XML layout: a run of spaces, tabs and line breaks that holds a tab or a
/// line break becomes one space, or nothing at either end. Runs of spaces alone are kept.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, at_end: bool| {
        if run.is_empty() {
            return;
        }
        if run.contains(['\n', '\t', '\r']) {
            if !out.is_empty() && !at_end {
                out.push(' ');
            }
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            run.push(c);
        } else {
            flush(&mut run, &mut out, false);
            out.push(c);
        }
    }
    flush(&mut run, &mut out, true);
    out
}

fn gather(e: &Element, out: &mut String) {
    if !matches!(e.ns, Ns::Akn(_)) || SKIPPED.contains(&e.name.as_str()) {
        return;
    }
    if e.name == "eol" || e.name == "br" {
        out.push('\n');
        return;
    }
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Element(c) => gather(c, out),
        }
    }
}

/// The text of an element, its layout whitespace normalised.
pub fn text_of(e: &Element) -> String {
    let mut s = String::new();
    gather(e, &mut s);
    normalize(&s)
}

struct Walker<'a> {
    layout: &'a Layout,
    lines: Vec<String>,
    articles: Vec<ReadArticle>,
    path: Vec<String>,
    unit: &'static str,
}

impl Walker<'_> {
    fn walk(&mut self, e: &Element) {
        if !matches!(e.ns, Ns::Akn(_)) || SKIPPED.contains(&e.name.as_str()) {
            return;
        }
        let num = e.child("num").map(text_of);
        let heading = e.child("heading").map(text_of);
        let subheading = e.child("subheading").map(text_of);
        if num.is_some() || heading.is_some() || subheading.is_some() {
            let start = self.lines.len();
            let head = match (&num, &heading) {
                (Some(n), Some(h)) => Some(self.layout.numbered(n, h)),
                (None, Some(h)) => Some(h.clone()),
                _ => None,
            };
            if let Some(h) = &head {
                self.lines.push(h.clone());
            }
            if let Some(s) = &subheading {
                self.lines.push(s.clone());
            }
            let pushed_path = head.is_some() && e.name != self.unit;
            if let Some(h) = head.as_ref().filter(|_| pushed_path) {
                self.path.push(h.clone());
            }
            let before = self.lines.len();
            for c in e.elements() {
                if !(c.is("num") || c.is("heading") || c.is("subheading")) {
                    self.walk(c);
                }
            }
            if pushed_path {
                self.path.pop();
            }
            if let (Some(n), None) = (&num, &heading) {
                if self.lines.len() > before {
                    let first = std::mem::take(&mut self.lines[before]);
                    self.lines[before] = self.layout.numbered(n, &first);
                } else {
                    self.lines.push(n.clone());
                }
            }
            if e.name == self.unit && self.lines.len() > start {
                let label = num.as_deref().unwrap_or("");
                if let Some((number, suffix)) = article_number(label) {
                    self.articles.push(ReadArticle {
                        number,
                        suffix,
                        eid: e
                            .attr("eId")
                            .or_else(|| e.attr("id"))
                            .unwrap_or("")
                            .to_owned(),
                        first_line: start,
                        last_line: self.lines.len() - 1,
                        path: self.path.clone(),
                    });
                }
            }
            return;
        }
        if LINES.contains(&e.name.as_str()) || e.has_text() {
            self.lines.push(text_of(e));
            return;
        }
        for c in e.elements() {
            self.walk(c);
        }
    }
}

/// The number of an article or section: `第十条之一` → (10, 1); `Art. 2-bis.` → (2, 1);
/// `SECTION 12.` → (12, None).
pub fn article_number(num: &str) -> Option<(u32, Option<u32>)> {
    if let Some(r) = crate::text::structure::parse_article_ref(num.trim()) {
        return Some(r);
    }
    let start = num.find(|c: char| c.is_ascii_digit())?;
    let digits: String = num[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let number: u32 = digits.parse().ok()?;
    let rest = num[start + digits.len()..]
        .trim_start_matches(['-', ' ', '.'])
        .to_ascii_lowercase();
    const LATIN: [&str; 9] = [
        "bis",
        "ter",
        "quater",
        "quinquies",
        "sexies",
        "septies",
        "octies",
        "novies",
        "decies",
    ];
    let suffix = LATIN
        .iter()
        .position(|w| rest.starts_with(w))
        .map(|i| i as u32 + 1);
    (number > 0).then_some((number, suffix))
}

/// The body elements of the document types.
const BODIES: &[&str] = &[
    "body",
    "mainBody",
    "judgmentBody",
    "debateBody",
    "amendmentBody",
    "collectionBody",
    "portionBody",
];

/// Reads the text of a document element (`act`, `bill`, `doc`, `judgment` …) and its
/// articles; sections stand for articles in documents that have none.
pub fn read_text(doc: &Element, layout: &Layout) -> ReadText {
    read_with_components(doc, None, layout)
}

/// Reads the text of a document and then of the `components` beside it (the documents of a
/// `documentCollection`, each without its `meta`).
pub fn read_with_components(
    doc: &Element,
    components: Option<&Element>,
    layout: &Layout,
) -> ReadText {
    let is_article = |e: &Element| e.is("article") && e.child("num").is_some();
    let has_articles = doc.find(&is_article).is_some()
        || components.is_some_and(|c| c.find(&is_article).is_some());
    let mut w = Walker {
        layout,
        lines: Vec::new(),
        articles: Vec::new(),
        path: Vec::new(),
        unit: if has_articles { "article" } else { "section" },
    };
    for c in doc.elements() {
        if c.is("meta") {
            continue;
        }
        if BODIES.contains(&c.name.as_str()) {
            for part in c.elements() {
                w.walk(part);
            }
        } else {
            w.walk(c);
        }
    }
    if let Some(c) = components {
        w.walk(c);
    }
    let sep = "\n".repeat(layout.gap.max(1));
    let mut offsets = Vec::with_capacity(w.lines.len());
    let mut at = 0usize;
    for (i, l) in w.lines.iter().enumerate() {
        if i > 0 {
            at += sep.len();
        }
        offsets.push((at, at + l.len()));
        at += l.len();
    }
    let articles = w
        .articles
        .into_iter()
        .filter_map(|a| {
            let start = offsets.get(a.first_line)?.0;
            let end = offsets.get(a.last_line)?.1;
            Some((a, start, end))
        })
        .collect();
    ReadText {
        text: layout.join(&w.lines),
        articles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_join_their_text_by_kind() {
        let l = Layout::default();
        assert_eq!(l.numbered("第一条", "为了"), "第一条\u{3000}为了");
        assert_eq!(l.numbered("（一）", "不履行"), "（一）不履行");
        assert_eq!(l.numbered("1．", "将"), "1．将");
        assert_eq!(l.numbered("1.", "将"), "1.将");
        assert_eq!(l.numbered("SECTION 1.", "SHORT"), "SECTION 1. SHORT");
        assert_eq!(l.numbered("(a)", "means"), "(a) means");
        assert_eq!(l.numbered("一、", "清理范围"), "一、清理范围");
    }

    #[test]
    fn layout_whitespace_is_normalised() {
        assert_eq!(
            normalize("\n   This Act\n   may be cited  "),
            "This Act may be cited  "
        );
        assert_eq!(normalize("第一条\u{3000}为了"), "第一条\u{3000}为了");
        assert_eq!(normalize("  two  spaces"), "  two  spaces");
    }

    #[test]
    fn article_numbers_of_other_languages() {
        assert_eq!(article_number("第十条之一"), Some((10, Some(1))));
        assert_eq!(article_number("Art. 2-bis."), Some((2, Some(1))));
        assert_eq!(article_number("SECTION 12."), Some((12, None)));
        assert_eq!(article_number("Article 3"), Some((3, None)));
        assert_eq!(article_number("Preamble"), None);
    }
}
