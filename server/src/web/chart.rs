//! Charts drawn on the server as SVG: horizontal bars, stacked by status, with the numbers
//! beside them. They need no script and print as they show.

use guifan::model::Status;
use maud::{Markup, html};

/// The colour of a status (the same as the badges').
pub fn colour(s: Status) -> &'static str {
    match s {
        Status::Valid => "#2e7d32",
        Status::PendingRevision => "#c77c02",
        Status::Repealed => "#8e2424",
        Status::Invalidated => "#6a4c93",
        Status::Expired => "#7a7a7a",
        Status::NotYetEffective => "#2b6cb0",
        Status::Unknown => "#9aa5b1",
    }
}

/// One bar: its label and its parts.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The label at the left.
    pub label: String,
    /// The parts, each a status (or a named colour) and a count.
    pub parts: Vec<(String, &'static str, u64)>,
}

impl Bar {
    /// The sum of the parts.
    pub fn total(&self) -> u64 {
        self.parts.iter().map(|p| p.2).sum()
    }
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 210.0;
const NUMBER: f64 = 50.0;
const ROW: f64 = 24.0;

fn shorten(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(chars - 1).collect();
        t.push('…');
        t
    }
}

/// A bar's non-empty parts with where each starts and how wide it is.
fn segments(b: &Bar, span: f64, max: f64) -> Vec<(&str, &'static str, u64, f64, f64)> {
    let mut x = LABEL;
    let mut out = Vec::new();
    for (name, c, n) in &b.parts {
        let w = span * (*n as f64) / max;
        if *n > 0 {
            out.push((name.as_str(), *c, *n, x, w));
        }
        x += w;
    }
    out
}

/// Horizontal bars, stacked by parts, scaled to the largest total; the total at the end of
/// each bar, each part's count in it when there is room, every part named on hover.
pub fn bars(caption: &str, bars: &[Bar]) -> Markup {
    let max = bars.iter().map(Bar::total).max().unwrap_or(0).max(1) as f64;
    let height = ROW * bars.len() as f64 + 8.0;
    let span = WIDTH - LABEL - NUMBER;
    let mut legend: Vec<(String, &'static str)> = Vec::new();
    for b in bars {
        for (name, c, _) in &b.parts {
            if !legend.iter().any(|(n, _)| n == name) {
                legend.push((name.clone(), c));
            }
        }
    }
    html! {
        figure.chart {
            figcaption { (caption) }
            div.legend {
                @for (name, c) in &legend { span style=(format!("--c:{c}")) { (name) } }
            }
            @if bars.is_empty() {
                p.muted { "没有数据。" }
            } @else {
                svg.chart xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(caption) {
                    @for (i, b) in bars.iter().enumerate() {
                        @let y = 4.0 + ROW * i as f64;
                        g {
                            title { (b.label) "：" (b.total()) }
                            text x=(LABEL - 8.0) y=(y + ROW * 0.62) text-anchor="end" { (shorten(&b.label, 16)) }
                            @for (name, c, n, x, w) in segments(b, span, max) {
                                rect x=(format!("{x:.1}")) y=(y + 3.0) width=(format!("{w:.1}")) height=(ROW - 6.0) fill=(c) {
                                    title { (b.label) " · " (name) "：" (n) }
                                }
                                @if w >= 22.0 {
                                    text x=(format!("{:.1}", x + w / 2.0)) y=(y + ROW * 0.62) text-anchor="middle" fill="#fff" style="fill:#fff" { (n) }
                                }
                            }
                            text.value x=(format!("{:.1}", LABEL + span * b.total() as f64 / max + 6.0)) y=(y + ROW * 0.62) { (b.total()) }
                        }
                    }
                }
            }
        }
    }
}

/// Bars stacked by status, from rows of (label, status, count).
pub fn by_status(rows: impl IntoIterator<Item = (String, Status, u64)>) -> Vec<Bar> {
    let mut out: Vec<Bar> = Vec::new();
    for (label, status, n) in rows {
        let part = (status.label().to_owned(), colour(status), n);
        match out.iter_mut().find(|b| b.label == label) {
            Some(b) => b.parts.push(part),
            None => out.push(Bar {
                label,
                parts: vec![part],
            }),
        }
    }
    for b in &mut out {
        b.parts.sort_by_key(|(name, _, _)| {
            Status::ALL
                .iter()
                .position(|s| s.label() == name)
                .unwrap_or(usize::MAX)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_with_their_numbers() {
        let b = by_status([
            ("行政规范性文件".to_owned(), Status::Valid, 66),
            ("行政规范性文件".to_owned(), Status::Repealed, 30),
            ("合同".to_owned(), Status::Valid, 15),
        ]);
        assert_eq!(b.len(), 2);
        let svg = bars("按文件类型", &b).into_string();
        assert!(svg.contains("<svg"));
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">96</text>"));
        assert!(svg.contains("#8e2424"));
    }
}
