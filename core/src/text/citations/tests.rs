use super::*;
use proptest::prelude::*;

const BANFA: &str = include_str!("../../../../fixtures/text/guifanxing_wenjian_guanli_banfa.txt");
const GUIZE: &str = include_str!("../../../../fixtures/text/cailiang_jizhun_shiyong_guize.txt");
const GUIDING: &str = include_str!("../../../../fixtures/text/qingwei_weifa_bu_chufa_guiding.txt");
const JUEDING: &str = include_str!("../../../../fixtures/text/xiugai_jueding.txt");
const TONGZHI: &str = include_str!("../../../../fixtures/text/qingli_gongzuo_tongzhi.txt");

/// (title, canonical number, basis) of each citation.
fn summary(text: &str) -> Vec<(Option<String>, Option<String>, bool)> {
    find_citations(text)
        .into_iter()
        .map(|c| {
            (
                c.title,
                c.doc_number.map(|n| n.canonical().to_owned()),
                c.basis,
            )
        })
        .collect()
}

fn t(title: &str, number: Option<&str>, basis: bool) -> (Option<String>, Option<String>, bool) {
    (Some(title.to_owned()), number.map(str::to_owned), basis)
}

fn n(number: &str) -> (Option<String>, Option<String>, bool) {
    (None, Some(number.to_owned()), false)
}

#[test]
fn title_with_its_number_is_one_citation() {
    let text = "按照《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）要求";
    let found = find_citations(text);
    assert_eq!(found.len(), 1);
    let c = &found[0];
    assert_eq!(
        c.title.as_deref(),
        Some("提升行政执法质量三年行动计划（2023—2025年）")
    );
    assert_eq!(
        c.doc_number.as_ref().map(DocNumber::canonical),
        Some("国办发〔2023〕27号")
    );
    assert_eq!(
        &text[c.start..c.end],
        "《提升行政执法质量三年行动计划（2023—2025年）》（国办发〔2023〕27号）"
    );
    assert!(!c.basis);
}

#[test]
fn a_number_called_a_file_still_belongs_to_its_title() {
    let text = "按照《国务院关于筹措农村学校办学经费的通知》(国发〔1984〕174号文)的规定";
    assert_eq!(
        summary(text),
        [t(
            "国务院关于筹措农村学校办学经费的通知",
            Some("国发〔1984〕174号"),
            false
        )]
    );
}

#[test]
fn inner_titles_stay_inside() {
    let text = "依照《关于修改〈中华人民共和国行政处罚法〉的决定》和《关于修改《中华人民共和国立法法》的决定》办理";
    assert_eq!(
        summary(text),
        [
            t("关于修改〈中华人民共和国行政处罚法〉的决定", None, false),
            t("关于修改《中华人民共和国立法法》的决定", None, false),
        ]
    );
}

#[test]
fn abbreviations_are_kept_and_not_cited_twice() {
    let text = "根据《中华人民共和国土地管理法》（以下简称《土地管理法》）和《中华人民共和国民事诉讼法》（以下简称民事诉讼法），结合本市实际，制定本办法。";
    let found = find_citations(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].alias.as_deref(), Some("土地管理法"));
    assert_eq!(found[1].alias.as_deref(), Some("民事诉讼法"));
    assert!(found.iter().all(|c| c.basis));
    let text = "《最高人民法院关于审理非法行医刑事案件具体应用法律若干问题的解释》（法释〔2008〕5号，以下简称《解释》）";
    let found = find_citations(text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].doc_number.as_ref().map(DocNumber::canonical),
        Some("法释〔2008〕5号")
    );
    assert_eq!(found[0].alias.as_deref(), Some("解释"));
}

#[test]
fn bare_numbers_in_every_bracket() {
    for (text, number) in [
        ("按照司发〔2023〕1号精神", "司发〔2023〕1号"),
        ("按国办发(1985)49号文件规定办理", "国办发〔1985〕49号"),
        (
            "1985年11月30日市人民政府京政发〔1985〕167号文件发布",
            "京政发〔1985〕167号",
        ),
        ("我院以法〔1998〕86号通知印发了", "法〔1998〕86号"),
        ("见鄂政办发［2024］11号。", "鄂政办发〔2024〕11号"),
        ("依据潜政规[2024]3号和", "潜政规〔2024〕3号"),
        ("依据潜政规（２０２４）第３号", "潜政规〔2024〕3号"),
        ("依据鄂9005法建(2024)2号", "鄂9005法建〔2024〕2号"),
        ("以国务院令第699号公布", "国务院令第699号"),
        ("（中华人民共和国主席令第三号）", "主席令第3号"),
        ("见交通运输部令2019年第1号", "交通运输部令2019年第1号"),
        (
            "2014年7月30日原国家食品药品监督管理总局令第4号公布的",
            "国家食品药品监督管理总局令第4号",
        ),
        ("以太原市人民政府令第5号发布", "太原市人民政府令第5号"),
        ("（住房和城乡建设部令第9号）", "住房和城乡建设部令第9号"),
        (
            "按照国家税务总局公告2018年第31号执行",
            "国家税务总局公告2018年第31号",
        ),
    ] {
        assert_eq!(summary(text), [n(number)], "{text}");
    }
}

#[test]
fn the_texts_own_number_line_is_not_a_citation() {
    let text = "关于某事的通知\n\n　　潜政办发〔2024〕21号　\n\n按照潜政办发〔2023〕9号执行。";
    assert_eq!(summary(text), [n("潜政办发〔2023〕9号")]);
}

#[test]
fn no_numbers_where_there_are_none() {
    for text in [
        "2024年5月29日",
        "〔2024〕",
        "（2024）3号",
        "依照本法第十二条规定",
        "（2023）京01民初123号判决",
        "法（研）发〔1987〕32号",
        "责令第三人停止侵害",
        "有效期至2027年7月31日。",
        "第十条之一",
        "《》",
        "《营业执照》《行政处罚决定书》《人民日报》《统计表（样式）》",
    ] {
        assert_eq!(summary(text), [], "{text}");
    }
}

#[test]
fn basis_clauses() {
    let text = "第一条 为了贯彻落实《中华人民共和国行政处罚法》，依据《湖北省城市管理执法条例》和省政府鄂政发〔2021〕12号，结合本市实际，制定本规定。\n第二条 依照《中华人民共和国行政处罚法》第十二条规定处理。";
    assert_eq!(
        summary(text),
        [
            t("中华人民共和国行政处罚法", None, false),
            t("湖北省城市管理执法条例", None, true),
            (None, Some("鄂政发〔2021〕12号".to_owned()), true),
            t("中华人民共和国行政处罚法", None, false),
        ]
    );
    let text = "根据《中华人民共和国刑事诉讼法》等法律规定，现就办理相关案件适用法律若干问题规定如下：\n一、……";
    assert!(find_citations(text)[0].basis);
    let text =
        "根据《中华人民共和国行政处罚法》和有关规定精神，我们制定了《实施办法》，现印发给你们。";
    assert!(find_citations(text).iter().all(|c| !c.basis));
}

#[test]
fn fixture_measures() {
    assert_eq!(
        summary(BANFA),
        [
            t("中华人民共和国立法法", None, true),
            t(
                "湖北省行政规范性文件管理办法",
                Some("湖北省人民政府令第412号"),
                true
            ),
            t(
                "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见",
                Some("国办发〔2018〕115号"),
                true
            ),
            n("鄂政办发〔2023〕11号"),
            t(
                "潜江市行政规范性文件管理暂行办法",
                Some("潜政发〔2019〕8号"),
                false
            ),
        ]
    );
}

#[test]
fn fixture_rules_with_cover_notice() {
    assert_eq!(
        summary(GUIZE),
        [
            t("潜江市市场监管领域行政处罚裁量权基准适用规则", None, false),
            t("中华人民共和国行政处罚法", None, false),
            t(
                "国务院办公厅关于进一步规范行政裁量权基准制定和管理工作的意见",
                Some("国办发〔2022〕27号"),
                false
            ),
            t("潜江市市场监管领域行政处罚裁量权基准适用规则", None, false),
            t("中华人民共和国行政处罚法", None, true),
            t(
                "市场监督管理行政处罚程序规定",
                Some("国家市场监督管理总局令第2号"),
                true
            ),
        ]
    );
}

#[test]
fn fixture_provisions() {
    assert_eq!(
        summary(GUIDING),
        [
            t("中华人民共和国行政处罚法", None, false),
            t("湖北省城市管理执法条例", None, true),
            t(
                "省司法厅关于推行包容审慎监管的指导意见",
                Some("鄂司发〔2021〕12号"),
                true
            ),
            t("城市市容和环境卫生管理条例", None, false),
        ]
    );
}

#[test]
fn fixture_amendment_and_notice() {
    assert_eq!(
        summary(JUEDING),
        [
            t("潜江市行政规范性文件管理办法", None, false),
            t(
                "国务院关于修改和废止部分行政法规的决定",
                Some("国务院令第797号"),
                false
            ),
            t(
                "潜江市行政规范性文件管理办法",
                Some("潜政规〔2024〕3号"),
                false
            ),
            t("潜江市行政规范性文件管理办法", None, false),
        ]
    );
    assert_eq!(
        summary(TONGZHI),
        [
            t(
                "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知",
                Some("国办发〔2018〕37号"),
                false
            ),
            n("司发〔2023〕1号"),
        ]
    );
}

#[test]
fn title_keys() {
    assert_eq!(title_key("《中华人民共和国行政处罚法》"), "行政处罚法");
    assert_eq!(
        title_key("中华人民共和国 行政处罚法"),
        title_key("行政处罚法")
    );
    assert_eq!(
        title_key("关于修改《中华人民共和国行政处罚法》的决定"),
        title_key("关于修改〈行政处罚法〉的决定")
    );
    assert_eq!(
        title_key("提升行政执法质量三年行动计划（2023—2025年）"),
        title_key("提升行政执法质量三年行动计划(2023-2025年)")
    );
    assert_eq!(
        title_key("提升行政执法质量三年行动计划(2023-2025年)"),
        "提升行政执法质量三年行动计划(2023-2025年)"
    );
    assert_eq!(
        title_key("关于“放管服”改革的意见"),
        title_key("关于\"放管服\"改革的意见")
    );
}

#[test]
fn long_texts_without_breaks_stay_fast() {
    let unit = "根据《某某条例》和潜政规〔2024〕3号，";
    let mut text = unit.repeat(20_000);
    text.push_str("制定本办法。");
    let started = std::time::Instant::now();
    let found = find_citations(&text);
    assert_eq!(found.len(), 40_000);
    assert!(found.iter().all(|c| !c.basis));
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn serializes_numbers_canonically() {
    let found = find_citations("《某办法》（潜政规[2024]3号）");
    let v = serde_json::to_value(&found).expect("json");
    assert_eq!(v[0]["doc_number"], "潜政规〔2024〕3号");
    assert_eq!(v[0]["title"], "某办法");
    assert_eq!(v[0]["basis"], false);
}

const FRAGMENTS: &[&str] = &[
    "《",
    "》",
    "〈",
    "〉",
    "（",
    "）",
    "(",
    ")",
    "〔",
    "〕",
    "[",
    "]",
    "［",
    "］",
    "【",
    "】",
    "2024",
    "２０２４",
    "二〇二四",
    "号",
    "第",
    "令",
    "公告",
    "年",
    "国办发",
    "鄂政办发",
    "根据",
    "依据",
    "制定本办法",
    "。",
    "，",
    "\n",
    "以下简称",
    "中华人民共和国",
    "行政处罚法",
    "27",
    "三",
    " ",
    "\u{3000}",
    "关于修改",
    "的决定",
    "证",
    "表",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
        for c in find_citations(&s) {
            prop_assert!(c.start < c.end && c.end <= s.len());
            prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
        }
        drop(title_key(&s));
    }

    #[test]
    fn never_panics_on_citation_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)) {
        let s: String = parts.concat();
        let found = find_citations(&s);
        for pair in found.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start);
        }
        for c in &found {
            prop_assert!(s.is_char_boundary(c.start) && s.is_char_boundary(c.end));
            prop_assert!(c.title.is_some() || c.doc_number.is_some());
        }
    }

    #[test]
    fn finds_numbers_in_any_bracket(
        agency in prop::sample::select(vec!["国办发", "鄂政办发", "潜政规", "法释", "司发"]),
        year in 1980u16..2100,
        serial in 1u32..500,
        brackets in prop::sample::select(vec![("〔", "〕"), ("[", "]"), ("［", "］"), ("(", ")"), ("（", "）"), ("【", "】")]),
        lead in prop::sample::select(vec!["按照", "根据", "，", "见", "（", ""]),
    ) {
        let text = format!("{lead}{agency}{}{year}{}{serial}号文件", brackets.0, brackets.1);
        let found = find_citations(&text);
        prop_assert_eq!(found.len(), 1);
        let canonical = format!("{agency}〔{year}〕{serial}号");
        prop_assert_eq!(found[0].doc_number.as_ref().map(DocNumber::canonical), Some(canonical.as_str()));
    }
}
