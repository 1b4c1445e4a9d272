//! The catalogues are complete: both languages have the same ids and placeholders, every id
//! the code asks for exists, every command and argument is described, help fits 80 columns,
//! and every reason the library writes has a translation.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::errors::{Part, ids_with_prefix, match_reason, parts};
use super::help::{arg_id, command, command_id, help, paths};
use super::{Lang, has, text_in};

fn placeholders(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    ids_with_prefix(lang, "")
        .into_iter()
        .map(|id| {
            let vars = parts(lang, &id)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| match p {
                    Part::Var(v) => Some(v),
                    Part::Text(_) => None,
                })
                .collect();
            (id, vars)
        })
        .collect()
}

#[test]
fn catalogues_parse() {
    for lang in Lang::ALL {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(lang.source().to_owned()) {
            panic!("{lang:?} catalogue: {errors:?}");
        }
    }
}

#[test]
fn both_languages_have_the_same_ids_and_placeholders() {
    let zh = placeholders(Lang::Zh);
    let en = placeholders(Lang::En);
    let mut problems = Vec::new();
    for id in zh.keys().filter(|k| !en.contains_key(*k)) {
        problems.push(format!("{id}: only in zh.ftl"));
    }
    for id in en.keys().filter(|k| !zh.contains_key(*k)) {
        problems.push(format!("{id}: only in en.ftl"));
    }
    for (id, vars) in &zh {
        if let Some(other) = en.get(id)
            && other != vars
        {
            problems.push(format!(
                "{id}: placeholders {vars:?} in zh, {other:?} in en"
            ));
        }
        if vars.contains("") {
            problems.push(format!("{id}: an expression other than a placeholder"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_missing_key_or_placeholder_is_found() {
    // The check above on catalogues that disagree.
    let a = fluent_bundle::FluentResource::try_new("x = { $a } 个\ny = 有\n".to_owned())
        .unwrap_or_else(|(r, _)| r);
    let ids: Vec<&str> = a
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["x", "y"]);
    assert!(!has(Lang::Zh, "no-such-id"));
    assert_eq!(text_in(Lang::Zh, "no-such-id", &[]), "no-such-id");
}

/// The Rust files under a folder.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal that starts at `s` (after its opening quote), unescaped as far as the
/// catalogues care: `\"`, `\\`, `\n`, and a line continuation.
fn literal(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, '\n')) => {
                    while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                        chars.next();
                    }
                }
                Some((_, c)) => out.push(c),
                None => return None,
            },
            c => out.push(c),
        }
    }
    None
}

#[test]
fn every_id_the_code_asks_for_exists() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read source");
        for (at, _) in source.match_indices("t!(\"") {
            let before = source[..at].chars().last();
            let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || source[line_start..at].trim_start().starts_with("//")
            {
                continue;
            }
            let Some((id, _)) = literal(&source[at + 4..]) else {
                continue;
            };
            for lang in Lang::ALL {
                if !has(lang, &id) {
                    missing.push(format!("{}: {id} ({lang:?})", file.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_command_and_argument_is_described_in_both_languages() {
    let mut missing = Vec::new();
    for lang in Lang::ALL {
        let root = command(lang, 80);
        for path in paths(&root) {
            let id = command_id(&path);
            let examples = match lang {
                Lang::Zh => "示例：",
                Lang::En => "Examples:",
            };
            if !has(lang, &format!("{id}-about")) {
                missing.push(format!("{id}-about ({lang:?})"));
            }
            let after = text_in(lang, &format!("{id}-after"), &[]);
            if !after.contains(examples) {
                missing.push(format!("{id}-after: no `{examples}` ({lang:?})"));
            }
            let mut cmd = &root;
            for name in &path {
                cmd = cmd.find_subcommand(name).expect("subcommand");
            }
            for arg in cmd.get_arguments() {
                let aid = arg_id(lang, &path, arg.get_id().as_str());
                if !has(lang, &aid) {
                    missing.push(format!("{aid} ({lang:?}, `guifan {}`)", path.join(" ")));
                }
                if arg
                    .get_help()
                    .is_none_or(|h| h.to_string().trim().is_empty())
                {
                    missing.push(format!("{aid}: empty help ({lang:?})"));
                }
            }
        }
    }
    missing.dedup();
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn help_fits_80_columns() {
    let mut long = Vec::new();
    for lang in Lang::ALL {
        for path in paths(&command(lang, 80)) {
            let text = help(lang, 80, &path);
            assert!(
                !text.is_empty(),
                "guifan {} --help prints nothing",
                path.join(" ")
            );
            for line in text.lines() {
                let w = unicode_width::UnicodeWidthStr::width(line);
                if w > 80 {
                    long.push(format!(
                        "{lang:?} `guifan {}` ({w}): {line}",
                        path.join(" ")
                    ));
                }
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_language_follows_guifan_lang_then_the_locale() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert_eq!(Lang::from_env(env(&[])), Lang::Zh);
    assert_eq!(Lang::from_env(env(&[("LANG", "C")])), Lang::Zh);
    assert_eq!(Lang::from_env(env(&[("LANG", "POSIX")])), Lang::Zh);
    assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
    assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
    assert_eq!(
        Lang::from_env(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")])),
        Lang::Zh
    );
    assert_eq!(
        Lang::from_env(env(&[
            ("LC_ALL", ""),
            ("LC_MESSAGES", "en_GB"),
            ("LANG", "zh_CN")
        ])),
        Lang::En
    );
    assert_eq!(
        Lang::from_env(env(&[("GUIFAN_LANG", "zh"), ("LC_ALL", "en_US.UTF-8")])),
        Lang::Zh
    );
    assert_eq!(
        Lang::from_env(env(&[("GUIFAN_LANG", "en"), ("LANG", "zh_CN.UTF-8")])),
        Lang::En
    );
}

/// The reasons the library writes: the texts handed to `Error::invalid` (its third
/// argument), `Error::Conflict`, `Error::StatusChange`, `Error::Integrity` and
/// `Error::document` (its fourth), as literals or `format!` strings, or through a constant or
/// a variable made just before (see [`variable_texts`]), and those of the helpers that pass a
/// reason on (`bad("…")`, `fail("…")`, `unknown_name(…, "…")`).
fn library_reasons() -> Vec<(String, String)> {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    // The command line makes a few library errors of its own.
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let calls: [(&str, usize); 10] = [
        ("Error::invalid(", 2),
        ("Error::Conflict(", 0),
        ("Error::StatusChange(", 0),
        ("Error::Integrity(", 0),
        ("Error::document(", 3),
        ("bad(", 0),
        ("fail(", 0),
        ("invalid(", 2),
        ("error(query, ", 1),
        ("unknown_name(", 3),
    ];
    let constants = string_constants(&files);
    let mut out = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read source");
        if file.ends_with("i18n/tests.rs") {
            continue;
        }
        // Tests beside the code make errors of their own.
        let source = source
            .split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_owned();
        for (call, index) in calls {
            for (at, _) in source.match_indices(call) {
                // `Error::invalid(` also contains `invalid(`: count it once.
                if call == "invalid(" && source[..at].ends_with("Error::") {
                    continue;
                }
                if call == "invalid(" || call == "bad(" || call == "fail(" {
                    let before = source[..at].chars().last();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                }
                let args = arguments(&source[at + call.len()..]);
                let Some(arg) = args.get(index) else {
                    continue;
                };
                let arg = arg.trim();
                let name = file
                    .strip_prefix(&core)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                // A reason held in a variable or a constant: the texts it is made of.
                if is_identifier(arg) {
                    for text in variable_texts(&source, at, arg, &constants) {
                        out.push((name.clone(), text));
                    }
                    continue;
                }
                let arg = arg
                    .strip_prefix("format!(")
                    .map(str::trim_start)
                    .unwrap_or(arg);
                if let Some(rest) = arg.strip_prefix('"')
                    && let Some((text, _)) = literal(rest)
                {
                    out.push((name, text));
                }
            }
        }
    }
    out
}

fn is_identifier(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// The string constants of the sources: `const NAME: &str = "…";`.
fn string_constants(files: &[std::path::PathBuf]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for file in files {
        let source = std::fs::read_to_string(file).expect("read source");
        for (at, _) in source.match_indices("const ") {
            let rest = &source[at + "const ".len()..];
            let Some((name, rest)) = rest.split_once(':') else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix("&str") else {
                continue;
            };
            let Some(rest) = rest.trim_start().strip_prefix('=') else {
                continue;
            };
            if let Some(rest) = rest.trim_start().strip_prefix('"')
                && let Some((text, _)) = literal(rest)
                && is_identifier(name.trim())
            {
                out.insert(name.trim().to_owned(), text);
            }
        }
    }
    out
}

/// The texts a reason held in `name` at byte `at` of `source` is made of: a constant's text,
/// or the string literals and `format!` strings of its `let` (`let message = if … { "…" }
/// else { format!("…") };`), the last one before the call. A variable made elsewhere (a
/// parameter, another error's text) gives nothing.
fn variable_texts(
    source: &str,
    at: usize,
    name: &str,
    constants: &BTreeMap<String, String>,
) -> Vec<String> {
    if let Some(text) = constants.get(name) {
        return vec![text.clone()];
    }
    let before = &source[..at];
    let Some(start) = [format!("let {name} ="), format!("let mut {name} =")]
        .iter()
        .filter_map(|pattern| before.rfind(pattern.as_str()).map(|i| i + pattern.len()))
        .max()
    else {
        return Vec::new();
    };
    // The expression, to the `;` that ends the statement.
    let expression = &before[start..];
    let mut depth = 0i32;
    let mut end = expression.len();
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in expression.char_indices() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ';' if depth == 0 => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    let expression = &expression[..end];
    // The literals that are values (after `=`, `=>`, `{`, `;`, or a `format!(` there), not
    // arguments of other calls (`.join(", ")`, `.map(|n| format!("`{n}`"))`).
    let mut texts = Vec::new();
    let mut i = 0;
    while let Some(q) = expression[i..].find('"') {
        let q = i + q;
        let head = expression[..q].trim_end();
        let Some((text, len)) = literal(&expression[q + 1..]) else {
            break;
        };
        let head = head.strip_suffix("format!(").map_or(head, str::trim_end);
        if head.is_empty() || head.ends_with("=>") || head.ends_with(['{', '=', ';']) {
            texts.push(text);
        }
        i = q + 1 + len;
    }
    texts
}

/// The top-level arguments of a call, from after its opening parenthesis.
fn arguments(s: &str) -> Vec<String> {
    let mut args = vec![String::new()];
    let mut depth = 0;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let cur = args.last_mut().expect("an argument");
                cur.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    cur.push(c);
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                args.last_mut().expect("an argument").push(c);
            }
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => {
                depth -= 1;
                args.last_mut().expect("an argument").push(c);
            }
            ',' if depth == 0 => args.push(String::new()),
            c => args.last_mut().expect("an argument").push(c),
        }
    }
    args
}

/// A format string with each `{…}` replaced by a sample value.
fn sample(format: &str) -> String {
    let mut out = String::new();
    let mut chars = format.chars().peekable();
    let mut n = 0;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                n += 1;
                out += &format!("‹{n}›");
            }
            c => out.push(c),
        }
    }
    out
}

#[test]
fn every_reason_of_the_library_has_a_translation() {
    let reasons = library_reasons();
    assert!(reasons.len() > 100, "found only {} reasons", reasons.len());
    // Reasons made in a variable or a constant before the call are found too.
    for made_before in [
        "the PDF has no text",
        "{what}; did you mean {}?",
        "not well-formed XML: {other}",
        "a date lies between 1900-01-01 and 2199-12-31",
    ] {
        assert!(
            reasons.iter().any(|(_, r)| r == made_before),
            "the scan misses `{made_before}`"
        );
    }
    let missing: Vec<String> = reasons
        .iter()
        .filter(|(_, text)| match_reason(&sample(text)).is_none())
        .map(|(file, text)| format!("{file}: {text}"))
        .collect();
    assert!(
        missing.is_empty(),
        "{} reasons without an entry:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn everything_not_found_is_named_in_both_languages() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = BTreeSet::new();
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read source");
        for call in ["not_found(\"", "what: \""] {
            for (at, _) in source.match_indices(call) {
                if let Some((what, _)) = literal(&source[at + call.len()..]) {
                    let id = format!("what-{}", what.replace(' ', "-"));
                    for lang in Lang::ALL {
                        if !has(lang, &id) {
                            missing.insert(format!("{id} ({lang:?})"));
                        }
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "{missing:?}");
}

#[test]
fn errors_are_rendered_in_each_language() {
    let e = guifan::Error::invalid("issued", "2024-13-01", "no such month").at_line(3, "", "");
    assert_eq!(
        super::errors::error(Lang::Zh, &e),
        "第 3 行：字段 issued 的值「2024-13-01」有误：没有这个月份"
    );
    assert_eq!(
        super::errors::error(Lang::En, &e),
        "invalid input: line 3: `issued` = `2024-13-01`: no such month"
    );
    let e = guifan::Error::not_found("document", "潜政规〔2024〕9号");
    assert_eq!(
        super::errors::error(Lang::Zh, &e),
        "未找到文件「潜政规〔2024〕9号」"
    );
    assert_eq!(super::errors::error(Lang::En, &e), e.to_string());
    // A reason that holds another error is translated through.
    let e = guifan::Error::not_found("campaign", "qj-2099").at_line(2, "campaign", "qj-2099");
    assert_eq!(
        super::errors::error(Lang::Zh, &e),
        "第 2 行：字段 campaign 的值「qj-2099」有误：未找到清理「qj-2099」"
    );
}
