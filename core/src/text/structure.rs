//! The structure of a legal text: 编, 分编, 章, 节, 条, 款, 项, 目.
//!
//! [`parse`] reads a document's text line by line and returns a [`Structure`]: the preamble
//! (title, 发文字号, 主送机关, 制定依据 and whatever else stands before the first heading), the
//! tree of numbered parts, and the closing of a GB/T 9704 document (附件 list, 发文机关署名,
//! 成文日期, notes such as `（此件公开发布）`). Offsets are byte offsets into the text given.
//!
//! What counts as a heading:
//!
//! - `第…编`, `第…分编`, `第…章`, `第…节` at the start of a short line without sentence
//!   punctuation, the title after it (`第三章 法律责任`).
//! - `第…条` (`第十条之一`) at the start of a line, after optional whitespace. A reference such as
//!   `第十二条规定的…` or `第五条修改为…` at the start of a line is not a heading, and neither is
//!   one inside a line (`依照本法第十二条规定`).
//! - A table of contents (目录) that lists the chapters before the text repeats them is skipped:
//!   it is reported as [`Structure::toc`] and creates no nodes.
//!
//! Inside an article, the text on the heading line is its first paragraph (款); every further
//! line that is not an item starts a new 款. `（一）` / `(一)` lines are 项 of the current 款,
//! `1.` `1．` `1、` lines are 目 of the current 项 (or of the 款 when no 项 is open). Lower
//! enumerations (`（1）`, `①`) and notes stay in the text of the item above them.
//!
//! Texts without articles (notices, opinions, amendment decisions) are read by their numbered
//! parts `一、` `二、`: each becomes a [`Level::Bufen`] node, with paragraphs, 项 and 目 inside it
//! as for an article, except that a paragraph after an item belongs to that item (the
//! paragraphs under `（一）加强组织领导`, the quoted text under `1.将第六条修改为：`). A text with
//! neither articles nor numbered parts has an empty body; its text is the preamble.
//!
//! A standalone `附则` line (as in the Criminal Law, between the last book and the last article)
//! ends the open books and chapters: the articles after it stand at the top level.

use serde::Serialize;
use time::Date;

use crate::text::normalize::fold_char;
use crate::text::numerals::{parse_chinese_number, to_chinese_number};

/// A level of the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 编 (book).
    Bian,
    /// 分编 (part of a book).
    FenBian,
    /// 章 (chapter).
    Zhang,
    /// 节 (section of a chapter).
    Jie,
    /// 条 (article).
    Tiao,
    /// A numbered part `一、` of a text without articles.
    Bufen,
    /// 款 (paragraph of an article).
    Kuan,
    /// 项 (item, `（一）`).
    Xiang,
    /// 目 (sub-item, `1.`).
    Mu,
}

impl Level {
    /// The Chinese name of the level: 编, 分编, 章, 节, 条, 部分, 款, 项, 目.
    pub fn label(self) -> &'static str {
        match self {
            Level::Bian => "编",
            Level::FenBian => "分编",
            Level::Zhang => "章",
            Level::Jie => "节",
            Level::Tiao => "条",
            Level::Bufen => "部分",
            Level::Kuan => "款",
            Level::Xiang => "项",
            Level::Mu => "目",
        }
    }

    /// The prefix of the level in Akoma Ntoso style ids: `book`, `part`, `chp`, `sec`, `art`,
    /// `dvs`, `para`, `point`, `subpoint`.
    pub fn eid_prefix(self) -> &'static str {
        match self {
            Level::Bian => "book",
            Level::FenBian => "part",
            Level::Zhang => "chp",
            Level::Jie => "sec",
            Level::Tiao => "art",
            Level::Bufen => "dvs",
            Level::Kuan => "para",
            Level::Xiang => "point",
            Level::Mu => "subpoint",
        }
    }

    /// Whether the level groups articles (编, 分编, 章, 节).
    pub fn is_container(self) -> bool {
        matches!(
            self,
            Level::Bian | Level::FenBian | Level::Zhang | Level::Jie
        )
    }

    /// Depth in the hierarchy; a smaller rank contains a larger one.
    fn rank(self) -> u8 {
        match self {
            Level::Bian => 0,
            Level::FenBian => 1,
            Level::Zhang => 2,
            Level::Jie => 3,
            Level::Tiao | Level::Bufen => 4,
            Level::Kuan => 5,
            Level::Xiang => 6,
            Level::Mu => 7,
        }
    }
}

/// One numbered part of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The level.
    pub level: Level,
    /// The number: 12 for 第十二条, 3 for `（三）`; paragraphs (款) are counted from 1.
    pub number: u32,
    /// The `之N` suffix: `Some(1)` for 第十条之一.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suffix: Option<u32>,
    /// The heading as written: `第三章 法律责任`, `第十条之一`, `（一）`, `1．`, `一、总体要求`.
    /// Empty for paragraphs.
    pub heading: String,
    /// The title after the number, for 编/章/节 and for numbered parts with a title line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// A stable id in the Akoma Ntoso style: `chp_3__art_12__para_2`, `art_10_1`.
    pub eid: String,
    /// Byte offset where the node starts (its heading, or the first character of a paragraph).
    pub start: usize,
    /// Byte offset just after the node's last character (trailing whitespace excluded).
    pub end: usize,
    /// The parts inside: chapters in a book, articles in a chapter, paragraphs in an article …
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
}

impl Node {
    fn new(level: Level, number: u32, suffix: Option<u32>, parent_eid: &str, start: usize) -> Node {
        Node {
            level,
            number,
            suffix,
            heading: String::new(),
            title: None,
            eid: child_eid(parent_eid, level, number, suffix),
            start,
            end: start,
            children: Vec::new(),
        }
    }

    /// The node's text, heading included. Empty when `source` is not the text it was parsed
    /// from.
    pub fn text<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// The article reference `(number, suffix)` for a 条.
    pub fn article_ref(&self) -> Option<(u32, Option<u32>)> {
        (self.level == Level::Tiao).then_some((self.number, self.suffix))
    }

    /// The paragraphs (款) of an article or numbered part.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter(|n| n.level == Level::Kuan)
    }

    /// This node and everything inside it, in document order.
    pub fn walk(&self) -> Walk<'_> {
        Walk { stack: vec![self] }
    }

    fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

fn child_eid(parent: &str, level: Level, number: u32, suffix: Option<u32>) -> String {
    let mut eid = String::with_capacity(parent.len() + 12);
    if !parent.is_empty() {
        eid.push_str(parent);
        eid.push_str("__");
    }
    eid.push_str(level.eid_prefix());
    eid.push('_');
    eid.push_str(&number.to_string());
    if let Some(s) = suffix {
        eid.push('_');
        eid.push_str(&s.to_string());
    }
    eid
}

/// A preorder walk over nodes.
#[derive(Debug, Clone)]
pub struct Walk<'a> {
    stack: Vec<&'a Node>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = &'a Node;

    fn next(&mut self) -> Option<&'a Node> {
        let node = self.stack.pop()?;
        self.stack.extend(node.children.iter().rev());
        Some(node)
    }
}

/// The closing of a document in the GB/T 9704 shape: 附件说明, 发文机关署名, 成文日期, notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closing {
    /// Byte offset where the closing starts.
    pub start: usize,
    /// Byte offset just after its last character.
    pub end: usize,
    /// The attachments listed (`附件：1．…`), numbering removed; or, when there is no list, the
    /// titles of attachments appended after the date (`附件1` and a title line).
    pub attachments: Vec<String>,
    /// The issuing bodies signing the document (one per name).
    pub signers: Vec<String>,
    /// The date the document was signed (成文日期).
    #[serde(serialize_with = "crate::model::serde_date::option::serialize")]
    pub signed: Option<Date>,
    /// Parenthesised notes after the date, without the brackets: `此件公开发布`, `联系人：…`.
    pub notes: Vec<String>,
}

/// The parsed structure of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Structure {
    /// Byte range of the text before the first heading of the body (title, 文号, 主送机关,
    /// 制定依据, a table of contents, the cover notice of measures issued with it). For a text
    /// without a body it is everything before the closing.
    pub preamble: Option<(usize, usize)>,
    /// Byte range of a table of contents (目录) inside the preamble.
    pub toc: Option<(usize, usize)>,
    /// The top-level nodes.
    pub body: Vec<Node>,
    /// The closing block. It usually follows the body; when a cover notice (印发通知) stands
    /// before the measures it issues and the text has no closing of its own at the end, it is
    /// the cover notice's signature, inside the preamble.
    pub closing: Option<Closing>,
}

impl Structure {
    /// Every node, in document order.
    pub fn nodes(&self) -> Walk<'_> {
        Walk {
            stack: self.body.iter().rev().collect(),
        }
    }

    /// All articles (条), in document order.
    pub fn articles(&self) -> impl Iterator<Item = &Node> {
        self.nodes().filter(|n| n.level == Level::Tiao)
    }

    /// The first article with this number and suffix.
    pub fn article(&self, number: u32, suffix: Option<u32>) -> Option<&Node> {
        self.articles()
            .find(|n| n.number == number && n.suffix == suffix)
    }

    /// The article containing a byte offset.
    pub fn article_at(&self, byte_offset: usize) -> Option<&Node> {
        self.path_at(byte_offset)
            .into_iter()
            .find(|n| n.level == Level::Tiao)
    }

    /// The nodes containing a byte offset, outermost first: `[第二章, 第十条, 款 2, （三）]`.
    pub fn path_at(&self, byte_offset: usize) -> Vec<&Node> {
        let mut path = Vec::new();
        let mut level: &[Node] = &self.body;
        while let Some(node) = level.iter().find(|n| n.contains(byte_offset)) {
            path.push(node);
            level = &node.children;
        }
        path
    }
}

/// `第十二条` for `(12, None)`, `第十条之一` for `(10, Some(1))`.
pub fn article_label(number: u32, suffix: Option<u32>) -> String {
    let mut s = String::from("第");
    s.push_str(&to_chinese_number(u64::from(number)));
    s.push('条');
    if let Some(k) = suffix {
        s.push('之');
        s.push_str(&to_chinese_number(u64::from(k)));
    }
    s
}

/// Reads an article reference: `12`, `第十二条`, `第12条`, `10之1`, `第十条之一`.
pub fn parse_article_ref(s: &str) -> Option<(u32, Option<u32>)> {
    let t = s.trim_matches(is_blank);
    let t = t.strip_prefix('第').unwrap_or(t);
    let (number, len) = take_numeral(t)?;
    let rest = &t[len..];
    let rest = rest.strip_prefix('条').unwrap_or(rest);
    let suffix = match rest.strip_prefix('之') {
        Some(after) => {
            let (k, len) = take_numeral(after)?;
            if len != after.len() || k == 0 {
                return None;
            }
            Some(k)
        }
        None if rest.is_empty() => None,
        None => return None,
    };
    (number > 0).then_some((number, suffix))
}

/// Parses the structure of a text. Never panics.
pub fn parse(text: &str) -> Structure {
    let lines = split_lines(text);
    Parser { lines }.run()
}

// ---------------------------------------------------------------------------------------------
// Lines

/// Whitespace for the purpose of lines: Unicode whitespace (ideographic and other wide spaces
/// included) and the zero-width characters found in published texts.
fn is_blank(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
        )
}

#[derive(Debug)]
struct Line<'a> {
    /// Byte offset of the first non-blank character.
    start: usize,
    /// Byte offset after the last non-blank character.
    end: usize,
    /// The line without leading and trailing blanks.
    text: &'a str,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Blank,
    /// 编/分编/章/节 heading.
    Container {
        level: Level,
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
    },
    /// 条 heading; `rest` is where the text after the label starts (in `text`).
    Article {
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
        rest: usize,
    },
    /// `一、`.
    Bufen {
        number: u32,
        label_len: usize,
        rest: usize,
    },
    /// `（一）`.
    Xiang {
        number: u32,
        label_len: usize,
    },
    /// `1.`.
    Mu {
        number: u32,
        label_len: usize,
    },
    /// `（1）`, `①`: stays in the text of the item above.
    SubItem,
    /// `目录`.
    Toc,
    /// A standalone `附则`.
    Fuze,
    /// `附件：…`, `附件1`, `附件`.
    Attachment,
    /// A line that is only a date.
    Date(Date),
    /// `（此件公开发布）`.
    Note,
    Plain,
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for raw in text.split('\n') {
        let line_start = pos;
        pos += raw.len() + 1;
        let left = raw.trim_start_matches(is_blank);
        let trimmed = left.trim_end_matches(is_blank);
        let start = line_start + (raw.len() - left.len());
        lines.push(Line {
            start,
            end: start + trimmed.len(),
            text: trimmed,
            kind: classify(trimmed),
        });
    }
    lines
}

fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '零' | '〇'
                | '○'
                | '一'
                | '二'
                | '三'
                | '四'
                | '五'
                | '六'
                | '七'
                | '八'
                | '九'
                | '十'
                | '百'
                | '千'
                | '万'
                | '两'
        )
}

fn is_chinese_numeral_char(c: char) -> bool {
    is_numeral_char(c) && !c.is_ascii_digit() && !('０'..='９').contains(&c)
}

fn is_digit_char(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// A numeral at the start of `s`: its value and byte length.
fn take_numeral(s: &str) -> Option<(u32, usize)> {
    take_numeral_where(s, is_numeral_char)
}

fn take_numeral_where(s: &str, accept: fn(char) -> bool) -> Option<(u32, usize)> {
    let end = s
        .char_indices()
        .find(|&(_, c)| !accept(c))
        .map_or(s.len(), |(i, _)| i);
    // Article numbers have at most a handful of characters; a long run is not a number.
    if end == 0 || end > 36 {
        return None;
    }
    let folded: String = s[..end].chars().map(fold_char).collect();
    let n = parse_chinese_number(&folded)?;
    Some((u32::try_from(n).ok()?, end))
}

/// Text right after `第N条` that makes it a reference rather than a heading.
const CONTINUATIONS: &[&str] = &[
    "、",
    "，",
    "。",
    "；",
    "）",
    ")",
    "”",
    "\"",
    "》",
    "〉",
    ",",
    ".",
    ";",
    "至",
    "到",
    "和",
    "及",
    "或",
    "与",
    "的",
    "第",
    "款",
    "项",
    "条",
    "之",
    "并",
    "规定",
    "修改",
    "修正",
    "增加",
    "删除",
    "删去",
    "调整",
    "作为",
    "中的",
    "中“",
    "中规定",
    "中，",
    "后增加",
    "后面",
    "前增加",
    "所称",
    "所列",
    "所指",
    "所规定",
    "所述",
    "以外",
    "以下",
    "以上",
    "项下",
];

/// Characters that a heading line of 编/章/节 never contains.
fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '。' | '，' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '!' | '?'
    )
}

fn classify(t: &str) -> Kind {
    let Some(first) = t.chars().next() else {
        return Kind::Blank;
    };
    match first {
        '第' => numbered_heading(t).unwrap_or(Kind::Plain),
        '（' | '(' => paren_item(t),
        '附' => {
            if only_chars(t, "附则") {
                Kind::Fuze
            } else if is_attachment_line(t) {
                Kind::Attachment
            } else {
                Kind::Plain
            }
        }
        '目' if only_chars(t, "目录") => Kind::Toc,
        '①'..='⑳' => Kind::SubItem,
        c if is_digit_char(c) => {
            if let Some(d) = date_line(t) {
                return Kind::Date(d);
            }
            mu_item(t).unwrap_or(Kind::Plain)
        }
        c if is_chinese_numeral_char(c) => {
            if let Some(d) = date_line(t) {
                return Kind::Date(d);
            }
            bufen(t).unwrap_or(Kind::Plain)
        }
        _ => Kind::Plain,
    }
}

/// Whether `t`, blanks removed, is exactly `word`.
fn only_chars(t: &str, word: &str) -> bool {
    t.chars().filter(|&c| !is_blank(c)).eq(word.chars())
}

fn numbered_heading(t: &str) -> Option<Kind> {
    let after_di = t.strip_prefix('第')?;
    let (number, len) = take_numeral(after_di)?;
    if number == 0 {
        return None;
    }
    let after = &after_di[len..];
    let (level, unit_len) = if after.starts_with("分编") {
        (Level::FenBian, "分编".len())
    } else {
        let level = match after.chars().next()? {
            '编' => Level::Bian,
            '章' => Level::Zhang,
            '节' => Level::Jie,
            '条' => Level::Tiao,
            _ => return None,
        };
        // 编, 章, 节 and 条 are three bytes each.
        (level, '条'.len_utf8())
    };
    let mut label_len = '第'.len_utf8() + len + unit_len;
    let mut suffix = None;
    if let Some(after_zhi) = t[label_len..].strip_prefix('之')
        && let Some((k, klen)) = take_numeral(after_zhi)
        && k > 0
    {
        suffix = Some(k);
        label_len += '之'.len_utf8() + klen;
    }
    let rest = &t[label_len..];
    let rest_trimmed = rest.trim_start_matches(is_blank);
    let spaced = rest_trimmed.len() < rest.len() || rest.is_empty();
    if !spaced && CONTINUATIONS.iter().any(|c| rest.starts_with(c)) {
        return None;
    }
    if level == Level::Tiao {
        return Some(Kind::Article {
            number,
            suffix,
            label_len,
            rest: t.len() - rest_trimmed.len(),
        });
    }
    // A 编/章/节 heading is a short line with a title, not a sentence.
    if t.chars().count() > 60 || t.chars().any(is_sentence_punct) {
        return None;
    }
    Some(Kind::Container {
        level,
        number,
        suffix,
        label_len,
    })
}

fn paren_item(t: &str) -> Kind {
    let Some(open) = t.chars().next() else {
        return Kind::Plain;
    };
    let inner = &t[open.len_utf8()..];
    if inner.starts_with("此件") && is_parenthesised(t) {
        return Kind::Note;
    }
    let closing = |s: &str| s.chars().next().filter(|&c| c == '）' || c == ')');
    if let Some((number, len)) = take_numeral_where(inner, is_chinese_numeral_char)
        && number > 0
        && let Some(close) = closing(&inner[len..])
    {
        return Kind::Xiang {
            number,
            label_len: open.len_utf8() + len + close.len_utf8(),
        };
    }
    if let Some((_, len)) = take_numeral_where(inner, is_digit_char)
        && closing(&inner[len..]).is_some()
    {
        return Kind::SubItem;
    }
    Kind::Plain
}

fn mu_item(t: &str) -> Option<Kind> {
    let (number, len) = take_numeral_where(t, is_digit_char)?;
    let after = &t[len..];
    let punct = after.chars().next()?;
    if !matches!(punct, '.' | '．' | '、') {
        return None;
    }
    let next = after[punct.len_utf8()..].chars().next();
    // `1.5倍` is a number, not an item.
    if next.is_some_and(is_digit_char) || number == 0 {
        return None;
    }
    Some(Kind::Mu {
        number,
        label_len: len + punct.len_utf8(),
    })
}

fn bufen(t: &str) -> Option<Kind> {
    let (number, len) = take_numeral_where(t, is_chinese_numeral_char)?;
    let after = t[len..].strip_prefix('、')?;
    if number == 0 {
        return None;
    }
    let label_len = len + '、'.len_utf8();
    let rest = after.trim_start_matches(is_blank);
    Some(Kind::Bufen {
        number,
        label_len,
        rest: t.len() - rest.len(),
    })
}

fn is_attachment_line(t: &str) -> bool {
    let Some(after) = t.strip_prefix("附件") else {
        return false;
    };
    let after = after.trim_start_matches(is_blank);
    if after.is_empty() || after.starts_with('：') || after.starts_with(':') {
        return true;
    }
    match take_numeral(after) {
        Some((_, len)) => {
            let rest = after[len..].trim_start_matches(is_blank);
            rest.is_empty() || rest.starts_with('：') || rest.starts_with(':')
        }
        None => false,
    }
}

/// A line that is only a date: `2024年5月29日`, `二〇二四年五月二十九日`.
fn date_line(t: &str) -> Option<Date> {
    let body = t.strip_suffix('日')?;
    let (y, rest) = body.split_once('年')?;
    let (m, d) = rest.split_once('月')?;
    let part = |s: &str| -> Option<u32> {
        let s = s.trim_matches(is_blank);
        let (n, len) = take_numeral(s)?;
        (len == s.len()).then_some(n)
    };
    let y_trim = y.trim_matches(is_blank);
    if y_trim.chars().count() != 4 {
        return None;
    }
    let (year, month, day) = (part(y)?, part(m)?, part(d)?);
    crate::date::parse_date("signed", &format!("{year:04}-{month:02}-{day:02}")).ok()
}

/// Drops blanks between two CJK characters (`总 则` → `总则`) and turns other blank runs into one
/// space.
fn normalize_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_blank = false;
    for c in s.trim_matches(is_blank).chars() {
        if is_blank(c) {
            pending_blank = true;
            continue;
        }
        if pending_blank {
            let prev_wide = out.chars().next_back().is_some_and(|p| !p.is_ascii());
            if !prev_wide || c.is_ascii() {
                out.push(' ');
            }
            pending_blank = false;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The parser

struct Parser<'a> {
    lines: Vec<Line<'a>>,
}

/// Whether the text is read by articles or by numbered parts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Articles,
    Parts,
    Plain,
}

impl<'a> Parser<'a> {
    fn run(self) -> Structure {
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
    fn span(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let lines = self.lines.get(from..to)?;
        let first = lines.iter().find(|l| l.kind != Kind::Blank)?;
        let last = lines.iter().rev().find(|l| l.kind != Kind::Blank)?;
        Some((first.start, last.end))
    }

    /// Finds a table of contents before the first unit `u`. Returns the TOC's line range
    /// (inclusive) and the line where the body starts.
    fn find_toc(&self, u: usize) -> (Option<(usize, usize)>, Option<usize>) {
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
    fn find_tail(&self, from: usize) -> Option<usize> {
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
    fn signers_above(&self, date: usize, floor: usize) -> usize {
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
    fn cover_closing(&self, before: usize) -> Option<Closing> {
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

    /// Reads the closing in lines `[from, to)`: an attachment list (附件说明), the signature,
    /// the date, notes, then attachments appended after them.
    fn closing(&self, from: usize, to: usize) -> Option<Closing> {
        let (start, end) = self.span(from, to)?;
        let mut c = Closing {
            start,
            end,
            attachments: Vec::new(),
            signers: Vec::new(),
            signed: None,
            notes: Vec::new(),
        };
        let mut state = ClosingState::Start;
        let mut candidates: Vec<&str> = Vec::new();
        let mut appended: Vec<String> = Vec::new();
        for line in &self.lines[from..to] {
            let text = line.text;
            state = match (state, &line.kind) {
                (state, Kind::Blank) => state,
                // An attachment line opens the list, or (after the list, the signature or the
                // date) an attachment appended to the document.
                (ClosingState::Start, Kind::Attachment) => match attachment_item(text) {
                    Some(item) => {
                        c.attachments.push(item);
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
                        appended.push(item);
                        ClosingState::Appended { title_next: false }
                    }
                    None => ClosingState::Appended { title_next: true },
                },
                (ClosingState::ListHead | ClosingState::List, Kind::Mu { label_len, .. }) => {
                    let item = text[*label_len..].trim_matches(is_blank);
                    if !item.is_empty() {
                        c.attachments.push(item.to_owned());
                    }
                    ClosingState::List
                }
                // A long attachment title wrapped onto the next line.
                (ClosingState::List, Kind::Plain)
                    if c.attachments.last().is_some_and(|t| unbalanced(t)) =>
                {
                    if let Some(last) = c.attachments.last_mut() {
                        last.push_str(text);
                    }
                    ClosingState::List
                }
                // `附件` alone and a title line: an attachment appended without a list.
                (ClosingState::ListHead, Kind::Plain) if is_signer_like(text) => {
                    appended.push(text.to_owned());
                    ClosingState::Appended { title_next: false }
                }
                (
                    ClosingState::Start | ClosingState::List | ClosingState::Signature,
                    Kind::Plain,
                ) if is_signer_like(text) => {
                    candidates.push(text);
                    ClosingState::Signature
                }
                (
                    ClosingState::Start | ClosingState::List | ClosingState::Signature,
                    Kind::Date(d),
                ) => {
                    c.signed = Some(*d);
                    for name in candidates.drain(..) {
                        c.signers.extend(
                            name.split(is_blank)
                                .filter(|s| !s.is_empty())
                                .map(str::to_owned),
                        );
                    }
                    ClosingState::Dated
                }
                (ClosingState::Appended { .. }, _) => match line.kind {
                    Kind::Plain
                        if matches!(state, ClosingState::Appended { title_next: true })
                            && is_signer_like(text) =>
                    {
                        appended.push(text.to_owned());
                        ClosingState::Appended { title_next: false }
                    }
                    _ => ClosingState::Appended { title_next: false },
                },
                (state, _) if is_parenthesised(text) => {
                    let inner = &text[first_len(text)..text.len() - last_len(text)];
                    c.notes.push(inner.trim_matches(is_blank).to_owned());
                    state
                }
                (ClosingState::Dated, _) => ClosingState::Dated,
                // Anything else before the date is the text of an attachment.
                _ => ClosingState::Appended { title_next: false },
            };
        }
        for title in appended {
            if !c.attachments.contains(&title) {
                c.attachments.push(title);
            }
        }
        Some(c)
    }

    fn build(&self, from: usize, to: usize, mode: Mode) -> Vec<Node> {
        let mut tree = Tree::default();
        for line in &self.lines[from..to] {
            match line.kind {
                Kind::Blank => {}
                Kind::Container {
                    level,
                    number,
                    suffix,
                    label_len,
                } => {
                    tree.close_unit();
                    while tree
                        .stack
                        .last()
                        .is_some_and(|top| top.level.rank() >= level.rank())
                    {
                        tree.pop();
                    }
                    let parent = tree.stack.last().map_or("", |n| n.eid.as_str());
                    let mut node = Node::new(level, number, suffix, parent, line.start);
                    node.end = line.end;
                    let label = &line.text[..label_len];
                    let title = normalize_title(&line.text[label_len..]);
                    node.heading = if title.is_empty() {
                        label.to_owned()
                    } else {
                        format!("{label} {title}")
                    };
                    node.title = (!title.is_empty()).then_some(title);
                    tree.stack.push(node);
                }
                Kind::Fuze if mode == Mode::Articles => {
                    tree.close_unit();
                    while !tree.stack.is_empty() {
                        tree.pop();
                    }
                }
                Kind::Article {
                    number,
                    suffix,
                    label_len,
                    rest,
                } if mode == Mode::Articles => {
                    tree.close_unit();
                    let parent = tree.stack.last().map_or("", |n| n.eid.as_str());
                    let mut node = Node::new(Level::Tiao, number, suffix, parent, line.start);
                    node.end = line.end;
                    node.heading = line.text[..label_len].to_owned();
                    let mut unit = Unit::new(node);
                    if rest < line.text.len() {
                        unit.paragraph(line.start + rest, line.end);
                    }
                    tree.unit = Some(unit);
                }
                Kind::Bufen {
                    number,
                    label_len,
                    rest,
                } if mode == Mode::Parts => {
                    tree.close_unit();
                    let parent = tree.stack.last().map_or("", |n| n.eid.as_str());
                    let mut node = Node::new(Level::Bufen, number, None, parent, line.start);
                    node.end = line.end;
                    let after = &line.text[rest..];
                    let mut unit = if is_part_title(after) {
                        let title = normalize_title(after);
                        node.heading = format!("{}{}", &line.text[..label_len], title);
                        node.title = Some(title);
                        Unit::new(node)
                    } else {
                        node.heading = line.text[..label_len].to_owned();
                        let mut unit = Unit::new(node);
                        if !after.is_empty() {
                            unit.paragraph(line.start + rest, line.end);
                        }
                        unit
                    };
                    unit.node.end = line.end;
                    tree.unit = Some(unit);
                }
                ref kind => match tree.unit.as_mut() {
                    Some(unit) => unit.line(line, kind),
                    None => {
                        if let Some(top) = tree.stack.last_mut() {
                            top.end = top.end.max(line.end);
                        }
                    }
                },
            }
        }
        tree.close_unit();
        while !tree.stack.is_empty() {
            tree.pop();
        }
        tree.roots
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ClosingState {
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
fn unbalanced(t: &str) -> bool {
    let open = t.chars().filter(|&c| c == '（' || c == '(').count();
    let close = t.chars().filter(|&c| c == '）' || c == ')').count();
    open > close
}

fn first_len(s: &str) -> usize {
    s.chars().next().map_or(0, char::len_utf8)
}

fn last_len(s: &str) -> usize {
    s.chars().next_back().map_or(0, char::len_utf8)
}

fn is_parenthesised(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('('))
        && (t.ends_with('）') || t.ends_with(')'))
        && t.len() > 2
}

/// A short line without sentence punctuation: a body's name in a signature, a title.
fn is_signer_like(t: &str) -> bool {
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
fn is_part_title(after: &str) -> bool {
    !after.is_empty() && after.chars().count() <= 30 && !after.chars().any(is_sentence_punct)
}

/// Whether an attachment line carries a number: `附件1`, `附件二：…`.
fn attachment_numbered(t: &str) -> bool {
    t.strip_prefix("附件")
        .is_some_and(|after| take_numeral(after.trim_start_matches(is_blank)).is_some())
}

/// The attachment named on an `附件：…` line, numbering removed.
fn attachment_item(t: &str) -> Option<String> {
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

#[derive(Default)]
struct Tree {
    roots: Vec<Node>,
    stack: Vec<Node>,
    unit: Option<Unit>,
}

impl Tree {
    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => {
                parent.end = parent.end.max(node.end);
                parent.children.push(node);
            }
            None => self.roots.push(node),
        }
    }

    fn close_unit(&mut self) {
        if let Some(unit) = self.unit.take() {
            let node = unit.finish();
            self.attach(node);
        }
    }

    fn pop(&mut self) {
        if let Some(node) = self.stack.pop() {
            self.attach(node);
        }
    }
}

/// An article (or numbered part) being read, with its open paragraph, item and sub-item.
struct Unit {
    node: Node,
    /// In numbered parts, a paragraph after an item belongs to the item (`（一）加强组织领导` and
    /// the paragraphs under it); in articles it starts a new 款.
    items_hold_paragraphs: bool,
    paragraphs: u32,
    kuan: Option<Node>,
    xiang: Option<Node>,
    mu: Option<Node>,
}

impl Unit {
    fn new(node: Node) -> Unit {
        Unit {
            items_hold_paragraphs: node.level == Level::Bufen,
            node,
            paragraphs: 0,
            kuan: None,
            xiang: None,
            mu: None,
        }
    }

    fn line(&mut self, line: &Line<'_>, kind: &Kind) {
        match *kind {
            Kind::Xiang { number, label_len } => {
                self.close_xiang();
                let parent = self.kuan.as_ref().unwrap_or(&self.node);
                let mut node = Node::new(Level::Xiang, number, None, &parent.eid, line.start);
                node.heading = line.text[..label_len].to_owned();
                node.end = line.end;
                self.xiang = Some(node);
            }
            Kind::Mu { number, label_len } => {
                self.close_mu();
                let parent = self
                    .xiang
                    .as_ref()
                    .or(self.kuan.as_ref())
                    .unwrap_or(&self.node);
                let mut node = Node::new(Level::Mu, number, None, &parent.eid, line.start);
                node.heading = line.text[..label_len].to_owned();
                node.end = line.end;
                self.mu = Some(node);
            }
            Kind::Plain
                if self.items_hold_paragraphs && (self.mu.is_some() || self.xiang.is_some()) =>
            {
                self.extend_deepest(line.end);
            }
            Kind::SubItem | Kind::Note | Kind::Date(_) => self.extend_deepest(line.end),
            Kind::Blank => {}
            _ => self.paragraph(line.start, line.end),
        }
    }

    fn extend_deepest(&mut self, end: usize) {
        let deepest = self
            .mu
            .as_mut()
            .or(self.xiang.as_mut())
            .or(self.kuan.as_mut())
            .unwrap_or(&mut self.node);
        deepest.end = deepest.end.max(end);
    }

    fn paragraph(&mut self, start: usize, end: usize) {
        self.close_kuan();
        self.paragraphs += 1;
        let mut node = Node::new(Level::Kuan, self.paragraphs, None, &self.node.eid, start);
        node.end = end;
        self.kuan = Some(node);
    }

    fn close_mu(&mut self) {
        if let Some(mu) = self.mu.take() {
            let parent = self
                .xiang
                .as_mut()
                .or(self.kuan.as_mut())
                .unwrap_or(&mut self.node);
            parent.end = parent.end.max(mu.end);
            parent.children.push(mu);
        }
    }

    fn close_xiang(&mut self) {
        self.close_mu();
        if let Some(xiang) = self.xiang.take() {
            let parent = self.kuan.as_mut().unwrap_or(&mut self.node);
            parent.end = parent.end.max(xiang.end);
            parent.children.push(xiang);
        }
    }

    fn close_kuan(&mut self) {
        self.close_xiang();
        if let Some(kuan) = self.kuan.take() {
            self.node.end = self.node.end.max(kuan.end);
            self.node.children.push(kuan);
        }
    }

    fn finish(mut self) -> Node {
        self.close_kuan();
        self.node
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    const BANFA: &str = include_str!("../../../fixtures/text/guifanxing_wenjian_guanli_banfa.txt");
    const GUIZE: &str = include_str!("../../../fixtures/text/cailiang_jizhun_shiyong_guize.txt");
    const GUIDING: &str = include_str!("../../../fixtures/text/qingwei_weifa_bu_chufa_guiding.txt");
    const JUEDING: &str = include_str!("../../../fixtures/text/xiugai_jueding.txt");
    const TONGZHI: &str = include_str!("../../../fixtures/text/qingli_gongzuo_tongzhi.txt");

    fn refs(s: &Structure) -> Vec<(u32, Option<u32>)> {
        s.articles().filter_map(Node::article_ref).collect()
    }

    fn counts(node: &Node, level: Level) -> usize {
        node.walk().filter(|n| n.level == level).count()
    }

    /// Every node lies inside its parent, after its previous sibling, on char boundaries.
    fn assert_nested(text: &str, nodes: &[Node], lo: usize, hi: usize) {
        let mut prev = lo;
        for n in nodes {
            assert!(
                prev <= n.start && n.start <= n.end && n.end <= hi,
                "{}",
                n.eid
            );
            assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
            assert_nested(text, &n.children, n.start, n.end);
            prev = n.end;
        }
    }

    #[test]
    fn measures_with_chapters_sections_and_closing() {
        let s = parse(BANFA);
        let numbers: Vec<_> = (1..=10).map(|n| (n, None)).collect();
        let mut expected = numbers;
        expected.push((10, Some(1)));
        expected.push((11, None));
        assert_eq!(refs(&s), expected);

        let chapters: Vec<_> = s.body.iter().map(|n| n.heading.as_str()).collect();
        assert_eq!(
            chapters,
            [
                "第一章 总则",
                "第二章 制定程序",
                "第三章 备案与监督",
                "第四章 附则"
            ]
        );
        let sections: Vec<_> = s.body[1]
            .children
            .iter()
            .map(|n| n.heading.as_str())
            .collect();
        assert_eq!(sections, ["第一节 起草", "第二节 审核与决定"]);

        // The preamble holds the title, 文号, 主送机关 and the 制定依据 paragraph.
        let (a, b) = s.preamble.expect("preamble");
        let preamble = &BANFA[a..b];
        assert!(preamble.starts_with("潜江市人民政府关于印发"));
        assert!(preamble.contains("潜政规〔2024〕3号"));
        assert!(preamble.contains("各区镇处、市直各部门："));
        assert!(preamble.ends_with("制定本办法。"));
        assert_eq!(s.toc, None);

        let art4 = s.article(4, None).expect("第四条");
        assert_eq!(art4.eid, "chp_2__sec_1__art_4");
        assert_eq!(art4.paragraphs().count(), 2);
        assert_eq!(counts(art4, Level::Xiang), 4);
        assert_eq!(counts(art4, Level::Mu), 3);
        let item3 = &art4.children[0].children[2];
        assert_eq!(item3.heading, "（三）");
        assert_eq!(item3.eid, "chp_2__sec_1__art_4__para_1__point_3");
        assert_eq!(
            item3.children[1].eid,
            "chp_2__sec_1__art_4__para_1__point_3__subpoint_2"
        );
        assert!(art4.children[1].text(BANFA).starts_with("违反前款规定的"));

        let added = s.article(10, Some(1)).expect("第十条之一");
        assert_eq!(added.heading, "第十条之一");
        assert_eq!(added.eid, "chp_3__art_10_1");
        assert_eq!(added.paragraphs().count(), 2);
        assert_eq!(s.article(5, None).map(|n| n.paragraphs().count()), Some(2));

        // The last article ends before the attachment list.
        let last = s.article(11, None).expect("第十一条");
        assert!(last.text(BANFA).ends_with("同时废止。"));

        let closing = s.closing.as_ref().expect("closing");
        assert_eq!(
            closing.attachments,
            [
                "潜江市行政规范性文件备案报告（样式）",
                "潜江市行政规范性文件清理结果统计表"
            ]
        );
        assert_eq!(closing.signers, ["潜江市人民政府"]);
        assert_eq!(closing.signed, Some(date!(2024 - 05 - 29)));
        assert_eq!(closing.notes, ["此件公开发布"]);
        assert!(BANFA[closing.start..].starts_with("附件："));
        assert_nested(BANFA, &s.body, 0, BANFA.len());
    }

    #[test]
    fn cover_notice_table_of_contents_and_joint_signers() {
        let s = parse(GUIZE);
        assert_eq!(refs(&s), (1..=6).map(|n| (n, None)).collect::<Vec<_>>());
        // The 目录 block creates no chapters.
        assert_eq!(s.body.len(), 3);
        let (a, b) = s.toc.expect("toc");
        assert!(GUIZE[a..b].starts_with("目　录"));
        assert!(GUIZE[a..b].ends_with("第三章　附　则"));
        let (_, preamble_end) = s.preamble.expect("preamble");
        assert_eq!(preamble_end, b);

        // A line starting with a reference to an article is a paragraph, not an article.
        let art3 = s.article(3, None).expect("第三条");
        assert_eq!(art3.eid, "chp_2__sec_1__art_3");
        assert_eq!(art3.paragraphs().count(), 3);
        assert_eq!(counts(art3, Level::Xiang), 3);
        assert_eq!(art3.children[0].children[0].heading, "(一)");
        assert!(
            art3.children[1]
                .text(GUIZE)
                .starts_with("第十二条第一款规定的")
        );

        // The signature of the cover notice is the closing, inside the preamble.
        let closing = s.closing.as_ref().expect("closing");
        assert_eq!(closing.signers, ["潜江市司法局", "潜江市市场监督管理局"]);
        assert_eq!(closing.signed, Some(date!(2024 - 06 - 12)));
        assert_eq!(closing.notes, ["此件公开发布"]);
        assert!(closing.attachments.is_empty());
        assert!(closing.end < s.body[0].start);
        assert_nested(GUIZE, &s.body, 0, GUIZE.len());
    }

    #[test]
    fn flat_articles_items_without_points_and_appended_attachment() {
        let s = parse(GUIDING);
        assert_eq!(refs(&s), (1..=5).map(|n| (n, None)).collect::<Vec<_>>());
        assert_eq!(s.body[0].eid, "art_1");
        let art3 = s.article(3, None).expect("第三条");
        assert_eq!(art3.paragraphs().count(), 2);
        let first = &art3.children[0];
        // 目 directly in a 款 when no 项 is open; （1） stays in the text of the 目 above.
        assert_eq!(first.children.len(), 3);
        assert!(first.children.iter().all(|n| n.level == Level::Mu));
        assert!(
            first.children[2]
                .text(GUIDING)
                .ends_with("（2）当场改正的。")
        );
        assert_eq!(first.children[2].eid, "art_3__para_1__subpoint_3");

        let closing = s.closing.as_ref().expect("closing");
        assert_eq!(closing.attachments, ["轻微违法行为不予处罚清单"]);
        assert_eq!(closing.signers, ["潜江市城市管理执法局"]);
        assert_eq!(closing.signed, Some(date!(2024 - 07 - 10)));
        assert_eq!(closing.notes, ["此件公开发布"]);
        assert_eq!(closing.end, GUIDING.trim_end().len());
        assert!(
            s.article(5, None)
                .is_some_and(|n| n.text(GUIDING).ends_with("7月31日。"))
        );
    }

    #[test]
    fn amendment_is_read_by_numbered_parts() {
        let s = parse(JUEDING);
        // Quoted articles and line-start references (`第十一条作为第十二条。`) are not articles.
        assert_eq!(s.articles().count(), 0);
        let parts: Vec<_> = s
            .body
            .iter()
            .map(|n| (n.level, n.number, n.heading.as_str()))
            .collect();
        assert_eq!(
            parts,
            [
                (Level::Bufen, 1, "一、"),
                (Level::Bufen, 2, "二、"),
                (Level::Bufen, 3, "三、"),
                (Level::Bufen, 4, "四、"),
            ]
        );
        assert_eq!(s.body[1].paragraphs().count(), 3);
        assert!(
            s.body[1].children[1]
                .text(JUEDING)
                .starts_with("“第七条之一")
        );
        assert_eq!(s.body[3].paragraphs().count(), 3);
        let closing = s.closing.as_ref().expect("closing");
        assert_eq!(closing.signed, Some(date!(2025 - 03 - 03)));
        assert_eq!(closing.signers, ["潜江市人民政府"]);
    }

    #[test]
    fn notice_without_articles() {
        let s = parse(TONGZHI);
        assert_eq!(s.articles().count(), 0);
        let titles: Vec<_> = s.body.iter().map(|n| n.heading.as_str()).collect();
        assert_eq!(titles, ["一、清理范围", "二、清理标准", "三、工作要求"]);
        assert_eq!(s.body[0].title.as_deref(), Some("清理范围"));
        assert_eq!(s.body[0].paragraphs().count(), 1);
        // 项 right under the title line belong to the part itself.
        assert_eq!(s.body[1].children.len(), 3);
        assert_eq!(s.body[1].children[2].eid, "dvs_2__point_3");
        assert_eq!(counts(&s.body[1], Level::Mu), 3);
        let closing = s.closing.as_ref().expect("closing");
        assert_eq!(closing.attachments.len(), 2);
        assert_eq!(closing.signers, ["潜江市人民政府办公室"]);
        assert_eq!(closing.signed, Some(date!(2024 - 06 - 05)));
        assert!(s.body[2].text(TONGZHI).ends_with("向社会公布。"));
    }

    #[test]
    fn paragraphs_under_an_item_of_a_numbered_part_belong_to_it() {
        let text = "各单位：\n一、工作要求\n请各单位高度重视。\n（一）加强组织领导\n各单位要明确责任。\n主要负责人亲自抓。\n（二）按时报送\n1.将第六条修改为：\n“第六条 ……”\n二、其他\n本通知自印发之日起施行。\n";
        let s = parse(text);
        let part = &s.body[0];
        assert_eq!(part.paragraphs().count(), 1);
        let items: Vec<_> = part.children[0]
            .children
            .iter()
            .map(|n| n.heading.as_str())
            .collect();
        assert_eq!(items, ["（一）", "（二）"]);
        assert!(
            part.children[0].children[0]
                .text(text)
                .ends_with("主要负责人亲自抓。")
        );
        let mu = &part.children[0].children[1].children[0];
        assert!(mu.text(text).ends_with("“第六条 ……”"));
        // In an article the same lines are 款.
        let s = parse("第一条 总述。\n（一）甲；\n下一款。\n");
        assert_eq!(s.body[0].paragraphs().count(), 2);
    }

    #[test]
    fn plain_letter_is_all_preamble() {
        let text = "关于同意设立某某中心的批复\n\n市发展改革委：\n\n你委《关于设立某某中心的请示》收悉。经研究，同意设立。\n\n潜江市人民政府\n2024年3月1日\n";
        let s = parse(text);
        assert!(s.body.is_empty());
        let (a, b) = s.preamble.expect("preamble");
        assert!(text[a..b].ends_with("同意设立。"));
        let closing = s.closing.expect("closing");
        assert_eq!(closing.signers, ["潜江市人民政府"]);
        assert_eq!(closing.signed, Some(date!(2024 - 03 - 01)));
    }

    #[test]
    fn books_parts_and_a_table_of_contents() {
        let text = "目录\n第一编 总则\n第一章 基本规定\n第二章 自然人\n第二编 物权\n第一分编 通则\n第一章 一般规定\n\n\
                    第一编 总则\n第一章 基本规定\n第一条 为了保护民事主体的合法权益，制定本法。\n第二条 民法调整平等主体之间的关系。\n\
                    第二章 自然人\n第三条 自然人的民事权利能力一律平等。\n\
                    第二编 物权\n第一分编　通则\n第一章 一般规定\n第四条 本编调整物的归属和利用。\n";
        let s = parse(text);
        assert!(s.toc.is_some());
        assert_eq!(s.body.len(), 2);
        assert_eq!(s.body[0].heading, "第一编 总则");
        assert_eq!(s.body[0].children.len(), 2);
        let art4 = s.article(4, None).expect("第四条");
        assert_eq!(art4.eid, "book_2__part_1__chp_1__art_4");
        let path: Vec<_> = s.path_at(art4.start + 3).iter().map(|n| n.level).collect();
        assert_eq!(
            path,
            [Level::Bian, Level::FenBian, Level::Zhang, Level::Tiao]
        );
    }

    #[test]
    fn a_standalone_fuze_closes_the_open_books() {
        let text = "第二编 分则\n第一章 罪名\n第四百五十一条 本法所称战时……\n附则\n第四百五十二条 本法自1997年10月1日起施行。\n";
        let s = parse(text);
        assert_eq!(s.body.len(), 2);
        assert_eq!(s.body[1].eid, "art_452");
        assert!(
            s.body[0].children[0].children[0]
                .text(text)
                .ends_with("战时……")
        );
    }

    #[test]
    fn only_line_start_headings_count() {
        let text = "第一条 依照本法第十二条规定处理。\n第十二条规定的期限，依照第二条执行。\n  第二条　本条例自公布之日起施行。\n第３条 全角数字也是条。\n第4条：阿拉伯数字。\n第五条修改为：……\n第六条之规定\n";
        let s = parse(text);
        assert_eq!(refs(&s), [(1, None), (2, None), (3, None), (4, None)]);
        assert_eq!(s.article(1, None).map(|n| n.paragraphs().count()), Some(2));
    }

    #[test]
    fn article_at_finds_the_article_of_an_offset() {
        let s = parse(BANFA);
        let at = BANFA.find("暂缓办理备案登记").expect("phrase");
        assert_eq!(s.article_at(at).map(|n| n.number), Some(9));
        let at = BANFA.find("清理结果分为").expect("phrase");
        let path = s.path_at(at);
        assert_eq!(
            path.last().map(|n| n.eid.as_str()),
            Some("chp_3__art_10_1__para_2")
        );
        assert_eq!(
            s.article_at(at).and_then(Node::article_ref),
            Some((10, Some(1)))
        );
        let preamble = BANFA.find("各区镇处").expect("phrase");
        assert_eq!(s.article_at(preamble), None);
        assert_eq!(s.article_at(BANFA.len() + 10), None);
    }

    #[test]
    fn labels_and_references() {
        assert_eq!(article_label(12, None), "第十二条");
        assert_eq!(article_label(10, Some(1)), "第十条之一");
        assert_eq!(article_label(105, None), "第一百零五条");
        for (s, r) in [
            ("12", (12, None)),
            ("第十二条", (12, None)),
            ("第12条", (12, None)),
            ("10之1", (10, Some(1))),
            ("第十条之一", (10, Some(1))),
            (" 第一百二十三条 ", (123, None)),
            ("１２", (12, None)),
        ] {
            assert_eq!(parse_article_ref(s), Some(r), "{s}");
        }
        for s in [
            "",
            "第条",
            "十二条款",
            "0",
            "第十条之",
            "第十条之零",
            "abc",
            "第十条第二款",
        ] {
            assert_eq!(parse_article_ref(s), None, "{s}");
        }
    }

    #[test]
    fn serializes_to_json() {
        let s = parse(GUIDING);
        let v = serde_json::to_value(&s).expect("json");
        assert_eq!(v["body"][0]["level"], "tiao");
        assert_eq!(v["body"][0]["eid"], "art_1");
        assert_eq!(v["closing"]["signed"], "2024-07-10");
        assert!(v["body"][0].get("suffix").is_none());
    }

    #[test]
    fn long_and_flat_texts_stay_fast() {
        let mut text = "第一章 总则\n".repeat(30_000);
        text.push_str(&"第一条 正文，依照本法第二条规定。\n（一）项；\n1．目；\n".repeat(30_000));
        text.push_str(&"《某某条例》第十条".repeat(30_000));
        let started = std::time::Instant::now();
        let s = parse(&text);
        assert_eq!(s.articles().count(), 30_000);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert_eq!(parse(""), Structure::default());
        assert!(parse("\n\n\u{3000}\n").preamble.is_none());
        let s = parse("第一条");
        assert_eq!(refs(&s), [(1, None)]);
        assert_eq!(s.body[0].paragraphs().count(), 0);
        let s = parse("第一章\n第二章\n");
        assert_eq!(s.body.len(), 2);
    }

    const FRAGMENTS: &[&str] = &[
        "第一章　总　则",
        "第二章 法律责任",
        "第一编 总则",
        "第一分编",
        "第三节",
        "第一条　",
        "第十条之一 ",
        "第二条规定的",
        "（一）",
        "(二)",
        "1．",
        "2、",
        "（1）",
        "①",
        "一、",
        "二、总体要求",
        "目录",
        "目　录",
        "附则",
        "附件：",
        "附件1",
        "1．某某表",
        "潜江市人民政府",
        "2024年5月29日",
        "二〇二四年五月二十九日",
        "（此件公开发布）",
        "《中华人民共和国行政处罚法》",
        "（国办发〔2023〕27号）",
        "根据",
        "制定本办法。",
        "\n",
        "\n\n",
        "\u{3000}\u{3000}",
        " ",
        "\r\n",
        "　",
        "\u{200b}",
        "。",
        "，",
        "条",
        "第",
        "之",
        "十",
        "〔2024〕",
        "〕",
        "（",
        "）",
    ];

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            let st = parse(&s);
            assert_nested(&s, &st.body, 0, s.len());
        }

        #[test]
        fn never_panics_on_legal_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)) {
            let s: String = parts.concat();
            let st = parse(&s);
            assert_nested(&s, &st.body, 0, s.len());
            for a in st.articles() {
                prop_assert!(s[a.start..].starts_with('第'));
            }
            if let Some(c) = &st.closing {
                prop_assert!(c.start <= c.end && c.end <= s.len());
            }
        }

        #[test]
        fn article_references_round_trip(n in 1u32..100_000, suffix in prop::option::of(1u32..20)) {
            prop_assert_eq!(parse_article_ref(&article_label(n, suffix)), Some((n, suffix)));
            let arabic = match suffix {
                Some(k) => format!("{n}之{k}"),
                None => n.to_string(),
            };
            prop_assert_eq!(parse_article_ref(&arabic), Some((n, suffix)));
        }

        #[test]
        fn every_line_start_heading_is_an_article(numbers in prop::collection::vec((1u32..500, prop::option::of(1u32..5)), 1..30)) {
            let text: String = numbers
                .iter()
                .map(|&(n, s)| format!("{}　正文，依照本法第{}条规定。\n", article_label(n, s), n + 1))
                .collect();
            let st = parse(&text);
            prop_assert_eq!(refs(&st), numbers);
        }
    }
}
