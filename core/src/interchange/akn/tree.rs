//! A small element tree read with quick-xml, for documents that may be hostile.
//!
//! - No DTD is processed: a `<!DOCTYPE>` that declares entities is refused; any other is
//!   ignored, never fetched. Only the five predefined entities and character references are
//!   expanded; any other `&name;` is an error.
//! - The input, the nesting depth and the number of elements are limited ([`Limits`]); going
//!   over a limit is an error that names it.
//! - Names are resolved against their namespaces, so `<akn:act>` and `<act>` under the same
//!   namespace are the same element.

use std::borrow::Cow;

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::error::{Error, Result};

/// The Akoma Ntoso 3.0 namespace.
pub const AKN3: &str = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";
/// The Akoma Ntoso 2.0 namespace.
pub const AKN2: &str = "http://www.akomantoso.org/2.0";
/// The namespace of guifan's own metadata inside `<proprietary>`.
pub const GUIFAN: &str = "urn:guifan:akn:1";

/// What an XML input may not exceed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of input.
    pub max_bytes: usize,
    /// Elements open at once.
    pub max_depth: usize,
    /// Elements in all.
    pub max_elements: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: crate::limits::MAX_XML_BYTES,
            max_depth: 200,
            max_elements: 2_000_000,
        }
    }
}

/// The namespace of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ns {
    /// Akoma Ntoso, version 2 or 3.
    Akn(u8),
    /// guifan's own metadata.
    Guifan,
    /// Another namespace.
    Other(String),
    /// No namespace.
    None,
}

/// An element: its namespace, local name, attributes (by qualified name, values normalised)
/// and children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The namespace the name resolves to.
    pub ns: Ns,
    /// The local name, without prefix.
    pub name: String,
    /// Attributes in document order, by qualified name (`eId`, `xml:id`), namespace
    /// declarations left out.
    pub attrs: Vec<(String, String)>,
    /// Elements and text, in document order.
    pub children: Vec<Node>,
    /// 1-based line of the start tag.
    pub line: usize,
}

/// A child of an element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A child element.
    Element(Element),
    /// Text, entities and character references expanded; adjacent runs (CDATA included)
    /// joined.
    Text(String),
}

impl Element {
    /// The value of an attribute, by qualified name (`eId`, `xml:id`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is an Akoma Ntoso element (either version) with this local name.
    pub fn is(&self, name: &str) -> bool {
        matches!(self.ns, Ns::Akn(_)) && self.name == name
    }

    /// The element children.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first Akoma Ntoso child with this local name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.is(name))
    }

    /// The Akoma Ntoso children with this local name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.is(name))
    }

    /// The first descendant (this element included) that satisfies `pred`, in document order.
    pub fn find(&self, pred: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        if pred(self) {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(pred))
    }

    /// Whether some text node directly inside holds more than whitespace.
    pub fn has_text(&self) -> bool {
        self.children
            .iter()
            .any(|n| matches!(n, Node::Text(t) if !t.trim().is_empty()))
    }
}

/// A bad XML input at a line.
pub fn xml_error(line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Xml {
        line,
        message: message.into(),
    }
}

/// The line of byte offsets read in increasing order: each call counts the line breaks since
/// the one before, so reading a document's lines costs one pass over it (counting from the start
/// for every element made an import quadratic in its elements).
struct Lines<'t> {
    text: &'t [u8],
    pos: usize,
    line: usize,
    /// Bytes looked at, for the test that the count is linear.
    scanned: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        Lines {
            text: text.as_bytes(),
            pos: 0,
            line: 1,
            scanned: 0,
        }
    }

    /// The 1-based line of a byte offset.
    fn at(&mut self, pos: u64) -> usize {
        let pos = usize::try_from(pos)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if pos < self.pos {
            // Never while reading forward; counted afresh rather than wrong.
            (self.pos, self.line) = (0, 1);
        }
        let between = &self.text[self.pos..pos];
        self.line += between.iter().filter(|&&b| b == b'\n').count();
        self.scanned += between.len();
        self.pos = pos;
        self.line
    }
}

fn line_of(text: &str, pos: u64) -> usize {
    let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn namespace(r: &ResolveResult<'_>) -> Ns {
    match r {
        ResolveResult::Bound(ns) => match ns.0 {
            AKN3 => Ns::Akn(3),
            AKN2 => Ns::Akn(2),
            GUIFAN => Ns::Guifan,
            // Committee drafts of 3.0 (`…/akn/3.0/CSD13`) are read as 3.0.
            other if other.starts_with(AKN3) => Ns::Akn(3),
            other => Ns::Other(other.to_owned()),
        },
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Unknown(_) => Ns::None,
    }
}

/// Parses an XML document into its root element.
pub fn parse(text: &str, limits: Limits) -> Result<Element> {
    build(text, limits).map(|(root, _)| root)
}

/// [`parse`], and the bytes looked at to tell the elements' lines.
fn build(text: &str, limits: Limits) -> Result<(Element, usize)> {
    if text.len() > limits.max_bytes {
        return Err(xml_error(
            None,
            format!(
                "the document is {} bytes, over the limit of {} bytes",
                text.len(),
                limits.max_bytes
            ),
        ));
    }
    let mut reader = NsReader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.expand_empty_elements = false;
    let mut builder = Builder {
        text,
        lines: Lines::new(text),
        limits,
        stack: Vec::new(),
        root: None,
        count: 0,
    };
    loop {
        let at = reader.buffer_position();
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(x) => x,
            Err(e) => {
                return Err(xml_error(
                    Some(line_of(text, reader.error_position())),
                    format!("not well-formed: {e}"),
                ));
            }
        };
        let ns = namespace(&resolved);
        if matches!(event, Event::Eof) {
            break;
        }
        builder.event(ns, event, at)?;
    }
    let scanned = builder.lines.scanned;
    Ok((builder.finish()?, scanned))
}

/// The tree being built: the elements open, the root once closed, and the elements counted.
struct Builder<'t> {
    text: &'t str,
    lines: Lines<'t>,
    limits: Limits,
    stack: Vec<Element>,
    root: Option<Element>,
    count: usize,
}

impl Builder<'_> {
    /// A bad input at a byte offset.
    fn error_at(&self, at: u64, message: impl Into<String>) -> Error {
        xml_error(Some(line_of(self.text, at)), message)
    }

    /// Takes one event read at byte offset `at`.
    fn event(&mut self, ns: Ns, event: Event<'_>, at: u64) -> Result<()> {
        match event {
            Event::Start(start) | Event::Empty(start) if self.root.is_some() => {
                return Err(self.error_at(
                    at,
                    format!(
                        "a second root element `{}` after the document",
                        start.name().as_ref()
                    ),
                ));
            }
            Event::Start(ref start) => {
                let element = self.element(ns, start, at)?;
                self.stack.push(element);
            }
            Event::Empty(ref start) => {
                let element = self.element(ns, start, at)?;
                attach(&mut self.stack, &mut self.root, element);
            }
            Event::End(_) => {
                let Some(element) = self.stack.pop() else {
                    return Err(self.error_at(at, "an end tag without a start"));
                };
                attach(&mut self.stack, &mut self.root, element);
            }
            Event::Text(t) => push_text(&mut self.stack, t.xml10_content()),
            Event::CData(t) => push_text(&mut self.stack, t.xml10_content()),
            Event::GeneralRef(r) => {
                let expanded = self.reference(&r, at)?;
                push_text(&mut self.stack, expanded);
            }
            Event::DocType(d) => {
                let d = d.xml10_content();
                if d.contains("<!ENTITY") || d.contains("ENTITY") {
                    return Err(self.error_at(
                        at,
                        "the DOCTYPE declares entities; documents with entity declarations \
                         are refused",
                    ));
                }
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = enc.to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(
                            self.error_at(at, format!("encoding `{enc}`: only UTF-8 is read"))
                        );
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) | Event::Eof => {}
        }
        Ok(())
    }

    /// A start tag as an element without children, counted against the limits.
    fn element(&mut self, ns: Ns, start: &BytesStart<'_>, at: u64) -> Result<Element> {
        self.count += 1;
        if self.count > self.limits.max_elements {
            return Err(self.error_at(
                at,
                format!("more than {} elements", self.limits.max_elements),
            ));
        }
        if self.stack.len() >= self.limits.max_depth {
            return Err(self.error_at(
                at,
                format!(
                    "elements nested deeper than {} levels",
                    self.limits.max_depth
                ),
            ));
        }
        let line = self.lines.at(at);
        let mut attrs = Vec::new();
        for a in start.attributes() {
            let a = a.map_err(|e| xml_error(Some(line), format!("bad attribute: {e}")))?;
            let key = a.key.as_ref().to_owned();
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| xml_error(Some(line), format!("attribute `{key}`: {e}")))?;
            attrs.push((key, value.into_owned()));
        }
        Ok(Element {
            ns,
            name: start.local_name().as_ref().to_owned(),
            attrs,
            children: Vec::new(),
            line,
        })
    }

    /// The text a character reference or one of the five predefined entities stands for;
    /// any other entity is an error.
    fn reference<'r>(&self, r: &'r BytesRef<'_>, at: u64) -> Result<Cow<'r, str>> {
        let name = r.xml10_content();
        match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(Cow::Owned(c.to_string())),
            Ok(None) => match resolve_predefined_entity(&name) {
                Some(s) => Ok(Cow::Borrowed(s)),
                None => Err(self.error_at(
                    at,
                    format!(
                        "the entity `&{name};` is not defined; only the five XML \
                         entities and character references are read"
                    ),
                )),
            },
            Err(e) => Err(self.error_at(at, format!("bad character reference `&{name};`: {e}"))),
        }
    }

    /// The root element, once every element is closed.
    fn finish(self) -> Result<Element> {
        if let Some(open) = self.stack.last() {
            return Err(xml_error(
                Some(open.line),
                format!("the element `{}` is not closed", open.name),
            ));
        }
        self.root.ok_or_else(|| xml_error(None, "no root element"))
    }
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, mut element: Element) {
    // A closed element gets no more children: the room its lists grew into is given back,
    // which keeps a tree of many small elements within a few times the document's size.
    element.children.shrink_to_fit();
    element.attrs.shrink_to_fit();
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

fn push_text(stack: &mut [Element], text: Cow<'_, str>) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Node::Text(last)) = parent.children.last_mut() {
        last.push_str(&text);
    } else {
        parent.children.push(Node::Text(text.into_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_default(s: &str) -> Result<Element> {
        parse(s, Limits::default())
    }

    #[test]
    fn resolves_prefixed_names_and_predefined_entities() {
        let doc = parse_default(&format!(
            r#"<?xml version="1.0"?><a:akomaNtoso xmlns:a="{AKN3}"><a:act name="x &amp; y">A&lt;B&#x4E00;</a:act></a:akomaNtoso>"#
        ))
        .expect("parses");
        assert!(doc.is("akomaNtoso"));
        let act = doc.child("act").expect("act");
        assert_eq!(act.attr("name"), Some("x & y"));
        assert_eq!(act.children, vec![Node::Text("A<B一".into())]);
    }

    #[test]
    fn refuses_entity_declarations() {
        let e = parse_default(
            r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>"#,
        )
        .expect_err("refused");
        assert!(e.to_string().contains("declares entities"), "{e}");
    }

    #[test]
    fn refuses_undefined_entities() {
        let e = parse_default("<a>&nbsp;</a>").expect_err("refused");
        assert!(e.to_string().contains("`&nbsp;` is not defined"), "{e}");
    }

    #[test]
    fn limits_depth_and_size() {
        let deep = "<a>".repeat(300) + &"</a>".repeat(300);
        let e = parse_default(&deep).expect_err("too deep");
        assert!(e.to_string().contains("deeper than 200"), "{e}");
        let small = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        let e = parse("<a>0123456789</a>", small).expect_err("too big");
        assert!(e.to_string().contains("over the limit"), "{e}");
    }

    #[test]
    fn lines_are_counted_in_one_pass() {
        // Each element's line is told by counting from the element before, never from the
        // start: 5,000 articles cost one pass over the text, not 5,000.
        let mut doc = String::from("<a>\n");
        for i in 0..5_000 {
            doc.push_str(&format!(
                "<article eId=\"art_{i}\"><p>第{i}条</p></article>\n"
            ));
        }
        doc.push_str("</a>\n");
        let (root, scanned) = build(&doc, Limits::default()).expect("parses");
        assert!(
            scanned <= doc.len(),
            "{scanned} bytes looked at for {}",
            doc.len()
        );
        let last = root.elements().last().expect("articles");
        assert_eq!(last.line, 5_001);
        assert_eq!(last.attr("eId"), Some("art_4999"));
    }

    #[test]
    fn reports_malformed_input_with_its_line() {
        let e = parse_default("<a>\n<b>\n</a>").expect_err("malformed");
        assert!(e.to_string().contains("line"), "{e}");
    }
}
