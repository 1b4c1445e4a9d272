//! `guifan stats`: counts of documents, and the clearance, filing, review and expiry reports.

use anyhow::Result;
use guifan::Registry;
use guifan::date::iso;
use guifan::model::{Outcome, Timeliness};
use guifan::stats::{
    self, ClearanceReport, Counts, ExpiringReport, Field, FilingTimeliness, ReviewReport,
};
use guifan::store::ListFilter;

use crate::cli::FilterArgs;
use crate::ctx::{Ctx, as_of, print_json};
use crate::i18n::{labels, t};
use crate::render::Table;

/// `guifan stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Fields to count by: status, kind, issuer, year (comma-separated).
    #[arg(long, value_parser = by_value)]
    pub by: Option<By>,
    /// The clearance report of a campaign.
    #[arg(long, conflicts_with_all = ["by", "filings", "reviews", "expiring", "status", "kind", "issuer", "year", "as_of"])]
    pub campaign: Option<String>,
    /// Filing timeliness.
    #[arg(long, conflicts_with_all = ["by", "reviews", "expiring"])]
    pub filings: bool,
    /// Reviews by kind and document kind.
    #[arg(long, conflicts_with_all = ["by", "expiring"])]
    pub reviews: bool,
    /// Documents in force whose 有效期 ends within this many days.
    #[arg(long, conflicts_with = "by")]
    pub expiring: Option<u32>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print the report as JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print the report as CSV.
    #[arg(long)]
    pub csv: bool,
}

/// The fields to count by.
#[derive(Debug, Clone)]
pub struct By(pub Vec<Field>);

fn by_value(s: &str) -> guifan::Result<By> {
    Field::parse_list(s).map(By)
}

/// How to print a report.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Text,
    Json,
    Csv,
}

/// Runs `guifan stats`.
pub fn run(ctx: &Ctx, args: &Args) -> Result<()> {
    let reg = ctx.open()?;
    let form = match (args.json, args.csv) {
        (true, _) => Form::Json,
        (_, true) => Form::Csv,
        _ => Form::Text,
    };
    let filter = args.filter.filter()?;
    if let Some(key) = &args.campaign {
        clearance(&stats::clearance_report(&reg, key)?, form)
    } else if args.filings {
        filings(&stats::filing_timeliness(&reg, &filter)?, form)
    } else if args.reviews {
        reviews(&stats::review_report(&reg, &filter)?, form)
    } else if let Some(days) = args.expiring {
        expiring(&stats::expiring_report(&reg, days, &filter)?, form)
    } else {
        counts(&reg, args, &filter, form)
    }
}

fn clearance(report: &ClearanceReport, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(report),
        Form::Csv => out!("{}", report.to_csv())?,
        Form::Text => {
            outln!("{}（{}）", report.name, report.campaign)?;
            let mut table = Table::new([t!("col-outcome"), t!("col-count")]).right_align(1);
            for o in Outcome::ALL {
                table.row([labels::outcome(o), report.count(o).to_string()]);
            }
            table.row([
                t!("clearance-gone"),
                report.repealed_or_invalidated.to_string(),
            ]);
            table.row([t!("row-total"), report.total.to_string()]);
            out!("{}", table.render())?;
            outln!("{}", crate::i18n::reports::clearance_sentence(report))?;
        }
    }
    Ok(())
}

fn filings(t: &FilingTimeliness, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(t),
        Form::Csv => out!("{}", t.to_csv())?,
        Form::Text => {
            let mut table = Table::new([t!("col-filing"), t!("col-count")]).right_align(1);
            for (label, n) in [
                (labels::timeliness(Timeliness::OnTime), t.on_time),
                (labels::timeliness(Timeliness::Late), t.late),
                (labels::timeliness(Timeliness::Pending), t.pending),
                (t!("filings-overdue"), t.overdue),
                (labels::timeliness(Timeliness::Undetermined), t.undetermined),
                (t!("row-total"), t.total),
            ] {
                table.row([label, n.to_string()]);
            }
            out!("{}", table.render())?;
            outln!("{}", t!("filings-documents", count = t.documents))?;
            for (body, n) in &t.by_body {
                outln!("  {}", t!("filings-by-body", body = body, count = n))?;
            }
            for l in &t.late_filings {
                let line = t!(
                    "filings-late",
                    title = l.title,
                    body = l.filed_with,
                    deadline = iso(l.deadline),
                    days = l.days_late
                );
                outln!("  {line}")?;
            }
        }
    }
    Ok(())
}

fn reviews(report: &ReviewReport, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(report),
        Form::Csv => out!("{}", report.to_csv())?,
        Form::Text => {
            let mut t = Table::new([
                t!("col-review-kind"),
                t!("col-document-kind"),
                t!("col-reviews"),
                t!("col-count"),
            ])
            .right_align(2)
            .right_align(3);
            for r in &report.rows {
                t.row([
                    labels::review_kind(r.kind),
                    r.document_kind.clone(),
                    r.reviews.to_string(),
                    r.documents.to_string(),
                ]);
            }
            out!("{}", t.render())?;
        }
    }
    Ok(())
}

fn expiring(report: &ExpiringReport, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(report),
        Form::Csv => {
            out!("{}", report.to_csv())?;
            return Ok(());
        }
        Form::Text => {}
    }
    let mut t = Table::new([
        t!("col-expires"),
        t!("col-days-left"),
        t!("col-evaluate-by"),
        t!("col-doc-number"),
        t!("col-title"),
    ])
    .right_align(1)
    .shrink(4);
    for e in &report.documents {
        let due = if e.evaluation_overdue {
            t!("expiring-overdue", date = iso(e.evaluation_due))
        } else {
            iso(e.evaluation_due)
        };
        t.row([
            iso(e.expires),
            e.days_left.to_string(),
            due,
            e.doc_number.clone().unwrap_or_default(),
            format!("《{}》", e.title),
        ]);
    }
    out!("{}", t.render())?;
    outln!(
        "{}",
        t!(
            "expiring-total",
            days = report.within_days,
            count = report.documents.len(),
            date = iso(report.as_of)
        )
    )?;
    Ok(())
}

fn counts(reg: &Registry, args: &Args, filter: &ListFilter, form: Form) -> Result<()> {
    let by = args.by.clone().map_or_else(|| vec![Field::Status], |b| b.0);
    let as_of = as_of(filter.as_of)?;
    let counts: Counts = stats::counts(reg, &by, as_of, filter)?;
    match form {
        Form::Json => return print_json(&counts),
        Form::Csv => out!("{}", counts.to_csv())?,
        Form::Text => {
            let mut header: Vec<String> = by.iter().map(|f| labels::field(*f)).collect();
            header.push(t!("col-count"));
            let mut t = Table::new(header).right_align(by.len());
            for row in &counts.rows {
                let mut cells: Vec<String> = row.values.iter().map(labels::value).collect();
                cells.push(row.count.to_string());
                t.row(cells);
            }
            out!("{}", t.render())?;
            outln!(
                "{}",
                t!("stats-total", count = counts.total, date = iso(as_of))
            )?;
        }
    }
    Ok(())
}
