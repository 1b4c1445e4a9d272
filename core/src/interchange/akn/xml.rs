//! A small writer of indented XML, and the escaping XML needs.

/// A small writer of indented XML. Text goes inside one line with its element, so no
/// whitespace is added to mixed content.
pub(super) struct Xml {
    out: String,
    depth: usize,
}

/// Replaces the characters XML 1.0 cannot carry.
fn xml_chars(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if s.chars().any(bad) {
        std::borrow::Cow::Owned(
            s.chars()
                .map(|c| if bad(c) { '\u{fffd}' } else { c })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(super) fn escape_text(s: &str) -> String {
    escape(s, false)
}

pub(super) fn escape_attr(s: &str) -> String {
    escape(s, true)
}

/// Escapes markup characters; in an attribute value also quotes and the white space an XML
/// parser would normalise to a space.
fn escape(s: &str, attr: bool) -> String {
    let s = xml_chars(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attr => out.push_str("&quot;"),
            '\n' if attr => out.push_str("&#10;"),
            '\t' if attr => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

impl Xml {
    pub(super) fn new() -> Xml {
        Xml::starting_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    /// A writer whose output starts with `prefix` (an opening written by hand).
    pub(super) fn starting_with(prefix: &str) -> Xml {
        Xml {
            out: prefix.to_owned(),
            depth: 0,
        }
    }

    /// Appends raw markup (a closing written by hand).
    pub(super) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            self.out.push_str(&escape_attr(v));
            self.out.push('"');
        }
    }

    pub(super) fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub(super) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub(super) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// An element holding text, on one line.
    pub(super) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.tag(name, attrs);
        self.out.push('>');
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// A `p` holding one inline element that holds the text.
    pub(super) fn inline_p(&mut self, inline: &str, attrs: &[(&str, &str)], text: &str) {
        self.indent();
        self.out.push_str("<p>");
        self.tag(inline, attrs);
        self.out.push('>');
        self.out.push_str(&escape_text(text));
        self.out.push_str("</");
        self.out.push_str(inline);
        self.out.push_str("></p>\n");
    }

    pub(super) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_xml_needs() {
        assert_eq!(escape_text("a<b&c\r"), "a&lt;b&amp;c&#13;");
        assert_eq!(escape_attr("\"x\"\n"), "&quot;x&quot;&#10;");
        assert_eq!(escape_text("\u{b}"), "\u{fffd}");
    }
}
