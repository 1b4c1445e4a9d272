//! Writing the text: preface, preamble, the body's parts, conclusions; and the layout under
//! which the body reads back as the text.

use super::super::body::{self, Body, Layout, Line, Mark, Part};
use super::super::tree::{self, AKN3, Limits};
use super::super::xml::Xml;
use crate::date::iso;
use crate::error::{Error, Result};
use crate::text::structure;

fn write_lines(x: &mut Xml, lines: &[Line]) {
    for l in lines {
        match l.mark {
            Mark::Plain => x.leaf("p", &[], &l.text),
            Mark::DocTitle => x.inline_p("docTitle", &[], &l.text),
            Mark::DocNumber => x.inline_p("docNumber", &[], &l.text),
            Mark::Date(d) => x.inline_p("date", &[("date", &iso(d))], &l.text),
        }
    }
}

fn write_ps(x: &mut Xml, lines: &[String]) {
    for l in lines {
        x.leaf("p", &[], l);
    }
}

fn write_part(x: &mut Xml, p: &Part) {
    let mut attrs = vec![("eId", p.eid.as_str())];
    if p.tag == "hcontainer" {
        attrs.push(("name", "text"));
    }
    x.open(p.tag, &attrs);
    if let Some(n) = &p.num {
        x.leaf("num", &[], n);
    }
    if let Some(h) = &p.heading {
        x.leaf("heading", &[], h);
    }
    if p.children.is_empty() {
        x.open("content", &[]);
        if p.lines.is_empty() {
            x.leaf("p", &[], "");
        } else {
            write_ps(x, &p.lines);
        }
        x.close("content");
    } else {
        if !p.lines.is_empty() {
            x.open("intro", &[]);
            write_ps(x, &p.lines);
            x.close("intro");
        }
        for c in &p.children {
            write_part(x, c);
        }
        if !p.wrap_up.is_empty() {
            x.open("wrapUp", &[]);
            write_ps(x, &p.wrap_up);
            x.close("wrapUp");
        }
    }
    x.close(p.tag);
}

/// The preface, preamble, body and conclusions.
pub(super) fn write_body(x: &mut Xml, b: &Body, body_tag: &str) {
    if !b.preface.is_empty() {
        x.open("preface", &[]);
        write_lines(x, &b.preface);
        x.close("preface");
    }
    if !b.preamble.is_empty() {
        x.open("preamble", &[]);
        write_lines(x, &b.preamble);
        x.close("preamble");
    }
    x.open(body_tag, &[]);
    for p in &b.parts {
        write_part(x, p);
    }
    x.close(body_tag);
    if !b.conclusions.is_empty() {
        x.open("conclusions", &[]);
        write_lines(x, &b.conclusions);
        x.close("conclusions");
    }
}

/// The text an importer reads back from a body written with a layout.
fn reread(b: &Body, body_tag: &str, layout: &Layout) -> Result<String> {
    let mut x = Xml::starting_with(&format!("<akomaNtoso xmlns=\"{AKN3}\"><act>\n"));
    write_body(&mut x, b, body_tag);
    x.raw("</act></akomaNtoso>");
    let root = tree::parse(&x.finish(), Limits::default())?;
    let doc = root
        .child("act")
        .ok_or_else(|| Error::Integrity("the written body has no document".into()))?;
    Ok(body::read_text(doc, layout).text)
}

/// The layout under which the body reads back as the text, with that body; else the default
/// layout's body and `None`.
pub(super) fn find_layout(
    text: &str,
    s: &structure::Structure,
    title: &str,
    number: Option<&str>,
    body_tag: &str,
) -> Result<(Body, Option<Layout>)> {
    let trailing = text.len() - text.trim_end_matches('\n').len();
    let plain = Layout {
        trailing: trailing.min(2),
        ..Layout::default()
    };
    let mut candidates = vec![plain.clone()];
    let mut seen = plain;
    if text.contains("\n\n") {
        seen.gap = 2;
    }
    if let Some(a) = s.articles().next()
        && let Some(first) = a.children.first()
        && let Some(sep) = text.get(a.start + a.heading.len()..first.start)
        && !sep.contains('\n')
    {
        seen.article_sep = sep.to_owned();
    }
    if let Some(c) = s.nodes().find(|n| n.level.is_container())
        && let Some(line) = text.get(c.start..c.end).and_then(|t| t.lines().next())
        && let Some(title) = &c.title
        && let Some(head) = line.strip_suffix(title.as_str())
    {
        let sep: String = head
            .chars()
            .rev()
            .take_while(|ch| ch.is_whitespace())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        seen.heading_sep = sep;
    }
    if seen != candidates[0] {
        candidates.push(seen);
    }
    for layout in candidates {
        let b = body::from_text(text, s, title, number, &layout);
        if reread(&b, body_tag, &layout)? == text {
            return Ok((b, Some(layout)));
        }
    }
    Ok((
        body::from_text(text, s, title, number, &Layout::default()),
        None,
    ))
}
