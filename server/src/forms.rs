//! What requests bring: query strings, JSON bodies and HTML forms, read into the library's
//! types with the library's own parsers (`StatusScope::parse`, `parse_date`, `Outcome::parse`,
//! …) so that a bad value fails with the library's message, as on the command line.
//!
//! The API's JSON bodies and the pages' forms share these structs: a form sends every field
//! as text, an empty field means "not given".

use guifan::index::SearchOptions;
use guifan::model::StatusScope;
use guifan::store::ListFilter;
use guifan::{Error, Result};
use serde::{Deserialize, Deserializer};
use time::Date;
use utoipa::{IntoParams, ToSchema};

/// The largest page the API and the pages serve.
pub const MAX_LIMIT: usize = 1000;

/// A field's text, or `None` when absent or blank.
pub fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// An optional date field, parsed by the library (ISO or Chinese).
pub fn date(field: &str, s: &Option<String>) -> Result<Option<Date>> {
    given(s)
        .map(|v| guifan::date::parse_date(field, v))
        .transpose()
}

/// The date asked about, else today (`GUIFAN_TODAY` when set).
pub fn as_of(s: &Option<String>) -> Result<Date> {
    guifan::date::as_of_or_today(date("as_of", s)?)
}

/// An optional number field.
pub fn number<T: std::str::FromStr>(field: &str, s: &Option<String>) -> Result<Option<T>> {
    given(s)
        .map(|v| {
            v.parse::<T>()
                .map_err(|_| Error::invalid(field, v, "expected a whole number"))
        })
        .transpose()
}

/// Reads a number given as JSON number or as text (forms send text).
pub fn text_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Text(String),
        Number(i64),
        Bool(bool),
    }
    Ok(Option::<Either>::deserialize(d)?.map(|e| match e {
        Either::Text(s) => s,
        Either::Number(n) => n.to_string(),
        Either::Bool(b) => b.to_string(),
    }))
}

/// The options of a search: every option of `guifan search`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// The query: words, "exact phrases", OR, -exclude, title:, issuer:, kind:, number:.
    #[serde(default)]
    pub q: Option<String>,
    /// Statuses (tokens or labels, comma-separated) or `any`; default 有效 and 待修订.
    #[serde(default)]
    pub status: Option<String>,
    /// The kind (效力级别 / 文件类型).
    #[serde(default)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough).
    #[serde(default)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// The date statuses and versions in force are reckoned on (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Search every version, superseded ones included (`true`, `1` or `on`).
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<bool>)]
    pub all_versions: Option<String>,
    /// How many hits (default 20, at most 1000).
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<usize>)]
    pub limit: Option<String>,
    /// How many hits to skip.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<usize>)]
    pub offset: Option<String>,
    /// Whether hits carry snippets and articles (default true).
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<bool>)]
    pub snippets: Option<String>,
    /// What the hits are: `document` (the default) or `article` (several per document).
    #[serde(default)]
    pub unit: Option<String>,
    /// How the query is read: `auto` (the default: by its form), `keywords` or `question`.
    #[serde(default)]
    pub mode: Option<String>,
}

/// A boolean field: `true`, `1`, `on`, `yes` (a checked box sends `on`).
pub fn flag(field: &str, s: &Option<String>) -> Result<Option<bool>> {
    given(s)
        .map(|v| match v {
            "true" | "1" | "on" | "yes" => Ok(true),
            "false" | "0" | "off" | "no" => Ok(false),
            _ => Err(Error::invalid(field, v, "expected true or false")),
        })
        .transpose()
}

/// A page size and offset, checked.
pub fn paging(
    limit: &Option<String>,
    offset: &Option<String>,
    default: usize,
) -> Result<(usize, usize)> {
    let limit = number::<usize>("limit", limit)?.unwrap_or(default);
    if limit > MAX_LIMIT {
        return Err(Error::invalid(
            "limit",
            limit.to_string(),
            format!("at most {MAX_LIMIT} per page"),
        ));
    }
    let offset = number::<usize>("offset", offset)?.unwrap_or(0);
    Ok((limit, offset))
}

impl SearchQuery {
    /// The query text (empty when not given).
    pub fn text(&self) -> &str {
        given(&self.q).unwrap_or("")
    }

    /// The library's search options.
    pub fn options(&self) -> Result<SearchOptions> {
        let (limit, offset) = paging(&self.limit, &self.offset, 20)?;
        Ok(SearchOptions {
            status: given(&self.status)
                .map(StatusScope::parse)
                .transpose()?
                .unwrap_or_default(),
            as_of: Some(as_of(&self.as_of)?),
            all_versions: flag("all_versions", &self.all_versions)?.unwrap_or(false),
            kind: given(&self.kind).map(str::to_owned),
            issuer: given(&self.issuer).map(str::to_owned),
            year: number("year", &self.year)?,
            limit,
            offset,
            snippets: flag("snippets", &self.snippets)?.unwrap_or(true),
            unit: given(&self.unit)
                .map(guifan::index::Unit::parse)
                .transpose()?
                .unwrap_or_default(),
            mode: given(&self.mode)
                .map(guifan::index::QueryMode::parse)
                .transpose()?
                .unwrap_or_default(),
            ..SearchOptions::default()
        })
    }
}

/// The filters of a document list or a count: those of `guifan list` and `guifan stats`.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Statuses (tokens or labels, comma-separated) or `any` (the default).
    #[serde(default)]
    pub status: Option<String>,
    /// The kind, exactly.
    #[serde(default)]
    pub kind: Option<String>,
    /// Issuer (a part of the name is enough).
    #[serde(default)]
    pub issuer: Option<String>,
    /// Year first issued.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<i32>)]
    pub year: Option<String>,
    /// The date statuses are reckoned on (default today).
    #[serde(default)]
    pub as_of: Option<String>,
    /// Page size (default 50, at most 1000); `total` counts every document that passes.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<usize>)]
    pub limit: Option<String>,
    /// How many documents to skip.
    #[serde(default, deserialize_with = "text_or_number")]
    #[param(value_type = Option<usize>)]
    pub offset: Option<String>,
}

impl ListQuery {
    /// The library's filter.
    pub fn filter(&self) -> Result<ListFilter> {
        Ok(ListFilter {
            status: given(&self.status)
                .map(StatusScope::parse)
                .transpose()?
                .unwrap_or(StatusScope::Any),
            kind: given(&self.kind).map(str::to_owned),
            issuer: given(&self.issuer).map(str::to_owned),
            year: number("year", &self.year)?,
            as_of: Some(as_of(&self.as_of)?),
        })
    }
}

/// A campaign's decision on a document.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct DecisionInput {
    /// The document: id, key, work key, 文号 (any spelling) or exact title.
    pub document: String,
    /// 继续有效, 待修订, 废止 or 宣布失效 (or a token).
    pub outcome: String,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A filing (备案).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct FilingInput {
    /// The document.
    pub document: String,
    /// The body filed with.
    pub filed_with: String,
    /// When it was submitted.
    #[serde(default)]
    pub submitted: Option<String>,
    /// 备案登记, 暂缓办理, 限期补正, 不予备案, 审查中.
    #[serde(default)]
    pub outcome: Option<String>,
    /// Days after the issued date within which filing is on time (default 30).
    #[serde(default, deserialize_with = "text_or_number")]
    #[schema(value_type = Option<u32>)]
    pub deadline_days: Option<String>,
    /// The filing's own number (备案号).
    #[serde(default)]
    pub number: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A review (审核, 审查, 评估).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct ReviewInput {
    /// The document.
    pub document: String,
    /// 合法性审核, 备案审查, 公平竞争审查, 评估.
    pub kind: String,
    /// Who reviewed.
    pub reviewer: String,
    /// When.
    pub date: String,
    /// The conclusion (合法, 予以备案 …).
    pub conclusion: String,
    /// The opinion, in full.
    #[serde(default)]
    pub opinion: Option<String>,
}

/// A status change made by hand.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct StatusInput {
    /// 有效, 待修订, 废止, 宣布失效 (or a token).
    pub status: String,
    /// The day from which it holds.
    pub date: String,
    /// Why.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A relation recorded by hand.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct RelationInput {
    /// The document the relation is from (on the document page: that document).
    #[serde(default)]
    pub from: String,
    /// 依据, 修改, 废止, 替代, 实施, 引用.
    pub kind: String,
    /// The document it relates to; one the registry does not hold is kept as written.
    pub to: String,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A campaign to open.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct CampaignInput {
    /// A short key (qj-2025).
    pub key: String,
    /// Its name (2025年行政规范性文件清理).
    pub name: String,
    /// Whose documents are in scope (市政府, 各地各部门).
    #[serde(default)]
    pub scope: Option<String>,
    /// When it was opened.
    #[serde(default)]
    pub opened: Option<String>,
}

/// An announcement.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct AnnounceInput {
    /// The day the decisions take effect.
    pub date: String,
}

/// A form's fields with the CSRF token every form carries.
#[derive(Debug, Clone, Deserialize)]
pub struct WithCsrf<T> {
    /// The session's CSRF token.
    #[serde(default)]
    pub csrf: String,
    /// The fields.
    #[serde(flatten)]
    pub fields: T,
}
