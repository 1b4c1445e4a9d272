//! Word documents (`.docx`): the zip and its `word/document.xml`, read with quick-xml.
//!
//! What is read, as Word shows it:
//!
//! - Each paragraph (`w:p`) is a line; its runs' text (`w:t`) in order, `w:tab` as a tab, a
//!   soft break (`w:br` without a type, `w:cr`) as a line end. Page and column breaks, deleted
//!   text (`w:del`, `w:delText`), field instructions (`w:instrText`) and the fallback branch of
//!   `mc:AlternateContent` are not text; field results and inserted text are.
//! - Automatic numbering (`w:numPr` on the paragraph or its style, `word/numbering.xml`) is
//!   rendered where Word renders it: the level's `w:lvlText` with each `%N` in its number
//!   format (decimal, Chinese counting, 甲乙丙, letters, Roman, circled), then the level's
//!   suffix (a tab unless `w:suff` says space or nothing). Lists sharing an abstract numbering
//!   share their counters; a `w:startOverride` restarts them.
//! - A table row is one line, its cells joined by a tab, a cell's paragraphs by a space.
//! - Paragraphs of a text box come before the paragraph that anchors it.
//! - Headers and footers (`word/header*.xml`, `word/footer*.xml`) are read the same way and kept
//!   apart from the text.
//!
//! Hostile input: the zip may hold at most [`Limits::max_zip_entries`] entries; every part is
//! inflated through a counter that stops at [`Limits::max_entry_bytes`] for the part,
//! [`Limits::max_total_bytes`] for all parts, and [`Limits::max_ratio`] uncompressed bytes per
//! compressed byte (once a part has produced 1 MiB) — the sizes the zip's headers declare are
//! not trusted. An encrypted entry, a bad checksum or a damaged archive is an error. The XML may
//! not have a DOCTYPE, may use no entities but XML's five and character references, and may
//! not nest deeper than [`Limits::max_depth`] or hold more than [`Limits::max_elements`]
//! elements.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read as IoRead};
use std::rc::Rc;

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Limits, Read};
use crate::error::{DocumentError, Error, Result};
use crate::text::numerals::to_chinese_number;

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The main part of a Word document.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// Reads a `.docx` file's bytes.
pub(crate) fn read(name: &str, bytes: &[u8], limits: &Limits) -> Result<Read> {
    let mut zip = Zip::open(name, bytes, limits)?;
    let names: Vec<String> = zip
        .archive
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    if !names.iter().any(|n| n == DOCUMENT_PART) {
        return Err(Error::document(
            name,
            None,
            DocumentError::Corrupt,
            format!("the archive has no `{DOCUMENT_PART}`: it is not a Word document"),
        ));
    }
    let numbering = if names.iter().any(|n| n == "word/numbering.xml") {
        let mut n = Numbering::default();
        zip.parse("word/numbering.xml", &mut n)?;
        n
    } else {
        Numbering::default()
    };
    let styles = if names.iter().any(|n| n == "word/styles.xml") {
        let mut s = Styles::default();
        zip.parse("word/styles.xml", &mut s)?;
        s.resolve()
    } else {
        HashMap::new()
    };
    let mut body = Text::new(numbering, styles);
    zip.parse(DOCUMENT_PART, &mut body)?;
    let mut headers = Vec::new();
    let mut parts: Vec<&String> = names
        .iter()
        .filter(|n| {
            (n.starts_with("word/header") || n.starts_with("word/footer")) && n.ends_with(".xml")
        })
        .collect();
    // Headers before footers, each in the order of their numbers.
    parts.sort_by_key(|p| (p.starts_with("word/footer"), p.len(), p.as_str()));
    for part in parts {
        let mut t = Text::new(Numbering::default(), HashMap::new());
        zip.parse(part, &mut t)?;
        headers.extend(t.lines.into_iter().filter(|l| !l.trim().is_empty()));
    }
    Ok(Read {
        lines: body.lines,
        headers,
        ..Read::default()
    })
}

// ---------------------------------------------------------------------------------------------
// The zip, inflated under limits

struct Zip<'a> {
    name: &'a str,
    archive: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    total: Rc<RefCell<u64>>,
}

impl<'a> Zip<'a> {
    fn open(name: &'a str, bytes: &'a [u8], limits: &Limits) -> Result<Zip<'a>> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(name, None, &e))?;
        if archive.len() > limits.max_zip_entries {
            return Err(Error::document(
                name,
                None,
                DocumentError::Limit,
                format!(
                    "the archive has {} entries, over the limit of {}",
                    archive.len(),
                    limits.max_zip_entries
                ),
            ));
        }
        Ok(Zip {
            name,
            archive,
            limits: *limits,
            total: Rc::new(RefCell::new(0)),
        })
    }

    /// Inflates a part and feeds its XML events to `sink`.
    fn parse(&mut self, part: &str, sink: &mut dyn Sink) -> Result<()> {
        let name = self.name;
        let limits = self.limits;
        let file = self
            .archive
            .by_name(part)
            .map_err(|e| zip_error(name, Some(part), &e))?;
        if file.encrypted() {
            return Err(Error::document(
                name,
                Some(part.to_owned()),
                DocumentError::Encrypted,
                "the entry is encrypted",
            ));
        }
        let hit = Rc::new(RefCell::new(None));
        let guard = Guard {
            inner: file,
            produced: 0,
            compressed: 0,
            limits,
            total: Rc::clone(&self.total),
            hit: Rc::clone(&hit),
        };
        let compressed = guard.inner.compressed_size();
        let guard = Guard {
            compressed,
            ..guard
        };
        parse_xml(name, part, guard, &hit, &limits, sink)
    }
}

/// Reads one WordprocessingML part (`word/document.xml`, a header) from memory into lines, the
/// way each part of a `.docx` is read: for a caller that has the part alone (and for fuzzing
/// the XML reader without a zip around it).
pub fn read_part(name: &str, xml: &[u8], limits: &Limits) -> Result<Vec<String>> {
    let hit = Rc::new(RefCell::new(None));
    let guard = Guard {
        inner: Cursor::new(xml),
        produced: 0,
        compressed: u64::try_from(xml.len()).unwrap_or(u64::MAX),
        limits: *limits,
        total: Rc::new(RefCell::new(0)),
        hit: Rc::clone(&hit),
    };
    let mut text = Text::new(Numbering::default(), HashMap::new());
    parse_xml(name, DOCUMENT_PART, guard, &hit, limits, &mut text)?;
    Ok(text.lines)
}

/// Feeds the XML events of a part, inflated through `guard`, to `sink`.
///
/// Long on purpose: one loop over the part's XML events, whose arms are the WordprocessingML
/// elements (paragraph, run, text, break, tab, table cell, numbering); the text being built is
/// the loop's state, and splitting the arms apart would pass it through every call.
fn parse_xml<R: IoRead>(
    name: &str,
    part: &str,
    guard: Guard<R>,
    hit: &RefCell<Option<String>>,
    limits: &Limits,
    sink: &mut dyn Sink,
) -> Result<()> {
    let at = |line: Option<u64>| match line {
        Some(b) => format!("{part}, byte {b}"),
        None => part.to_owned(),
    };
    let mut reader = NsReader::from_reader(BufReader::new(guard));
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth = 0usize;
    let mut elements = 0usize;
    loop {
        buf.clear();
        let pos = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok(x) => x,
            Err(e) => {
                if let Some(limit) = hit.borrow_mut().take() {
                    return Err(Error::document(
                        name,
                        Some(part.to_owned()),
                        DocumentError::Limit,
                        limit,
                    ));
                }
                let corrupt = match &e {
                    quick_xml::Error::Io(io) => io.to_string(),
                    other => format!("not well-formed XML: {other}"),
                };
                return Err(Error::document(
                    name,
                    Some(at(Some(reader.error_position()))),
                    DocumentError::Corrupt,
                    corrupt,
                ));
            }
        };
        let ns = match ns {
            ResolveResult::Bound(n) => Space::of(n.as_ref().as_bytes()),
            _ => Space::Other,
        };
        match event {
            Event::Start(ref s) | Event::Empty(ref s) => {
                elements += 1;
                if elements > limits.max_elements {
                    return Err(Error::document(
                        name,
                        Some(part.to_owned()),
                        DocumentError::Limit,
                        format!("more than {} elements", limits.max_elements),
                    ));
                }
                let empty = matches!(event, Event::Empty(_));
                if !empty {
                    depth += 1;
                    if depth > limits.max_depth {
                        return Err(Error::document(
                            name,
                            Some(at(Some(pos))),
                            DocumentError::Limit,
                            format!("elements nested deeper than {} levels", limits.max_depth),
                        ));
                    }
                }
                let el = Start::new(ns, s);
                sink.start(&el);
                if empty {
                    sink.end(ns, &el.local);
                }
            }
            Event::End(ref e) => {
                depth = depth.saturating_sub(1);
                let local = e.local_name().as_ref().to_owned();
                sink.end(ns, &local);
            }
            Event::Text(t) => sink.text(&t.xml10_content()),
            Event::CData(t) => sink.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let entity = r.xml10_content();
                let expanded = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_predefined_entity(&entity) {
                        Some(s) => s.to_owned(),
                        None => {
                            return Err(Error::document(
                                name,
                                Some(at(Some(pos))),
                                DocumentError::Corrupt,
                                format!(
                                    "the entity `&{entity};` is not defined; only the five \
                                     XML entities and character references are read"
                                ),
                            ));
                        }
                    },
                    Err(e) => {
                        return Err(Error::document(
                            name,
                            Some(at(Some(pos))),
                            DocumentError::Corrupt,
                            format!("bad character reference `&{entity};`: {e}"),
                        ));
                    }
                };
                sink.text(&expanded);
            }
            Event::DocType(_) => {
                return Err(Error::document(
                    name,
                    Some(at(Some(pos))),
                    DocumentError::Corrupt,
                    "the part has a DOCTYPE; Word never writes one, and DTDs and entity \
                     declarations are refused",
                ));
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = enc.to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" {
                        return Err(Error::document(
                            name,
                            Some(part.to_owned()),
                            DocumentError::Unsupported,
                            format!("encoding `{enc}`: only UTF-8 parts are read"),
                        ));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => {
                if depth > 0 {
                    return Err(Error::document(
                        name,
                        Some(part.to_owned()),
                        DocumentError::Corrupt,
                        "the XML ends before its elements are closed",
                    ));
                }
                break;
            }
        }
    }
    // Read to the end so that the checksum is verified.
    let mut guard = reader.into_inner();
    let mut rest = [0u8; 4096];
    loop {
        match guard.read(&mut rest) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                if let Some(limit) = hit.borrow_mut().take() {
                    return Err(Error::document(
                        name,
                        Some(part.to_owned()),
                        DocumentError::Limit,
                        limit,
                    ));
                }
                return Err(Error::document(
                    name,
                    Some(part.to_owned()),
                    DocumentError::Corrupt,
                    format!("the entry is damaged: {e}"),
                ));
            }
        }
    }
    Ok(())
}

fn zip_error(name: &str, part: Option<&str>, e: &ZipError) -> Error {
    let at = part.map(str::to_owned);
    match e {
        ZipError::UnsupportedArchive(m) if m.contains("assword") => Error::document(
            name,
            at,
            DocumentError::Encrypted,
            "the archive is encrypted; save the document without a password",
        ),
        ZipError::InvalidPassword => Error::document(
            name,
            at,
            DocumentError::Encrypted,
            "the archive is encrypted; save the document without a password",
        ),
        ZipError::UnsupportedArchive(m) => Error::document(
            name,
            at,
            DocumentError::Unsupported,
            format!("unsupported zip archive: {m}"),
        ),
        ZipError::CompressionMethodNotSupported(m) => Error::document(
            name,
            at,
            DocumentError::Unsupported,
            format!("compression method {m} is not supported"),
        ),
        ZipError::FileNotFound => {
            Error::document(name, at, DocumentError::Corrupt, "the entry is missing")
        }
        other => Error::document(
            name,
            at,
            DocumentError::Corrupt,
            format!("not a readable zip archive: {other}"),
        ),
    }
}

/// Counts the bytes a part inflates to and stops at the limits.
struct Guard<R> {
    inner: R,
    produced: u64,
    compressed: u64,
    limits: Limits,
    total: Rc<RefCell<u64>>,
    hit: Rc<RefCell<Option<String>>>,
}

impl<R: IoRead> IoRead for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let add = u64::try_from(n).unwrap_or(u64::MAX);
        self.produced = self.produced.saturating_add(add);
        let total = {
            let mut t = self.total.borrow_mut();
            *t = t.saturating_add(add);
            *t
        };
        let l = &self.limits;
        let over = if self.produced > l.max_entry_bytes {
            Some(format!(
                "the entry inflates to more than {} bytes (a zip bomb?)",
                l.max_entry_bytes
            ))
        } else if total > l.max_total_bytes {
            Some(format!(
                "the archive inflates to more than {} bytes (a zip bomb?)",
                l.max_total_bytes
            ))
        } else if self.produced > 1 << 20
            && self.produced > self.compressed.max(1).saturating_mul(l.max_ratio)
        {
            Some(format!(
                "the entry inflates more than {} times its compressed size of {} bytes (a zip \
                 bomb?)",
                l.max_ratio, self.compressed
            ))
        } else {
            None
        };
        if let Some(message) = over {
            *self.hit.borrow_mut() = Some(message.clone());
            return Err(std::io::Error::other(message));
        }
        Ok(n)
    }
}

// ---------------------------------------------------------------------------------------------
// XML events

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Space {
    W,
    Mc,
    Other,
}

impl Space {
    fn of(ns: &[u8]) -> Space {
        if ns == W || ns == W_STRICT {
            Space::W
        } else if ns == MC {
            Space::Mc
        } else {
            Space::Other
        }
    }
}

/// A start tag: namespace, local name, attributes by local name.
struct Start {
    ns: Space,
    local: String,
    attrs: Vec<(String, String)>,
}

impl Start {
    fn new(ns: Space, s: &BytesStart<'_>) -> Start {
        let attrs = s
            .attributes()
            .filter_map(|a| a.ok())
            .filter_map(|a| {
                let key = a.key.local_name().as_ref().to_owned();
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()?
                    .into_owned();
                Some((key, value))
            })
            .collect();
        Start {
            ns,
            local: s.local_name().as_ref().to_owned(),
            attrs,
        }
    }

    fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn val(&self) -> Option<&str> {
        self.attr("val")
    }
}

trait Sink {
    fn start(&mut self, el: &Start);
    fn end(&mut self, ns: Space, local: &str);
    fn text(&mut self, text: &str);
}

// ---------------------------------------------------------------------------------------------
// Numbering

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    suffix: String,
}

#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    // Parsing state.
    current_abstract: Option<String>,
    current_num: Option<String>,
    current_level: Option<u8>,
    override_level: Option<u8>,
}

fn level_of(v: Option<&str>) -> u8 {
    v.and_then(|v| v.parse::<u8>().ok()).unwrap_or(0).min(8)
}

impl Sink for Numbering {
    fn start(&mut self, el: &Start) {
        if el.ns != Space::W {
            return;
        }
        match el.local.as_str() {
            "abstractNum" => self.current_abstract = el.attr("abstractNumId").map(str::to_owned),
            "num" => {
                if let Some(id) = el.attr("numId") {
                    self.current_num = Some(id.to_owned());
                    self.nums
                        .entry(id.to_owned())
                        .or_insert_with(|| (String::new(), HashMap::new()));
                }
            }
            "abstractNumId" => {
                if let (Some(num), Some(v)) = (&self.current_num, el.val())
                    && let Some(entry) = self.nums.get_mut(num)
                {
                    entry.0 = v.to_owned();
                }
            }
            "lvlOverride" => self.override_level = Some(level_of(el.attr("ilvl"))),
            "startOverride" => {
                if let (Some(num), Some(l), Some(v)) =
                    (&self.current_num, self.override_level, el.val())
                    && let Some(entry) = self.nums.get_mut(num)
                    && let Ok(v) = v.parse::<u32>()
                {
                    entry.1.insert(l, v);
                }
            }
            "lvl" if self.current_abstract.is_some() => {
                let l = level_of(el.attr("ilvl"));
                self.current_level = Some(l);
                if let Some(a) = &self.current_abstract {
                    self.abstracts.entry(a.clone()).or_default().insert(
                        l,
                        Level {
                            start: 1,
                            format: "decimal".into(),
                            text: String::new(),
                            suffix: "tab".into(),
                        },
                    );
                }
            }
            "start" | "numFmt" | "lvlText" | "suff" => {
                let (Some(a), Some(l), Some(v)) =
                    (&self.current_abstract, self.current_level, el.val())
                else {
                    return;
                };
                if let Some(level) = self.abstracts.get_mut(a).and_then(|m| m.get_mut(&l)) {
                    match el.local.as_str() {
                        "start" => level.start = v.parse().unwrap_or(1),
                        "numFmt" => level.format = v.to_owned(),
                        "lvlText" => level.text = v.to_owned(),
                        _ => level.suffix = v.to_owned(),
                    }
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Space, local: &str) {
        if ns != Space::W {
            return;
        }
        match local {
            "abstractNum" => self.current_abstract = None,
            "num" => self.current_num = None,
            "lvl" => self.current_level = None,
            "lvlOverride" => self.override_level = None,
            _ => {}
        }
    }

    fn text(&mut self, _: &str) {}
}

/// A style's base style and its own numbering (numId, level).
type StyleEntry = (Option<String>, Option<(String, u8)>);

/// Paragraph styles' numbering, following `w:basedOn`.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, StyleEntry>,
    current: Option<String>,
    num_id: Option<String>,
    ilvl: u8,
    in_ppr: bool,
}

impl Styles {
    fn resolve(self) -> HashMap<String, (String, u8)> {
        let mut out = HashMap::new();
        for id in self.styles.keys() {
            let mut at = id.clone();
            for _ in 0..16 {
                match self.styles.get(&at) {
                    Some((_, Some(num))) => {
                        out.insert(id.clone(), num.clone());
                        break;
                    }
                    Some((Some(base), None)) => at = base.clone(),
                    _ => break,
                }
            }
        }
        out
    }
}

impl Sink for Styles {
    fn start(&mut self, el: &Start) {
        if el.ns != Space::W {
            return;
        }
        match el.local.as_str() {
            "style" => {
                self.current = el.attr("styleId").map(str::to_owned);
                self.num_id = None;
                self.ilvl = 0;
                if let Some(id) = &self.current {
                    self.styles.insert(id.clone(), (None, None));
                }
            }
            "basedOn" => {
                if let (Some(id), Some(v)) = (&self.current, el.val())
                    && let Some(s) = self.styles.get_mut(id)
                {
                    s.0 = Some(v.to_owned());
                }
            }
            "pPr" => self.in_ppr = true,
            "numId" if self.in_ppr => self.num_id = el.val().map(str::to_owned),
            "ilvl" if self.in_ppr => self.ilvl = level_of(el.val()),
            _ => {}
        }
    }

    fn end(&mut self, ns: Space, local: &str) {
        if ns != Space::W {
            return;
        }
        match local {
            "pPr" => self.in_ppr = false,
            "style" => {
                if let (Some(id), Some(num)) = (self.current.take(), self.num_id.take())
                    && let Some(s) = self.styles.get_mut(&id)
                {
                    s.1 = Some((num, self.ilvl));
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, _: &str) {}
}

/// Formats a list number in a Word number format.
fn format_number(n: u32, format: &str) -> String {
    const GAN: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];
    const ZHI: [&str; 12] = [
        "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
    ];
    match format {
        "decimal" => n.to_string(),
        "decimalZero" => format!("{n:02}"),
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
            .collect(),
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographLegalTraditional"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand" => to_chinese_number(u64::from(n)),
        "ideographTraditional" => GAN
            .get((n.max(1) as usize - 1) % 10)
            .copied()
            .unwrap_or("")
            .to_owned(),
        "ideographZodiac" => ZHI
            .get((n.max(1) as usize - 1) % 12)
            .copied()
            .unwrap_or("")
            .to_owned(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        "decimalEnclosedFullstop" if (1..=20).contains(&n) => char::from_u32(0x2488 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            // Word repeats the letter: A … Z, AA … ZZ.
            let k = (n.max(1) - 1) as usize;
            let letter = char::from(base + u8::try_from(k % 26).unwrap_or(0));
            std::iter::repeat_n(letter, k / 26 + 1).collect()
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            }
        }
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Text

#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<u8>,
    style: Option<String>,
}

#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: Option<Vec<String>>,
}

struct Text {
    numbering: Numbering,
    styles: HashMap<String, (String, u8)>,
    counters: HashMap<String, [Option<u32>; 9]>,
    started: std::collections::HashSet<String>,
    lines: Vec<String>,
    paras: Vec<Para>,
    tables: Vec<Table>,
    in_text: bool,
    in_ppr: usize,
    skip: usize,
}

impl Text {
    fn new(numbering: Numbering, styles: HashMap<String, (String, u8)>) -> Text {
        Text {
            numbering,
            styles,
            counters: HashMap::new(),
            started: std::collections::HashSet::new(),
            lines: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
            in_text: false,
            in_ppr: 0,
            skip: 0,
        }
    }

    /// The number Word shows before a paragraph, with its suffix.
    fn label(&mut self, p: &Para) -> String {
        let style_num = p.style.as_ref().and_then(|s| self.styles.get(s)).cloned();
        let (num_id, ilvl) = match (&p.num_id, style_num) {
            (Some(id), style) => (id.clone(), p.ilvl.or(style.map(|s| s.1)).unwrap_or(0)),
            (None, Some((id, l))) => (id, p.ilvl.unwrap_or(l)),
            (None, None) => return String::new(),
        };
        if num_id == "0" {
            return String::new();
        }
        let Some((abs, overrides)) = self.numbering.nums.get(&num_id).cloned() else {
            return String::new();
        };
        let Some(levels) = self.numbering.abstracts.get(&abs) else {
            return String::new();
        };
        let counters = self.counters.entry(abs.clone()).or_insert([None; 9]);
        // A num with start overrides restarts its levels on first use.
        if self.started.insert(num_id.clone()) {
            for (&l, &start) in &overrides {
                if let Some(c) = counters.get_mut(usize::from(l)) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let l = usize::from(ilvl);
        let start = |k: usize| {
            levels
                .get(&u8::try_from(k).unwrap_or(0))
                .map_or(1, |lv| lv.start)
        };
        let next = counters[l].map_or(start(l), |c| c + 1);
        counters[l] = Some(next);
        for deeper in counters.iter_mut().skip(l + 1) {
            *deeper = None;
        }
        let Some(level) = levels.get(&ilvl) else {
            return String::new();
        };
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
                && (1..=9).contains(&d)
            {
                chars.next();
                let k = (d - 1) as usize;
                let value = counters[k].unwrap_or_else(|| start(k));
                let fmt = levels
                    .get(&u8::try_from(k).unwrap_or(0))
                    .map_or("decimal", |lv| lv.format.as_str());
                label.push_str(&format_number(value, fmt));
            } else {
                label.push(c);
            }
        }
        if label.is_empty() || level.format == "bullet" {
            return String::new();
        }
        match level.suffix.as_str() {
            "space" => label.push(' '),
            "nothing" => {}
            _ => label.push('\t'),
        }
        label
    }

    fn finish_para(&mut self) {
        let Some(p) = self.paras.pop() else {
            return;
        };
        let label = self.label(&p);
        let text = format!("{label}{}", p.text);
        if let Some(table) = self.tables.last_mut()
            && let Some(cell) = table.cell.as_mut()
        {
            cell.push(text.replace('\n', " "));
            return;
        }
        for line in text.split('\n') {
            self.lines.push(line.to_owned());
        }
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }
}

impl Sink for Text {
    fn start(&mut self, el: &Start) {
        if self.skip > 0 {
            self.skip += 1;
            return;
        }
        if el.ns == Space::Mc && el.local == "Fallback" {
            self.skip = 1;
            return;
        }
        if el.ns != Space::W {
            return;
        }
        match el.local.as_str() {
            "del" | "moveFrom" | "instrText" | "delText" | "delInstrText" => self.skip = 1,
            "p" => self.paras.push(Para::default()),
            "pPr" => self.in_ppr += 1,
            "numId" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = el.val().map(str::to_owned);
                }
            }
            "ilvl" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = Some(level_of(el.val()));
                }
            }
            "pStyle" if self.in_ppr > 0 => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = el.val().map(str::to_owned);
                }
            }
            _ if self.in_ppr > 0 => {}
            "t" => self.in_text = true,
            "tab" => self.push_text("\t"),
            "br" => match el.attr("type") {
                Some("page") | Some("column") => {}
                _ => self.push_text("\n"),
            },
            "cr" => self.push_text("\n"),
            "noBreakHyphen" => self.push_text("-"),
            "tbl" => self.tables.push(Table::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, ns: Space, local: &str) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        if ns != Space::W {
            return;
        }
        match local {
            "t" => self.in_text = false,
            "pPr" => self.in_ppr = self.in_ppr.saturating_sub(1),
            "p" => self.finish_para(),
            "tc" => {
                if let Some(t) = self.tables.last_mut()
                    && let Some(cell) = t.cell.take()
                {
                    t.row.push(cell.join(" "));
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row).join("\t");
                    let nested = self.tables.len() > 1;
                    if nested {
                        // A table inside a cell: its rows go into that cell.
                        let n = self.tables.len();
                        if let Some(cell) = self.tables[n - 2].cell.as_mut() {
                            cell.push(row);
                        }
                    } else {
                        self.lines.push(row);
                    }
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip == 0 && self.in_text {
            self.push_text(text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in parts {
            w.start_file(*name, SimpleFileOptions::default())
                .expect("start");
            w.write_all(body.as_bytes()).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    fn doc(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        )
    }

    fn lines(parts: &[(&str, &str)]) -> Result<Vec<String>> {
        read("t.docx", &docx(parts), &Limits::default()).map(|r| r.lines)
    }

    #[test]
    fn paragraphs_runs_breaks_tabs_and_tables() {
        let body = doc(concat!(
            r#"<w:p><w:r><w:t>潜江市人民政府</w:t></w:r><w:r><w:t xml:space="preserve">文件</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙&amp;丁&#x4E00;</w:t><w:br w:type="page"/></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:instrText>PAGE</w:instrText></w:r></w:p>"#,
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>名称</w:t></w:r></w:p><w:p><w:r><w:t>二行</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>选</w:t></mc:Choice><mc:Fallback><w:t>备</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#,
            r#"<w:p/>"#,
        ));
        let got = lines(&[(DOCUMENT_PART, &body)]).expect("reads");
        assert_eq!(
            got,
            [
                "潜江市人民政府文件",
                "甲\t乙",
                "丙&丁一",
                "保留插入",
                "序号\t名称 二行",
                "1\t",
                "选",
                ""
            ]
        );
    }

    #[test]
    fn numbering_is_rendered_as_word_shows_it() {
        let numbering = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:abstractNum w:abstractNumId="0">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
            </w:abstractNum>
            <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
            <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
            <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
            <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
          </w:numbering>"#;
        let p = |num: u8, lvl: u8, t: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>"#
            )
        };
        let body = doc(&[
            p(1, 0, "甲"),
            p(1, 1, "子"),
            p(1, 1, "丑"),
            p(1, 0, "乙"),
            p(1, 1, "寅"),
            p(2, 0, "a"),
            p(2, 0, "b"),
            p(3, 0, "c"),
        ]
        .concat());
        let got =
            lines(&[(DOCUMENT_PART, &body), ("word/numbering.xml", numbering)]).expect("reads");
        assert_eq!(
            got,
            [
                "第一条 甲",
                "（一）子",
                "（二）丑",
                "第二条 乙",
                "（一）寅",
                "1.\ta",
                "2.\tb",
                "1.\tc"
            ]
        );
        assert_eq!(format_number(12, "chineseCounting"), "十二");
        assert_eq!(format_number(3, "ideographTraditional"), "丙");
        assert_eq!(format_number(28, "upperLetter"), "BB");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(2, "decimalEnclosedCircle"), "②");
    }

    #[test]
    fn headers_and_footers_are_kept_apart() {
        let body = doc(r#"<w:p><w:r><w:t>正文</w:t></w:r></w:p>"#);
        let header = r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉</w:t></w:r></w:p></w:hdr>"#;
        let footer = r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>— 1 —</w:t></w:r></w:p></w:ftr>"#;
        let r = read(
            "t.docx",
            &docx(&[
                (DOCUMENT_PART, &body),
                ("word/header1.xml", header),
                ("word/footer1.xml", footer),
            ]),
            &Limits::default(),
        )
        .expect("reads");
        assert_eq!(r.lines, ["正文"]);
        assert_eq!(r.headers, ["页眉", "— 1 —"]);
    }

    #[test]
    fn hostile_parts_are_refused_naming_file_and_entry() {
        let entity = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boom">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"#;
        let e = lines(&[(DOCUMENT_PART, entity)]).expect_err("doctype");
        let s = e.to_string();
        assert!(
            s.contains("`t.docx`") && s.contains("word/document.xml"),
            "{s}"
        );
        assert!(s.contains("DOCTYPE"), "{s}");
        let undefined = doc(r#"<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>"#);
        let e = lines(&[(DOCUMENT_PART, &undefined)]).expect_err("entity");
        assert!(e.to_string().contains("`&nbsp;`"), "{e}");
        let e = lines(&[("word/other.xml", "<a/>")]).expect_err("no document");
        assert!(e.to_string().contains("no `word/document.xml`"), "{e}");
        let e = lines(&[(DOCUMENT_PART, "<w:document><w:body>")]).expect_err("malformed");
        assert!(
            matches!(
                e,
                Error::Document {
                    kind: DocumentError::Corrupt,
                    ..
                }
            ),
            "{e}"
        );
        let e = read("t.docx", b"PK\x03\x04garbage", &Limits::default()).expect_err("corrupt");
        assert!(e.to_string().contains("`t.docx`"), "{e}");
    }

    #[test]
    fn a_part_alone_reads_as_in_the_archive() {
        let body = doc(r#"<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>"#);
        assert_eq!(
            read_part("p.xml", body.as_bytes(), &Limits::default()).expect("reads"),
            ["甲", "乙"]
        );
        let e = read_part("p.xml", b"<w:document", &Limits::default()).expect_err("bad");
        assert!(e.to_string().contains("`p.xml`"), "{e}");
    }

    #[test]
    fn zip_bombs_stop_while_inflating() {
        // 48 MiB of one character compresses about a thousand times.
        let bomb = doc(&format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            "0".repeat(48 << 20)
        ));
        let bytes = docx(&[(DOCUMENT_PART, &bomb)]);
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        let e = read("bomb.docx", &bytes, &Limits::default()).expect_err("ratio");
        assert!(
            matches!(
                e,
                Error::Document {
                    kind: DocumentError::Limit,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("times its compressed size"), "{e}");
        let small = Limits {
            max_entry_bytes: 1000,
            ..Limits::default()
        };
        let e = read(
            "big.docx",
            &docx(&[(DOCUMENT_PART, &doc(&"<w:p/>".repeat(500)))]),
            &small,
        )
        .expect_err("size");
        assert!(e.to_string().contains("more than 1000 bytes"), "{e}");
        let few = Limits {
            max_zip_entries: 2,
            ..Limits::default()
        };
        let e = read("many.docx", &docx(&[("a", ""), ("b", ""), ("c", "")]), &few)
            .expect_err("entries");
        assert!(e.to_string().contains("3 entries"), "{e}");
    }
}
