//! Questions and article hits: a question is ranked over its meaningful words and never comes
//! back empty for a word no text has; keyword queries keep their meaning; articles are hits of
//! their own, with their headings and text, under the same scope rules as documents; a long
//! code is judged by the article that answers.

use std::collections::BTreeSet;

use guifan::index::scope::StatusScope;
use guifan::index::{QueryMode, SearchIndex, SearchOptions, SearchResults, Unit};
use guifan::{Error, Registry};
use serde_json::json;
use time::macros::date;

use crate::common::{import, registry};

/// A law in chapters, with the articles a labour question is about.
fn labour_law() -> String {
    [
        "第一章　总则",
        "第一条　为了规范用人单位与劳动者订立、履行劳动合同，制定本条例。",
        "第二条　本条例适用于本市的用人单位和劳动者。",
        "第二章　劳动合同的订立",
        "第三条　用人单位与劳动者建立劳动关系，应当订立书面劳动合同。",
        "第四条　劳动合同可以约定试用期。试用期最长不得超过六个月。",
        "第三章　劳动合同的解除",
        "第五条　劳动者在试用期间被证明不符合录用条件的，用人单位可以解除劳动合同。",
        "第六条　用人单位依照本条例第五条以外的情形解除劳动合同的，应当向劳动者支付经济补偿。",
        "第六条之一　经济补偿按劳动者在本单位工作的年限，每满一年支付一个月工资的标准向劳动者支付。",
        "第四章　附则",
        "第七条　本条例自2020年1月1日起施行。",
    ]
    .join("\n")
}

/// A long code: many articles on other matters, and one on the question.
fn long_code() -> String {
    let mut lines = vec!["第一编　总则".to_owned(), "第一章　基本规定".to_owned()];
    for n in 1..=80u32 {
        let label = guifan::text::structure::article_label(n, None);
        if n == 57 {
            lines.push(format!(
                "{label}　饲养的动物造成他人损害的，动物饲养人或者管理人应当承担侵权责任。"
            ));
        } else {
            lines.push(format!(
                "{label}　民事主体从事民事活动，应当遵循公平原则，合理确定各方的权利和义务（第{n}项）。"
            ));
        }
        if n == 40 {
            lines.push("第二章　侵权责任".to_owned());
        }
    }
    lines.join("\n")
}

/// A document record: `[title, kind, status, effective]`.
fn record(key: &str, work: &str, version: u32, meta: [&str; 4], body: &str) -> String {
    let [title, kind, status, effective] = meta;
    json!({
        "key": key, "work": work, "version": version, "title": title, "kind": kind,
        "issuer": "本市人民代表大会常务委员会", "issued": effective, "effective": effective,
        "status": status, "body": body,
    })
    .to_string()
}

/// A registry of the fixtures above, and of a local rule, a notice without articles, the same
/// law under a second work (a consolidated copy), an older version and a repealed law.
fn fixtures() -> (tempfile::TempDir, Registry, SearchIndex) {
    let (dir, mut reg) = registry();
    let old_labour = labour_law().replace("应当向劳动者支付经济补偿", "应当按照约定处理");
    let lines = [
        record(
            "labour-v1",
            "labour",
            1,
            ["劳动合同条例", "地方性法规", "已修改", "2010-01-01"],
            &old_labour,
        ),
        record(
            "labour-v2",
            "labour",
            2,
            ["劳动合同条例", "地方性法规", "有效", "2020-01-01"],
            &labour_law(),
        ),
        record(
            "labour-copy",
            "labour-copy",
            1,
            ["劳动合同条例（汇编本）", "地方性法规", "有效", "2020-01-01"],
            &labour_law(),
        ),
        record(
            "code",
            "code",
            1,
            ["民事法典", "法律", "有效", "2021-01-01"],
            &long_code(),
        ),
        record(
            "dogs",
            "dogs",
            1,
            ["城区养犬管理规定", "地方性法规", "有效", "2019-01-01"],
            "第一条　为了规范养犬行为，制定本规定。\n第二条　养犬人应当为犬只办理登记，携犬出户应当束犬链。",
        ),
        record(
            "notice",
            "notice",
            1,
            [
                "关于做好劳动用工备案的通知",
                "行政规范性文件",
                "有效",
                "2021-06-01",
            ],
            "各单位：\n一、用人单位招用劳动者，应当办理用工备案。\n二、备案材料包括劳动合同文本。",
        ),
        record(
            "repealed",
            "repealed",
            1,
            ["试用期管理办法", "地方性法规", "已废止", "2005-01-01"],
            "第一条　试用期内辞退劳动者的，用人单位应当说明理由。",
        ),
    ];
    import(&mut reg, &(lines.join("\n") + "\n")).expect("fixtures");
    let index = SearchIndex::open(&reg).expect("index");
    index.sync(&reg).expect("sync");
    (dir, reg, index)
}

fn options() -> SearchOptions {
    SearchOptions {
        status: StatusScope::Any,
        as_of: Some(date!(2025 - 01 - 01)),
        limit: 10,
        ..SearchOptions::default()
    }
}

fn articles(r: &SearchResults) -> Vec<(String, Option<String>)> {
    r.hits
        .iter()
        .map(|h| (h.work.clone(), h.article.clone()))
        .collect()
}

#[test]
fn a_question_is_ranked_and_its_best_article_named() {
    let (_dir, reg, index) = fixtures();
    let r = index
        .search(&reg, "员工试用期被辞退有补偿吗？", &options())
        .expect("search");
    assert_eq!(r.mode, QueryMode::Question);
    assert_eq!(r.unit, Unit::Document);
    let words: Vec<&str> = r
        .terms
        .iter()
        .filter(|t| t.from.is_none())
        .map(|t| t.text.as_str())
        .collect();
    assert_eq!(words, ["员工", "试用期", "辞退", "补偿"]);
    // 辞退 is looked for as the law says it.
    assert!(
        r.terms
            .iter()
            .any(|t| t.text == "解除劳动合同" && t.from.as_deref() == Some("辞退"))
    );
    let first = &r.hits[0];
    assert!(first.work.starts_with("labour"), "{:?}", articles(&r));
    // The best article, not the first match (第一条 mentions 劳动合同 too).
    assert!(
        matches!(
            first.article.as_deref(),
            Some("第五条" | "第六条" | "第六条之一")
        ),
        "{:?}",
        first.article
    );
    assert_eq!(first.path, ["第三章　劳动合同的解除"]);
    let s = first.snippet.as_deref().expect("snippet");
    assert!(s.contains("<mark>"), "{s}");
    assert!(r.hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn a_question_is_not_empty_because_one_word_is_missing() {
    let (_dir, reg, index) = fixtures();
    let q = "员工试用期被辞退有补偿吗宇宙飞船";
    let r = index.search(&reg, q, &options()).expect("search");
    assert!(r.total > 0 && !r.hits.is_empty());
    // As keywords, every word must occur: nothing does.
    let keywords = SearchOptions {
        mode: QueryMode::Keywords,
        ..options()
    };
    let r = index.search(&reg, q, &keywords).expect("search");
    assert_eq!((r.total, r.mode), (0, QueryMode::Keywords));
    // A question of stop words alone still searches for them; one of punctuation is refused.
    assert!(index.search(&reg, "怎么办？", &options()).is_ok());
    match index.search(&reg, "？？", &options()) {
        Err(Error::InvalidInput(e)) => assert_eq!(e.field, "query"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn keyword_queries_keep_their_meaning() {
    let (_dir, reg, index) = fixtures();
    let opts = SearchOptions {
        limit: 100,
        ..options()
    };
    let r = index.search(&reg, "\"试用期\"", &opts).expect("search");
    assert_eq!(r.mode, QueryMode::Keywords);
    let works: BTreeSet<String> = r.hits.iter().map(|h| h.work.clone()).collect();
    assert_eq!(
        works,
        ["labour", "labour-copy", "repealed"]
            .map(String::from)
            .into()
    );
    // Every term must occur; `-` excludes.
    assert_eq!(
        index.search(&reg, "试用期 犬链", &opts).expect("s").total,
        0
    );
    assert_eq!(
        index
            .search(&reg, "\"试用期\" -\"经济补偿\"", &opts)
            .expect("s")
            .total,
        1
    );
    // A phrase's hit names the article of its first match, as before.
    let r = index.search(&reg, "\"束犬链\"", &opts).expect("search");
    assert_eq!(r.hits[0].article.as_deref(), Some("第二条"));
    assert!(
        r.hits[0]
            .snippet
            .as_deref()
            .is_some_and(|s| s.contains("<mark>束犬链</mark>"))
    );
}

#[test]
fn articles_are_hits_with_their_headings_and_text() {
    let (_dir, reg, index) = fixtures();
    let opts = SearchOptions {
        unit: Unit::Article,
        ..options()
    };
    let r = index
        .search(&reg, "试用期被辞退有经济补偿吗", &opts)
        .expect("search");
    assert_eq!(r.unit, Unit::Article);
    let labour: Vec<&guifan::index::Hit> = r.hits.iter().filter(|h| h.work == "labour").collect();
    assert!(
        labour.len() >= 2,
        "several articles of one law: {:?}",
        articles(&r)
    );
    for h in &r.hits {
        if let Some(label) = &h.article {
            let text = h.text.as_deref().expect("an article's text");
            assert!(text.starts_with(label.as_str()), "{label}: {text}");
        }
    }
    let six = r
        .hits
        .iter()
        .find(|h| h.article.as_deref() == Some("第六条之一"))
        .expect("第六条之一");
    assert_eq!(six.path, ["第三章　劳动合同的解除"]);
    // The same article in the consolidated copy is the same text: it is listed once.
    assert_eq!(
        r.hits
            .iter()
            .filter(|h| h.article.as_deref() == Some("第六条之一"))
            .count(),
        1
    );
    let unfolded = SearchOptions {
        ranking: guifan::index::Ranking {
            fold_duplicates: false,
            ..Default::default()
        },
        ..opts.clone()
    };
    let r = index
        .search(&reg, "试用期被辞退有经济补偿吗", &unfolded)
        .expect("search");
    assert_eq!(
        r.hits
            .iter()
            .filter(|h| h.article.as_deref() == Some("第六条之一"))
            .count(),
        2
    );
    // A text without articles numbered `一、` `二、` has its numbered parts as hits, labelled
    // 第一部分 (a text with neither is one hit without a label: `index::outline`).
    let r = index
        .search(&reg, "劳动用工备案怎么办理？", &opts)
        .expect("search");
    let notice = r.hits.iter().find(|h| h.work == "notice").expect("notice");
    assert_eq!(
        (notice.article.as_deref(), notice.text.as_deref()),
        (
            Some("第一部分"),
            Some("一、用人单位招用劳动者，应当办理用工备案。")
        )
    );
    assert!(notice.snippet.is_some());
    // A query of filters alone lists its documents' articles, in order.
    let r = index
        .search(
            &reg,
            "kind:法律",
            &SearchOptions {
                limit: 3,
                ..opts.clone()
            },
        )
        .expect("filters");
    let labels: Vec<Option<&str>> = r.hits.iter().map(|h| h.article.as_deref()).collect();
    assert_eq!(labels, [Some("第一条"), Some("第二条"), Some("第三条")]);
    // Pages do not overlap.
    let first = index
        .search(
            &reg,
            "劳动者试用期劳动合同如何解除？",
            &SearchOptions {
                limit: 3,
                ..opts.clone()
            },
        )
        .expect("page 1");
    let second = index
        .search(
            &reg,
            "劳动者试用期劳动合同如何解除？",
            &SearchOptions {
                limit: 3,
                offset: 3,
                ..opts.clone()
            },
        )
        .expect("page 2");
    for h in &second.hits {
        assert!(
            !first
                .hits
                .iter()
                .any(|f| (&f.work, &f.article) == (&h.work, &h.article))
        );
    }
}

#[test]
fn a_long_code_is_judged_by_the_article_that_answers() {
    let (_dir, reg, index) = fixtures();
    let q = "邻居家的狗把我咬伤了，谁承担责任？";
    let r = index.search(&reg, q, &options()).expect("search");
    assert_eq!(r.hits[0].work, "code", "{:?}", articles(&r));
    assert_eq!(r.hits[0].article.as_deref(), Some("第五十七条"));
    assert_eq!(r.hits[0].path, ["第一编　总则", "第二章　侵权责任"]);
    let arts = index
        .search(
            &reg,
            q,
            &SearchOptions {
                unit: Unit::Article,
                ..options()
            },
        )
        .expect("search");
    assert_eq!(
        (arts.hits[0].work.as_str(), arts.hits[0].article.as_deref()),
        ("code", Some("第五十七条"))
    );
}

#[test]
fn article_hits_follow_the_scope_rules() {
    let (_dir, reg, index) = fixtures();
    let q = "用人单位解除劳动合同要支付经济补偿吗？";
    let arts = |opts: SearchOptions| -> Vec<(String, Option<String>, u32)> {
        index
            .search(
                &reg,
                q,
                &SearchOptions {
                    unit: Unit::Article,
                    limit: 50,
                    ranking: guifan::index::Ranking {
                        fold_duplicates: false,
                        ..Default::default()
                    },
                    ..opts
                },
            )
            .expect("search")
            .hits
            .iter()
            .map(|h| (h.work.clone(), h.article.clone(), h.version))
            .collect()
    };
    // Today: the version in force, which pays 经济补偿 in 第六条.
    let now = arts(options());
    assert!(now.iter().all(|(w, _, v)| w != "labour" || *v == 2));
    assert!(now.contains(&("labour".into(), Some("第六条".into()), 2)));
    // In 2015 the first version was in force; its 第六条 does not pay.
    let then = arts(SearchOptions {
        as_of: Some(date!(2015 - 01 - 01)),
        ..options()
    });
    assert!(then.iter().any(|(w, _, v)| w == "labour" && *v == 1));
    assert!(then.iter().all(|(w, _, v)| w != "labour" || *v == 1));
    // Every version.
    let all = arts(SearchOptions {
        all_versions: true,
        ..options()
    });
    let versions: BTreeSet<u32> = all
        .iter()
        .filter(|(w, _, _)| w == "labour")
        .map(|(_, _, v)| *v)
        .collect();
    assert_eq!(versions, [1, 2].into());
    // Status and kind filters.
    let in_force = arts(SearchOptions {
        status: StatusScope::InForce,
        ..options()
    });
    assert!(in_force.iter().all(|(w, _, _)| w != "repealed"));
    let laws = arts(SearchOptions {
        kind: Some("法律".into()),
        ..options()
    });
    assert!(laws.iter().all(|(w, _, _)| w == "code"));
}

#[test]
#[ignore = "reads ../shared"]
fn the_registry_corpus_answers_a_question_with_articles() {
    let path = crate::common::corpus();
    let (_dir, mut reg) = registry();
    let index = SearchIndex::open(&reg).expect("index");
    guifan::ingest::ingest_file(
        &mut reg,
        Some(&index),
        &path,
        &Default::default(),
        &mut |_| {},
    )
    .map(|f| f.report)
    .expect("import corpus");
    let opts = SearchOptions {
        status: StatusScope::Any,
        limit: 10,
        ..SearchOptions::default()
    };
    for q in ["员工试用期被辞退有补偿吗", "离婚时夫妻共同财产如何分割？"]
    {
        let docs = index.search(&reg, q, &opts).expect("documents");
        assert_eq!(docs.hits.len(), 10, "{q}");
        assert!(docs.hits.iter().any(|h| h.article.is_some()), "{q}");
        let arts = index
            .search(
                &reg,
                q,
                &SearchOptions {
                    unit: Unit::Article,
                    ..opts.clone()
                },
            )
            .expect("articles");
        assert_eq!(arts.hits.len(), 10, "{q}");
        assert!(arts.hits.iter().all(|h| h.snippet.is_some()), "{q}");
    }
}

/// Guards the demotion of what is no longer the law: the same article in a repealed rule and in
/// one in force, or in an old and a current version, ranks the one in force first.
#[test]
fn what_is_no_longer_the_law_yields_to_what_is() {
    let (_dir, mut reg) = registry();
    let body = "第一条　物业服务企业应当公开物业服务收费标准。";
    let lines = [
        record(
            "old",
            "old",
            1,
            ["物业收费办法", "地方性法规", "已废止", "2005-01-01"],
            body,
        ),
        record(
            "new",
            "new",
            1,
            ["物业服务条例", "地方性法规", "有效", "2019-01-01"],
            body,
        ),
    ];
    import(&mut reg, &(lines.join("\n") + "\n")).expect("fixtures");
    let index = SearchIndex::open(&reg).expect("index");
    index.sync(&reg).expect("sync");
    let q = "物业服务收费标准要公开吗？";
    let scores = |lapsed: f32, unit: Unit| -> Vec<(String, f32)> {
        let opts = SearchOptions {
            unit,
            ranking: guifan::index::Ranking {
                lapsed,
                fold_duplicates: false,
                ..Default::default()
            },
            ..options()
        };
        let r = index.search(&reg, q, &opts).expect("search");
        r.hits.iter().map(|h| (h.work.clone(), h.score)).collect()
    };
    for unit in [Unit::Document, Unit::Article] {
        // Without the demotion the two score the same.
        let even = scores(0.0, unit);
        assert_eq!(even.len(), 2, "{even:?}");
        assert_eq!(even[0].1, even[1].1, "{even:?}");
        let ranked = scores(guifan::index::Ranking::default().lapsed, unit);
        assert_eq!(ranked[0].0, "new", "{ranked:?}");
        assert!(ranked[0].1 > ranked[1].1, "{ranked:?}");
    }
    // A version a later one replaced yields in the same way (the labour law's first version).
    let (_dir, reg, index) = fixtures();
    let r = index
        .search(
            &reg,
            "用人单位解除劳动合同要支付经济补偿吗？",
            &SearchOptions {
                all_versions: true,
                unit: Unit::Article,
                limit: 50,
                ranking: guifan::index::Ranking {
                    fold_duplicates: false,
                    ..Default::default()
                },
                ..options()
            },
        )
        .expect("search");
    // 第五条 reads the same in both versions.
    let score_of = |version: u32| {
        r.hits
            .iter()
            .find(|h| {
                h.work == "labour" && h.version == version && h.article.as_deref() == Some("第五条")
            })
            .map(|h| h.score)
    };
    let (v1, v2) = (score_of(1).expect("v1"), score_of(2).expect("v2"));
    assert!(v2 > v1, "{v1} {v2}");
}
