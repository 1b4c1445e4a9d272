//! FRBR identifiers for Chinese documents: guifan's naming convention under the Akoma Ntoso
//! Naming Convention (`docs/akn.md` describes it with examples).
//!
//! ```text
//! Work           /akn/cn/{type}/{subtype}/{place}/{date}/{number}
//! Expression     {Work}/zho@{version date}
//! Manifestation  {Expression}.akn            (FRBRthis: {Expression}/!main.xml)
//! ```
//!
//! - `type` is the Akoma Ntoso document type: `act` for laws, regulations, rules and
//!   normative documents; `doc` for everything else (contracts, decisions, working papers).
//! - `subtype` is an ASCII token for the kind (效力级别 / 文件类型): `law` 法律,
//!   `administrative-regulation` 行政法规, `normative-document` 行政规范性文件 … (see [`KINDS`]);
//!   `other` for a kind not in the list. The kind as written is `FRBRsubtype`.
//! - `place` is the area whose body issued the document, as its name is written at the start
//!   of the first issuer's name, up to its first 省, 自治区, 特别行政区, 市, 州, 盟, 县 or 旗
//!   (`潜江市人民政府` → `潜江市`, `湖北省人民政府` → `湖北省`); `national` for central bodies
//!   (国务院, 全国人民代表大会, 最高人民法院, ministries, `国家…`).
//! - `date` is the first version's issued (公布/印发) date, else its signed (成文) date, else
//!   its effective date; `0001-01-01` when none is known.
//! - `number` is the canonical 发文字号 of the first version (`潜政规〔2024〕3号`), else `nn-`
//!   and the registry's work key.
//! - `version date` is the day the version took effect (its effective date, else its issued
//!   date, else the work date).
//!
//! Components are written as they are (IRIs allow Chinese); `/`, `?`, `#`, `%`, `@`, `!` and
//! whitespace inside a component are percent-encoded.

use crate::date::iso;
use crate::model::{Version, Work};

/// The kinds with their document type and subtype token.
pub const KINDS: &[(&str, &str, &str)] = &[
    ("宪法", "act", "constitution"),
    ("法律", "act", "law"),
    ("有关法律问题和重大问题的决定", "act", "npc-decision"),
    ("行政法规", "act", "administrative-regulation"),
    ("监察法规", "act", "supervisory-regulation"),
    ("地方性法规", "act", "local-regulation"),
    ("自治条例", "act", "autonomous-regulation"),
    ("单行条例", "act", "separate-regulation"),
    ("部门规章", "act", "departmental-rule"),
    ("地方政府规章", "act", "local-government-rule"),
    ("司法解释", "act", "judicial-interpretation"),
    ("行政规范性文件", "act", "normative-document"),
    ("重大行政决策", "doc", "major-decision"),
    ("合同", "doc", "contract"),
    ("工作性文件", "doc", "working-document"),
];

/// The language of every expression guifan writes (ISO 639-2).
pub const LANGUAGE: &str = "zho";

/// The country code.
pub const COUNTRY: &str = "cn";

/// The FRBR identifiers of one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// `act` or `doc`.
    pub doc_type: &'static str,
    /// The ASCII token of the kind (`normative-document`; see [`KINDS`]).
    pub subtype: &'static str,
    /// The area whose body issued the document (`潜江市`, `national`).
    pub place: String,
    /// The first version's issued date, else its signed or effective date (ISO;
    /// `0001-01-01` when none is known).
    pub work_date: String,
    /// The canonical 文号 of the first version, else `nn-` and the work key.
    pub number: String,
    /// The day the version took effect (ISO), else the work date.
    pub expression_date: String,
    /// The Work IRI (`/akn/cn/act/…`).
    pub work_uri: String,
    /// The Expression IRI: the Work IRI with language and date.
    pub expression_uri: String,
}

impl Names {
    /// The `FRBRthis` of the work: its main component.
    pub fn work_this(&self) -> String {
        format!("{}/!main", self.work_uri)
    }
    /// The `FRBRthis` of the expression: its main component.
    pub fn expression_this(&self) -> String {
        format!("{}/!main", self.expression_uri)
    }
    /// The Manifestation IRI: the Akoma Ntoso file of the expression.
    pub fn manifestation_uri(&self) -> String {
        format!("{}.akn", self.expression_uri)
    }
    /// The `FRBRthis` of the manifestation: the XML file of its main component.
    pub fn manifestation_this(&self) -> String {
        format!("{}/!main.xml", self.expression_uri)
    }
}

/// The document type and subtype token of a kind.
pub fn kind_tokens(kind: &str) -> (&'static str, &'static str) {
    KINDS
        .iter()
        .find(|(k, _, _)| *k == kind.trim())
        .map(|&(_, t, s)| (t, s))
        .unwrap_or(("doc", "other"))
}

/// The place component for an issuer; see the module documentation.
pub fn place_of(issuer: &str) -> String {
    let first = issuer
        .split(['、', ',', '，', ';', '；'])
        .next()
        .unwrap_or("")
        .trim();
    const CENTRAL: [&str; 8] = [
        "中华人民共和国",
        "全国",
        "国务院",
        "国家",
        "最高",
        "中共中央",
        "中央",
        "中国",
    ];
    if first.is_empty() || CENTRAL.iter().any(|p| first.starts_with(p)) {
        return "national".to_owned();
    }
    let chars: Vec<(usize, char)> = first.char_indices().collect();
    let mut end: Option<usize> = None;
    for (i, &(at, c)) in chars.iter().enumerate().skip(1) {
        let here = match c {
            '省' | '市' | '县' | '旗' | '州' | '盟' => Some(at + c.len_utf8()),
            '区' if first[..at].ends_with("自治") || first[..at].ends_with("特别行政") => {
                Some(at + c.len_utf8())
            }
            _ => None,
        };
        // `市场…` names a market authority, not a city.
        if c == '市' && chars.get(i + 1).is_some_and(|&(_, n)| n == '场') {
            continue;
        }
        if here.is_some() {
            end = here;
            break;
        }
    }
    match end {
        Some(e) => first[..e].to_owned(),
        None => "national".to_owned(),
    }
}

/// Percent-encodes the characters that would break a path component.
pub fn component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '/' | '?' | '#' | '%' | '@' | '!') || c.is_whitespace() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The identifiers of a version of a work.
pub fn names(work: &Work, version: &Version) -> Names {
    let first = &work.versions[0];
    let (doc_type, subtype) = kind_tokens(&version.meta.kind);
    let place = place_of(&first.meta.issuer);
    let work_date = first
        .meta
        .issued
        .or(first.meta.signed)
        .or(first.meta.effective)
        .map(iso)
        .unwrap_or_else(|| "0001-01-01".to_owned());
    let number = match &first.meta.doc_number {
        Some(n) => n.canonical().to_owned(),
        None => format!("nn-{}", work.key),
    };
    let expression_date = version
        .meta
        .in_force_from()
        .map(iso)
        .unwrap_or_else(|| work_date.clone());
    let work_uri = format!(
        "/akn/{COUNTRY}/{doc_type}/{subtype}/{}/{}/{}",
        component(&place),
        work_date,
        component(&number)
    );
    let expression_uri = format!("{work_uri}/{LANGUAGE}@{expression_date}");
    Names {
        doc_type,
        subtype,
        place,
        work_date,
        number,
        expression_date,
        work_uri,
        expression_uri,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_come_from_the_issuer() {
        assert_eq!(place_of("潜江市人民政府"), "潜江市");
        assert_eq!(place_of("潜江市熊口镇人民政府"), "潜江市");
        assert_eq!(place_of("湖北省人民政府办公厅"), "湖北省");
        assert_eq!(place_of("广西壮族自治区人民政府"), "广西壮族自治区");
        assert_eq!(
            place_of("恩施土家族苗族自治州人民政府"),
            "恩施土家族苗族自治州"
        );
        assert_eq!(place_of("国务院"), "national");
        assert_eq!(place_of("全国人民代表大会常务委员会"), "national");
        assert_eq!(place_of("最高人民法院、最高人民检察院"), "national");
        assert_eq!(place_of("国家市场监督管理总局"), "national");
        assert_eq!(place_of("市场监督管理总局"), "national");
        assert_eq!(place_of("潜江市市场监督管理局"), "潜江市");
        assert_eq!(place_of(""), "national");
    }

    #[test]
    fn kinds_map_to_types() {
        assert_eq!(kind_tokens("行政规范性文件"), ("act", "normative-document"));
        assert_eq!(kind_tokens("合同"), ("doc", "contract"));
        assert_eq!(kind_tokens("会议纪要"), ("doc", "other"));
    }

    #[test]
    fn components_escape_path_characters() {
        assert_eq!(component("潜政规〔2024〕3号"), "潜政规〔2024〕3号");
        assert_eq!(component("a/b c"), "a%2Fb%20c");
    }
}
