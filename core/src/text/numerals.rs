//! Chinese numerals, both ways: `一百二十三` ↔ 123, `二〇二四` ↔ 2024.

/// Parses a Chinese numeral (`十`, `二十一`, `一百零五`, `一千二百`, `两百`) or a string of
/// Arabic digits. Digit-by-digit forms (`二〇二四`) are read as such. Returns `None` for anything
/// else.
pub fn parse_chinese_number(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let chars: Vec<char> = s.chars().collect();
    // Digit-by-digit: every character a digit, none a unit (二〇二四).
    if chars.len() > 1 && chars.iter().all(|&c| digit(c).is_some()) {
        return chars
            .iter()
            .try_fold(0u64, |acc, &c| acc.checked_mul(10)?.checked_add(digit(c)?));
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut current: Option<u64> = None;
    let mut after_zero = false;
    for &c in &chars {
        if let Some(d) = digit(c) {
            if d == 0 {
                if current.is_some() {
                    return None;
                }
                after_zero = true;
                continue;
            }
            if current.is_some() {
                return None; // two digits in a row, like 二三
            }
            current = Some(d);
            after_zero = false;
            continue;
        }
        if std::mem::take(&mut after_zero) {
            return None; // a unit right after 零, like 零十
        }
        match c {
            '十' | '拾' | '百' | '佰' | '千' | '仟' => {
                let unit = match c {
                    '十' | '拾' => 10,
                    '百' | '佰' => 100,
                    _ => 1000,
                };
                let n = match current.take() {
                    Some(n) => n,
                    None if unit == 10 => 1, // 十 = 10, 十二 = 12
                    None => return None,
                };
                section = section.checked_add(n.checked_mul(unit)?)?;
            }
            '万' | '萬' => {
                let part = section + current.take().unwrap_or(0);
                total = total.checked_add(part.checked_mul(10_000)?)?;
                section = 0;
            }
            _ => return None,
        }
    }
    Some(total + section + current.unwrap_or(0))
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes a number the way articles are numbered: 1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五,
/// 1200 → 一千二百.
pub fn to_chinese_number(n: u64) -> String {
    if n == 0 {
        return "零".to_owned();
    }
    if n >= 10_000 {
        let high = n / 10_000;
        let low = n % 10_000;
        let mut s = to_chinese_number(high);
        s.push('万');
        if low > 0 {
            if low < 1000 {
                s.push('零');
            }
            s.push_str(&below_10000(low, true));
        }
        return s;
    }
    below_10000(n, false)
}

fn below_10000(n: u64, inner: bool) -> String {
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut s = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    let mut started = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            if started {
                pending_zero = true;
            }
            continue;
        }
        if pending_zero {
            s.push('零');
            pending_zero = false;
        }
        // 十二, not 一十二, at the start of a number; 一百一十 inside one.
        let bare_ten = value == 10 && d == 1 && !started && !inner;
        if !bare_ten {
            s.push(DIGITS[d as usize]);
        }
        s.push(unit);
        started = true;
    }
    if rest > 0 {
        if pending_zero {
            s.push('零');
        }
        s.push(DIGITS[rest as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_article_numbers() {
        for (s, n) in [
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十", 20),
            ("二十一", 21),
            ("一百", 100),
            ("一百零五", 105),
            ("一百一十", 110),
            ("一百二十三", 123),
            ("一千二百", 1200),
            ("一千零一", 1001),
            ("两百", 200),
            ("二〇二四", 2024),
            ("699", 699),
            ("一万零一", 10001),
            ("一千零五十", 1050),
            ("零", 0),
        ] {
            assert_eq!(parse_chinese_number(s), Some(n), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_numeral() {
        for s in ["", "条", "二三四十", "零十", "百"] {
            assert_eq!(parse_chinese_number(s), None, "{s}");
        }
    }

    #[test]
    fn writes_article_numbers() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (123, "一百二十三"),
            (1001, "一千零一"),
            (1200, "一千二百"),
        ] {
            assert_eq!(to_chinese_number(n), s, "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn round_trips(n in 1u64..200_000) {
            proptest::prop_assert_eq!(parse_chinese_number(&to_chinese_number(n)), Some(n));
        }
    }
}
