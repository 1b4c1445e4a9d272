//! The reviewer's assistants: clearance proposals against the known answers of
//! `fixtures/clearance/`, their recording and the decisions that follow or override them, the
//! Qianjiang campaigns' decisions against the proposals, and the draft check against the
//! known findings of `fixtures/drafts/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use guifan::assist::{Proposal, Suggestions, check_draft, suggest, suggest_and_record};
use guifan::model::{NewCampaign, Outcome};
use guifan::{Error, Registry};
use time::macros::date;

use crate::common::{qianjiang, registry};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// A registry holding `fixtures/clearance/documents.jsonl`.
fn clearance() -> (tempfile::TempDir, Registry) {
    let (dir, mut reg) = registry();
    guifan::ingest::ingest_file(
        &mut reg,
        None,
        &fixtures().join("clearance/documents.jsonl"),
        &Default::default(),
        &mut |_| {},
    )
    .expect("import clearance fixtures");
    (dir, reg)
}

fn answers() -> serde_json::Value {
    let text = std::fs::read_to_string(fixtures().join("clearance/answers.json")).expect("answers");
    serde_json::from_str(&text).expect("json")
}

/// Per rule: (true positives, false positives, false negatives).
type RuleCounts = BTreeMap<String, (usize, usize, usize)>;

fn score(
    expected: &BTreeMap<String, BTreeSet<String>>,
    got: &BTreeMap<String, BTreeSet<String>>,
) -> RuleCounts {
    let mut counts: RuleCounts = BTreeMap::new();
    for (doc, want) in expected {
        let have = got.get(doc).cloned().unwrap_or_default();
        for r in want.union(&have) {
            let e = counts.entry(r.clone()).or_default();
            match (want.contains(r), have.contains(r)) {
                (true, true) => e.0 += 1,
                (false, true) => e.1 += 1,
                (true, false) => e.2 += 1,
                _ => {}
            }
        }
    }
    counts
}

fn print_scores(title: &str, counts: &RuleCounts) {
    println!("{title}\n| rule | fired right | fired wrong | missed | precision | recall |");
    println!("|---|---|---|---|---|---|");
    for (rule, (tp, fp, fnn)) in counts {
        let p = if tp + fp == 0 {
            f64::NAN
        } else {
            *tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fnn == 0 {
            f64::NAN
        } else {
            *tp as f64 / (tp + fnn) as f64
        };
        println!("| `{rule}` | {tp} | {fp} | {fnn} | {p:.2} | {r:.2} |");
    }
}

fn key_of(reg: &Registry, s: &guifan::assist::Suggestion) -> String {
    reg.work(s.work).expect("work").key
}

#[test]
fn clearance_proposals_match_the_known_answers() {
    let (_dir, reg) = clearance();
    let a = answers();
    let s = suggest(&reg, "cl-2024", Some(date!(2024 - 04 - 01))).expect("suggest");
    assert_eq!(s.scope_date, date!(2024 - 03 - 01));
    let docs = a["documents"].as_object().expect("documents");
    let in_scope: BTreeSet<String> = s.items.iter().map(|i| key_of(&reg, i)).collect();
    let expected_scope: BTreeSet<String> = docs.keys().cloned().collect();
    assert_eq!(in_scope, expected_scope, "scope");
    let mut expected = BTreeMap::new();
    let mut got = BTreeMap::new();
    let mut wrong_proposals = Vec::new();
    for item in &s.items {
        let key = key_of(&reg, item);
        let want = &docs[&key];
        let rules: BTreeSet<String> = want["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r.as_str().expect("rule").to_owned())
            .collect();
        expected.insert(key.clone(), rules);
        got.insert(
            key.clone(),
            item.rules()
                .into_iter()
                .map(str::to_owned)
                .collect::<BTreeSet<_>>(),
        );
        if want["proposal"].as_str() != Some(item.proposal.token()) {
            wrong_proposals.push(format!(
                "{key}: {} for {}",
                item.proposal.token(),
                want["proposal"]
            ));
        }
    }
    let counts = score(&expected, &got);
    print_scores("clearance fixture, per rule", &counts);
    for (doc, want) in &expected {
        assert_eq!(&got[doc], want, "{doc}: rules");
    }
    assert!(wrong_proposals.is_empty(), "{wrong_proposals:?}");
    // The evidence names the repealed basis, its date and the citing place.
    let d01 = s
        .items
        .iter()
        .find(|i| key_of(&reg, i) == "cl-d01")
        .expect("cl-d01");
    let f = &d01.findings[0];
    assert_eq!(f.evidence.title.as_deref(), Some("汉江省城市管理条例"));
    assert_eq!(f.evidence.date, Some(date!(2022 - 06 - 01)));
    assert_eq!(f.evidence.articles, vec!["第一条".to_owned()]);
    // The department's document is in scope by its decision, which followed the proposal.
    let d17 = s
        .items
        .iter()
        .find(|i| key_of(&reg, i) == "cl-d17")
        .expect("cl-d17");
    assert_eq!(d17.in_scope, guifan::assist::suggest::InScope::Decision);
    assert_eq!(d17.followed, Some(true));
    let text = s.render_text();
    assert!(
        text.contains("制定依据已废止或失效 [basis-repealed]"),
        "{text}"
    );
    insta::assert_snapshot!("clearance_suggestions", text);
}

#[test]
fn recorded_proposals_keep_whether_the_decision_followed_them() {
    let (_dir, mut reg) = clearance();
    let s = suggest_and_record(&mut reg, "cl-2024", Some(date!(2024 - 04 - 01))).expect("record");
    assert!(s.recorded);
    let suggest_entries = reg
        .audit_log()
        .expect("audit")
        .iter()
        .filter(|e| e.action == "suggest")
        .count();
    assert_eq!(suggest_entries, s.items.len());
    let id = |k: &str| reg.resolve(k).expect("doc");
    let (d01, d03, d08) = (id("cl-d01"), id("cl-d03"), id("cl-d08"));
    reg.decide("cl-2024", d01, Outcome::Repealed, Some("依据已废止"))
        .expect("follow");
    reg.decide(
        "cl-2024",
        d03,
        Outcome::PendingRevision,
        Some("拟修订后重新公布"),
    )
    .expect("override");
    reg.decide("cl-2024", d08, Outcome::Valid, Some("评估后继续有效"))
        .expect("after evaluation");
    let recorded = reg.recorded_suggestions("cl-2024").expect("recorded");
    assert_eq!(recorded.len(), s.items.len());
    let get = |w| recorded.iter().find(|r| r.work == w).expect("row");
    assert_eq!(get(d01).proposal, Proposal::Repealed);
    assert_eq!(get(d01).followed, Some(true));
    let described = reg.work(d01).expect("work");
    assert_eq!(get(d01).title, described.latest().meta.title);
    assert_eq!(
        get(d01).doc_number.as_deref(),
        described
            .latest()
            .meta
            .doc_number
            .as_ref()
            .map(|n| n.canonical())
    );
    assert_eq!(get(d03).proposal, Proposal::Invalidated);
    assert_eq!(get(d03).followed, Some(false));
    assert_eq!(
        get(d03).rules,
        vec!["basis-amended".to_owned(), "expired".to_owned()]
    );
    assert_eq!(get(d08).proposal, Proposal::Evaluate);
    assert_eq!(get(d08).decision, Some(Outcome::Valid));
    assert_eq!(get(d08).followed, None);
    // The decision's audit entry says what was proposed and whether it was followed.
    let decided = reg.audit_of(d03).expect("audit");
    let last = decided.last().expect("entry");
    assert_eq!(last.action, "decide");
    let detail: serde_json::Value = serde_json::from_str(&last.detail).expect("json");
    assert_eq!(detail["suggested"], "invalidated");
    assert_eq!(detail["followed"], false);
    assert!(reg.check().expect("check").ok());
    // Once announced, a campaign takes no more proposals.
    reg.announce("cl-2024", date!(2024 - 06 - 30))
        .expect("announce");
    let err = suggest_and_record(&mut reg, "cl-2024", None).expect_err("announced");
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    assert!(suggest(&reg, "nope", None).is_err());
}

#[test]
fn an_empty_campaign_has_no_proposals() {
    let (_dir, mut reg) = registry();
    reg.open_campaign(&NewCampaign {
        key: "empty".into(),
        name: "空".into(),
        scope: Some("市政府".into()),
        opened: Some(date!(2024 - 01 - 01)),
    })
    .expect("open");
    let s = suggest(&reg, "empty", None).expect("suggest");
    assert!(s.items.is_empty());
    assert!(s.render_text().contains("共0件"));
}

/// Proposals against the decisions of one Qianjiang campaign: (agreeing, decided) and the
/// confusion of proposal and decision.
fn against_decisions(s: &Suggestions) -> (usize, usize, BTreeMap<(String, String), usize>) {
    let mut confusion = BTreeMap::new();
    let (mut agree, mut decided) = (0, 0);
    for i in &s.items {
        let Some(d) = i.decision else { continue };
        decided += 1;
        agree += usize::from(i.followed == Some(true));
        *confusion
            .entry((i.proposal.label().to_owned(), d.label().to_owned()))
            .or_default() += 1;
    }
    (agree, decided, confusion)
}

#[test]
fn the_qianjiang_campaigns_against_their_decisions() {
    let (_dir, reg) = qianjiang();
    for (campaign, decided_count) in [("qj-2024", 19), ("qj-2024-depts", 59)] {
        let s = suggest(&reg, campaign, None).expect("suggest");
        let (agree, decided, confusion) = against_decisions(&s);
        assert_eq!(decided, decided_count);
        println!(
            "{campaign} as of {}: {} in scope, {decided} decided, proposal = decision for {agree}",
            s.as_of,
            s.items.len()
        );
        println!("| proposal | decision | documents |\n|---|---|---|");
        for ((p, d), n) in &confusion {
            println!("| {p} | {d} | {n} |");
        }
        println!("rules fired: {:?}", s.rule_counts);
        // Every document the bureau declared no longer in force whose 有效期 had ended is
        // proposed 宣布失效.
        for i in &s.items {
            if i.findings.iter().any(|f| f.rule == "expired") {
                assert_eq!(i.proposal, Proposal::Invalidated, "{}", i.title);
            }
        }
    }
    // The department rule resting on the city's repealed 罚没财物 measures (repealed on
    // 2024-07-10, before the departments' campaign was announced).
    let s = suggest(&reg, "qj-2024-depts", None).expect("suggest");
    let cgg = s
        .items
        .iter()
        .find(|i| i.doc_number.as_deref() == Some("潜城管规〔2020〕2号"))
        .expect("潜城管规〔2020〕2号");
    let f = cgg
        .findings
        .iter()
        .find(|f| f.rule == "basis-repealed")
        .expect("basis-repealed");
    assert_eq!(f.evidence.doc_number.as_deref(), Some("潜政发〔2014〕23号"));
    assert_eq!(f.evidence.date, Some(date!(2024 - 07 - 10)));
    assert_eq!(f.evidence.articles, vec!["文首".to_owned()]);
}

/// The expected findings of a draft: `rule line` per line (`#` starts a comment).
fn expected_findings(name: &str) -> Vec<(String, usize)> {
    let text = std::fs::read_to_string(fixtures().join("drafts").join(name)).expect("expected");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (rule, line) = l.split_once(' ').expect("rule line");
            (rule.to_owned(), line.trim().parse().expect("line number"))
        })
        .collect()
}

#[test]
fn drafts_give_the_known_findings() {
    let (_dir, reg) = clearance();
    let as_of = date!(2024 - 04 - 01);
    let mut per_rule: RuleCounts = BTreeMap::new();
    for name in ["outdoor-ads", "trial-scheme", "clean"] {
        let text =
            std::fs::read_to_string(fixtures().join(format!("drafts/{name}.txt"))).expect("draft");
        let report = check_draft(&reg, &text, as_of).expect("check");
        let got: BTreeSet<(String, usize)> = report
            .findings
            .iter()
            .map(|f| (f.rule.to_owned(), f.line))
            .collect();
        let want: BTreeSet<(String, usize)> = expected_findings(&format!("{name}.expected"))
            .into_iter()
            .collect();
        for (rule, _) in got.union(&want) {
            per_rule.entry(rule.clone()).or_default();
        }
        for f in got.union(&want) {
            let e = per_rule.get_mut(&f.0).expect("rule");
            match (want.contains(f), got.contains(f)) {
                (true, true) => e.0 += 1,
                (false, true) => e.1 += 1,
                (true, false) => e.2 += 1,
                _ => {}
            }
        }
        assert_eq!(got, want, "{name}:\n{}", report.render_text());
        if name == "outdoor-ads" {
            insta::assert_snapshot!("draft_outdoor_ads", report.render_text());
        }
    }
    print_scores("draft fixtures, per rule (rule and line)", &per_rule);
}

#[test]
fn random_texts_are_checked_without_panicking() {
    let (_dir, reg) = clearance();
    let mut runner = proptest::test_runner::TestRunner::default();
    runner
        .run(
            &"[第一二三十条章节之（）()、\n 　。，《》〔〕\\[\\]0１2024年月日./\\-有效期至为个试行暂行根据制定本办法罚款不得须经同意汉江省城市管理条例江政规号]{0,300}",
            |text| {
                let r = check_draft(&reg, &text, date!(2024 - 04 - 01))
                    .map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
                proptest::prop_assert!(r.findings.iter().all(|f| f.line >= 1));
                Ok(())
            },
        )
        .expect("no text makes the check fail or panic");
}

#[test]
fn any_text_is_checked_without_panicking() {
    let (_dir, reg) = registry();
    for text in [
        "",
        "\n\n\n",
        "第一条",
        "《",
        "有效期至",
        "〔2024〕号",
        "第一条之一　甲。\n第一条之三　乙。\n第九十九条　丙。",
        "2024-13-45 2024.1.1 二〇二四年十三月一日",
    ] {
        let r = check_draft(&reg, text, date!(2024 - 01 - 01)).expect("check");
        assert!(r.render_text().contains("错误"));
    }
}

/// The date the corpus campaign is checked as of.
const CORPUS_AS_OF: time::Date = date!(2025 - 06 - 30);

/// What the corpus's own data says of one local regulation's bases.
#[derive(Debug, Default)]
struct Truth {
    /// A basis (named in its basis sentence, one corpus work by title) repealed by the date.
    repealed: bool,
    /// A basis not repealed, with a version or a 修正/修订/修改 event after it was issued.
    amended: bool,
}

/// Titles as the corpus writes them, for matching: no blanks, no leading 中华人民共和国.
fn plain_title(t: &str) -> String {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    t.strip_prefix("中华人民共和国")
        .map(str::to_owned)
        .unwrap_or(t)
}

/// The outer 《…》 titles of a sentence.
fn titles_in(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in s.chars() {
        match c {
            '《' => {
                if depth > 0 {
                    cur.push(c);
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(std::mem::take(&mut cur));
                } else {
                    cur.push(c);
                }
            }
            c if depth > 0 => cur.push(c),
            _ => {}
        }
    }
    out
}

/// A corpus record.
type Record = serde_json::Value;

/// A date field of a record, as written (ISO).
fn date_field(v: &Record) -> Option<String> {
    v.as_str().map(str::to_owned)
}

/// The corpus's records by work key, each work's versions in order.
fn corpus_works(text: &str) -> BTreeMap<String, Vec<Record>> {
    let mut works: BTreeMap<String, Vec<Record>> = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let v: Record = serde_json::from_str(line).expect("json");
        works
            .entry(v["work"].as_str().expect("work").to_owned())
            .or_default()
            .push(v);
    }
    for vs in works.values_mut() {
        vs.sort_by_key(|v| v["version"].as_u64());
    }
    works
}

/// The works that bear each title (any version), by plain title.
fn works_by_title(works: &BTreeMap<String, Vec<Record>>) -> BTreeMap<String, BTreeSet<String>> {
    let mut by_title: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (w, vs) in works {
        for v in vs {
            by_title
                .entry(plain_title(v["title"].as_str().unwrap_or("")))
                .or_default()
                .insert(w.clone());
        }
    }
    by_title
}

/// The dates of a record's history events whose text holds one of `words`.
fn history_dates(v: &Record, words: &[&str]) -> Vec<String> {
    v["history"]
        .as_array()
        .map(|h| {
            h.iter()
                .filter(|e| {
                    let ev = e["event"].as_str().unwrap_or("");
                    words.iter().any(|w| ev.contains(w))
                })
                .filter_map(|e| date_field(&e["date"]))
                .collect()
        })
        .unwrap_or_default()
}

/// When a work whose last version is 已废止 was repealed: its last 废止/失效 event, else that
/// version's in-force date.
fn repealed_on(vs: &[Record]) -> Option<String> {
    let last = vs.last()?;
    if last["status"] != "已废止" {
        return None;
    }
    history_dates(last, &["废止", "失效"])
        .into_iter()
        .max()
        .or_else(|| date_field(&last["effective"]).or_else(|| date_field(&last["issued"])))
}

/// For a local regulation in force on `as_of` (its last version 有效 or 已修改): the date it
/// was issued.
fn regulation_issued(last: &Record, as_of: &str) -> Option<String> {
    let in_force_from = date_field(&last["effective"]).or_else(|| date_field(&last["issued"]));
    if last["kind"] != "地方性法规"
        || !matches!(last["status"].as_str(), Some("有效" | "已修改"))
        || in_force_from.as_deref().is_none_or(|d| d > as_of)
    {
        return None;
    }
    date_field(&last["issued"]).or(in_force_from)
}

/// The basis sentence (`根据《…》…，制定本…`) in the first 3,000 characters of a text.
fn basis_sentence(last: &Record) -> Option<String> {
    let body: String = last["body"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(3000)
        .collect();
    body.split(['。', '\n'])
        .find(|s| {
            (s.contains("制定本") || s.contains("制订本"))
                && ["根据", "依据", "依照"].iter().any(|b| s.contains(b))
        })
        .map(str::to_owned)
}

/// What the bases of a regulation issued on `issued` went through by `as_of`.
fn truth_of(
    bases: &[&String],
    works: &BTreeMap<String, Vec<Record>>,
    issued: &str,
    as_of: &str,
) -> Truth {
    let mut t = Truth::default();
    for b in bases {
        let bvs = &works[*b];
        if repealed_on(bvs).is_some_and(|d| d.as_str() <= as_of) {
            t.repealed = true;
            continue;
        }
        if repealed_on(bvs).is_some() {
            continue;
        }
        let mut dates: Vec<String> = bvs
            .iter()
            .skip(1)
            .filter_map(|v| date_field(&v["effective"]).or_else(|| date_field(&v["issued"])))
            .collect();
        for v in bvs {
            dates.extend(history_dates(v, &["修正", "修订", "修改"]));
        }
        if dates
            .iter()
            .any(|d| d.as_str() > issued && d.as_str() <= as_of)
        {
            t.amended = true;
        }
    }
    t
}

/// The known answer for every local regulation in force whose basis sentence names corpus
/// works, read from the corpus file with plain string handling (not the library's parsers):
/// work key → truth.
fn corpus_truth(text: &str) -> BTreeMap<String, Truth> {
    let works = corpus_works(text);
    let by_title = works_by_title(&works);
    let as_of = guifan::date::iso(CORPUS_AS_OF);
    let mut out = BTreeMap::new();
    for (w, vs) in &works {
        let Some(last) = vs.last() else { continue };
        let Some(issued) = regulation_issued(last, &as_of) else {
            continue;
        };
        let Some(sentence) = basis_sentence(last) else {
            continue;
        };
        let bases: Vec<&String> = titles_in(&sentence)
            .iter()
            .filter_map(|t| by_title.get(&plain_title(t)))
            .filter(|ws| ws.len() == 1)
            .filter_map(|ws| ws.iter().next())
            .filter(|b| *b != w)
            .collect();
        if bases.is_empty() {
            continue;
        }
        out.insert(w.clone(), truth_of(&bases, &works, &issued, &as_of));
    }
    out
}

/// The proposals of the corpus campaign against the known answers.
#[derive(Default)]
struct Outcomes {
    /// Per regulation with a known answer: the rules expected to fire.
    expected: BTreeMap<String, BTreeSet<String>>,
    /// Per regulation with a known answer: the rules that fired.
    got: BTreeMap<String, BTreeSet<String>>,
    /// How often each rule fired on a regulation without a known answer.
    outside: BTreeMap<&'static str, usize>,
}

/// Sorts the `basis-repealed` and `basis-amended` findings of the proposals by whether the
/// regulation has a known answer.
fn outcomes(reg: &Registry, s: &Suggestions, truth: &BTreeMap<String, Truth>) -> Outcomes {
    let mut o = Outcomes::default();
    for item in &s.items {
        let key = reg.work(item.work).expect("work").key;
        let fired: BTreeSet<String> = item
            .rules()
            .into_iter()
            .filter(|r| matches!(*r, "basis-repealed" | "basis-amended"))
            .map(str::to_owned)
            .collect();
        match truth.get(&key) {
            Some(t) => {
                let mut want = BTreeSet::new();
                if t.repealed {
                    want.insert("basis-repealed".to_owned());
                }
                if t.amended {
                    want.insert("basis-amended".to_owned());
                }
                o.expected.insert(key.clone(), want);
                o.got.insert(key, fired);
            }
            None => {
                for f in item
                    .findings
                    .iter()
                    .filter(|f| matches!(f.rule, "basis-repealed" | "basis-amended"))
                {
                    println!("outside: 《{}》 {}: {}", item.title, f.rule, f.message);
                }
                for r in fired {
                    *o.outside
                        .entry(if r == "basis-repealed" {
                            "basis-repealed"
                        } else {
                            "basis-amended"
                        })
                        .or_default() += 1;
                }
            }
        }
    }
    o
}

/// A campaign over the corpus's local regulations, as of 2025-06-30: the proposals'
/// `basis-repealed` and `basis-amended` against what the corpus's statuses, versions and
/// histories say of the laws each regulation names in its basis sentence.
#[test]
#[ignore = "reads ../shared"]
fn corpus_clearance_campaign() {
    let path = crate::common::corpus();
    let text = std::fs::read_to_string(&path).expect("read corpus");
    let truth = corpus_truth(&text);
    let (_dir, mut reg) = registry();
    guifan::ingest::ingest_file(&mut reg, None, &path, &Default::default(), &mut |_| {})
        .expect("import");
    reg.open_campaign(&NewCampaign {
        key: "corpus".into(),
        name: "地方性法规清理（语料）".into(),
        scope: Some("地方性法规".into()),
        opened: Some(CORPUS_AS_OF),
    })
    .expect("campaign");
    let started = std::time::Instant::now();
    let s = suggest(&reg, "corpus", Some(CORPUS_AS_OF)).expect("suggest");
    let took = started.elapsed();
    let Outcomes {
        expected,
        got,
        outside,
    } = outcomes(&reg, &s, &truth);
    let in_truth = expected.len();
    println!(
        "corpus campaign: {} regulations in scope, {} with a known answer, suggested in {took:?}; \
         fired outside the known answers: {outside:?}",
        s.items.len(),
        in_truth
    );
    let counts = score(&expected, &got);
    print_scores("corpus campaign, per rule", &counts);
    for (doc, want) in &expected {
        if &got[doc] != want {
            println!("differs: {doc} want {want:?} got {:?}", got[doc]);
        }
    }
    assert!(truth.len() > 1000, "{}", truth.len());
    assert_eq!(
        in_truth,
        truth.len(),
        "every regulation with a known answer is in scope"
    );
    for rule in ["basis-repealed", "basis-amended"] {
        let (tp, fp, fnn) = counts.get(rule).copied().unwrap_or_default();
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let recall = tp as f64 / (tp + fnn).max(1) as f64;
        assert!(
            precision >= 0.9 && recall >= 0.9,
            "{rule}: {precision:.3} / {recall:.3}"
        );
    }
}
