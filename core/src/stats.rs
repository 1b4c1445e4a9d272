//! Statistics: counts by status, kind, issuer and year as of a date; the clearance report of
//! a campaign; filing timeliness; documents about to expire; reviews by kind.
//!
//! Counts are of works, not versions. A work is described (kind, issuer) by its version in
//! force on the date, or by its newest version when none is in force yet.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;
use time::{Date, Duration};

use crate::error::{Error, Result};
use crate::model::serde_date::Iso;
use crate::model::{Outcome, ReviewKind, Status, StatusScope, Timeliness, WorkId};
use crate::store::{ListFilter, Registry};

/// A field to count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// The work's status (效力状态) on the date counted: 有效, 废止, ….
    Status,
    /// The kind of document (文件类型), such as 行政规范性文件 or 地方性法规.
    Kind,
    /// The body that made the document (制定机关).
    Issuer,
    /// The year the work was first issued.
    Year,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 4] = [Field::Status, Field::Kind, Field::Issuer, Field::Year];

    /// The field's name in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Kind => "kind",
            Field::Issuer => "issuer",
            Field::Year => "year",
        }
    }

    /// The Chinese column heading.
    pub fn label(self) -> &'static str {
        match self {
            Field::Status => "效力状态",
            Field::Kind => "文件类型",
            Field::Issuer => "制定机关",
            Field::Year => "年份",
        }
    }

    /// Parses `status`, `kind`, `issuer` or `year` (or their Chinese headings).
    pub fn parse(s: &str) -> Result<Field> {
        let t = s.trim();
        Field::ALL
            .into_iter()
            .find(|f| f.name() == t || f.label() == t)
            .ok_or_else(|| Error::invalid("by", s, "expected status, kind, issuer or year"))
    }

    /// Parses a comma-separated list of fields, refusing repeats.
    pub fn parse_list(s: &str) -> Result<Vec<Field>> {
        let mut fields = Vec::new();
        for part in s.split([',', '，']).filter(|p| !p.trim().is_empty()) {
            let f = Field::parse(part)?;
            if fields.contains(&f) {
                return Err(Error::invalid(
                    "by",
                    s,
                    format!("`{}` given twice", f.name()),
                ));
            }
            fields.push(f);
        }
        if fields.is_empty() {
            return Err(Error::invalid("by", s, "name at least one field"));
        }
        Ok(fields)
    }
}

impl Serialize for Field {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A value of a field in a count row.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A status, for [`Field::Status`].
    Status(Status),
    /// A kind or an issuer as written; empty when the record leaves it blank.
    Text(String),
    /// A year of issue, for [`Field::Year`]; `None` when the work has no date to take it from.
    Year(Option<i32>),
}

impl Value {
    /// The value as shown to people: Chinese status labels, `（未知）` for a missing year.
    pub fn display(&self) -> String {
        match self {
            Value::Status(s) => s.label().to_owned(),
            Value::Text(t) if t.is_empty() => "（未填）".to_owned(),
            Value::Text(t) => t.clone(),
            Value::Year(Some(y)) => y.to_string(),
            Value::Year(None) => "（未知）".to_owned(),
        }
    }
}

/// One row of a count: a value per field, and how many works have them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountRow {
    /// One value for each field counted by, in the order of [`Counts::by`].
    pub values: Vec<Value>,
    /// How many works have these values.
    pub count: u64,
}

/// A count of works by fields, as of a date. Serialized as `{"as_of", "by", "total",
/// "rows": [{"status": …, "kind": …, "count": …}]}`: one key per field in each row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// The fields counted by, in the order asked for.
    pub by: Vec<Field>,
    /// The date the statuses are taken on.
    pub as_of: Date,
    /// The groups, largest first.
    pub rows: Vec<CountRow>,
    /// How many works were counted, all rows together.
    pub total: u64,
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        struct Row<'a>(&'a [Field], &'a CountRow);
        impl Serialize for Row<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(Some(self.0.len() + 1))?;
                for (field, value) in self.0.iter().zip(&self.1.values) {
                    m.serialize_entry(field.name(), value)?;
                }
                m.serialize_entry("count", &self.1.count)?;
                m.end()
            }
        }
        let rows: Vec<Row<'_>> = self.rows.iter().map(|r| Row(&self.by, r)).collect();
        let mut st = s.serialize_struct("Counts", 4)?;
        st.serialize_field("as_of", &Iso(Some(self.as_of)))?;
        st.serialize_field("by", &self.by)?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("rows", &rows)?;
        st.end()
    }
}

/// Counts works by `by` (at most the four fields), as of `as_of`, among those `filter` lets
/// through (its own `as_of` is ignored). Rows are sorted by count, largest first, then by value.
pub fn counts(reg: &Registry, by: &[Field], as_of: Date, filter: &ListFilter) -> Result<Counts> {
    /// A value while counting: kinds and issuers by their number in the snapshot, so that
    /// grouping hashes small integers; owned strings only for the rows.
    #[derive(Clone, Copy, PartialEq, Eq, Hash)]
    enum Part {
        Status(Status),
        Kind(u32),
        Issuer(u32),
        Year(Option<i32>),
    }
    let names: Vec<&str> = by.iter().map(|f| f.name()).collect();
    if by.is_empty() || by.iter().enumerate().any(|(i, f)| by[..i].contains(f)) {
        return Err(Error::invalid(
            "by",
            names.join(","),
            "name each of status, kind, issuer, year at most once",
        ));
    }
    let snapshot = reg.snapshot()?;
    // Keys are a few small integers: a fast hasher (no attacker picks them) instead of SipHash.
    let mut groups: rustc_hash::FxHashMap<[Option<Part>; 4], u64> =
        rustc_hash::FxHashMap::default();
    let mut total = 0;
    snapshot.visit(filter, as_of, |at| {
        let mut key = [None; 4];
        for (slot, f) in key.iter_mut().zip(by) {
            *slot = Some(match f {
                Field::Status => Part::Status(at.status),
                Field::Kind => Part::Kind(at.kind_id),
                Field::Issuer => Part::Issuer(at.issuer_id),
                Field::Year => Part::Year(at.work.year),
            });
        }
        *groups.entry(key).or_default() += 1;
        total += 1;
    })?;
    let mut rows: Vec<CountRow> = groups
        .into_iter()
        .map(|(key, count)| CountRow {
            values: key
                .iter()
                .flatten()
                .map(|p| match *p {
                    Part::Status(s) => Value::Status(s),
                    Part::Kind(k) => Value::Text(snapshot.kinds()[k as usize].clone()),
                    Part::Issuer(i) => Value::Text(snapshot.issuers()[i as usize].clone()),
                    Part::Year(y) => Value::Year(y),
                })
                .collect(),
            count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.values.cmp(&b.values)));
    Ok(Counts {
        by: by.to_vec(),
        as_of,
        rows,
        total,
    })
}

/// The works a filter lets through on its date: what a report counts, found by the same walk
/// as `list` and the counts.
fn admitted(reg: &Registry, filter: &ListFilter) -> Result<rustc_hash::FxHashSet<WorkId>> {
    let mut ids = rustc_hash::FxHashSet::default();
    reg.visit_list(filter, |w, _, _| {
        ids.insert(w.id);
    })?;
    Ok(ids)
}

/// Refuses a filter a report does not apply: every option either works or is refused.
fn refuse_status(filter: &ListFilter, report: &str) -> Result<()> {
    if filter.status != StatusScope::Any {
        return Err(Error::invalid(
            "status",
            filter.status.to_string(),
            format!("{report} counts records of every status: drop `status`"),
        ));
    }
    Ok(())
}

/// The date of a filter, else today.
fn filter_date(filter: &ListFilter) -> Result<Date> {
    crate::date::as_of_or_today(filter.as_of)
}

/// The clearance report of a campaign: how many works it decided, and how. Serialized with
/// its [`sentence`](ClearanceReport::sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClearanceReport {
    /// The campaign's key.
    pub campaign: String,
    /// The campaign's name, such as 2024年度行政规范性文件清理.
    pub name: String,
    /// Whose documents it cleared (市政府, a department), when recorded; it heads the sentence.
    pub scope: Option<String>,
    /// When the results were announced and took effect; `None` while the campaign is open.
    pub announced: Option<Date>,
    /// How many works the campaign decided on.
    pub total: u64,
    /// Count per outcome token, every outcome present.
    pub outcomes: BTreeMap<&'static str, u64>,
    /// 废止 and 宣布失效 added up.
    pub repealed_or_invalidated: u64,
}

impl ClearanceReport {
    /// The count for one outcome.
    pub fn count(&self, outcome: Outcome) -> u64 {
        self.outcomes.get(outcome.token()).copied().unwrap_or(0)
    }

    /// The sentence a justice bureau publishes: 共清理出19件…，其中继续有效15件，…
    pub fn sentence(&self) -> String {
        let what = self.scope.as_deref().map_or_else(
            || "行政规范性文件".to_owned(),
            |s| format!("{s}行政规范性文件"),
        );
        let mut parts = Vec::new();
        for (outcome, label) in [
            (Outcome::Valid, "继续有效"),
            (Outcome::PendingRevision, "待修订"),
        ] {
            let n = self.count(outcome);
            if n > 0 {
                parts.push(format!("{label}{n}件"));
            }
        }
        if self.repealed_or_invalidated > 0 {
            parts.push(format!("废止和宣布失效{}件", self.repealed_or_invalidated));
        }
        format!("共清理出{}件{what}，其中{}", self.total, parts.join("，"))
    }
}

impl Serialize for ClearanceReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ClearanceReport", 8)?;
        st.serialize_field("campaign", &self.campaign)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("scope", &self.scope)?;
        st.serialize_field("announced", &Iso(self.announced))?;
        st.serialize_field("total", &self.total)?;
        st.serialize_field("outcomes", &self.outcomes)?;
        st.serialize_field("repealed_or_invalidated", &self.repealed_or_invalidated)?;
        st.serialize_field("sentence", &self.sentence())?;
        st.end()
    }
}

/// The clearance report of the campaign with key `campaign`.
pub fn clearance_report(reg: &Registry, campaign: &str) -> Result<ClearanceReport> {
    let c = reg.campaign(campaign)?;
    let decisions = reg.decisions(campaign)?;
    let mut outcomes: BTreeMap<&'static str, u64> =
        Outcome::ALL.iter().map(|o| (o.token(), 0)).collect();
    for d in &decisions {
        *outcomes.entry(d.outcome.token()).or_default() += 1;
    }
    let repealed_or_invalidated =
        outcomes[Outcome::Repealed.token()] + outcomes[Outcome::Invalidated.token()];
    Ok(ClearanceReport {
        campaign: c.key,
        name: c.name,
        scope: c.scope,
        announced: c.announced,
        total: decisions.len() as u64,
        outcomes,
        repealed_or_invalidated,
    })
}

/// How many filings were made on time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FilingTimeliness {
    /// The date pending filings are judged on: after their deadline, they are overdue.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// Filings counted.
    pub total: u64,
    /// Submitted by the deadline (by default 30 days after the document was issued).
    pub on_time: u64,
    /// Submitted after the deadline.
    pub late: u64,
    /// Not submitted yet (`overdue` ones included).
    pub pending: u64,
    /// Not submitted, and past the deadline.
    pub overdue: u64,
    /// Submitted, but the document has no issued date to reckon from.
    pub undetermined: u64,
    /// The number of distinct documents filed.
    pub documents: u64,
    /// Filings per body filed with.
    pub by_body: BTreeMap<String, u64>,
    /// The late and overdue filings: which documents, how many days past the deadline.
    pub late_filings: Vec<LateFiling>,
}

/// A filing made (or still missing) after its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LateFiling {
    /// The document filed late.
    #[serde(rename = "document")]
    pub work: WorkId,
    /// The document's title.
    pub title: String,
    /// The body the document is filed with (备案机关).
    pub filed_with: String,
    /// The last day the filing was due.
    #[serde(with = "crate::model::serde_date")]
    pub deadline: Date,
    /// When it was submitted; `None` when it is still missing.
    #[serde(with = "crate::model::serde_date::option")]
    pub submitted: Option<Date>,
    /// Days past the deadline: to the submission, or to the report's date when still missing.
    pub days_late: i64,
}

/// Filing timeliness over the filings of the documents `filter` lets through (kind, issuer),
/// as of its date (for the pending ones); its `year` keeps filings of documents issued in
/// that year. A status filter is refused: filings are counted whatever the status now.
pub fn filing_timeliness(reg: &Registry, filter: &ListFilter) -> Result<FilingTimeliness> {
    refuse_status(filter, "filing timeliness")?;
    let as_of = filter_date(filter)?;
    let year = filter.year;
    let works = admitted(
        reg,
        &ListFilter {
            year: None,
            ..filter.clone()
        },
    )?;
    let snapshot = reg.snapshot()?;
    let mut t = FilingTimeliness {
        as_of,
        total: 0,
        on_time: 0,
        late: 0,
        pending: 0,
        overdue: 0,
        undetermined: 0,
        documents: 0,
        by_body: BTreeMap::new(),
        late_filings: Vec::new(),
    };
    let mut documents = std::collections::BTreeSet::new();
    for f in reg.all_filings_as_of(Some(as_of))? {
        if !works.contains(&f.work) || (year.is_some() && f.issued.map(|d| d.year()) != year) {
            continue;
        }
        t.total += 1;
        documents.insert(f.work);
        *t.by_body.entry(f.filed_with.clone()).or_default() += 1;
        let timeliness = f.timeliness(as_of);
        match timeliness {
            Timeliness::OnTime => t.on_time += 1,
            Timeliness::Late => t.late += 1,
            Timeliness::Pending => t.pending += 1,
            Timeliness::Overdue => {
                t.pending += 1;
                t.overdue += 1;
            }
            Timeliness::Undetermined => t.undetermined += 1,
        }
        if matches!(timeliness, Timeliness::Late | Timeliness::Overdue)
            && let Some(deadline) = f.deadline()
        {
            let until = f.submitted.unwrap_or(as_of);
            t.late_filings.push(LateFiling {
                work: f.work,
                title: snapshot
                    .get(f.work)
                    .map(|w| w.describing_version(as_of).title.clone())
                    .unwrap_or_default(),
                filed_with: f.filed_with.clone(),
                deadline,
                submitted: f.submitted,
                days_late: (until - deadline).whole_days(),
            });
        }
    }
    t.documents = documents.len() as u64;
    Ok(t)
}

/// A work in force whose 有效期 ends soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Expiring {
    /// The registry's id of the work.
    pub id: WorkId,
    /// The external key of the version in force, if it has one.
    pub key: Option<String>,
    /// The title of the version in force.
    pub title: String,
    /// The version's 文号 in canonical form, when it has one.
    pub doc_number: Option<String>,
    /// The body that issued it.
    pub issuer: String,
    /// Its status on the date asked about.
    pub status: Status,
    /// The last day of its 有效期; from the next day its status is 有效期届满.
    #[serde(with = "crate::model::serde_date")]
    pub expires: Date,
    /// Days from the date asked about to `expires`.
    pub days_left: i64,
    /// When the evaluation before expiry is due: six months before it.
    #[serde(with = "crate::model::serde_date")]
    pub evaluation_due: Date,
    /// Whether that day has passed on the date asked about: the evaluation is overdue.
    pub evaluation_overdue: bool,
}

/// The documents whose 有效期 ends soon, as `guifan stats --expiring` reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExpiringReport {
    /// The date asked about.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// How many days ahead were looked at.
    pub within_days: u32,
    /// The documents, soonest first.
    pub documents: Vec<Expiring>,
}

/// [`expiring`] as a report.
pub fn expiring_report(
    reg: &Registry,
    within_days: u32,
    filter: &ListFilter,
) -> Result<ExpiringReport> {
    Ok(ExpiringReport {
        as_of: filter_date(filter)?,
        within_days,
        documents: expiring(reg, within_days, filter)?,
    })
}

/// Works in force on the filter's date, among those it lets through, whose version in force
/// expires within `within_days` (the day itself included), soonest first.
pub fn expiring(reg: &Registry, within_days: u32, filter: &ListFilter) -> Result<Vec<Expiring>> {
    let as_of = filter_date(filter)?;
    let works = admitted(reg, filter)?;
    let snapshot = reg.snapshot()?;
    let until = as_of + Duration::days(i64::from(within_days));
    let mut out = Vec::new();
    for w in snapshot.works() {
        let status = w.status_as_of(as_of);
        if !status.in_force() || !works.contains(&w.id) {
            continue;
        }
        let Some(v) = w.version_in_force(as_of) else {
            continue;
        };
        let Some(expires) = v.expires else { continue };
        if expires < as_of || expires > until {
            continue;
        }
        out.push(Expiring {
            id: w.id,
            key: v.key.clone(),
            title: v.title.clone(),
            doc_number: v.doc_number.clone(),
            issuer: v.issuer.clone(),
            status,
            expires,
            days_left: (expires - as_of).whole_days(),
            evaluation_due: six_months_before(expires),
            evaluation_overdue: six_months_before(expires) < as_of,
        });
    }
    out.sort_by_key(|e| (e.expires, e.id));
    Ok(out)
}

/// The same day six months earlier (the month's last day when that day does not exist).
pub fn six_months_before(d: Date) -> Date {
    let (mut year, mut month) = (d.year(), u8::from(d.month()) as i32 - 6);
    if month < 1 {
        month += 12;
        year -= 1;
    }
    let month = time::Month::try_from(month as u8).unwrap_or(time::Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, d.day().min(last)).unwrap_or(d)
}

/// The kinds of document in their customary order, from the highest 效力级别 down; used to
/// order reports. Kinds not listed come after, in text order.
pub const KIND_ORDER: &[&str] = &[
    "宪法",
    "法律",
    "行政法规",
    "监察法规",
    "地方性法规",
    "自治条例",
    "单行条例",
    "部门规章",
    "地方政府规章",
    "司法解释",
    "行政规范性文件",
    "重大行政决策",
    "合同",
];

/// The sort key of a kind by [`KIND_ORDER`].
pub fn kind_rank(kind: &str) -> (usize, &str) {
    (
        KIND_ORDER
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(KIND_ORDER.len()),
        kind,
    )
}

/// One row of the review counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewRow {
    /// The kind of review (合法性审核, 备案审查, …).
    pub kind: ReviewKind,
    /// The kind of the document reviewed.
    pub document_kind: String,
    /// Reviews counted.
    pub reviews: u64,
    /// Distinct documents reviewed.
    pub documents: u64,
}

/// The review counts, as `guifan stats --reviews` reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewReport {
    /// The year the reviews are dated in; every year when `None`.
    pub year: Option<i32>,
    /// Reviews dated after this day are not counted.
    #[serde(with = "crate::model::serde_date")]
    pub as_of: Date,
    /// The counts.
    pub rows: Vec<ReviewRow>,
}

/// [`review_counts`] as a report.
pub fn review_report(reg: &Registry, filter: &ListFilter) -> Result<ReviewReport> {
    Ok(ReviewReport {
        year: filter.year,
        as_of: filter_date(filter)?,
        rows: review_counts(reg, filter)?,
    })
}

/// Reviews by review kind and document kind (in [`KIND_ORDER`]): the reviews dated on or before
/// the filter's date (in its `year`, when given) of the documents it lets through (kind,
/// issuer). A status filter is refused.
pub fn review_counts(reg: &Registry, filter: &ListFilter) -> Result<Vec<ReviewRow>> {
    refuse_status(filter, "the review counts")?;
    let as_of = filter_date(filter)?;
    let year = filter.year;
    let works = admitted(
        reg,
        &ListFilter {
            year: None,
            ..filter.clone()
        },
    )?;
    let snapshot = reg.snapshot()?;
    let mut groups: BTreeMap<(ReviewKind, String), (u64, std::collections::BTreeSet<WorkId>)> =
        BTreeMap::new();
    for r in reg.all_reviews_as_of(Some(as_of))? {
        if year.is_some_and(|y| r.date.year() != y) || r.date > as_of || !works.contains(&r.work) {
            continue;
        }
        let kind = snapshot
            .get(r.work)
            .map(|w| w.describing_version(r.date).kind.clone())
            .unwrap_or_default();
        let entry = groups.entry((r.kind, kind)).or_default();
        entry.0 += 1;
        entry.1.insert(r.work);
    }
    let mut rows: Vec<ReviewRow> = groups
        .into_iter()
        .map(|((kind, document_kind), (reviews, docs))| ReviewRow {
            kind,
            document_kind,
            reviews,
            documents: docs.len() as u64,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.kind, kind_rank(&a.document_kind)).cmp(&(b.kind, kind_rank(&b.document_kind)))
    });
    Ok(rows)
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

// The reports as CSV: what `guifan stats --csv` prints and the web application serves. Values
// are tokens (statuses, outcomes, review kinds), one line per row, a header line first.

impl Counts {
    /// One column per field counted by (`status` as tokens, `year` empty when unknown), then
    /// `count`.
    pub fn to_csv(&self) -> String {
        let header: Vec<&str> = self.by.iter().map(|f| f.name()).collect();
        let mut out = format!("{},count\n", header.join(","));
        for row in &self.rows {
            let cells: Vec<String> = row
                .values
                .iter()
                .map(|v| match v {
                    Value::Status(s) => s.token().to_owned(),
                    Value::Text(t) => csv_cell(t),
                    Value::Year(y) => y.map(|y| y.to_string()).unwrap_or_default(),
                })
                .collect();
            out.push_str(&format!("{},{}\n", cells.join(","), row.count));
        }
        out
    }
}

impl ClearanceReport {
    /// `campaign,outcome,count`, one line per outcome.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("campaign,outcome,count\n");
        for o in Outcome::ALL {
            out.push_str(&format!(
                "{},{},{}\n",
                csv_cell(&self.campaign),
                o.token(),
                self.count(o)
            ));
        }
        out
    }
}

impl FilingTimeliness {
    /// The counts on one line.
    pub fn to_csv(&self) -> String {
        format!(
            "total,on_time,late,pending,overdue,undetermined\n{},{},{},{},{},{}\n",
            self.total, self.on_time, self.late, self.pending, self.overdue, self.undetermined
        )
    }
}

impl ExpiringReport {
    /// `expires,days_left,evaluation_due,evaluation_overdue,doc_number,title,issuer`, one line
    /// per document.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "expires,days_left,evaluation_due,evaluation_overdue,doc_number,title,issuer\n",
        );
        for e in &self.documents {
            out.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                crate::date::iso(e.expires),
                e.days_left,
                crate::date::iso(e.evaluation_due),
                e.evaluation_overdue,
                csv_cell(e.doc_number.as_deref().unwrap_or("")),
                csv_cell(&e.title),
                csv_cell(&e.issuer)
            ));
        }
        out
    }
}

impl ReviewReport {
    /// `kind,document_kind,reviews,documents`, one line per row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("kind,document_kind,reviews,documents\n");
        for r in &self.rows {
            out.push_str(&format!(
                "{},{},{},{}\n",
                r.kind.token(),
                csv_cell(&r.document_kind),
                r.reviews,
                r.documents
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn six_months_before_clamps_to_the_month_end() {
        assert_eq!(
            six_months_before(date!(2029 - 06 - 30)),
            date!(2028 - 12 - 30)
        );
        assert_eq!(
            six_months_before(date!(2025 - 08 - 31)),
            date!(2025 - 02 - 28)
        );
        assert_eq!(
            six_months_before(date!(2025 - 03 - 15)),
            date!(2024 - 09 - 15)
        );
    }

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("潜江市人民政府"), "潜江市人民政府");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn fields_parse_as_lists() {
        assert_eq!(
            Field::parse_list("status,kind").expect("ok"),
            vec![Field::Status, Field::Kind]
        );
        assert!(Field::parse_list("status,status").is_err());
        assert!(Field::parse_list("colour").is_err());
        assert!(Field::parse_list("").is_err());
    }

    #[test]
    fn the_clearance_sentence_reads_like_the_bureau_s() {
        let report = ClearanceReport {
            campaign: "qj-2024".into(),
            name: "清理".into(),
            scope: Some("市政府".into()),
            announced: None,
            total: 19,
            outcomes: [
                ("valid", 15),
                ("pending_revision", 1),
                ("repealed", 2),
                ("invalidated", 1),
            ]
            .into_iter()
            .collect(),
            repealed_or_invalidated: 3,
        };
        assert_eq!(
            report.sentence(),
            "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件"
        );
    }
}
