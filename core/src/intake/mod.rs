//! Documents as they arrive: Word files, web pages, PDFs and plain text in the official layout.
//!
//! [`extract`] reads a file (and [`extract_bytes`] the bytes of an upload) into an
//! [`Extraction`]: the file's format and SHA-256, its text as lines, and the fields of the
//! GB/T 9704 layout found in them ([`layout`]), each with the line or table cell it came from and
//! a confidence. Nothing is invented: a field that is not found stays empty.
//! [`Extraction::to_new_version`] turns it, with [`Overrides`] from the command line or a JSON
//! sidecar, into the [`NewVersion`](crate::model::NewVersion) the registry would store, and
//! [`classify`] tells whether the registry already holds it.
//!
//! The readers are pure Rust and never run another program:
//!
//! - `.docx` ([`docx`]): the zip and its `word/document.xml`, read with quick-xml as it inflates.
//! - `.html`/`.htm` ([`html`]): a government portal's page, its article body and metadata table.
//! - `.pdf` ([`pdf`]): the text layer; a PDF without one (a scan) is refused.
//! - `.txt`/`.md` ([`plain`]): UTF-8, UTF-16 or GB18030, detected, never guessed silently.
//!
//! Every reader works within [`Limits`]; going over one is an [`Error::Document`] naming the
//! file and the limit.

pub mod docx;
pub mod html;
pub mod layout;
pub mod matching;
pub mod overrides;
pub mod pdf;
pub mod plain;

use std::fmt;
use std::io::Read as _;
use std::path::Path;

use serde::{Serialize, Serializer};
use sha2::{Digest, Sha256};
use time::Date;

use crate::error::{DocumentError, Error, Result};

pub use layout::{Fields, Printed};
pub use matching::{Match, classify, classify_version};
pub use overrides::Overrides;

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = DocumentFormat))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML word processing (`.docx`).
    Docx,
    /// A web page (`.html`, `.htm`).
    Html,
    /// PDF with a text layer.
    Pdf,
    /// Plain text (`.txt`).
    Text,
    /// Markdown (`.md`), read as plain text with heading marks removed.
    Markdown,
}

impl Format {
    /// The format's name: `docx`, `html`, `pdf`, `text`, `markdown`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Text => "text",
            Format::Markdown => "markdown",
        }
    }

    /// Tells the format from the file name and the first bytes.
    ///
    /// The magic bytes decide when they are known (a zip, a PDF, an OLE container); the
    /// extension must agree with them. Text formats have no magic: the extension decides, and a
    /// file that starts like HTML is read as HTML. Old Word files (`.doc`, OLE magic
    /// `D0 CF 11 E0`) and encrypted Office files (an OLE container with `EncryptionInfo`) are
    /// refused with a message saying what they are.
    pub fn detect(name: &str, bytes: &[u8]) -> Result<Format> {
        let ext = extension(name);
        let fail = |kind, message: String| Err(Error::document(name, None, kind, message));
        if bytes.starts_with(OLE_MAGIC) {
            if ole_has_stream(bytes, "EncryptionInfo") || ole_has_stream(bytes, "EncryptedPackage")
            {
                return fail(
                    DocumentError::Encrypted,
                    "the file is an encrypted Office document; save it without a password".into(),
                );
            }
            return fail(
                DocumentError::Unsupported,
                "the file is an old binary Word document (`.doc`); save it as `.docx`".into(),
            );
        }
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
            return match ext.as_str() {
                "docx" | "docm" | "dotx" => Ok(Format::Docx),
                _ => fail(
                    DocumentError::Unsupported,
                    format!(
                        "the file is a zip archive but its name ends in `.{ext}`; only `.docx` \
                         archives are read"
                    ),
                ),
            };
        }
        if bytes.starts_with(b"%PDF-") {
            return match ext.as_str() {
                "pdf" => Ok(Format::Pdf),
                _ => fail(
                    DocumentError::Unsupported,
                    format!("the file is a PDF but its name ends in `.{ext}`"),
                ),
            };
        }
        match ext.as_str() {
            "docx" => fail(
                DocumentError::Corrupt,
                "the file does not start like a zip archive, so it is no `.docx`".into(),
            ),
            "pdf" => fail(
                DocumentError::Corrupt,
                "the file does not start with `%PDF-`, so it is no PDF".into(),
            ),
            "doc" => fail(
                DocumentError::Unsupported,
                "old Word documents (`.doc`) are not read; save it as `.docx`".into(),
            ),
            "html" | "htm" | "shtml" | "xhtml" => Ok(Format::Html),
            "txt" | "text" => {
                if looks_like_html(bytes) {
                    Ok(Format::Html)
                } else {
                    Ok(Format::Text)
                }
            }
            "md" | "markdown" => Ok(Format::Markdown),
            "" => fail(
                DocumentError::Unsupported,
                "the file has no extension; name it `.docx`, `.html`, `.pdf`, `.txt` or `.md`"
                    .into(),
            ),
            other => fail(
                DocumentError::Unsupported,
                format!(
                    "`.{other}` files are not read; use `.docx`, `.html`, `.pdf`, `.txt` or `.md`"
                ),
            ),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether an OLE compound file names a stream: directory entries hold names in UTF-16LE.
fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// What the readers may not exceed. Going over a limit is an error naming it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the file itself (64 MiB).
    pub max_file_bytes: u64,
    /// Bytes of text extracted (16 MiB).
    pub max_text_bytes: usize,
    /// Lines of text extracted (200,000).
    pub max_lines: usize,
    /// Entries in a `.docx` zip (2,000).
    pub max_zip_entries: usize,
    /// Uncompressed bytes of one `.docx` part read (64 MiB), counted while inflating.
    pub max_entry_bytes: u64,
    /// Uncompressed bytes of all `.docx` parts read (128 MiB), counted while inflating.
    pub max_total_bytes: u64,
    /// Uncompressed bytes per compressed byte of a part (100), checked while inflating once a
    /// part has produced 1 MiB.
    pub max_ratio: u64,
    /// Elements open at once in XML and HTML (256).
    pub max_depth: usize,
    /// Elements in one XML part or HTML page (2,000,000).
    pub max_elements: usize,
    /// Pages of a PDF (2,000).
    pub max_pages: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 << 20,
            max_text_bytes: 16 << 20,
            max_lines: 200_000,
            max_zip_entries: 2_000,
            max_entry_bytes: 64 << 20,
            max_total_bytes: 128 << 20,
            max_ratio: 100,
            max_depth: 256,
            max_elements: 2_000_000,
            max_pages: 2_000,
        }
    }
}

/// Where a field's value came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum Source {
    /// Lines of the extracted text, 1-based, `first..=last`.
    Lines {
        /// The first line holding the value.
        first: usize,
        /// The last line holding the value.
        last: usize,
    },
    /// A cell of a web page's metadata table, by its label (`发文字号`).
    Cell {
        /// The label of the cell's row or column, as the page writes it.
        label: String,
    },
    /// An element of a web page outside the article body (`h1`, `title`).
    Element {
        /// The element, as `h1`, `title` or a `meta` element with its name.
        name: String,
    },
    /// Computed from other fields by a rule (`有效期5年` from the effective date).
    Rule {
        /// The rule applied, in words, with the line it read when there is one.
        rule: String,
    },
    /// Given by the caller (command line or sidecar).
    Override,
}

impl Source {
    /// One line.
    pub fn line(n: usize) -> Source {
        Source::Lines { first: n, last: n }
    }
}

/// A field found in a document: its value, where it came from and how sure the finder is.
///
/// The confidence is a number in `0..=1` set by the rule that found the field (see
/// `docs/intake.md`, "Confidence"): the rule's base value for the field, lowered when the
/// field is found out of its usual place or by a weaker pattern, raised when two sources agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Source,
    /// How sure the finder is, `0..=1`.
    pub confidence: f32,
}

impl<T> Field<T> {
    /// A field from a source with a confidence (clamped to `0..=1`).
    pub fn new(value: T, source: Source, confidence: f32) -> Field<T> {
        Field {
            value,
            source,
            confidence: confidence.clamp(0.0, 1.0),
        }
    }
}

/// How a field's value is written in JSON.
pub trait FieldValue {
    /// Writes the value.
    fn serialize_value<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error>;
}

impl FieldValue for String {
    fn serialize_value<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl FieldValue for Vec<String> {
    fn serialize_value<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.serialize(s)
    }
}

impl FieldValue for Date {
    fn serialize_value<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&crate::date::iso(*self))
    }
}

impl FieldValue for Printed {
    fn serialize_value<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.serialize(s)
    }
}

struct ValueOf<'a, T>(&'a T);

impl<T: FieldValue> Serialize for ValueOf<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize_value(s)
    }
}

impl<T: FieldValue> Serialize for Field<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Field", 3)?;
        st.serialize_field("value", &ValueOf(&self.value))?;
        st.serialize_field("source", &self.source)?;
        // Two decimals are what the number means; more digits would be noise.
        st.serialize_field(
            "confidence",
            &((f64::from(self.confidence) * 100.0).round() / 100.0),
        )?;
        st.end()
    }
}

/// The metadata table of a government portal's page (信息公开目录), by label.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PortalMeta {
    /// 索引号.
    pub index_no: Option<Field<String>>,
    /// 主题分类.
    pub topic: Option<Field<String>>,
    /// 发文机关.
    pub issuer: Option<Field<String>>,
    /// 成文日期.
    pub signed: Option<Field<Date>>,
    /// 发布日期.
    pub published: Option<Field<Date>>,
    /// 发文字号.
    pub doc_number: Option<Field<String>>,
    /// 有效性 (有效, 失效, 废止 …) as written.
    pub validity: Option<Field<String>>,
    /// 标题 / 名称, when the table has one.
    pub title: Option<Field<String>>,
}

impl PortalMeta {
    /// Whether the page had no metadata table (no label found).
    pub fn is_empty(&self) -> bool {
        *self == PortalMeta::default()
    }
}

/// What was read from one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Extraction {
    /// The file's name as given.
    pub file: String,
    /// The format read.
    pub format: Format,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// The text encoding detected, for text and web pages (`UTF-8`, `GB18030`, `UTF-16LE` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The text, one entry per line (no line ends). Field sources count these lines from 1.
    pub lines: Vec<String>,
    /// Text of page headers and footers (`.docx`), kept apart from the text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<String>,
    /// The fields of the official layout.
    pub fields: Fields,
    /// A web page's metadata table.
    #[serde(skip_serializing_if = "PortalMeta::is_empty")]
    pub portal: PortalMeta,
    /// What the reader or the field finder noticed: a guess made, two sources that disagree.
    pub warnings: Vec<String>,
}

impl Extraction {
    /// The text: the lines joined with `\n`. This is the text the registry stores.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// SHA-256 of [`text`](Self::text), lower-case hex: the registry's content hash of a
    /// version with this text.
    pub fn text_sha256(&self) -> String {
        hex(&Sha256::digest(self.text().as_bytes()))
    }
}

/// Reads a document from a file. The format comes from the extension and the first bytes.
pub fn extract(path: &Path) -> Result<Extraction> {
    extract_with(path, &Limits::default())
}

/// [`extract`] within given limits.
pub fn extract_with(path: &Path, limits: &Limits) -> Result<Extraction> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len > limits.max_file_bytes {
        return Err(over_file_limit(&name, len, limits));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow while it is read: read at most one byte over the limit.
    file.take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    extract_bytes_with(&name, &bytes, limits)
}

/// Reads a document from its bytes (an upload); `name` gives the extension and names the
/// document in errors.
pub fn extract_bytes(name: &str, bytes: &[u8]) -> Result<Extraction> {
    extract_bytes_with(name, bytes, &Limits::default())
}

/// [`extract_bytes`] within given limits.
pub fn extract_bytes_with(name: &str, bytes: &[u8], limits: &Limits) -> Result<Extraction> {
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > limits.max_file_bytes {
        return Err(over_file_limit(name, len, limits));
    }
    let format = Format::detect(name, bytes)?;
    let read = match format {
        Format::Docx => docx::read(name, bytes, limits)?,
        Format::Html => html::read(name, bytes, limits)?,
        Format::Pdf => pdf::read(name, bytes, limits)?,
        Format::Text | Format::Markdown => plain::read(name, bytes, format, limits)?,
    };
    check_text_limits(name, &read.lines, limits)?;
    let mut warnings = read.warnings;
    let portal = read.portal;
    let fields = layout::find_with_page(&read.lines, &portal, read.page_title, &mut warnings);
    Ok(Extraction {
        file: name.to_owned(),
        format,
        sha256: hex(&Sha256::digest(bytes)),
        encoding: read.encoding,
        lines: read.lines,
        headers: read.headers,
        fields,
        portal,
        warnings,
    })
}

/// What a reader returns: the text as lines and what it found beside the text.
#[derive(Debug, Default)]
pub(crate) struct Read {
    pub lines: Vec<String>,
    pub headers: Vec<String>,
    pub encoding: Option<String>,
    pub portal: PortalMeta,
    /// A web page's title element (`h1` or `.title`, else `<title>`).
    pub page_title: Option<Field<String>>,
    pub warnings: Vec<String>,
}

fn over_file_limit(name: &str, len: u64, limits: &Limits) -> Error {
    Error::document(
        name,
        None,
        DocumentError::Limit,
        format!(
            "the file is {len} bytes, over the limit of {} bytes",
            limits.max_file_bytes
        ),
    )
}

fn check_text_limits(name: &str, lines: &[String], limits: &Limits) -> Result<()> {
    if lines.len() > limits.max_lines {
        return Err(Error::document(
            name,
            None,
            DocumentError::Limit,
            format!(
                "the text has {} lines, over the limit of {}",
                lines.len(),
                limits.max_lines
            ),
        ));
    }
    let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
    if bytes > limits.max_text_bytes {
        return Err(Error::document(
            name,
            None,
            DocumentError::Limit,
            format!(
                "the text is {bytes} bytes, over the limit of {} bytes",
                limits.max_text_bytes
            ),
        ));
    }
    Ok(())
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    s
}

/// Splits text into lines: `\n`, `\r\n` and `\r` end a line; a final line end adds no empty
/// line. Trailing blanks of each line are kept (the text is the source's).
pub(crate) fn split_lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(['\n', '\r']) {
        lines.push(rest[..i].to_owned());
        let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[i + skip..];
    }
    lines.push(rest.to_owned());
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_magic_and_extension() {
        assert_eq!(
            Format::detect("a.docx", b"PK\x03\x04rest").expect("docx"),
            Format::Docx
        );
        assert_eq!(
            Format::detect("a.PDF", b"%PDF-1.7").expect("pdf"),
            Format::Pdf
        );
        assert_eq!(
            Format::detect("a.htm", b"<p>x</p>").expect("html"),
            Format::Html
        );
        assert_eq!(
            Format::detect("a.txt", b"<!DOCTYPE html><html>").expect("html"),
            Format::Html
        );
        assert_eq!(Format::detect("a.txt", b"abc").expect("txt"), Format::Text);
        assert_eq!(
            Format::detect("a.md", b"# t").expect("md"),
            Format::Markdown
        );
    }

    #[test]
    fn refuses_what_it_does_not_read_naming_the_file() {
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        let e = Format::detect("通知.doc", &doc).expect_err("doc");
        assert!(e.to_string().contains("`通知.doc`"), "{e}");
        assert!(e.to_string().contains("old binary Word"), "{e}");
        let mut enc = OLE_MAGIC.to_vec();
        enc.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        let e = Format::detect("a.docx", &enc).expect_err("encrypted");
        assert!(matches!(
            e,
            Error::Document {
                kind: DocumentError::Encrypted,
                ..
            }
        ));
        for (name, bytes) in [
            ("a.xlsx", &b"PK\x03\x04"[..]),
            ("a.docx", b"hello"),
            ("a.pdf", b"hello"),
            ("a.doc", b"hello"),
            ("a.rtf", b"{\\rtf"),
            ("noext", b"x"),
            ("a.txt", b"%PDF-1.4"),
        ] {
            let e = Format::detect(name, bytes).expect_err(name);
            assert!(e.to_string().contains(&format!("`{name}`")), "{e}");
        }
    }

    #[test]
    fn splits_lines_on_every_line_end() {
        assert_eq!(split_lines("a\r\nb\rc\nd\n"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\n\nb"), ["a", "", "b"]);
        assert!(split_lines("").is_empty());
        assert_eq!(split_lines("\n"), [""]);
        assert_eq!(split_lines("\n\n"), ["", ""]);
    }

    #[test]
    fn fields_serialize_with_source_and_rounded_confidence() {
        let f = Field::new(time::macros::date!(2024 - 05 - 20), Source::line(12), 0.876);
        let v = serde_json::to_value(&f).expect("json");
        assert_eq!(v["value"], "2024-05-20");
        assert_eq!(v["source"]["from"], "lines");
        assert_eq!(v["source"]["first"], 12);
        assert_eq!(v["confidence"], serde_json::json!(0.88));
    }
}
