//! The 对照表 as a Word document (`.docx`, Office Open XML): a title, the two sides compared,
//! the counts, and a real three-column table (原条文 | 修改后条文 | 修改说明) whose header row
//! repeats on every page, on A4 in landscape. Deleted characters are struck through in the old
//! column, inserted ones bold and underlined in the new column; the 修改说明 cells are empty
//! paragraphs for the drafter to fill in. The package is written deterministically (fixed
//! timestamps), deflated with `zip`.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::chardiff::Op;
use super::{Change, Comparison, Row};
use crate::error::{Error, Result};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Column widths in twentieths of a point: A4 landscape (16,838) less 2 cm margins.
const COLUMNS: [u32; 3] = [6100, 6100, 2370];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#;

/// Escapes text for XML and drops the characters XML 1.0 cannot hold.
fn xml_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Deleted,
    Inserted,
    Bold,
}

fn run(text: &str, mark: Mark, out: &mut String) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    match mark {
        Mark::None => {}
        Mark::Deleted => out.push_str("<w:rPr><w:strike/><w:color w:val=\"A00000\"/></w:rPr>"),
        Mark::Inserted => out.push_str("<w:rPr><w:b/><w:bCs/><w:u w:val=\"single\"/></w:rPr>"),
        Mark::Bold => out.push_str("<w:rPr><w:b/><w:bCs/></w:rPr>"),
    }
    out.push_str("<w:t xml:space=\"preserve\">");
    xml_text(text, out);
    out.push_str("</w:t></w:r>");
}

/// Paragraphs of runs: each `\n` in a run's text starts a new paragraph.
fn paragraphs(runs: &[(&str, Mark)], center: bool, out: &mut String) {
    let open = if center {
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    } else {
        "<w:p>"
    };
    out.push_str(open);
    for (text, mark) in runs {
        let mut first = true;
        for piece in text.split('\n') {
            if !first {
                out.push_str("</w:p>");
                out.push_str(open);
            }
            first = false;
            run(piece, *mark, out);
        }
    }
    out.push_str("</w:p>");
}

fn cell(width: u32, shade: bool, body: &str, out: &mut String) {
    out.push_str(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if shade {
        out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>");
    }
    out.push_str("</w:tcPr>");
    // A cell must end with a paragraph.
    if body.is_empty() {
        out.push_str("<w:p/>");
    } else {
        out.push_str(body);
    }
    out.push_str("</w:tc>");
}

fn side(row: &Row, old: bool) -> String {
    let units = if old { &row.old } else { &row.new };
    let mut out = String::new();
    if units.is_empty() {
        return out;
    }
    let whole = row.old.is_empty() || row.new.is_empty();
    let runs: Vec<(&str, Mark)> = row
        .diff
        .iter()
        .filter_map(|s| match (s.op, old) {
            (Op::Equal, _) => Some((s.text.as_str(), Mark::None)),
            (Op::Delete, true) if whole => Some((s.text.as_str(), Mark::None)),
            (Op::Delete, true) => Some((s.text.as_str(), Mark::Deleted)),
            (Op::Insert, false) if whole => Some((s.text.as_str(), Mark::None)),
            (Op::Insert, false) => Some((s.text.as_str(), Mark::Inserted)),
            _ => None,
        })
        .collect();
    paragraphs(&runs, false, &mut out);
    out
}

fn document(c: &Comparison, all: bool) -> String {
    let mut out = String::with_capacity(8192 + c.rows.len() * 1024);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    out.push_str(&format!("<w:document xmlns:w=\"{W}\"><w:body>"));
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>");
    run(&c.heading(), Mark::None, &mut out);
    out.push_str("</w:p>");
    let mut lines = vec![
        format!("原：{}", c.from.describe("原文本")),
        format!("新：{}", c.to.describe("新文本")),
    ];
    lines.extend(c.summary_lines());
    for line in lines {
        paragraphs(&[(line.as_str(), Mark::None)], false, &mut out);
    }
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for edge in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{edge} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for w in COLUMNS {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (title, w) in ["原条文", "修改后条文", "修改说明"].iter().zip(COLUMNS) {
        let mut p = String::new();
        paragraphs(&[(title, Mark::Bold)], true, &mut p);
        cell(w, true, &p, &mut out);
    }
    out.push_str("</w:tr>");
    for row in &c.rows {
        if !all && row.change == Change::Unchanged && !row.renumbered && !row.moved {
            continue;
        }
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        cell(COLUMNS[0], false, &side(row, true), &mut out);
        cell(COLUMNS[1], false, &side(row, false), &mut out);
        cell(COLUMNS[2], false, "", &mut out);
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl><w:p/>");
    out.push_str(
        "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>\
         <w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" \
         w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr>",
    );
    out.push_str("</w:body></w:document>");
    out
}

fn core_properties(c: &Comparison) -> String {
    let mut title = String::new();
    xml_text(&c.heading(), &mut title);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title>\
         <dc:creator>guifan</dc:creator></cp:coreProperties>"
    )
}

fn package_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL}\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         </Relationships>"
    )
}

fn document_rels() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"{REL}\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         </Relationships>"
    )
}

fn write_error(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    Error::Write {
        what: "the Word document",
        source: Box::new(e),
    }
}

impl Comparison {
    /// The 对照表 as a `.docx` file's bytes; by default only the rows that changed, with `all`
    /// every row.
    pub fn to_docx(&self, all: bool) -> Result<Vec<u8>> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default());
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let parts: [(&str, String); 6] = [
            ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
            ("_rels/.rels", package_rels()),
            ("docProps/core.xml", core_properties(self)),
            ("word/_rels/document.xml.rels", document_rels()),
            ("word/styles.xml", STYLES.to_owned()),
            ("word/document.xml", document(self, all)),
        ];
        for (name, body) in parts {
            zip.start_file(name, options).map_err(write_error)?;
            zip.write_all(body.as_bytes()).map_err(write_error)?;
        }
        Ok(zip.finish().map_err(write_error)?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::super::diff_texts;
    use super::*;
    use std::io::Read;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut f = archive.by_name(name).expect("part");
        let mut s = String::new();
        f.read_to_string(&mut s).expect("utf-8");
        s
    }

    fn well_formed(xml: &str) -> usize {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut elements = 0;
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Eof => return elements,
                quick_xml::events::Event::Start(_) | quick_xml::events::Event::Empty(_) => {
                    elements += 1
                }
                _ => {}
            }
        }
    }

    #[test]
    fn the_package_reads_back_with_one_table_row_per_changed_row() {
        let c = diff_texts(
            "第一条　甲。\n第二条　处五百元罚款<&>。\n第三条　删去的条。\n",
            "第一条　甲。\n第二条　处一千元罚款<&>。\n",
        );
        let bytes = c.to_docx(false).expect("docx");
        assert_eq!(bytes, c.to_docx(false).expect("again"), "deterministic");
        for name in [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
        ] {
            assert!(well_formed(&part(&bytes, name)) > 0, "{name}");
        }
        let doc = part(&bytes, "word/document.xml");
        well_formed(&doc);
        // Header and two changed rows (第二条 changed, 第三条 deleted), three cells each.
        assert_eq!(doc.matches("<w:tr>").count(), 3);
        assert_eq!(doc.matches("<w:tc>").count(), 9);
        assert!(doc.contains("<w:strike/>"));
        assert!(doc.contains("罚款&lt;&amp;&gt;"));
        let all = part(&c.to_docx(true).expect("all"), "word/document.xml");
        assert_eq!(all.matches("<w:tr>").count(), 4);
    }

    #[test]
    fn control_characters_are_dropped() {
        let mut s = String::new();
        xml_text("a\u{1}b\tc", &mut s);
        assert_eq!(s, "ab c");
    }
}
