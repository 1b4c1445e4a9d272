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
//! Articles of a text numbered `一、` `二、`: many 行政规范性文件 (实施意见, 工作方案, 通知) number
//! their provisions `一、` instead of `第一条`, and their readers cite them as articles. The rule:
//!
//! - the units a text is cited by ([`Structure::article_units`]) are its articles (条); in a text
//!   with no `第…条` heading at all, they are its numbered parts: the `一、` lines at the start of
//!   a line (after optional whitespace), each up to the next one, a 编/章/节 heading or the
//!   closing. `（一）` lines inside a part are its 项 and `1.` lines their 目: they are never units.
//! - one `第…条` heading anywhere in the body makes the text a text of articles, so that a list
//!   `一、` `二、` inside an article (or in the cover notice of measures) is read as paragraphs
//!   of that article, never as articles.
//! - a part is asked for by its number, as an article is: `2`, `二`, `二、`, `第二部分` or
//!   `第二条` all name `二、`; its label is `第二部分` ([`Node::unit_label`]), as 部分 is the
//!   level's name ([`Level::label`]).
//!
//! A standalone `附则` line (as in the Criminal Law, between the last book and the last article)
//! ends the open books and chapters: the articles after it stand at the top level.

mod closing;
mod lines;
mod parser;
#[cfg(test)]
mod tests;
mod tree;

use crate::text::chars::is_blank;
use crate::text::chars::take_numeral;
use serde::Serialize;
use time::Date;

use crate::text::numerals::to_chinese_number;

use lines::split_lines;
use parser::Parser;

/// A level of the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

    /// How the node is cited when it is an article unit: `第十条之一` for an article,
    /// `第二部分` for a numbered part `二、`; `None` for the other levels.
    pub fn unit_label(&self) -> Option<String> {
        match self.level {
            Level::Tiao => Some(article_label(self.number, self.suffix)),
            Level::Bufen => Some(part_label(self.number)),
            _ => None,
        }
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

    /// The units the text is cited by, in document order: its articles (条), or, in a text
    /// without articles, its numbered parts (`一、`), which such documents use as articles
    /// (see the module's documentation for the rule).
    pub fn article_units(&self) -> impl Iterator<Item = &Node> {
        // The parser reads a text by articles as soon as it has one, so a text's body holds
        // articles or numbered parts, never both.
        self.nodes()
            .filter(|n| matches!(n.level, Level::Tiao | Level::Bufen))
    }

    /// The first article unit with this number and suffix: an article, or in a text without
    /// articles, a numbered part (`(2, None)` for `二、`).
    pub fn article(&self, number: u32, suffix: Option<u32>) -> Option<&Node> {
        self.article_units()
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

/// `第二部分` for the numbered part `二、` of a text without articles.
pub fn part_label(number: u32) -> String {
    let mut s = String::from("第");
    s.push_str(&to_chinese_number(u64::from(number)));
    s.push_str(Level::Bufen.label());
    s
}

/// Reads an article reference: `12`, `第十二条`, `第12条`, `10之1`, `第十条之一`; and, for the
/// numbered parts of a text without articles, `二、` and `第二部分`.
pub fn parse_article_ref(s: &str) -> Option<(u32, Option<u32>)> {
    let t = s.trim_matches(is_blank);
    if let Some(part) = t.strip_suffix('、') {
        let (number, len) = take_numeral(part)?;
        return (len == part.len() && number > 0).then_some((number, None));
    }
    let t = t.strip_prefix('第').unwrap_or(t);
    let (number, len) = take_numeral(t)?;
    let rest = &t[len..];
    if rest == Level::Bufen.label() {
        return (number > 0).then_some((number, None));
    }
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

/// Whether a line is a `第…条` heading as the parser reads it (blanks around it allowed): a
/// text with one has articles, and its `一、` lines are not article units.
pub fn is_article_line(line: &str) -> bool {
    matches!(
        lines::classify(line.trim_matches(is_blank)),
        lines::Kind::Article { .. }
    )
}

/// The number of a numbered part's line (`二、重点任务`: 2) as the parser reads it.
pub fn part_number(line: &str) -> Option<u32> {
    match lines::classify(line.trim_matches(is_blank)) {
        lines::Kind::Bufen { number, .. } => Some(number),
        _ => None,
    }
}

/// Whether a line starts the attachments (`附件：…`, `附件1`, `附件`) as the parser reads it; a
/// sentence such as `附件所列任务…` does not.
pub fn is_attachment_line(line: &str) -> bool {
    lines::is_attachment_line(line.trim_matches(is_blank))
}

/// Parses the structure of a text. Never panics.
pub fn parse(text: &str) -> Structure {
    let lines = split_lines(text);
    Parser { lines }.run()
}
