//! `guifan stats`: counts of documents, and the clearance, filing, review and expiry reports.

use anyhow::Result;
use guifan::Registry;
use guifan::date::iso;
use guifan::model::Outcome;
use guifan::stats::{
    self, ClearanceReport, Counts, ExpiringReport, Field, FilingTimeliness, ReviewReport,
};
use guifan::store::ListFilter;

use crate::cli::FilterArgs;
use crate::ctx::{Ctx, as_of, print_json};
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
        Form::Csv => {
            outln!("campaign,outcome,count")?;
            for o in Outcome::ALL {
                outln!("{},{},{}", report.campaign, o.token(), report.count(o))?;
            }
        }
        Form::Text => {
            outln!("{}（{}）", report.name, report.campaign)?;
            let mut t = Table::new(["清理结论", "件数"]).right_align(1);
            for o in Outcome::ALL {
                t.row([o.label().to_owned(), report.count(o).to_string()]);
            }
            t.row([
                "废止和宣布失效".to_owned(),
                report.repealed_or_invalidated.to_string(),
            ]);
            t.row(["合计".to_owned(), report.total.to_string()]);
            out!("{}", t.render())?;
            outln!("{}", report.sentence())?;
        }
    }
    Ok(())
}

fn filings(t: &FilingTimeliness, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(t),
        Form::Csv => {
            outln!("total,on_time,late,pending,overdue,undetermined")?;
            outln!(
                "{},{},{},{},{},{}",
                t.total,
                t.on_time,
                t.late,
                t.pending,
                t.overdue,
                t.undetermined
            )?;
        }
        Form::Text => {
            let mut table = Table::new(["备案", "件数"]).right_align(1);
            for (label, n) in [
                ("按时报备", t.on_time),
                ("逾期报备", t.late),
                ("待报备", t.pending),
                ("其中逾期未报备", t.overdue),
                ("无法判断", t.undetermined),
                ("合计", t.total),
            ] {
                table.row([label.to_owned(), n.to_string()]);
            }
            out!("{}", table.render())?;
            outln!("报备文件{}件", t.documents)?;
            for (body, n) in &t.by_body {
                outln!("  报{body}备案 {n}件")?;
            }
            for l in &t.late_filings {
                outln!(
                    "  逾期：《{}》报{}，期限 {}，{} 天",
                    l.title,
                    l.filed_with,
                    iso(l.deadline),
                    l.days_late
                )?;
            }
        }
    }
    Ok(())
}

fn reviews(report: &ReviewReport, form: Form) -> Result<()> {
    match form {
        Form::Json => return print_json(report),
        Form::Csv => {
            outln!("kind,document_kind,reviews,documents")?;
            for r in &report.rows {
                outln!(
                    "{},{},{},{}",
                    r.kind.token(),
                    csv_cell(&r.document_kind),
                    r.reviews,
                    r.documents
                )?;
            }
        }
        Form::Text => {
            let mut t = Table::new(["审查类型", "文件类型", "次数", "件数"])
                .right_align(2)
                .right_align(3);
            for r in &report.rows {
                t.row([
                    r.kind.label().to_owned(),
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
            outln!("expires,days_left,evaluation_due,evaluation_overdue,doc_number,title,issuer")?;
            for e in &report.documents {
                outln!(
                    "{},{},{},{},{},{},{}",
                    iso(e.expires),
                    e.days_left,
                    iso(e.evaluation_due),
                    e.evaluation_overdue,
                    csv_cell(e.doc_number.as_deref().unwrap_or("")),
                    csv_cell(&e.title),
                    csv_cell(&e.issuer)
                )?;
            }
            return Ok(());
        }
        Form::Text => {}
    }
    let mut t = Table::new(["有效期至", "剩余天数", "评估期限", "文号", "标题"]).right_align(1);
    for e in &report.documents {
        let due = if e.evaluation_overdue {
            format!("{}（已逾期）", iso(e.evaluation_due))
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
        "{}天内到期{}件（截至{}）",
        report.within_days,
        report.documents.len(),
        iso(report.as_of)
    )?;
    Ok(())
}

fn counts(reg: &Registry, args: &Args, filter: &ListFilter, form: Form) -> Result<()> {
    let by = args.by.clone().map_or_else(|| vec![Field::Status], |b| b.0);
    let as_of = as_of(filter.as_of)?;
    let counts: Counts = stats::counts(reg, &by, as_of, filter)?;
    match form {
        Form::Json => return print_json(&counts),
        Form::Csv => {
            let header: Vec<&str> = by.iter().map(|f| f.name()).collect();
            outln!("{},count", header.join(","))?;
            for row in &counts.rows {
                let cells: Vec<String> = row
                    .values
                    .iter()
                    .map(|v| match v {
                        stats::Value::Status(s) => s.token().to_owned(),
                        stats::Value::Text(t) => csv_cell(t),
                        stats::Value::Year(y) => y.map(|y| y.to_string()).unwrap_or_default(),
                    })
                    .collect();
                outln!("{},{}", cells.join(","), row.count)?;
            }
        }
        Form::Text => {
            let mut header: Vec<String> = by.iter().map(|f| f.label().to_owned()).collect();
            header.push("件数".to_owned());
            let mut t = Table::new(header).right_align(by.len());
            for row in &counts.rows {
                let mut cells: Vec<String> = row.values.iter().map(|v| v.display()).collect();
                cells.push(row.count.to_string());
                t.row(cells);
            }
            out!("{}", t.render())?;
            outln!("合计{}件（截至{}）", counts.total, iso(as_of))?;
        }
    }
    Ok(())
}

/// A CSV cell, quoted when it holds a comma, a quote or a line break.
fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_when_needed() {
        assert_eq!(csv_cell("潜江市人民政府"), "潜江市人民政府");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
