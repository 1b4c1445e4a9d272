//! Errors in the user's language.
//!
//! The library's errors are English (its `Display` is what Python and the JSON API show). The
//! command line renders each variant's frame from the catalogue (`error-*`), names what was
//! not found from `what-*`, and translates the reason inside: every reason the library writes
//! has an entry `reason-*` in both catalogues, whose text in either language, its placeholders
//! standing for any text, matches the library's reason; the entry of the other language is
//! then filled with the same values. A reason with no entry is shown as the library wrote it
//! (a test scans the library for reasons without one).

use std::error::Error as StdError;
use std::sync::OnceLock;

use fluent_syntax::ast;
use guifan::Error;

use super::{Lang, text_in};

/// A piece of a catalogue text: literal text, or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Literal text.
    Text(String),
    /// A placeholder (`{ $name }`).
    Var(String),
}

/// How many characters of literal text a message's pieces hold: of two entries that could
/// match the same text, the one with more is the more specific.
pub fn literal_chars(parts: &[Part]) -> usize {
    parts
        .iter()
        .map(|x| match x {
            Part::Text(t) => t.chars().count(),
            Part::Var(_) => 0,
        })
        .sum()
}

/// The pieces of message `id` in `lang`, adjacent text joined.
pub fn parts(lang: Lang, id: &str) -> Option<Vec<Part>> {
    let pattern = lang.bundle().get_message(id)?.value()?;
    let mut out: Vec<Part> = Vec::new();
    let push_text = |out: &mut Vec<Part>, s: &str| match out.last_mut() {
        Some(Part::Text(t)) => t.push_str(s),
        _ => out.push(Part::Text(s.to_owned())),
    };
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => push_text(&mut out, value),
            ast::PatternElement::Placeable { expression } => match expression {
                ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                    out.push(Part::Var(id.name.to_owned()))
                }
                ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => {
                    push_text(&mut out, value)
                }
                // Other expressions are not used by the catalogues (a test checks).
                _ => out.push(Part::Var(String::new())),
            },
        }
    }
    Some(out)
}

/// The ids of the entries of a catalogue that start with `prefix`.
pub fn ids_with_prefix(lang: Lang, prefix: &str) -> Vec<String> {
    let resource = match fluent_bundle::FluentResource::try_new(lang.source().to_owned()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) if m.id.name.starts_with(prefix) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

/// The reason entries, most literal text first (so that the most specific text wins).
fn reasons() -> &'static [(String, [Vec<Part>; 2])] {
    static REASONS: OnceLock<Vec<(String, [Vec<Part>; 2])>> = OnceLock::new();
    REASONS.get_or_init(|| {
        let mut all: Vec<(String, [Vec<Part>; 2])> = ids_with_prefix(Lang::En, "reason-")
            .into_iter()
            .filter_map(|id| {
                let en = parts(Lang::En, &id)?;
                let zh = parts(Lang::Zh, &id)?;
                Some((id, [en, zh]))
            })
            .collect();
        all.sort_by_key(|(_, [en, zh])| {
            std::cmp::Reverse(literal_chars(en).min(literal_chars(zh)))
        });
        all
    })
}

/// The values of the placeholders of `parts` when `text` is what they spell, if it is; no
/// value is empty.
pub fn capture(parts: &[Part], text: &str) -> Option<Vec<(String, String)>> {
    capture_by(parts, text, &|_, _| None, &|_, value| !value.is_empty())
}

/// The values of the placeholders of `parts` when `text` is what they spell, if it is. A
/// placeholder's value is one of the lengths `choices(name, rest)` gives when it gives some
/// (the values it may take at the start of the rest of the text), else any text up to the
/// next literal part; each value must satisfy `fits(name, value)`.
pub fn capture_by(
    parts: &[Part],
    text: &str,
    choices: &dyn Fn(&str, &str) -> Option<Vec<usize>>,
    fits: &dyn Fn(&str, &str) -> bool,
) -> Option<Vec<(String, String)>> {
    type Caps = Vec<(String, String)>;
    type Choices<'a> = &'a dyn Fn(&str, &str) -> Option<Vec<usize>>;
    fn go(
        parts: &[Part],
        text: &str,
        caps: &mut Caps,
        choices: Choices<'_>,
        fits: &dyn Fn(&str, &str) -> bool,
    ) -> bool {
        match parts.split_first() {
            None => text.is_empty(),
            Some((Part::Text(t), rest)) => text
                .strip_prefix(t.as_str())
                .is_some_and(|r| go(rest, r, caps, choices, fits)),
            Some((Part::Var(name), rest)) => {
                let ends: Vec<usize> = choices(name, text).unwrap_or_else(|| match rest.first() {
                    None => vec![text.len()],
                    Some(Part::Text(next)) => {
                        text.match_indices(next.as_str()).map(|(i, _)| i).collect()
                    }
                    Some(Part::Var(_)) => text.char_indices().map(|(i, _)| i).collect(),
                });
                for end in ends {
                    if !fits(name, &text[..end]) {
                        continue;
                    }
                    caps.push((name.clone(), text[..end].to_owned()));
                    if go(rest, &text[end..], caps, choices, fits) {
                        return true;
                    }
                    caps.pop();
                }
                false
            }
        }
    }
    let mut caps = Vec::new();
    go(parts, text, &mut caps, choices, fits).then_some(caps)
}

/// The catalogue entry a library text matches, with the values of its placeholders.
pub fn match_reason(text: &str) -> Option<(&'static str, Vec<(String, String)>)> {
    reasons().iter().find_map(|(id, pair)| {
        pair.iter()
            .find_map(|p| capture(p, text))
            .map(|caps| (id.as_str(), caps))
    })
}

/// A reason (or any text of the library) in `lang`; shown as written when no entry matches.
/// Placeholders that hold a reason themselves (`reason`, `message`) are translated too.
pub fn reason(lang: Lang, text: &str) -> String {
    let Some((id, caps)) = match_reason(text) else {
        return text.to_owned();
    };
    let args: Vec<(&str, String)> = caps
        .iter()
        .map(|(name, value)| {
            let value = match name.as_str() {
                "reason" | "message" => reason(lang, value),
                "status" => status(lang, value),
                "what" => what(lang, value),
                _ => value.clone(),
            };
            (name.as_str(), value)
        })
        .collect();
    text_in(lang, id, &args)
}

/// A status named by its token or label, as `lang` names it.
fn status(lang: Lang, s: &str) -> String {
    guifan::model::Status::parse(s)
        .map_or_else(|_| s.to_owned(), |st| super::labels::status_in(lang, st))
}

/// What a `NotFound` names (`document`, `version`, …) in `lang`.
fn what(lang: Lang, what: &str) -> String {
    let id = format!("what-{}", what.replace(' ', "-"));
    if super::has(lang, &id) {
        text_in(lang, &id, &[])
    } else {
        what.to_owned()
    }
}

/// A library error in `lang`: the variant's frame from the catalogue, the reason translated.
pub fn error(lang: Lang, e: &Error) -> String {
    let tr = |id: &str, args: &[(&str, String)]| text_in(lang, id, args);
    match e {
        Error::InvalidInput(input) => {
            let reason = reason(lang, &input.reason);
            let field = input.field.clone();
            let id = match (input.line.is_some(), input.value.is_empty()) {
                (false, true) => "error-invalid",
                (false, false) => "error-invalid-value",
                (true, true) => "error-invalid-line",
                (true, false) => "error-invalid-line-value",
            };
            tr(
                id,
                &[
                    (
                        "line",
                        input.line.map(|l| l.to_string()).unwrap_or_default(),
                    ),
                    ("field", field),
                    ("value", input.value.clone()),
                    ("reason", reason),
                ],
            )
        }
        Error::NotFound { what: w, reference } => tr(
            "error-not-found",
            &[("what", what(lang, w)), ("reference", reference.clone())],
        ),
        Error::Ambiguous {
            reference,
            candidates,
        } => tr(
            "error-ambiguous",
            &[
                ("reference", reference.clone()),
                ("count", candidates.len().to_string()),
                (
                    "candidates",
                    candidates.join(tr("list-separator", &[]).as_str()),
                ),
            ],
        ),
        Error::Conflict(m) => tr("error-conflict", &[("reason", reason(lang, m))]),
        Error::StatusChange(m) => tr("error-status-change", &[("reason", reason(lang, m))]),
        Error::Integrity(m) => tr("error-integrity", &[("reason", reason(lang, m))]),
        Error::Store(_) => tr("error-store", &[]),
        Error::Busy { waited_ms } => {
            let waited = if *waited_ms == 0 {
                String::new()
            } else {
                tr(
                    "error-busy-waited",
                    &[("seconds", format!("{}", *waited_ms as f64 / 1000.0))],
                )
            };
            tr("error-busy", &[("waited", waited)])
        }
        Error::ReadOnly { path, action } => tr(
            "error-read-only",
            &[
                ("path", path.display().to_string()),
                ("action", reason(lang, action)),
            ],
        ),
        Error::Damaged { path, problem } => tr(
            "error-damaged",
            &[
                ("path", path.display().to_string()),
                ("problem", reason(lang, problem)),
            ],
        ),
        Error::DiskFull => tr("error-disk-full", &[]),
        Error::Xml {
            line: Some(l),
            message,
        } => tr(
            "error-xml-line",
            &[("line", l.to_string()), ("reason", reason(lang, message))],
        ),
        Error::Xml {
            line: None,
            message,
        } => tr("error-xml", &[("reason", reason(lang, message))]),
        Error::Index(m) => tr("error-index", &[("reason", reason(lang, m))]),
        Error::Write { what: w, .. } => tr("error-write", &[("what", what(lang, w))]),
        Error::Document {
            file, at, message, ..
        } => {
            let reason = reason(lang, message);
            match at {
                Some(at) => tr(
                    "error-document-at",
                    &[
                        ("file", file.clone()),
                        ("at", self::reason(lang, at)),
                        ("reason", reason),
                    ],
                ),
                None => tr(
                    "error-document",
                    &[("file", file.clone()), ("reason", reason)],
                ),
            }
        }
        Error::Io { path, source } => {
            let id = match source.kind() {
                std::io::ErrorKind::NotFound => "error-io-not-found",
                std::io::ErrorKind::PermissionDenied => "error-io-denied",
                _ => "error-io",
            };
            tr(id, &[("path", path.display().to_string())])
        }
        other => other.to_string(),
    }
}

/// An error and its causes on one line, in `lang`. A cause already said by the one before it
/// (its text contained, or the kind of an IO failure named) is left out.
pub fn one_line(lang: Lang, err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut io_said = false;
    for cause in err.chain() {
        let text = if let Some(e) = cause.downcast_ref::<Error>() {
            io_said = matches!(e, Error::Io { source, .. }
                if matches!(source.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied));
            error(lang, e)
        } else if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            if std::mem::take(&mut io_said) {
                continue;
            }
            io_error(lang, io)
        } else {
            cause_text(lang, cause)
        };
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
    }
    parts
        .join(text_in(lang, "cause-separator", &[]).as_str())
        .replace('\n', " ")
}

/// A cause that is not the library's: the command line's own messages are in the catalogue
/// already; others are shown as they are, translated where an entry matches.
fn cause_text(lang: Lang, cause: &(dyn StdError + 'static)) -> String {
    reason(lang, &cause.to_string())
}

/// An operating system error: its kind in `lang` where the catalogue names it.
fn io_error(lang: Lang, e: &std::io::Error) -> String {
    let id = match e.kind() {
        std::io::ErrorKind::NotFound => "io-not-found",
        std::io::ErrorKind::PermissionDenied => "io-denied",
        std::io::ErrorKind::AlreadyExists => "io-exists",
        _ => return e.to_string(),
    };
    text_in(lang, id, &[])
}
