//! The query language.
//!
//! - Space-separated terms are ANDed: `罚款 行政裁量权基准`.
//! - `"…"` (or `“…”`) is an exact phrase: every document whose title or text contains it.
//! - An unquoted term matches when each of its words (`segment`) occurs in the document.
//! - `OR` (or `or`) between terms: `罚款 OR 警告`; it binds tighter than AND.
//! - `AND` (or `and`) between terms says what a space says; `NOT term` (or `not term`)
//!   excludes the term as `-term` does.
//! - `-term` excludes: `罚款 -"行政裁量"`.
//! - Field prefixes: `title:` (标题:) searches titles only; `issuer:` (机关:), `kind:` (类型:)
//!   and `number:` (文号:) filter by issuing body, kind of document and 文号 (any spelling).
//!
//! A query that cannot be parsed gets an error naming the column where it went wrong. A query
//! that reads as a question (see `question`) is not parsed: it is ranked over its words.

use crate::error::{Error, Result};

/// Where an item applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title or text.
    Any,
    /// Title only.
    Title,
    /// Filter: issuing body contains.
    Issuer,
    /// Filter: kind of document contains.
    Kind,
    /// Filter: 文号 equals (any spelling) or contains.
    Number,
}

impl Field {
    /// Whether the item filters documents rather than matching text.
    pub fn is_filter(self) -> bool {
        matches!(self, Field::Issuer | Field::Kind | Field::Number)
    }
}

/// One term or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Where the item applies: the text, the title, or a filter such as the issuer.
    pub field: Field,
    /// The text as typed, without quotes.
    pub text: String,
    /// Whether it was typed in quotes: a phrase to match as a whole.
    pub quoted: bool,
    /// 1-based column (in characters) where the item starts, its `-` and prefix included.
    pub column: usize,
}

/// A clause of the conjunction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// Must match.
    Must(Item),
    /// Must not match.
    Not(Item),
    /// At least one must match.
    Any(Vec<Item>),
}

/// A parsed query: all clauses must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The clauses, in the order typed.
    pub clauses: Vec<Clause>,
}

pub(super) const PREFIXES: &[(&str, Field)] = &[
    ("title:", Field::Title),
    ("标题:", Field::Title),
    ("issuer:", Field::Issuer),
    ("机关:", Field::Issuer),
    ("kind:", Field::Kind),
    ("类型:", Field::Kind),
    ("number:", Field::Number),
    ("文号:", Field::Number),
];

fn error(query: &str, column: usize, message: &str) -> Error {
    Error::invalid("query", query, format!("at column {column}: {message}"))
}

enum Token {
    Item { negated: bool, item: Item },
    Or { column: usize },
}

fn is_space(c: char) -> bool {
    c.is_whitespace()
}

fn closing_quote(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '"'],
        '「' => &['」'],
        _ => &['"', '”'],
    }
}

/// Long on purpose: one pass over the characters, whose branches are the query language's
/// tokens (quotes, `-`, field prefixes, OR/AND/NOT, words); the position is the loop's state.
fn tokenize(query: &str) -> Result<Vec<Token>> {
    let chars: Vec<char> = query.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    // `NOT` before a term: the term is excluded, as with `-`.
    let mut not: Option<usize> = None;
    while i < chars.len() {
        if is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut negated = not.take().is_some();
        if chars[i] == '-' {
            if i + 1 >= chars.len() || is_space(chars[i + 1]) {
                return Err(error(query, i + 1, "`-` needs a term right after it"));
            }
            if negated {
                return Err(error(query, i + 1, "`NOT` and `-` together"));
            }
            negated = true;
            i += 1;
        }
        let mut field = Field::Any;
        let rest: String = chars[i..chars.len().min(i + 8)]
            .iter()
            .map(|&c| if c == '：' { ':' } else { c })
            .collect();
        if let Some((prefix, f)) = PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
            field = *f;
            i += prefix.chars().count();
            if i >= chars.len() || is_space(chars[i]) {
                return Err(error(
                    query,
                    start + 1,
                    &format!("`{prefix}` needs a term right after it"),
                ));
            }
        }
        let column = start + 1;
        if matches!(chars[i], '"' | '“' | '「') {
            let closers = closing_quote(chars[i]);
            let Some(len) = chars[i + 1..].iter().position(|c| closers.contains(c)) else {
                return Err(error(query, i + 1, "this quote is never closed"));
            };
            let text: String = chars[i + 1..i + 1 + len].iter().collect();
            if text.trim().is_empty() {
                return Err(error(query, i + 1, "an empty phrase"));
            }
            tokens.push(Token::Item {
                negated,
                item: Item {
                    field,
                    text,
                    quoted: true,
                    column,
                },
            });
            i += len + 2;
            continue;
        }
        let len = chars[i..]
            .iter()
            .position(|&c| is_space(c) || matches!(c, '"' | '“' | '「'))
            .unwrap_or(chars.len() - i);
        let text: String = chars[i..i + len].iter().collect();
        i += len;
        if matches!(text.as_str(), "OR" | "or") && !negated && field == Field::Any {
            tokens.push(Token::Or { column: start + 1 });
            continue;
        }
        // Every term must match already: `AND` says what the space says.
        if matches!(text.as_str(), "AND" | "and") && !negated && field == Field::Any {
            continue;
        }
        if matches!(text.as_str(), "NOT" | "not") && !negated && field == Field::Any {
            not = Some(start + 1);
            continue;
        }
        tokens.push(Token::Item {
            negated,
            item: Item {
                field,
                text,
                quoted: false,
                column,
            },
        });
    }
    if let Some(column) = not {
        return Err(error(query, column, "`NOT` needs a term after it"));
    }
    Ok(tokens)
}

/// Parses a query; see the module documentation.
pub fn parse(query: &str) -> Result<Query> {
    let tokens = tokenize(query)?;
    if tokens.is_empty() {
        return Err(Error::invalid("query", query, "an empty query"));
    }
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or: Option<usize> = None;
    for token in tokens {
        match token {
            Token::Or { column } => {
                if pending_or.is_some() {
                    return Err(error(query, column, "two `OR` in a row"));
                }
                match clauses.last() {
                    Some(Clause::Must(_) | Clause::Any(_)) => pending_or = Some(column),
                    Some(Clause::Not(_)) => {
                        return Err(error(query, column, "`OR` cannot follow an excluded term"));
                    }
                    None => return Err(error(query, column, "`OR` needs a term before it")),
                }
            }
            Token::Item { negated, item } => {
                if let Some(or_column) = pending_or.take() {
                    if negated {
                        return Err(error(
                            query,
                            item.column,
                            "an excluded term cannot be part of `OR`",
                        ));
                    }
                    let Some(last) = clauses.pop() else {
                        return Err(error(query, or_column, "`OR` needs a term before it"));
                    };
                    let mut items = match last {
                        Clause::Must(i) => vec![i],
                        Clause::Any(items) => items,
                        Clause::Not(_) => {
                            return Err(error(
                                query,
                                or_column,
                                "`OR` cannot follow an excluded term",
                            ));
                        }
                    };
                    if items[0].field.is_filter() != item.field.is_filter() {
                        return Err(error(
                            query,
                            or_column,
                            "`OR` cannot join a text term and a field filter",
                        ));
                    }
                    items.push(item);
                    clauses.push(Clause::Any(items));
                } else if negated {
                    clauses.push(Clause::Not(item));
                } else {
                    clauses.push(Clause::Must(item));
                }
            }
        }
    }
    if let Some(column) = pending_or {
        return Err(error(query, column, "`OR` needs a term after it"));
    }
    Ok(Query { clauses })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(field: Field, text: &str, quoted: bool, column: usize) -> Item {
        Item {
            field,
            text: text.into(),
            quoted,
            column,
        }
    }

    #[test]
    fn and_not_and_lowercase_or_are_operators_not_words() {
        // Regression: `AND`, `NOT` and `and` were searched as words.
        let q = parse("罚款 AND 警告 NOT 试行 and 通报 or 批评").expect("parses");
        assert_eq!(
            q.clauses,
            vec![
                Clause::Must(item(Field::Any, "罚款", false, 1)),
                Clause::Must(item(Field::Any, "警告", false, 8)),
                Clause::Not(item(Field::Any, "试行", false, 15)),
                Clause::Any(vec![
                    item(Field::Any, "通报", false, 22),
                    item(Field::Any, "批评", false, 28),
                ]),
            ]
        );
        assert!(parse("罚款 NOT").is_err(), "NOT needs a term after it");
        assert!(parse("罚款 NOT -警告").is_err());
        // Quoted, they are words.
        let q = parse(r#""NOT""#).expect("parses");
        assert_eq!(
            q.clauses,
            vec![Clause::Must(item(Field::Any, "NOT", true, 1))]
        );
    }

    #[test]
    fn terms_phrases_or_and_exclusions() {
        let q = parse(r#"罚款 "行政裁量权基准" 警告 OR 通报批评 -title:试行"#).expect("parses");
        assert_eq!(
            q.clauses,
            vec![
                Clause::Must(item(Field::Any, "罚款", false, 1)),
                Clause::Must(item(Field::Any, "行政裁量权基准", true, 4)),
                Clause::Any(vec![
                    item(Field::Any, "警告", false, 14),
                    item(Field::Any, "通报批评", false, 20),
                ]),
                Clause::Not(item(Field::Title, "试行", false, 25)),
            ]
        );
    }

    #[test]
    fn field_prefixes_in_english_and_chinese() {
        let q = parse("issuer:司法局 类型：行政规范性文件 number:潜政规[2024]3号 标题:\"合同\"")
            .expect("ok");
        let fields: Vec<Field> = q
            .clauses
            .iter()
            .map(|c| match c {
                Clause::Must(i) => i.field,
                _ => Field::Any,
            })
            .collect();
        assert_eq!(
            fields,
            [Field::Issuer, Field::Kind, Field::Number, Field::Title]
        );
    }

    #[test]
    fn chinese_quotes_make_phrases() {
        let q = parse("“行政 裁量”").expect("ok");
        assert_eq!(
            q.clauses,
            vec![Clause::Must(item(Field::Any, "行政 裁量", true, 1))]
        );
    }

    #[test]
    fn errors_point_at_the_column() {
        for (query, column) in [
            ("罚款 \"行政裁量", 4),
            ("OR 罚款", 1),
            ("罚款 OR", 4),
            ("罚款 OR OR 警告", 7),
            ("罚款 - 警告", 4),
            ("罚款 title:", 4),
            ("-罚款 OR 警告", 5),
            ("罚款 OR -警告", 7),
            ("罚款 OR issuer:司法局", 4),
            ("罚款 \"\"", 4),
        ] {
            let err = parse(query).expect_err(query);
            let input = err.input().expect("input error");
            assert_eq!(input.field, "query");
            assert!(
                input.reason.starts_with(&format!("at column {column}:")),
                "{query}: {}",
                input.reason
            );
        }
        assert!(parse("   ").is_err());
    }

    #[test]
    fn a_dash_inside_a_term_is_text() {
        let q = parse("2023-2025年").expect("ok");
        assert_eq!(
            q.clauses,
            vec![Clause::Must(item(Field::Any, "2023-2025年", false, 1))]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            drop(parse(&s));
        }
    }
}
