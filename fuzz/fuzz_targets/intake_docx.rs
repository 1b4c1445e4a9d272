//! The Word reader on arbitrary input: a zip (input starting with `PK`) read as a `.docx`, or
//! anything else read as its `word/document.xml`. It returns lines or an error, never panics,
//! and the fields found point at lines that exist.
#![no_main]

use guifan::intake::{Extraction, Limits, docx, extract_bytes_with};
use libfuzzer_sys::fuzz_target;

fn limits() -> Limits {
    Limits {
        max_file_bytes: 1 << 20,
        max_entry_bytes: 4 << 20,
        max_total_bytes: 8 << 20,
        max_elements: 100_000,
        ..Limits::default()
    }
}

fn check(ex: &Extraction) {
    let n = ex.lines.len();
    for line in &ex.lines {
        assert!(!line.contains('\n'), "{line:?}");
    }
    let v = serde_json::to_value(&ex.fields).expect("fields serialize");
    for (_, f) in v.as_object().expect("object") {
        if let Some(src) = f.get("source")
            && src["from"] == "lines"
        {
            let first = src["first"].as_u64().expect("first") as usize;
            let last = src["last"].as_u64().expect("last") as usize;
            assert!(1 <= first && first <= last && last <= n, "{src} of {n} lines");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"PK") {
        if let Ok(ex) = extract_bytes_with("fuzz.docx", data, &limits()) {
            check(&ex);
        }
    } else if let Ok(lines) = docx::read_part("fuzz.docx", data, &limits()) {
        for line in &lines {
            assert!(!line.contains('\n'), "{line:?}");
        }
        let fields = guifan::intake::layout::find(&lines);
        if let Some(t) = &fields.title {
            assert!(!t.value.is_empty());
        }
    }
});
