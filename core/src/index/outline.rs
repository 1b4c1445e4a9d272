//! The units a text is ranked and returned by: its articles (条), with the 编/分编/章/节 headings
//! they stand under. Found while a version is indexed, in one pass over its lines that also
//! makes the search form, and kept in the index beside the version (a bytes fast field), so that
//! a search needs neither the store nor the parser to score articles (the outline is stored
//! with the version in the index's document store):
//!
//! - positions are characters of the search form, which are the positions of the text's bigrams
//!   (the bigram starting at character i sits at position i), so the positions of a word's
//!   bigrams fall into the article that holds it;
//! - byte ranges are in the original text, for the article's text, snippet and chapter path.
//!
//! Headings are recognised as the snippets recognise them (and as the structure parser does in
//! the usual case): `第…条` (`第十条之一`) at the start of a line followed by white space or the
//! line's end starts an article; `第…编`, `第…分编`, `第…章`, `第…节` so placed is a heading; an
//! article ends where the next article or heading starts, at an `附件` line (attachments follow),
//! or at the end of the text. A standalone `附则` line closes the open headings.
//!
//! A text without `第…条` headings (as the structure parser reads them) but numbered `一、`
//! `二、` has its numbered parts as units, as the structure parser counts them as its articles
//! ([`crate::text::structure::Structure::article_units`]): each `一、` line at the start of a
//! line starts one, labelled `第二部分`. A text with neither is one unit, numbered 0.

use crate::text::normalize::{fold_char, push_search_char};
use crate::text::numerals::parse_chinese_number;
use crate::text::structure::{self, article_label, part_label};

/// An article (or the whole text, when it has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Unit {
    /// Position (character of the search form) of its first character.
    pub start: u32,
    /// Position just after its last character.
    pub end: u32,
    /// Byte offset in the original text where the unit starts.
    pub byte_start: u32,
    /// Byte offset in the original text just after the unit.
    pub byte_end: u32,
    /// Characters of the original text up to the unit's end: the prefix to read for it.
    pub char_end: u32,
    /// 12 for 第十二条; 0 for a text without articles.
    pub number: u32,
    /// 1 for 第十条之一; 0 for none.
    pub suffix: u32,
    /// Whether it is a numbered part (`二、`) of a text without articles.
    pub part: bool,
}

impl Unit {
    /// The article reference `(number, suffix)`, `None` for a whole text.
    pub fn article(&self) -> Option<(u32, Option<u32>)> {
        (self.number > 0).then_some((self.number, (self.suffix > 0).then_some(self.suffix)))
    }

    /// How the unit is cited: `第十条之一`, `第二部分` for a numbered part `二、`; `None` for a
    /// whole text.
    pub fn label(&self) -> Option<String> {
        let (number, suffix) = self.article()?;
        Some(if self.part {
            part_label(number)
        } else {
            article_label(number, suffix)
        })
    }

    /// Length in positions.
    pub fn len(&self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether it holds no character.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A heading of 编, 分编, 章 or 节, and the units it covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Heading {
    /// Position of the heading line's first character.
    pub start: u32,
    /// Position just after the heading line.
    pub end: u32,
    /// Byte offset in the original text where the heading line starts.
    pub byte_start: u32,
    /// Byte offset in the original text just after the heading line.
    pub byte_end: u32,
    /// 0 编, 1 分编, 2 章, 3 节.
    pub level: u8,
    /// The index of the first unit under it.
    pub first: u32,
    /// The index just after the last unit under it (`first..last`).
    pub last: u32,
}

/// The units and headings of a text, in text order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Outline {
    /// The articles (条), else the numbered parts (`一、`), else the whole text as one unit.
    pub units: Vec<Unit>,
    /// The 编, 分编, 章 and 节 headings.
    pub headings: Vec<Heading>,
}

impl Outline {
    /// The unit holding a position, if any.
    pub fn unit_at(&self, pos: u32) -> Option<usize> {
        let i = self.units.partition_point(|u| u.start <= pos);
        (i > 0 && pos < self.units[i - 1].end).then(|| i - 1)
    }

    /// The heading whose line holds a position, if any.
    pub fn heading_at(&self, pos: u32) -> Option<usize> {
        let i = self.headings.partition_point(|h| h.start <= pos);
        (i > 0 && pos < self.headings[i - 1].end).then(|| i - 1)
    }

    /// The bytes of the original text that a unit and the headings it stands under lie in.
    pub fn span(&self, unit: usize) -> Option<(u32, u32)> {
        let u = self.units.get(unit)?;
        let n = unit as u32;
        Some(
            self.headings
                .iter()
                .filter(|h| h.first <= n && n < h.last)
                .fold((u.byte_start, u.byte_end), |(a, b), h| {
                    (a.min(h.byte_start), b.max(h.byte_end))
                }),
        )
    }

    /// The headings a unit stands under, outermost first.
    pub fn path(&self, unit: usize) -> Vec<&Heading> {
        let u = unit as u32;
        let mut path: Vec<&Heading> = self
            .headings
            .iter()
            .filter(|h| h.first <= u && u < h.last)
            .collect();
        path.sort_by_key(|h| h.level);
        path
    }
}

/// What a line starts with.
enum Line {
    Article(u32, u32),
    Division(u8),
    Attachments,
    Supplementary,
    Other,
}

/// Reads the start of a line (leading white space skipped); `parts`: the text has no articles,
/// so its numbered parts are its units.
fn classify(line: &str, parts: bool) -> Line {
    let line = line.trim_start();
    if parts {
        if let Some(number) = structure::part_number(line) {
            return Line::Article(number, 0);
        }
    } else if let Some((number, suffix)) = article_number(line) {
        return Line::Article(number, suffix.unwrap_or(0));
    }
    if let Some(level) = division_level(line) {
        return Line::Division(level);
    }
    if line.starts_with("附件") && structure::is_attachment_line(line) {
        return Line::Attachments;
    }
    if line.trim_end() == "附则" {
        return Line::Supplementary;
    }
    Line::Other
}

/// `第十二条` or `第十条之一` at the start of a line, followed by white space or the line's end:
/// its number and suffix.
pub fn article_number(line: &str) -> Option<(u32, Option<u32>)> {
    let rest = line.strip_prefix('第')?;
    let tiao = rest.find('条')?;
    if tiao > 3 * 8 {
        return None;
    }
    let digits: String = rest[..tiao].chars().map(fold_char).collect();
    let number = u32::try_from(parse_chinese_number(&digits)?).ok()?;
    let mut after = &rest[tiao + '条'.len_utf8()..];
    let mut suffix = None;
    if let Some(s) = after.strip_prefix('之') {
        let len = s
            .char_indices()
            .find(|(_, c)| parse_chinese_number(&fold_char(*c).to_string()).is_none())
            .map_or(s.len(), |(i, _)| i);
        let digits: String = s[..len].chars().map(fold_char).collect();
        suffix = Some(u32::try_from(parse_chinese_number(&digits)?).ok()?);
        after = &s[len..];
    }
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    (number > 0).then_some((number, suffix))
}

/// `第一编`, `第一分编`, `第三章`, `第二节` at the start of a line, followed by white space or the
/// line's end: 0, 1, 2 or 3.
pub fn division_level(line: &str) -> Option<u8> {
    let rest = line.strip_prefix('第')?;
    for (i, c) in rest.char_indices().take(12) {
        let level = match c {
            '编' if rest[..i].ends_with('分') => 1,
            '编' => 0,
            '章' => 2,
            '节' => 3,
            _ => continue,
        };
        let number = if level == 1 {
            &rest[..i - '分'.len_utf8()]
        } else {
            &rest[..i]
        };
        let digits: String = number.chars().map(fold_char).collect();
        parse_chinese_number(&digits)?;
        let after = &rest[i + c.len_utf8()..];
        return after
            .chars()
            .next()
            .is_none_or(char::is_whitespace)
            .then_some(level);
    }
    None
}

/// The search form of a text and its outline, in one pass.
///
/// Long on purpose: the search form of the text and its outline (编/章/节/条 with their
/// offsets) come from the same single pass over the lines.
pub fn scan(body: &str) -> (String, Outline) {
    let mut form = String::with_capacity(body.len());
    let mut outline = Outline::default();
    // As the structure parser decides: one article heading makes a text one of articles.
    let parts = !body
        .lines()
        .any(|l| l.trim_start().starts_with('第') && structure::is_article_line(l));
    let mut pos: u32 = 0;
    let mut byte: u32 = 0;
    let mut chars: u32 = 0;
    // The article being read: its start (position, byte), number, suffix.
    let mut open: Option<(u32, u32, u32, u32)> = None;
    // Open headings, by level.
    let mut open_headings: [Option<usize>; 4] = [None; 4];
    // Where a unit ends: position, byte, character of the original.
    let close_unit = |open: &mut Option<(u32, u32, u32, u32)>,
                      outline: &mut Outline,
                      (pos, byte, chars): (u32, u32, u32)| {
        if let Some((start, byte_start, number, suffix)) = open.take() {
            outline.units.push(Unit {
                start,
                end: pos,
                byte_start,
                byte_end: byte,
                char_end: chars,
                number,
                suffix,
                part: parts,
            });
        }
    };
    let close_headings = |from: usize, open: &mut [Option<usize>; 4], outline: &mut Outline| {
        let last = outline.units.len() as u32;
        for slot in open.iter_mut().skip(from) {
            if let Some(h) = slot.take() {
                outline.headings[h].last = last;
            }
        }
    };
    for line in body.split_inclusive('\n') {
        let at_line = (pos, byte, chars);
        let (line_pos, line_byte) = (pos, byte);
        let kind = classify(line, parts);
        for c in line.chars() {
            let before = form.len();
            push_search_char(c, &mut form);
            pos += form[before..].chars().count() as u32;
            chars += 1;
        }
        byte += line.len() as u32;
        match kind {
            Line::Article(number, suffix) => {
                close_unit(&mut open, &mut outline, at_line);
                open = Some((line_pos, line_byte, number, suffix));
            }
            Line::Division(level) => {
                close_unit(&mut open, &mut outline, at_line);
                close_headings(level as usize, &mut open_headings, &mut outline);
                let content = line.trim_end();
                let trailing = line.len() - content.len();
                let end_pos = pos - line[content.len()..].chars().count() as u32;
                outline.headings.push(Heading {
                    start: line_pos,
                    end: end_pos,
                    byte_start: line_byte + (content.len() - content.trim_start().len()) as u32,
                    byte_end: byte - trailing as u32,
                    level,
                    first: outline.units.len() as u32,
                    last: outline.units.len() as u32,
                });
                open_headings[level as usize] = Some(outline.headings.len() - 1);
            }
            Line::Attachments => close_unit(&mut open, &mut outline, at_line),
            Line::Supplementary => {
                close_unit(&mut open, &mut outline, at_line);
                close_headings(0, &mut open_headings, &mut outline);
            }
            Line::Other => {}
        }
    }
    close_unit(&mut open, &mut outline, (pos, byte, chars));
    close_headings(0, &mut open_headings, &mut outline);
    if outline.units.is_empty() {
        outline.units.push(Unit {
            start: 0,
            end: pos,
            byte_start: 0,
            byte_end: byte,
            char_end: chars,
            number: 0,
            suffix: 0,
            part: false,
        });
    }
    (form, outline)
}

fn put(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn get(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7F).checked_shl(shift)?;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

impl Outline {
    /// The outline as bytes (variable-length integers, deltas between neighbours).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.units.len() * 8 + self.headings.len() * 10);
        put(&mut out, self.units.len() as u32);
        let (mut pos, mut byte, mut chars) = (0u32, 0u32, 0u32);
        for u in &self.units {
            put(&mut out, u.start - pos);
            put(&mut out, u.end - u.start);
            put(&mut out, u.byte_start - byte);
            put(&mut out, u.byte_end - u.byte_start);
            put(&mut out, u.char_end - chars);
            put(&mut out, u.number);
            put(&mut out, u.suffix);
            put(&mut out, u32::from(u.part));
            (pos, byte, chars) = (u.start, u.byte_start, u.char_end);
        }
        put(&mut out, self.headings.len() as u32);
        let (mut pos, mut byte) = (0u32, 0u32);
        for h in &self.headings {
            put(&mut out, h.start - pos);
            put(&mut out, h.end - h.start);
            put(&mut out, h.byte_start - byte);
            put(&mut out, h.byte_end - h.byte_start);
            put(&mut out, u32::from(h.level));
            put(&mut out, h.first);
            put(&mut out, h.last - h.first);
            (pos, byte) = (h.start, h.byte_start);
        }
        out
    }

    /// Reads an outline written by [`Outline::encode`]; `None` when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Outline> {
        let mut at = 0;
        let n = get(bytes, &mut at)? as usize;
        let mut units = Vec::with_capacity(n.min(bytes.len()));
        let (mut pos, mut byte, mut chars) = (0u32, 0u32, 0u32);
        for _ in 0..n {
            let start = pos.checked_add(get(bytes, &mut at)?)?;
            let end = start.checked_add(get(bytes, &mut at)?)?;
            let byte_start = byte.checked_add(get(bytes, &mut at)?)?;
            let byte_end = byte_start.checked_add(get(bytes, &mut at)?)?;
            let char_end = chars.checked_add(get(bytes, &mut at)?)?;
            let number = get(bytes, &mut at)?;
            let suffix = get(bytes, &mut at)?;
            let part = match get(bytes, &mut at)? {
                0 => false,
                1 => true,
                _ => return None,
            };
            units.push(Unit {
                start,
                end,
                byte_start,
                byte_end,
                char_end,
                number,
                suffix,
                part,
            });
            (pos, byte, chars) = (start, byte_start, char_end);
        }
        let n = get(bytes, &mut at)? as usize;
        let mut headings = Vec::with_capacity(n.min(bytes.len()));
        let (mut pos, mut byte) = (0u32, 0u32);
        for _ in 0..n {
            let start = pos.checked_add(get(bytes, &mut at)?)?;
            let end = start.checked_add(get(bytes, &mut at)?)?;
            let byte_start = byte.checked_add(get(bytes, &mut at)?)?;
            let byte_end = byte_start.checked_add(get(bytes, &mut at)?)?;
            let level = u8::try_from(get(bytes, &mut at)?).ok()?;
            let first = get(bytes, &mut at)?;
            let last = first.checked_add(get(bytes, &mut at)?)?;
            headings.push(Heading {
                start,
                end,
                byte_start,
                byte_end,
                level,
                first,
                last,
            });
            (pos, byte) = (start, byte_start);
        }
        (at == bytes.len()).then_some(Outline { units, headings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::search_form;

    const TEXT: &str = "潜江市养犬管理办法\n目录\n第一章　总则\n第二章　附则\n第一章　总则\n第一条　为了规范养犬，制定本办法。\n第二条　本办法适用于城区。\n第二章　管理\n第一节　登记\n第三条　养犬应当登记（５０元）。\n  登记后发给犬牌。\n第三条之一　犬牌不得转借。\n第二节　免疫\n第四条　犬只应当免疫。\n附件：登记表\n姓名　住址";

    #[test]
    fn finds_articles_and_the_headings_above_them() {
        let (form, o) = scan(TEXT);
        assert_eq!(form, search_form(TEXT));
        let labels: Vec<(u32, u32)> = o.units.iter().map(|u| (u.number, u.suffix)).collect();
        assert_eq!(labels, [(1, 0), (2, 0), (3, 0), (3, 1), (4, 0)]);
        let chars: Vec<char> = form.chars().collect();
        let text_of =
            |u: &Unit| -> String { chars[u.start as usize..u.end as usize].iter().collect() };
        assert_eq!(
            text_of(&o.units[2]),
            "第三条 养犬应当登记(50元)。\n  登记后发给犬牌。\n"
        );
        assert_eq!(
            &TEXT[o.units[2].byte_start as usize..o.units[2].byte_end as usize],
            "第三条　养犬应当登记（５０元）。\n  登记后发给犬牌。\n"
        );
        // The last article stops at the attachments.
        assert_eq!(text_of(&o.units[4]), "第四条 犬只应当免疫。\n");
        // The prefix of the text that holds an article.
        let prefix: String = TEXT.chars().take(o.units[2].char_end as usize).collect();
        assert_eq!(prefix.len(), o.units[2].byte_end as usize);
        let path: Vec<&str> = o
            .path(3)
            .iter()
            .map(|h| &TEXT[h.byte_start as usize..h.byte_end as usize])
            .collect();
        assert_eq!(path, ["第二章　管理", "第一节　登记"]);
        let path: Vec<&str> = o
            .path(0)
            .iter()
            .map(|h| &TEXT[h.byte_start as usize..h.byte_end as usize])
            .collect();
        assert_eq!(path, ["第一章　总则"]);
        // Positions fall into articles and heading lines.
        let at = |needle: &str| form.find(needle).map(|b| form[..b].chars().count() as u32);
        assert_eq!(o.unit_at(at("犬牌不得").expect("in text")), Some(3));
        assert_eq!(o.unit_at(at("潜江市").expect("in text")), None);
        let h = o
            .heading_at(at("免疫\n第四条").expect("in text"))
            .expect("heading");
        assert_eq!(o.headings[h].level, 3);
        assert_eq!(Outline::decode(&o.encode()), Some(o));
    }

    #[test]
    fn a_text_without_articles_or_numbered_parts_is_one_unit() {
        let (form, o) = scan("关于做好养犬登记的通知\n请于月底前完成登记。\n（一）带犬只。");
        assert_eq!(o.units.len(), 1);
        assert_eq!(o.units[0].end as usize, form.chars().count());
        assert_eq!(o.units[0].article(), None);
        assert_eq!(o.units[0].label(), None);
        assert_eq!(Outline::decode(&o.encode()), Some(o));
    }

    /// Guards article hits in documents numbered `一、` `二、`: their numbered parts are the
    /// units, as the structure parser stores them as articles.
    #[test]
    fn the_numbered_parts_of_a_text_without_articles_are_its_units() {
        let text = "关于做好养犬登记的通知\n一、登记范围\n城区内饲养的犬只。\n  二、工作要求\n（一）按时登记。\n附件所列材料应当齐全。\n附件：登记表\n姓名";
        let (_, o) = scan(text);
        let units: Vec<_> = o.units.iter().map(|u| (u.article(), u.label())).collect();
        assert_eq!(
            units,
            [
                (Some((1, None)), Some("第一部分".to_owned())),
                (Some((2, None)), Some("第二部分".to_owned())),
            ]
        );
        // A sentence that begins with 附件 stays in its part; the attachment list ends it.
        assert_eq!(
            text[o.units[1].byte_start as usize..o.units[1].byte_end as usize].trim_start(),
            "二、工作要求\n（一）按时登记。\n附件所列材料应当齐全。\n"
        );
        assert_eq!(Outline::decode(&o.encode()), Some(o));

        // One article heading makes `一、` lines a list inside the articles.
        let (_, o) = scan(
            "第一条　下列事项应当报告：\n一、重大事项；\n二、其他事项。\n第二条　自公布之日起施行。",
        );
        let labels: Vec<_> = o.units.iter().filter_map(Unit::label).collect();
        assert_eq!(labels, ["第一条", "第二条"]);
        assert!(o.units.iter().all(|u| !u.part));
    }

    #[test]
    fn references_are_not_headings() {
        assert_eq!(article_number("第十二条规定的"), None);
        assert_eq!(article_number("第十条之一 内容"), Some((10, Some(1))));
        assert_eq!(article_number("第１２条"), Some((12, None)));
        assert_eq!(division_level("第一分编 通则"), Some(1));
        assert_eq!(division_level("第三章法律责任"), None);
        assert_eq!(division_level("第五编 继承"), Some(0));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_round_trips(text in "(第[一二十]{1,3}[条章节编]\\s?|\\PC{0,8}|\n){0,20}") {
            let (form, o) = scan(&text);
            proptest::prop_assert_eq!(&form, &search_form(&text));
            proptest::prop_assert_eq!(Outline::decode(&o.encode()), Some(o.clone()));
            for u in &o.units {
                proptest::prop_assert!(text.is_char_boundary(u.byte_start as usize));
                proptest::prop_assert!(text.is_char_boundary(u.byte_end as usize));
                proptest::prop_assert_eq!(
                    text[..u.byte_end as usize].chars().count(),
                    u.char_end as usize
                );
            }
            drop(Outline::decode(text.as_bytes()));
        }
    }
}
