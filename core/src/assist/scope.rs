//! Which documents a clearance campaign covers.
//!
//! A campaign's scope is a short text (`市政府`, `各地各部门`, `地方性法规`). A document is in
//! scope when, on the scope date (the day the campaign was opened, else the date asked about),
//!
//! 1. its kind is one the scope names (法律, 行政法规, 地方性法规, 部门规章, 地方政府规章, 司法解释,
//!    行政规范性文件 …), or 行政规范性文件 when the scope names none;
//! 2. it was in force or had merely run out: its status is 有效, 待修订, 有效期届满 or 未知 (a
//!    document 尚未生效, 废止 or 宣布失效 then is not cleared);
//! 3. its issuer matches what is left of the scope text once the kinds are taken out:
//!    - nothing (or `全部`, `所有`): every issuer;
//!    - `X政府` with X one of 省 市 州 盟 县 区 旗 乡 镇 (`市政府`, `市政府及市政府办公室`): the
//!      people's government of that level or its general office (`…市人民政府`,
//!      `…市人民政府办公室`, `…市人民政府办公厅`);
//!    - `各地各部门`, `各部门`, `各地`: any issuer but a province's or a city's people's
//!      government and its general office (departments, districts, counties, towns);
//!    - anything else: the issuer contains that text.
//!
//! Of several issuers (joined with 、), one matching is enough. A document that already has a
//! decision in the campaign is in scope whatever these rules say.

use time::Date;

use crate::model::Status;
use crate::store::{VersionFacts, WorkFacts};

/// The kinds a scope text may name.
pub const KINDS: &[&str] = &[
    "行政规范性文件",
    "地方政府规章",
    "地方性法规",
    "部门规章",
    "行政法规",
    "司法解释",
    "法律",
];

/// Levels of government a scope may name (`市政府`).
const LEVELS: [char; 9] = ['省', '市', '州', '盟', '县', '区', '旗', '乡', '镇'];

/// The issuers a scope covers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Issuers {
    All,
    Government(char),
    NotTopGovernment,
    Containing(String),
}

/// A campaign's scope, read from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    kinds: Vec<String>,
    issuers: Issuers,
}

fn is_government(issuer: &str, level: char) -> bool {
    let mut gov = String::from(level);
    gov.push_str("人民政府");
    issuer.ends_with(&gov)
        || ["办公室", "办公厅"]
            .iter()
            .any(|o| issuer.ends_with(&format!("{gov}{o}")))
}

impl Scope {
    /// Reads a scope text; see the module documentation.
    pub fn parse(scope: Option<&str>) -> Scope {
        let mut rest = scope.unwrap_or("").trim().to_owned();
        let mut kinds = Vec::new();
        for k in KINDS {
            if rest.contains(k) {
                kinds.push((*k).to_owned());
                rest = rest.replace(k, "");
            }
        }
        if kinds.is_empty() {
            kinds.push(super::rules::NORMATIVE_KIND.to_owned());
        }
        let rest: String = rest
            .trim_matches(|c: char| c.is_whitespace() || "、，,和及与的".contains(c))
            .to_owned();
        let issuers = if rest.is_empty() || rest == "全部" || rest == "所有" {
            Issuers::All
        } else if let Some(level) = rest
            .find("政府")
            .and_then(|i| rest[..i].chars().next_back())
            .filter(|c| LEVELS.contains(c))
            && !rest.contains("各地")
            && !rest.contains("部门")
        {
            Issuers::Government(level)
        } else if rest.contains("各地") || rest.contains("部门") {
            Issuers::NotTopGovernment
        } else {
            Issuers::Containing(rest)
        };
        Scope { kinds, issuers }
    }

    /// Whether an issuer (several joined with 、) is covered.
    pub fn covers_issuer(&self, issuer: &str) -> bool {
        let parts = issuer.split(['、', ',', '，']).map(str::trim);
        match &self.issuers {
            Issuers::All => true,
            Issuers::Government(level) => parts.into_iter().any(|p| is_government(p, *level)),
            Issuers::NotTopGovernment => parts
                .into_iter()
                .any(|p| !is_government(p, '省') && !is_government(p, '市')),
            Issuers::Containing(t) => issuer.contains(t.as_str()),
        }
    }

    /// Whether a kind is covered.
    pub fn covers_kind(&self, kind: &str) -> bool {
        self.kinds.iter().any(|k| k == kind)
    }

    /// The version a work is cleared in, when the work is in scope on `date` by the rules of
    /// the module documentation (decisions aside).
    pub fn admits<'a>(&self, work: &'a WorkFacts, date: Date) -> Option<&'a VersionFacts> {
        let v = work.version_in_force(date)?;
        let status = work.status_as_of(date);
        let clearable = matches!(
            status,
            Status::Valid | Status::PendingRevision | Status::Expired | Status::Unknown
        );
        (clearable && self.covers_kind(&v.kind) && self.covers_issuer(&v.issuer)).then_some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_government_scope() {
        let s = Scope::parse(Some("市政府"));
        assert!(s.covers_issuer("潜江市人民政府"));
        assert!(s.covers_issuer("潜江市人民政府办公室"));
        assert!(!s.covers_issuer("潜江市公安局"));
        assert!(!s.covers_issuer("潜江市熊口镇人民政府"));
        assert!(s.covers_kind("行政规范性文件") && !s.covers_kind("合同"));
    }

    #[test]
    fn departments_and_localities_scope() {
        let s = Scope::parse(Some("各地各部门"));
        assert!(s.covers_issuer("潜江市公安局"));
        assert!(s.covers_issuer("潜江市熊口镇人民政府"));
        assert!(!s.covers_issuer("潜江市人民政府"));
        assert!(!s.covers_issuer("潜江市人民政府办公室"));
        assert!(!s.covers_issuer("湖北省人民政府"));
    }

    #[test]
    fn kinds_and_free_text() {
        let s = Scope::parse(Some("上海市地方性法规"));
        assert!(s.covers_kind("地方性法规") && !s.covers_kind("行政规范性文件"));
        assert!(s.covers_issuer("上海市人民代表大会常务委员会"));
        assert!(!s.covers_issuer("北京市人民代表大会常务委员会"));
        let all = Scope::parse(None);
        assert!(all.covers_issuer("任何机关") && all.covers_kind("行政规范性文件"));
        let both = Scope::parse(Some("法律、行政法规"));
        assert!(both.covers_kind("法律") && both.covers_kind("行政法规"));
        assert!(both.covers_issuer("全国人民代表大会常务委员会"));
    }
}
