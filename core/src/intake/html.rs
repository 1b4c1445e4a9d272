//! Web pages (`.html`, `.htm`) as government portals publish them.
//!
//! HTML is not XML: the page is parsed by html5ever (through `scraper`) as a browser would,
//! after decoding it. The charset is taken from a byte order mark, else from the page's
//! declaration in its first 4 KiB (`<meta charset>`, `<meta http-equiv … charset=>`, an XML
//! declaration), `GB2312` and `GBK` included; a page that declares none is detected as plain
//! text is ([`super::plain`]), with a warning.
//!
//! - The metadata table (信息公开目录 block): every cell (`td`, `th`, `li`, `dt`, `dd`, `p`,
//!   `div`) whose text starts with a label — 索引号, 主题分类, 发文机关 (发布机构), 成文日期,
//!   发布日期, 发文字号 (文号), 有效性, 标题 (名称) — followed by `：`, or that is only the label;
//!   the value is the rest of the cell, else the next cell's text. Blanks inside the cell are
//!   dropped. The block holding two or more such cells is left out of the text.
//! - The article body: the element whose `id` or `class` names a known container of Chinese
//!   government portals (`TRS_Editor`, `zoom`, `pages_content`, `article-content`,
//!   `xxgk_content`, `content`, `article`, `xxgk`, in that order of preference) and holds text;
//!   else the element with the most paragraph text. Its text becomes lines: block elements
//!   (`p`, `div`, `br`, headings, list items, rows) end a line, a row's cells are joined with a
//!   tab, runs of spaces become one, lines are trimmed and empty lines dropped. Scripts and
//!   styles are not text.
//! - The page's title: `<meta name="ArticleTitle">`, else the first `h1`, else an element of
//!   class `title`, else `<title>` up to a site name after ` - `, `_` or `|`.
//!
//! Limits: the file size ([`Limits::max_file_bytes`]), the nodes of the page
//! ([`Limits::max_elements`]) and its nesting ([`Limits::max_depth`]).

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use encoding_rs::Encoding;
use scraper::{Html, Node};

use super::layout::{dates_in, is_blank};
use super::{Field, Limits, PortalMeta, Read, Source};
use crate::error::{DocumentError, Error, Result};

/// Reads a web page's bytes.
pub(crate) fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Read> {
    let (text, encoding, mut warnings) = decode(name, bytes)?;
    let page = Html::parse_document(&text);
    check_limits(name, &page, limits)?;
    let cells = cells(&page);
    let (portal, meta_block) = portal(&page, &cells, &mut warnings);
    let body = find_body(&page, meta_block);
    let lines = match body {
        Some(id) => lines_of(&page, id, meta_block),
        None => Vec::new(),
    };
    if lines.is_empty() {
        warnings.push("no article text found on the page".to_owned());
    }
    let page_title = page_title(&page);
    Ok(Read {
        lines,
        encoding: Some(encoding),
        portal,
        page_title,
        warnings,
        ..Read::default()
    })
}

fn decode(name: &str, bytes: &[u8]) -> Result<(String, String, Vec<String>)> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(Error::document(
                name,
                None,
                DocumentError::Encoding,
                format!(
                    "the bytes are not valid {} as the byte order mark says",
                    enc.name()
                ),
            ));
        }
        return Ok((text.into_owned(), enc.name().to_owned(), Vec::new()));
    }
    if let Some(enc) = declared_charset(bytes) {
        // A page declaring UTF-16 without a BOM is read as the declaration says.
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let mut warnings = Vec::new();
        if had_errors {
            let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(format!(
                "{bad} byte sequences are not valid {} as the page declares; they read as `\u{FFFD}`",
                enc.name()
            ));
        }
        return Ok((text.into_owned(), enc.name().to_owned(), warnings));
    }
    let (text, enc, mut warnings) = super::plain::decode(name, bytes)?;
    if enc != "UTF-8" {
        warnings.push(format!("the page declares no charset; detected {enc}"));
    }
    Ok((text, enc.to_owned(), warnings))
}

/// The charset a page declares in its first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    for key in [&b"charset"[..], b"encoding"] {
        let mut from = 0;
        while let Some(i) = find(&lower[from..], key) {
            let mut j = from + i + key.len();
            while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
                j += 1;
            }
            let start = j;
            while j < lower.len()
                && (lower[j].is_ascii_alphanumeric()
                    || matches!(lower[j], b'-' | b'_' | b':' | b'.'))
            {
                j += 1;
            }
            if j > start
                && lower[start..j].iter().any(u8::is_ascii_alphanumeric)
                && let Some(enc) = Encoding::for_label(&lower[start..j])
            {
                return Some(enc);
            }
            from = from + i + key.len();
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn check_limits(name: &str, page: &Html, limits: &Limits) -> Result<()> {
    let mut nodes = 0usize;
    let mut depth = 0usize;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(_) => {
                nodes += 1;
                depth += 1;
                if nodes > limits.max_elements {
                    return Err(Error::document(
                        name,
                        None,
                        DocumentError::Limit,
                        format!("the page has more than {} nodes", limits.max_elements),
                    ));
                }
                if depth > limits.max_depth {
                    return Err(Error::document(
                        name,
                        None,
                        DocumentError::Limit,
                        format!(
                            "the page nests elements deeper than {} levels",
                            limits.max_depth
                        ),
                    ));
                }
            }
            Edge::Close(_) => depth = depth.saturating_sub(1),
        }
    }
    Ok(())
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "head", "template", "iframe", "object", "svg",
];
const CELLS: &[&str] = &[
    "td", "th", "li", "dt", "dd", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// A box of text of the page: a cell's own text (without the text of cells inside it).
#[derive(Debug)]
struct Cell {
    id: NodeId,
    text: String,
}

fn element_name(node: &Node) -> Option<&str> {
    match node {
        Node::Element(e) => Some(e.name()),
        _ => None,
    }
}

/// The page's cells in document order.
fn cells(page: &Html) -> Vec<Cell> {
    let mut open: Vec<(usize, NodeId, String)> = Vec::new();
    let mut done: Vec<(usize, Cell)> = Vec::new();
    let mut order = 0usize;
    let mut skip = 0usize;
    for edge in page.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                let name = element_name(n.value());
                if skip > 0 || name.is_some_and(|x| SKIPPED.contains(&x)) {
                    if name.is_some() {
                        skip += 1;
                    }
                    continue;
                }
                if let Some(x) = name
                    && CELLS.contains(&x)
                {
                    open.push((order, n.id(), String::new()));
                    order += 1;
                } else if let Node::Text(t) = n.value()
                    && let Some(top) = open.last_mut()
                {
                    top.2.push_str(t);
                }
            }
            Edge::Close(n) => {
                let name = element_name(n.value());
                if skip > 0 {
                    if name.is_some() {
                        skip -= 1;
                    }
                    continue;
                }
                if name.is_some_and(|x| CELLS.contains(&x))
                    && let Some((at, id, text)) = open.pop()
                {
                    let text: String = text.chars().filter(|&c| !is_blank(c)).collect();
                    if !text.is_empty() {
                        done.push((at, Cell { id, text }));
                    }
                }
            }
        }
    }
    done.sort_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, c)| c).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Label {
    IndexNo,
    Topic,
    Issuer,
    Signed,
    Published,
    DocNumber,
    Validity,
    Title,
}

/// Labels and their spellings; longer spellings first where one contains another.
const LABELS: &[(&str, Label)] = &[
    ("索引号", Label::IndexNo),
    ("主题分类", Label::Topic),
    ("发文机关", Label::Issuer),
    ("发布机构", Label::Issuer),
    ("发布机关", Label::Issuer),
    ("发文单位", Label::Issuer),
    ("成文日期", Label::Signed),
    ("成文时间", Label::Signed),
    ("发布日期", Label::Published),
    ("发布时间", Label::Published),
    ("公开日期", Label::Published),
    ("发文字号", Label::DocNumber),
    ("文号", Label::DocNumber),
    ("有效性", Label::Validity),
    ("效力状态", Label::Validity),
    ("文件名称", Label::Title),
    ("标题", Label::Title),
    ("名称", Label::Title),
];

/// The labels in a cell's text: (label, spelling, value start, value end).
fn labels_in(text: &str) -> Vec<(Label, &'static str, usize, usize)> {
    let mut hits: Vec<(Label, &'static str, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let hit = LABELS.iter().find_map(|&(spelling, label)| {
            let after = rest.strip_prefix(spelling)?;
            let colon = after.starts_with('：') || after.starts_with(':');
            // A label stands at the start of the cell, or anywhere followed by a colon.
            (colon || (i == 0 && after.is_empty())).then(|| {
                let skip = if colon {
                    after.chars().next().map_or(0, char::len_utf8)
                } else {
                    0
                };
                (label, spelling, i + spelling.len() + skip)
            })
        });
        match hit {
            Some((label, spelling, value_start)) if i == 0 || !hits.is_empty() => {
                if let Some(last) = hits.last_mut() {
                    last.3 = i;
                }
                hits.push((label, spelling, value_start, text.len()));
                i = value_start;
            }
            _ => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    hits
}

/// The metadata table: the labelled values, and the block to leave out of the text.
fn portal(page: &Html, cells: &[Cell], warnings: &mut Vec<String>) -> (PortalMeta, Option<NodeId>) {
    let mut meta = PortalMeta::default();
    let mut hit_cells: Vec<NodeId> = Vec::new();
    let mut seen: HashMap<Label, ()> = HashMap::new();
    for (k, cell) in cells.iter().enumerate() {
        let hits = labels_in(&cell.text);
        if hits.is_empty() {
            continue;
        }
        hit_cells.push(cell.id);
        for (label, spelling, a, b) in hits {
            let mut value = cell.text[a..b].to_owned();
            if value.is_empty() {
                // The value is in the next cell, unless that is a label too.
                if let Some(next) = cells.get(k + 1)
                    && labels_in(&next.text).is_empty()
                {
                    value = next.text.clone();
                }
            }
            if value.is_empty() || seen.contains_key(&label) {
                continue;
            }
            if matches!(value.as_str(), "无" | "-" | "—" | "/" | "暂无") {
                continue;
            }
            seen.insert(label, ());
            let source = Source::Cell {
                label: spelling.to_owned(),
            };
            let text = |v: String| Some(Field::new(v, source.clone(), 0.9));
            let date = |v: &str, warnings: &mut Vec<String>| match parse_cell_date(v) {
                Some(d) => Some(Field::new(d, source.clone(), 0.9)),
                None => {
                    warnings.push(format!("the page's {spelling} `{v}` is not a date"));
                    None
                }
            };
            match label {
                Label::IndexNo => meta.index_no = text(value),
                Label::Topic => meta.topic = text(value),
                Label::Issuer => meta.issuer = text(value),
                Label::Signed => meta.signed = date(&value, warnings),
                Label::Published => meta.published = date(&value, warnings),
                Label::DocNumber => meta.doc_number = text(value),
                Label::Validity => meta.validity = text(value),
                Label::Title => meta.title = text(value),
            }
        }
    }
    if seen.len() < 2 {
        // One label alone is a word in the text, not a metadata table.
        return (PortalMeta::default(), None);
    }
    // The block: the deepest ancestor of the first labelled cell that holds two of them.
    let block = hit_cells.first().and_then(|&first| {
        let node = page.tree.get(first)?;
        node.ancestors()
            .find(|a| {
                element_name(a.value())
                    .is_some_and(|n| matches!(n, "table" | "tbody" | "ul" | "ol" | "dl" | "div"))
                    && hit_cells
                        .iter()
                        .filter(|&&c| c != first && is_inside(page, c, a.id()))
                        .count()
                        >= 1
            })
            .map(|a| a.id())
    });
    (meta, block)
}

fn is_inside(page: &Html, node: NodeId, ancestor: NodeId) -> bool {
    page.tree
        .get(node)
        .is_some_and(|n| n.ancestors().any(|a| a.id() == ancestor))
}

/// A date in a metadata cell: `2024-05-20`, `2024年5月20日`, `2024/5/20`, time after it ignored.
fn parse_cell_date(v: &str) -> Option<time::Date> {
    if let Some(d) = dates_in(v).first() {
        return Some(d.date);
    }
    // `2024-05-22`, `2024/5/22`, `2024.5.22`, perhaps with a time after it (blanks are gone).
    let b = v.as_bytes();
    let digits = |from: usize, max: usize| {
        let n = b[from.min(b.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        (n > 0).then_some(from + n)
    };
    let y = digits(0, 4).filter(|&e| e == 4)?;
    let sep = *b.get(y)?;
    if !matches!(sep, b'-' | b'/' | b'.') {
        return None;
    }
    let m = digits(y + 1, 2)?;
    if b.get(m) != Some(&sep) {
        return None;
    }
    let d = digits(m + 1, 2)?;
    crate::date::parse_date("date", v.get(..d)?).ok()
}

/// Known article containers of Chinese government portals, by preference.
const CONTAINERS: &[&str] = &[
    "trs_editor",
    "zoom",
    "pages_content",
    "article-content",
    "article_content",
    "xxgk_content",
    "content",
    "article",
    "xxgk",
];

fn find_body(page: &Html, meta_block: Option<NodeId>) -> Option<NodeId> {
    let mut best: Option<(usize, usize, NodeId)> = None;
    for node in page.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        let tokens: Vec<String> = e
            .id()
            .into_iter()
            .chain(e.classes())
            .map(str::to_ascii_lowercase)
            .collect();
        let Some(rank) = CONTAINERS
            .iter()
            .position(|c| tokens.iter().any(|t| t == c))
        else {
            continue;
        };
        if meta_block.is_some_and(|m| node.id() == m || is_inside(page, node.id(), m)) {
            continue;
        }
        let len = text_len(page, node.id(), meta_block);
        if len < 20 {
            continue;
        }
        let better = match best {
            None => true,
            Some((r, l, _)) => rank < r || (rank == r && len > l),
        };
        if better {
            best = Some((rank, len, node.id()));
        }
    }
    if let Some((_, _, id)) = best {
        return Some(id);
    }
    // The element with the most text in its own paragraphs.
    let mut best: Option<(usize, NodeId)> = None;
    for node in page.tree.root().descendants() {
        let Some(name) = element_name(node.value()) else {
            continue;
        };
        if SKIPPED.contains(&name) || matches!(name, "html" | "p") {
            continue;
        }
        let mut own = 0;
        for child in node.children() {
            match child.value() {
                Node::Text(t) => own += t.chars().filter(|&c| !is_blank(c)).count(),
                Node::Element(e) if matches!(e.name(), "p" | "br" | "span" | "font") => {
                    own += text_len(page, child.id(), meta_block);
                }
                _ => {}
            }
        }
        if best.is_none_or(|(l, _)| own > l) {
            best = Some((own, node.id()));
        }
    }
    best.filter(|(l, _)| *l >= 20).map(|(_, id)| id)
}

fn text_len(page: &Html, id: NodeId, skip: Option<NodeId>) -> usize {
    let Some(node) = page.tree.get(id) else {
        return 0;
    };
    let mut len = 0;
    let mut skipping = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(n) => {
                let skipped = Some(n.id()) == skip
                    || element_name(n.value()).is_some_and(|x| SKIPPED.contains(&x));
                if skipping > 0 || skipped {
                    if element_name(n.value()).is_some() {
                        skipping += 1;
                    }
                    continue;
                }
                if let Node::Text(t) = n.value() {
                    len += t.chars().filter(|&c| !is_blank(c)).count();
                }
            }
            Edge::Close(n) => {
                if skipping > 0 && element_name(n.value()).is_some() {
                    skipping -= 1;
                }
            }
        }
    }
    len
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tbody",
    "thead",
    "tr",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dl",
    "dt",
    "dd",
    "hr",
    "header",
    "footer",
    "main",
    "form",
    "caption",
];

const CELL_END: char = '\u{1F}';

/// The text of an element as lines.
fn lines_of(page: &Html, id: NodeId, skip: Option<NodeId>) -> Vec<String> {
    let Some(root) = page.tree.get(id) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                let name = element_name(n.value());
                let skipped = Some(n.id()) == skip || name.is_some_and(|x| SKIPPED.contains(&x));
                if skipping > 0 || skipped {
                    if name.is_some() {
                        skipping += 1;
                    }
                    continue;
                }
                match n.value() {
                    Node::Text(t) => cur.push_str(t),
                    Node::Element(e) if BLOCKS.contains(&e.name()) => flush(&mut cur, &mut out),
                    _ => {}
                }
            }
            Edge::Close(n) => {
                let name = element_name(n.value());
                if skipping > 0 {
                    if name.is_some() {
                        skipping -= 1;
                    }
                    continue;
                }
                match name {
                    Some("td" | "th") => cur.push(CELL_END),
                    Some(x) if BLOCKS.contains(&x) => flush(&mut cur, &mut out),
                    _ => {}
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    let mut line = String::with_capacity(cur.len());
    let mut space = false;
    for c in cur.chars() {
        if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u{a0}' || c == '\u{c}' {
            space = true;
            continue;
        }
        if space && !line.is_empty() && c != CELL_END && !line.ends_with(CELL_END) {
            line.push(' ');
        }
        space = false;
        line.push(c);
    }
    let line = line.trim_end_matches(CELL_END).replace(CELL_END, "\t");
    let line = line.trim_matches(is_blank);
    if !line.is_empty() {
        out.push(line.to_owned());
    }
    cur.clear();
}

/// Long on purpose: the places a portal page may name its title (the article heading, the
/// portal's meta fields, `<title>` with the site name cut off) are tried in order of trust in
/// one walk of the tree.
fn page_title(page: &Html) -> Option<Field<String>> {
    let clean = |s: &str| -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.trim_matches(is_blank).chars() {
            if is_blank(c) {
                space = true;
                continue;
            }
            if space
                && out
                    .chars()
                    .next_back()
                    .is_some_and(|p| p.is_ascii_alphanumeric())
                && c.is_ascii_alphanumeric()
            {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        out
    };
    let mut h1 = None;
    let mut class_title = None;
    let mut title = None;
    for node in page.tree.root().descendants() {
        let Node::Element(e) = node.value() else {
            continue;
        };
        let text = || {
            let t: String = node
                .descendants()
                .filter_map(|d| match d.value() {
                    Node::Text(t) => Some(&**t),
                    _ => None,
                })
                .collect();
            clean(&t)
        };
        match e.name() {
            "meta"
                if e.attr("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case("ArticleTitle")) =>
            {
                let v = clean(e.attr("content").unwrap_or(""));
                if !v.is_empty() {
                    return Some(Field::new(
                        v,
                        Source::Element {
                            name: "meta ArticleTitle".into(),
                        },
                        0.9,
                    ));
                }
            }
            "h1" if h1.is_none() => {
                let v = text();
                if !v.is_empty() {
                    h1 = Some(v);
                }
            }
            "title" if title.is_none() => {
                let v = text();
                let v = [" - ", "_", "|", "－"]
                    .iter()
                    .filter_map(|sep| v.split_once(sep).map(|(a, _)| a.to_owned()))
                    .min_by_key(String::len)
                    .unwrap_or(v);
                if !v.is_empty() {
                    title = Some(v);
                }
            }
            _ if class_title.is_none()
                && e.classes().any(|c| {
                    c.eq_ignore_ascii_case("title") || c.eq_ignore_ascii_case("article-title")
                }) =>
            {
                let v = text();
                if !v.is_empty() {
                    class_title = Some(v);
                }
            }
            _ => {}
        }
    }
    if let Some(v) = h1 {
        return Some(Field::new(v, Source::Element { name: "h1".into() }, 0.85));
    }
    if let Some(v) = class_title {
        return Some(Field::new(
            v,
            Source::Element {
                name: ".title".into(),
            },
            0.8,
        ));
    }
    title.map(|v| {
        Field::new(
            v,
            Source::Element {
                name: "title".into(),
            },
            0.6,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于印发某某办法的通知 - 潜江市人民政府</title>
<script>var x = "<p>不是正文</p>";</script></head><body>
<div class="nav"><a href="/">首页</a> &gt; 政府文件</div>
<table class="xxgk-table"><tr><td>索 引 号：</td><td>011-2024-00012</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发文机关：</td><td>潜江市人民政府</td><td>成文日期：</td><td>2024年05月20日</td></tr>
<tr><td>发文字号：</td><td>潜政规〔2024〕3号</td><td>发布日期：</td><td>2024-05-22 09:30</td></tr>
<tr><td>有效性：</td><td>有效</td></tr></table>
<h1>潜江市人民政府关于印发某某办法的通知</h1>
<div id="zoom"><p>各区镇处、市直各部门：</p><p>&nbsp;&nbsp;现将《某某办法》印发给你们，   请认真执行。</p>
<table><tr><td>序号</td><td>名 称</td></tr></table><p>潜江市人民政府<br>2024年5月20日</p></div>
<div class="footer">版权所有</div></body></html>"#;

    #[test]
    fn reads_the_metadata_table_the_body_and_the_title() {
        let r = read("p.html", PAGE.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(
            r.lines,
            [
                "各区镇处、市直各部门：",
                "现将《某某办法》印发给你们， 请认真执行。",
                "序号\t名 称",
                "潜江市人民政府",
                "2024年5月20日"
            ]
        );
        let p = &r.portal;
        let v = |f: &Option<Field<String>>| f.as_ref().map(|f| f.value.clone());
        assert_eq!(v(&p.index_no).as_deref(), Some("011-2024-00012"));
        assert_eq!(v(&p.topic).as_deref(), Some("综合政务"));
        assert_eq!(v(&p.issuer).as_deref(), Some("潜江市人民政府"));
        assert_eq!(v(&p.doc_number).as_deref(), Some("潜政规〔2024〕3号"));
        assert_eq!(v(&p.validity).as_deref(), Some("有效"));
        assert_eq!(
            p.signed.as_ref().map(|f| f.value),
            Some(date!(2024 - 05 - 20))
        );
        assert_eq!(
            p.published.as_ref().map(|f| f.value),
            Some(date!(2024 - 05 - 22))
        );
        assert_eq!(
            p.index_no.as_ref().map(|f| f.source.clone()),
            Some(Source::Cell {
                label: "索引号".into()
            })
        );
        assert_eq!(
            r.page_title.map(|t| t.value).as_deref(),
            Some("潜江市人民政府关于印发某某办法的通知")
        );
    }

    #[test]
    fn declared_gbk_is_decoded() {
        let page = r#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><div class="TRS_Editor"><p>潜江市人民政府关于做好某某工作的通知</p><p>各区镇处：请认真贯彻落实本通知的各项要求。</p></div></body></html>"#;
        let (bytes, _, _) = encoding_rs::GBK.encode(page);
        let r = read("g.htm", &bytes, &Limits::default()).expect("reads");
        assert_eq!(r.encoding.as_deref(), Some("GBK"));
        assert_eq!(r.lines[0], "潜江市人民政府关于做好某某工作的通知");
        assert!(r.portal.is_empty());
    }

    #[test]
    fn labels_inline_and_lists() {
        assert_eq!(
            labels_in("索引号：011主题分类：综合")
                .iter()
                .map(|h| h.0)
                .collect::<Vec<_>>(),
            [Label::IndexNo, Label::Topic]
        );
        assert!(labels_in("本办法所称名称是指").is_empty());
        let page = "<ul><li><span>发文字号：</span>潜政发〔2023〕1号</li><li><b>成文日期：</b>2023/1/5</li></ul><div class=\"article\"><p>这是一个没有格式的正文段落，足够长以被当作正文。</p></div>";
        let r = read("l.html", page.as_bytes(), &Limits::default()).expect("reads");
        assert_eq!(
            r.portal.doc_number.map(|f| f.value).as_deref(),
            Some("潜政发〔2023〕1号")
        );
        assert_eq!(
            r.portal.signed.map(|f| f.value),
            Some(date!(2023 - 01 - 05))
        );
        assert_eq!(
            r.lines,
            ["这是一个没有格式的正文段落，足够长以被当作正文。"]
        );
    }

    #[test]
    fn limits_hold_on_deep_and_large_pages() {
        let deep = "<div>".repeat(2000) + "x";
        let e = read("deep.html", deep.as_bytes(), &Limits::default()).expect_err("deep");
        assert!(e.to_string().contains("`deep.html`"), "{e}");
        let small = Limits {
            max_elements: 10,
            ..Limits::default()
        };
        let e = read("big.html", PAGE.as_bytes(), &small).expect_err("many");
        assert!(e.to_string().contains("more than 10 nodes"), "{e}");
    }
}
