//! The web page reader on arbitrary input: it returns an extraction or an error, never panics;
//! the lines are trimmed and non-empty, and the fields found point at lines that exist.
#![no_main]

use guifan::intake::{Limits, extract_bytes_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_elements: 100_000,
        ..Limits::default()
    };
    let Ok(ex) = extract_bytes_with("fuzz.html", data, &limits) else {
        return;
    };
    let n = ex.lines.len();
    for line in &ex.lines {
        assert!(!line.is_empty() && !line.contains('\n'), "{line:?}");
        assert_eq!(line.trim(), line.as_str());
    }
    let v = serde_json::to_value(&ex).expect("serializes");
    for (_, f) in v["fields"].as_object().expect("object") {
        if let Some(src) = f.get("source")
            && src["from"] == "lines"
        {
            let first = src["first"].as_u64().expect("first") as usize;
            let last = src["last"].as_u64().expect("last") as usize;
            assert!(1 <= first && first <= last && last <= n, "{src} of {n} lines");
        }
    }
});
