//! Repeated filings and reviews, and corrections: records withdrawn or replaced keep their
//! history, every answer uses the records that stand, and an answer as of an earlier date
//! sees the records as they stood then.

use guifan::interchange::Format;
use guifan::model::{
    DocNumber, Meta, NewCampaign, NewFiling, NewRelation, NewReview, NewVersion, Outcome,
    RecordKind, RelationKind, RelationTarget, ReviewKind, Status,
};
use guifan::store::{InitialStatus, ListFilter, Replacement};
use guifan::{Error, Registry, stats};
use time::Date;
use time::macros::date;

use crate::common::registry;

fn document(reg: &mut Registry, key: &str, title: &str, number: &str) -> guifan::model::WorkId {
    let body = format!("{title}\n第一条 为了规范管理，制定本办法。");
    document_with(reg, key, title, number, &body)
}

fn document_with(
    reg: &mut Registry,
    key: &str,
    title: &str,
    number: &str,
    body: &str,
) -> guifan::model::WorkId {
    let d = date!(2024 - 03 - 01);
    reg.register(
        Some(key),
        NewVersion {
            key: Some(key.into()),
            meta: Meta {
                title: title.into(),
                kind: "行政规范性文件".into(),
                issuer: "潜江市人民政府".into(),
                doc_number: Some(DocNumber::parse(number).expect("number")),
                issued: Some(d),
                effective: Some(d),
                ..Meta::default()
            },
            body: body.to_owned(),
            ..NewVersion::default()
        },
        Some(InitialStatus {
            status: Status::Valid,
            date: Some(d),
            reason: None,
        }),
    )
    .expect("register")
}

fn filing(submitted: Date) -> NewFiling {
    NewFiling {
        submitted: Some(submitted),
        ..NewFiling::new("湖北省人民政府")
    }
}

fn review(conclusion: &str) -> NewReview {
    NewReview {
        kind: ReviewKind::Legality,
        reviewer: "潜江市司法局".into(),
        date: date!(2024 - 02 - 20),
        conclusion: conclusion.into(),
        opinion: None,
    }
}

fn on(date: Date) -> ListFilter {
    ListFilter {
        as_of: Some(date),
        ..ListFilter::default()
    }
}

#[test]
fn the_same_filing_twice_is_a_repeat_and_counts_once() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let first = reg
        .record_filing(id, &filing(date!(2024 - 05 - 30)))
        .expect("file");
    let again = reg
        .record_filing(id, &filing(date!(2024 - 05 - 30)))
        .expect("again");
    assert!(!first.repeat);
    assert_eq!((again.id, again.repeat), (first.id, true));
    let t = stats::filing_timeliness(&reg, &on(date!(2024 - 12 - 31))).expect("stats");
    assert_eq!((t.total, t.late), (1, 1), "a repeat does not count twice");
}

#[test]
fn a_filing_with_the_same_identity_but_other_details_is_refused_naming_the_document() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    reg.record_filing(id, &filing(date!(2024 - 05 - 30)))
        .expect("file");
    let other = NewFiling {
        number: Some("鄂备〔2024〕7号".into()),
        ..filing(date!(2024 - 05 - 30))
    };
    let err = reg.record_filing(id, &other).expect_err("refused");
    let text = err.to_string();
    assert!(matches!(err, Error::Conflict(_)), "{err:?}");
    assert!(
        text.contains("《潜江市政府合同管理办法》（潜政规〔2024〕2号）"),
        "{text}"
    );
    assert!(text.contains("amend filing"), "{text}");
    // Another submission date is another filing.
    let later = reg
        .record_filing(id, &filing(date!(2024 - 06 - 30)))
        .expect("later");
    assert!(!later.repeat);
}

#[test]
fn the_same_review_twice_is_a_repeat_and_another_conclusion_is_refused() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let first = reg.record_review(id, &review("合法")).expect("review");
    assert!(
        reg.record_review(id, &review("合法"))
            .expect("again")
            .repeat
    );
    assert!(matches!(
        reg.record_review(id, &review("建议修改")),
        Err(Error::Conflict(_))
    ));
    assert_eq!(reg.reviews(id).expect("reviews").len(), 1);
    let counts = stats::review_counts(&reg, &on(date!(2024 - 12 - 31))).expect("counts");
    assert_eq!(counts.iter().map(|r| r.reviews).sum::<u64>(), 1);
    assert_eq!(first.id, reg.reviews(id).expect("reviews")[0].id);
}

#[test]
fn importing_a_reviews_file_twice_reports_repeats_and_counts_once() {
    let (_dir, mut reg) = registry();
    document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let lines = r#"{"type":"review","document":"a","kind":"合法性审核","reviewer":"潜江市司法局","date":"2024-02-20","conclusion":"合法"}
{"type":"filing","document":"a","filed_with":"湖北省人民政府","submitted":"2024-03-20"}
"#;
    let first = guifan::interchange::import_str(&mut reg, Format::JsonLines, lines).expect("first");
    let second =
        guifan::interchange::import_str(&mut reg, Format::JsonLines, lines).expect("second");
    assert_eq!((first.reviews, first.filings, first.repeats), (1, 1, 0));
    assert_eq!((second.reviews, second.filings, second.repeats), (0, 0, 2));
    assert_eq!(reg.all_reviews().expect("reviews").len(), 1);
}

#[test]
fn a_withdrawn_filing_leaves_the_answers_from_its_date_and_stays_in_history() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let f = reg
        .record_filing(id, &filing(date!(2024 - 05 - 30)))
        .expect("file");
    let c = reg
        .withdraw(
            RecordKind::Filing,
            f.id,
            "登记到了另一文件",
            Some(date!(2025 - 01 - 01)),
        )
        .expect("withdraw");
    assert_eq!(
        (c.record, c.record_id, c.replaced_by),
        (RecordKind::Filing, f.id, None)
    );
    assert!(reg.filings(id).expect("now").is_empty());
    let t = stats::filing_timeliness(&reg, &on(date!(2025 - 06 - 01))).expect("stats");
    assert_eq!(t.total, 0);
    // As the registry stood on 2024-12-31, before the correction.
    let then = stats::filing_timeliness(&reg, &on(date!(2024 - 12 - 31))).expect("stats");
    assert_eq!(then.total, 1);
    let d = reg.dossier(id, date!(2024 - 12 - 31)).expect("dossier");
    assert_eq!(d.filings.len(), 1);
    assert!(d.corrections.is_empty());
    let d = reg.dossier(id, date!(2025 - 06 - 01)).expect("dossier");
    assert!(d.filings.is_empty());
    assert_eq!(d.corrections.len(), 1);
    assert!(
        d.history
            .iter()
            .any(|h| h.kind == "correction" && h.event.contains("撤回备案")),
        "{:?}",
        d.history
    );
    // Withdrawn once; not twice.
    let again = reg.withdraw(RecordKind::Filing, f.id, "再撤回", None);
    assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
    // Both are in the audit log.
    let actions: Vec<String> = reg
        .audit_log()
        .expect("audit")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"file".to_owned()) && actions.contains(&"withdraw".to_owned()));
    assert!(reg.check().expect("check").ok());
}

#[test]
fn an_amended_review_replaces_the_mistaken_one_and_the_replacement_is_corrected_next() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let r = reg.record_review(id, &review("建议修改")).expect("review");
    let mut replacement = reg.replacement_of(RecordKind::Review, r.id).expect("load");
    replacement.set("conclusion", "合法").expect("set");
    let err = replacement
        .set("submitted", "2024-01-01")
        .expect_err("not a review field");
    assert!(err.to_string().contains("conclusion"), "{err}");
    let c = reg
        .amend(RecordKind::Review, r.id, &replacement, "结论录错", None)
        .expect("amend");
    let new_id = c.replaced_by.expect("replaced");
    let reviews = reg.reviews(id).expect("reviews");
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        (reviews[0].id, reviews[0].conclusion.as_str()),
        (new_id, "合法")
    );
    // The mistaken one cannot be corrected again; its replacement can.
    let err = reg
        .withdraw(RecordKind::Review, r.id, "x", None)
        .expect_err("corrected already");
    assert!(err.to_string().contains(&format!("#{new_id}")), "{err}");
    reg.withdraw(RecordKind::Review, new_id, "整条误录", None)
        .expect("withdraw the replacement");
    assert!(reg.reviews(id).expect("reviews").is_empty());
    // A correction needs a reason and a date no later than today.
    let f = reg
        .record_filing(id, &filing(date!(2024 - 05 - 30)))
        .expect("file");
    assert!(matches!(
        reg.withdraw(RecordKind::Filing, f.id, " ", None),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        reg.withdraw(RecordKind::Filing, f.id, "x", Some(date!(2999 - 01 - 01))),
        Err(Error::InvalidInput(_))
    ));
    assert!(matches!(
        reg.withdraw(RecordKind::Filing, 999, "x", None),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_corrected_decision_of_an_announced_campaign_changes_the_status_from_its_date() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    reg.open_campaign(&NewCampaign {
        key: "qj".into(),
        name: "清理".into(),
        scope: None,
        opened: Some(date!(2024 - 05 - 01)),
    })
    .expect("open");
    reg.decide("qj", id, Outcome::Repealed, Some("与上位法不一致"))
        .expect("decide");
    reg.announce("qj", date!(2024 - 07 - 10)).expect("announce");
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 08 - 01)).expect("s"),
        Status::Repealed
    );
    let decision = reg.decisions_on(id).expect("decisions")[0].id;
    // Before the announcement is refused: the status then was not the decision's.
    let early = reg.amend(
        RecordKind::Decision,
        decision,
        &Replacement::Decision {
            outcome: Outcome::PendingRevision,
            reason: None,
        },
        "清理结论更正",
        Some(date!(2024 - 07 - 01)),
    );
    assert!(matches!(early, Err(Error::InvalidInput(_))), "{early:?}");
    reg.amend(
        RecordKind::Decision,
        decision,
        &Replacement::Decision {
            outcome: Outcome::PendingRevision,
            reason: Some("需要修改".into()),
        },
        "清理结论更正",
        Some(date!(2025 - 03 - 01)),
    )
    .expect("amend");
    assert_eq!(
        reg.status_as_of(id, date!(2025 - 01 - 01)).expect("s"),
        Status::Repealed,
        "as it stood before the correction"
    );
    assert_eq!(
        reg.status_as_of(id, date!(2025 - 03 - 01)).expect("s"),
        Status::PendingRevision
    );
    let report = stats::clearance_report(&reg, "qj").expect("report");
    assert_eq!(
        (
            report.count(Outcome::PendingRevision),
            report.count(Outcome::Repealed)
        ),
        (1, 0)
    );
    assert!(reg.check().expect("check").ok());
}

#[test]
fn a_withdrawn_decision_of_an_open_campaign_is_not_announced_and_may_be_decided_again() {
    let (_dir, mut reg) = registry();
    let id = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    reg.open_campaign(&NewCampaign {
        key: "qj".into(),
        name: "清理".into(),
        scope: None,
        opened: Some(date!(2024 - 05 - 01)),
    })
    .expect("open");
    reg.decide("qj", id, Outcome::Repealed, None)
        .expect("decide");
    let decision = reg.decisions_on(id).expect("decisions")[0].id;
    reg.withdraw(RecordKind::Decision, decision, "决定登记错了文件", None)
        .expect("withdraw");
    assert!(reg.decisions("qj").expect("decisions").is_empty());
    reg.decide("qj", id, Outcome::Valid, None)
        .expect("decided again");
    let announced = reg.announce("qj", date!(2024 - 07 - 10)).expect("announce");
    assert_eq!(announced.status_changes, 1);
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 08 - 01)).expect("s"),
        Status::Valid
    );
}

#[test]
fn a_manual_relation_is_withdrawn_and_a_relation_found_in_text_is_not() {
    let (_dir, mut reg) = registry();
    let a = document(&mut reg, "a", "潜江市政府合同管理办法", "潜政规〔2024〕2号");
    let b = document(
        &mut reg,
        "b",
        "潜江市政府合同管理暂行办法",
        "潜政规〔2015〕1号",
    );
    let rel = reg
        .record_relation(
            a,
            &NewRelation::manual(RelationKind::Supersedes, RelationTarget::Work(b), None),
        )
        .expect("relate");
    // Amended: the corrected relation keeps its target and takes the kind given.
    let mut replacement = reg.replacement_of(RecordKind::Relation, rel).expect("load");
    replacement.set("kind", "引用").expect("kind");
    let amended = reg
        .amend(RecordKind::Relation, rel, &replacement, "类别录错", None)
        .expect("amend")
        .replaced_by
        .expect("replaced");
    let shown = reg.relations(a).expect("relations");
    assert_eq!(shown.len(), 1);
    assert_eq!(
        (shown[0].id, shown[0].kind, shown[0].other),
        (amended, RelationKind::Cites, Some(b))
    );
    let rel = amended;
    reg.withdraw(RecordKind::Relation, rel, "关系录错", None)
        .expect("withdraw");
    assert!(
        reg.relations(a).expect("relations").is_empty(),
        "withdrawn relations are not shown"
    );
    // Recorded again after the withdrawal: a new relation.
    let again = reg
        .record_relation(
            a,
            &NewRelation::manual(RelationKind::Supersedes, RelationTarget::Work(b), None),
        )
        .expect("relate again");
    assert_ne!(again, rel);
    let c = document_with(
        &mut reg,
        "c",
        "潜江市合同审查办法",
        "潜政规〔2024〕5号",
        "潜江市合同审查办法\n第一条 根据《潜江市政府合同管理办法》，制定本办法。",
    );
    let found = reg
        .all_relations()
        .expect("all")
        .into_iter()
        .find(|r| r.from == c && r.source == guifan::model::RelationSource::Text)
        .expect("the citation in the text is a relation");
    let err = reg
        .withdraw(RecordKind::Relation, found.id, "x", None)
        .expect_err("a relation found in text");
    assert!(err.to_string().contains("正文"), "{err}");
}
