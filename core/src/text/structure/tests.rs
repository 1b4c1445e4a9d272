use super::*;
use proptest::prelude::*;
use time::macros::date;

const BANFA: &str = include_str!("../../../../fixtures/text/guifanxing_wenjian_guanli_banfa.txt");
const GUIZE: &str = include_str!("../../../../fixtures/text/cailiang_jizhun_shiyong_guize.txt");
const GUIDING: &str = include_str!("../../../../fixtures/text/qingwei_weifa_bu_chufa_guiding.txt");
const JUEDING: &str = include_str!("../../../../fixtures/text/xiugai_jueding.txt");
const TONGZHI: &str = include_str!("../../../../fixtures/text/qingli_gongzuo_tongzhi.txt");

fn refs(s: &Structure) -> Vec<(u32, Option<u32>)> {
    s.articles().filter_map(Node::article_ref).collect()
}

fn counts(node: &Node, level: Level) -> usize {
    node.walk().filter(|n| n.level == level).count()
}

/// Every node lies inside its parent, after its previous sibling, on char boundaries.
fn assert_nested(text: &str, nodes: &[Node], lo: usize, hi: usize) {
    let mut prev = lo;
    for n in nodes {
        assert!(
            prev <= n.start && n.start <= n.end && n.end <= hi,
            "{}",
            n.eid
        );
        assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end));
        assert_nested(text, &n.children, n.start, n.end);
        prev = n.end;
    }
}

#[test]
fn measures_with_chapters_sections_and_closing() {
    let s = parse(BANFA);
    let numbers: Vec<_> = (1..=10).map(|n| (n, None)).collect();
    let mut expected = numbers;
    expected.push((10, Some(1)));
    expected.push((11, None));
    assert_eq!(refs(&s), expected);

    let chapters: Vec<_> = s.body.iter().map(|n| n.heading.as_str()).collect();
    assert_eq!(
        chapters,
        [
            "第一章 总则",
            "第二章 制定程序",
            "第三章 备案与监督",
            "第四章 附则"
        ]
    );
    let sections: Vec<_> = s.body[1]
        .children
        .iter()
        .map(|n| n.heading.as_str())
        .collect();
    assert_eq!(sections, ["第一节 起草", "第二节 审核与决定"]);

    // The preamble holds the title, 文号, 主送机关 and the 制定依据 paragraph.
    let (a, b) = s.preamble.expect("preamble");
    let preamble = &BANFA[a..b];
    assert!(preamble.starts_with("潜江市人民政府关于印发"));
    assert!(preamble.contains("潜政规〔2024〕3号"));
    assert!(preamble.contains("各区镇处、市直各部门："));
    assert!(preamble.ends_with("制定本办法。"));
    assert_eq!(s.toc, None);

    let art4 = s.article(4, None).expect("第四条");
    assert_eq!(art4.eid, "chp_2__sec_1__art_4");
    assert_eq!(art4.paragraphs().count(), 2);
    assert_eq!(counts(art4, Level::Xiang), 4);
    assert_eq!(counts(art4, Level::Mu), 3);
    let item3 = &art4.children[0].children[2];
    assert_eq!(item3.heading, "（三）");
    assert_eq!(item3.eid, "chp_2__sec_1__art_4__para_1__point_3");
    assert_eq!(
        item3.children[1].eid,
        "chp_2__sec_1__art_4__para_1__point_3__subpoint_2"
    );
    assert!(art4.children[1].text(BANFA).starts_with("违反前款规定的"));

    let added = s.article(10, Some(1)).expect("第十条之一");
    assert_eq!(added.heading, "第十条之一");
    assert_eq!(added.eid, "chp_3__art_10_1");
    assert_eq!(added.paragraphs().count(), 2);
    assert_eq!(s.article(5, None).map(|n| n.paragraphs().count()), Some(2));

    // The last article ends before the attachment list.
    let last = s.article(11, None).expect("第十一条");
    assert!(last.text(BANFA).ends_with("同时废止。"));

    let closing = s.closing.as_ref().expect("closing");
    assert_eq!(
        closing.attachments,
        [
            "潜江市行政规范性文件备案报告（样式）",
            "潜江市行政规范性文件清理结果统计表"
        ]
    );
    assert_eq!(closing.signers, ["潜江市人民政府"]);
    assert_eq!(closing.signed, Some(date!(2024 - 05 - 29)));
    assert_eq!(closing.notes, ["此件公开发布"]);
    assert!(BANFA[closing.start..].starts_with("附件："));
    assert_nested(BANFA, &s.body, 0, BANFA.len());
}

#[test]
fn cover_notice_table_of_contents_and_joint_signers() {
    let s = parse(GUIZE);
    assert_eq!(refs(&s), (1..=6).map(|n| (n, None)).collect::<Vec<_>>());
    // The 目录 block creates no chapters.
    assert_eq!(s.body.len(), 3);
    let (a, b) = s.toc.expect("toc");
    assert!(GUIZE[a..b].starts_with("目　录"));
    assert!(GUIZE[a..b].ends_with("第三章　附　则"));
    let (_, preamble_end) = s.preamble.expect("preamble");
    assert_eq!(preamble_end, b);

    // A line starting with a reference to an article is a paragraph, not an article.
    let art3 = s.article(3, None).expect("第三条");
    assert_eq!(art3.eid, "chp_2__sec_1__art_3");
    assert_eq!(art3.paragraphs().count(), 3);
    assert_eq!(counts(art3, Level::Xiang), 3);
    assert_eq!(art3.children[0].children[0].heading, "(一)");
    assert!(
        art3.children[1]
            .text(GUIZE)
            .starts_with("第十二条第一款规定的")
    );

    // The signature of the cover notice is the closing, inside the preamble.
    let closing = s.closing.as_ref().expect("closing");
    assert_eq!(closing.signers, ["潜江市司法局", "潜江市市场监督管理局"]);
    assert_eq!(closing.signed, Some(date!(2024 - 06 - 12)));
    assert_eq!(closing.notes, ["此件公开发布"]);
    assert!(closing.attachments.is_empty());
    assert!(closing.end < s.body[0].start);
    assert_nested(GUIZE, &s.body, 0, GUIZE.len());
}

#[test]
fn flat_articles_items_without_points_and_appended_attachment() {
    let s = parse(GUIDING);
    assert_eq!(refs(&s), (1..=5).map(|n| (n, None)).collect::<Vec<_>>());
    assert_eq!(s.body[0].eid, "art_1");
    let art3 = s.article(3, None).expect("第三条");
    assert_eq!(art3.paragraphs().count(), 2);
    let first = &art3.children[0];
    // 目 directly in a 款 when no 项 is open; （1） stays in the text of the 目 above.
    assert_eq!(first.children.len(), 3);
    assert!(first.children.iter().all(|n| n.level == Level::Mu));
    assert!(
        first.children[2]
            .text(GUIDING)
            .ends_with("（2）当场改正的。")
    );
    assert_eq!(first.children[2].eid, "art_3__para_1__subpoint_3");

    let closing = s.closing.as_ref().expect("closing");
    assert_eq!(closing.attachments, ["轻微违法行为不予处罚清单"]);
    assert_eq!(closing.signers, ["潜江市城市管理执法局"]);
    assert_eq!(closing.signed, Some(date!(2024 - 07 - 10)));
    assert_eq!(closing.notes, ["此件公开发布"]);
    assert_eq!(closing.end, GUIDING.trim_end().len());
    assert!(
        s.article(5, None)
            .is_some_and(|n| n.text(GUIDING).ends_with("7月31日。"))
    );
}

#[test]
fn amendment_is_read_by_numbered_parts() {
    let s = parse(JUEDING);
    // Quoted articles and line-start references (`第十一条作为第十二条。`) are not articles.
    assert_eq!(s.articles().count(), 0);
    let parts: Vec<_> = s
        .body
        .iter()
        .map(|n| (n.level, n.number, n.heading.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            (Level::Bufen, 1, "一、"),
            (Level::Bufen, 2, "二、"),
            (Level::Bufen, 3, "三、"),
            (Level::Bufen, 4, "四、"),
        ]
    );
    assert_eq!(s.body[1].paragraphs().count(), 3);
    assert!(
        s.body[1].children[1]
            .text(JUEDING)
            .starts_with("“第七条之一")
    );
    assert_eq!(s.body[3].paragraphs().count(), 3);
    let closing = s.closing.as_ref().expect("closing");
    assert_eq!(closing.signed, Some(date!(2025 - 03 - 03)));
    assert_eq!(closing.signers, ["潜江市人民政府"]);
}

#[test]
fn notice_without_articles() {
    let s = parse(TONGZHI);
    assert_eq!(s.articles().count(), 0);
    let titles: Vec<_> = s.body.iter().map(|n| n.heading.as_str()).collect();
    assert_eq!(titles, ["一、清理范围", "二、清理标准", "三、工作要求"]);
    assert_eq!(s.body[0].title.as_deref(), Some("清理范围"));
    assert_eq!(s.body[0].paragraphs().count(), 1);
    // 项 right under the title line belong to the part itself.
    assert_eq!(s.body[1].children.len(), 3);
    assert_eq!(s.body[1].children[2].eid, "dvs_2__point_3");
    assert_eq!(counts(&s.body[1], Level::Mu), 3);
    let closing = s.closing.as_ref().expect("closing");
    assert_eq!(closing.attachments.len(), 2);
    assert_eq!(closing.signers, ["潜江市人民政府办公室"]);
    assert_eq!(closing.signed, Some(date!(2024 - 06 - 05)));
    assert!(s.body[2].text(TONGZHI).ends_with("向社会公布。"));
}

/// Guards `show --article 二` on a document numbered `一、` `二、`: its numbered parts are the
/// units it is cited by, and a numbered list inside an article never is.
#[test]
fn numbered_parts_are_the_article_units_of_a_text_without_articles() {
    let s = parse(TONGZHI);
    let units: Vec<_> = s
        .article_units()
        .map(|n| (n.number, n.unit_label(), n.eid.as_str()))
        .collect();
    assert_eq!(
        units,
        [
            (1, Some("第一部分".to_owned()), "dvs_1"),
            (2, Some("第二部分".to_owned()), "dvs_2"),
            (3, Some("第三部分".to_owned()), "dvs_3"),
        ]
    );
    // Asked for as an article is: the part, with its 项 and 目, without the closing.
    let two = s.article(2, None).expect("二、");
    assert!(two.text(TONGZHI).starts_with("二、清理标准"));
    assert!(s.article(4, None).is_none());
    let three = s.article(3, None).expect("三、").text(TONGZHI);
    assert!(three.ends_with("向社会公布。"), "{three}");
    // `（一）` items are never units.
    assert!(s.article_units().all(|n| n.level == Level::Bufen));

    // One article anywhere makes the `一、` lines paragraphs of articles, not article units:
    // a list inside an article, or the numbered points of a cover notice.
    let text = "各单位：\n现将有关事项通知如下：\n一、认真学习。\n二、抓好落实。\n\
                第一条　为了规范管理，制定本办法。\n第二条　下列事项应当报告：\n一、重大事项；\n二、其他事项。\n";
    let s = parse(text);
    let units: Vec<_> = s.article_units().filter_map(Node::unit_label).collect();
    assert_eq!(units, ["第一条", "第二条"]);
    assert!(
        s.article(2, None)
            .expect("第二条")
            .text(text)
            .ends_with("二、其他事项。")
    );
}

#[test]
fn paragraphs_under_an_item_of_a_numbered_part_belong_to_it() {
    let text = "各单位：\n一、工作要求\n请各单位高度重视。\n（一）加强组织领导\n各单位要明确责任。\n主要负责人亲自抓。\n（二）按时报送\n1.将第六条修改为：\n“第六条 ……”\n二、其他\n本通知自印发之日起施行。\n";
    let s = parse(text);
    let part = &s.body[0];
    assert_eq!(part.paragraphs().count(), 1);
    let items: Vec<_> = part.children[0]
        .children
        .iter()
        .map(|n| n.heading.as_str())
        .collect();
    assert_eq!(items, ["（一）", "（二）"]);
    assert!(
        part.children[0].children[0]
            .text(text)
            .ends_with("主要负责人亲自抓。")
    );
    let mu = &part.children[0].children[1].children[0];
    assert!(mu.text(text).ends_with("“第六条 ……”"));
    // In an article the same lines are 款.
    let s = parse("第一条 总述。\n（一）甲；\n下一款。\n");
    assert_eq!(s.body[0].paragraphs().count(), 2);
}

#[test]
fn plain_letter_is_all_preamble() {
    let text = "关于同意设立某某中心的批复\n\n市发展改革委：\n\n你委《关于设立某某中心的请示》收悉。经研究，同意设立。\n\n潜江市人民政府\n2024年3月1日\n";
    let s = parse(text);
    assert!(s.body.is_empty());
    let (a, b) = s.preamble.expect("preamble");
    assert!(text[a..b].ends_with("同意设立。"));
    let closing = s.closing.expect("closing");
    assert_eq!(closing.signers, ["潜江市人民政府"]);
    assert_eq!(closing.signed, Some(date!(2024 - 03 - 01)));
}

#[test]
fn books_parts_and_a_table_of_contents() {
    let text = "目录\n第一编 总则\n第一章 基本规定\n第二章 自然人\n第二编 物权\n第一分编 通则\n第一章 一般规定\n\n\
                第一编 总则\n第一章 基本规定\n第一条 为了保护民事主体的合法权益，制定本法。\n第二条 民法调整平等主体之间的关系。\n\
                第二章 自然人\n第三条 自然人的民事权利能力一律平等。\n\
                第二编 物权\n第一分编　通则\n第一章 一般规定\n第四条 本编调整物的归属和利用。\n";
    let s = parse(text);
    assert!(s.toc.is_some());
    assert_eq!(s.body.len(), 2);
    assert_eq!(s.body[0].heading, "第一编 总则");
    assert_eq!(s.body[0].children.len(), 2);
    let art4 = s.article(4, None).expect("第四条");
    assert_eq!(art4.eid, "book_2__part_1__chp_1__art_4");
    let path: Vec<_> = s.path_at(art4.start + 3).iter().map(|n| n.level).collect();
    assert_eq!(
        path,
        [Level::Bian, Level::FenBian, Level::Zhang, Level::Tiao]
    );
}

#[test]
fn a_standalone_fuze_closes_the_open_books() {
    let text = "第二编 分则\n第一章 罪名\n第四百五十一条 本法所称战时……\n附则\n第四百五十二条 本法自1997年10月1日起施行。\n";
    let s = parse(text);
    assert_eq!(s.body.len(), 2);
    assert_eq!(s.body[1].eid, "art_452");
    assert!(
        s.body[0].children[0].children[0]
            .text(text)
            .ends_with("战时……")
    );
}

#[test]
fn only_line_start_headings_count() {
    let text = "第一条 依照本法第十二条规定处理。\n第十二条规定的期限，依照第二条执行。\n  第二条　本条例自公布之日起施行。\n第３条 全角数字也是条。\n第4条：阿拉伯数字。\n第五条修改为：……\n第六条之规定\n";
    let s = parse(text);
    assert_eq!(refs(&s), [(1, None), (2, None), (3, None), (4, None)]);
    assert_eq!(s.article(1, None).map(|n| n.paragraphs().count()), Some(2));
}

#[test]
fn article_at_finds_the_article_of_an_offset() {
    let s = parse(BANFA);
    let at = BANFA.find("暂缓办理备案登记").expect("phrase");
    assert_eq!(s.article_at(at).map(|n| n.number), Some(9));
    let at = BANFA.find("清理结果分为").expect("phrase");
    let path = s.path_at(at);
    assert_eq!(
        path.last().map(|n| n.eid.as_str()),
        Some("chp_3__art_10_1__para_2")
    );
    assert_eq!(
        s.article_at(at).and_then(Node::article_ref),
        Some((10, Some(1)))
    );
    let preamble = BANFA.find("各区镇处").expect("phrase");
    assert_eq!(s.article_at(preamble), None);
    assert_eq!(s.article_at(BANFA.len() + 10), None);
}

#[test]
fn labels_and_references() {
    assert_eq!(article_label(12, None), "第十二条");
    assert_eq!(article_label(10, Some(1)), "第十条之一");
    assert_eq!(article_label(105, None), "第一百零五条");
    assert_eq!(part_label(2), "第二部分");
    assert_eq!(part_label(12), "第十二部分");
    for (s, r) in [
        ("12", (12, None)),
        ("第十二条", (12, None)),
        ("第12条", (12, None)),
        ("10之1", (10, Some(1))),
        ("第十条之一", (10, Some(1))),
        (" 第一百二十三条 ", (123, None)),
        ("１２", (12, None)),
        ("二、", (2, None)),
        ("十二、", (12, None)),
        ("第二部分", (2, None)),
    ] {
        assert_eq!(parse_article_ref(s), Some(r), "{s}");
    }
    for s in [
        "",
        "第条",
        "十二条款",
        "0",
        "第十条之",
        "第十条之零",
        "abc",
        "第十条第二款",
        "、",
        "零、",
        "第二条、",
        "第二部分之一",
        "第零部分",
    ] {
        assert_eq!(parse_article_ref(s), None, "{s}");
    }
}

#[test]
fn serializes_to_json() {
    let s = parse(GUIDING);
    let v = serde_json::to_value(&s).expect("json");
    assert_eq!(v["body"][0]["level"], "tiao");
    assert_eq!(v["body"][0]["eid"], "art_1");
    assert_eq!(v["closing"]["signed"], "2024-07-10");
    assert!(v["body"][0].get("suffix").is_none());
}

#[test]
fn long_and_flat_texts_stay_fast() {
    let mut text = "第一章 总则\n".repeat(30_000);
    text.push_str(&"第一条 正文，依照本法第二条规定。\n（一）项；\n1．目；\n".repeat(30_000));
    text.push_str(&"《某某条例》第十条".repeat(30_000));
    let started = std::time::Instant::now();
    let s = parse(&text);
    assert_eq!(s.articles().count(), 30_000);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn empty_and_odd_inputs() {
    assert_eq!(parse(""), Structure::default());
    assert!(parse("\n\n\u{3000}\n").preamble.is_none());
    let s = parse("第一条");
    assert_eq!(refs(&s), [(1, None)]);
    assert_eq!(s.body[0].paragraphs().count(), 0);
    let s = parse("第一章\n第二章\n");
    assert_eq!(s.body.len(), 2);
}

const FRAGMENTS: &[&str] = &[
    "第一章　总　则",
    "第二章 法律责任",
    "第一编 总则",
    "第一分编",
    "第三节",
    "第一条　",
    "第十条之一 ",
    "第二条规定的",
    "（一）",
    "(二)",
    "1．",
    "2、",
    "（1）",
    "①",
    "一、",
    "二、总体要求",
    "目录",
    "目　录",
    "附则",
    "附件：",
    "附件1",
    "1．某某表",
    "潜江市人民政府",
    "2024年5月29日",
    "二〇二四年五月二十九日",
    "（此件公开发布）",
    "《中华人民共和国行政处罚法》",
    "（国办发〔2023〕27号）",
    "根据",
    "制定本办法。",
    "\n",
    "\n\n",
    "\u{3000}\u{3000}",
    " ",
    "\r\n",
    "　",
    "\u{200b}",
    "。",
    "，",
    "条",
    "第",
    "之",
    "十",
    "〔2024〕",
    "〕",
    "（",
    "）",
];

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
        let st = parse(&s);
        assert_nested(&s, &st.body, 0, s.len());
    }

    #[test]
    fn never_panics_on_legal_fragments(parts in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60)) {
        let s: String = parts.concat();
        let st = parse(&s);
        assert_nested(&s, &st.body, 0, s.len());
        for a in st.articles() {
            prop_assert!(s[a.start..].starts_with('第'));
        }
        if let Some(c) = &st.closing {
            prop_assert!(c.start <= c.end && c.end <= s.len());
        }
    }

    #[test]
    fn article_references_round_trip(n in 1u32..100_000, suffix in prop::option::of(1u32..20)) {
        prop_assert_eq!(parse_article_ref(&article_label(n, suffix)), Some((n, suffix)));
        let arabic = match suffix {
            Some(k) => format!("{n}之{k}"),
            None => n.to_string(),
        };
        prop_assert_eq!(parse_article_ref(&arabic), Some((n, suffix)));
    }

    #[test]
    fn every_line_start_heading_is_an_article(numbers in prop::collection::vec((1u32..500, prop::option::of(1u32..5)), 1..30)) {
        let text: String = numbers
            .iter()
            .map(|&(n, s)| format!("{}　正文，依照本法第{}条规定。\n", article_label(n, s), n + 1))
            .collect();
        let st = parse(&text);
        prop_assert_eq!(refs(&st), numbers);
    }
}
