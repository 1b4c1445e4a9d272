//! The Akoma Ntoso reader on arbitrary input: it returns a document or an error, never panics,
//! and what it returns holds together.
#![no_main]

use guifan::interchange::akn::{Limits, read_akn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let limits = Limits {
        max_bytes: 1 << 20,
        max_depth: 64,
        max_elements: 20_000,
    };
    if let Ok(doc) = read_akn(xml, limits) {
        assert!(doc.version >= 1);
        assert!(!doc.title.trim().is_empty() || !doc.work_key.is_empty());
        assert!(doc.articles <= doc.text.len() + 1);
    }
});
