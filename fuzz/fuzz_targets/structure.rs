//! The structure parser and the citation finder on arbitrary text: no panic, every range
//! inside the text and on character boundaries, parts inside their parents; and cutting the
//! text into Akoma Ntoso parts does not panic either.
#![no_main]

use guifan::interchange::akn::body;
use guifan::text::citations::find_citations;
use guifan::text::structure::{Node, parse};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, n: &Node) {
    assert!(n.start <= n.end && n.end <= text.len(), "{n:?}");
    assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
    for c in &n.children {
        assert!(n.start <= c.start && c.end <= n.end, "{c:?} outside {n:?}");
        check(text, c);
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let s = parse(text);
    for n in &s.body {
        check(text, n);
    }
    for a in s.articles() {
        assert_eq!(s.article_at(a.start).map(|x| x.start), Some(a.start));
    }
    for c in find_citations(text) {
        assert!(c.start < c.end && c.end <= text.len());
        assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
    }
    for layout in [
        body::Layout::default(),
        body::Layout {
            gap: 2,
            trailing: 1,
            ..body::Layout::default()
        },
    ] {
        let b = body::from_text(text, &s, "标题", None, &layout);
        assert!(!b.parts.is_empty());
    }
});
