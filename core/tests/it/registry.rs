//! The store through the public API: works and versions, status as of a date, campaigns,
//! filings, reviews, relations, transactions and the audit chain.

use guifan::model::{
    DocNumber, Meta, NewCampaign, NewFiling, NewRelation, NewReview, NewVersion, Outcome,
    RelationKind, RelationSource, ReviewKind, Status, Timeliness,
};
use guifan::store::InitialStatus;
use guifan::{Error, Registry};
use time::Date;
use time::macros::date;

use crate::common::registry;

fn version(key: &str, title: &str, number: Option<&str>, effective: Option<Date>) -> NewVersion {
    NewVersion {
        key: Some(key.into()),
        meta: Meta {
            title: title.into(),
            kind: "行政规范性文件".into(),
            issuer: "潜江市人民政府".into(),
            doc_number: number.map(|n| DocNumber::parse(n).expect("number")),
            effective,
            ..Meta::default()
        },
        body: format!("{title}\n第一条 为了规范管理，制定本办法。"),
        ..NewVersion::default()
    }
}

fn valid_from(date: Option<Date>) -> Option<InitialStatus> {
    Some(InitialStatus {
        status: Status::Valid,
        date,
        reason: None,
    })
}

fn sample(reg: &mut Registry) -> guifan::model::WorkId {
    let d = Some(date!(2020 - 01 - 01));
    reg.register(
        Some("w-1"),
        version(
            "k-1",
            "潜江市行政执法投诉举报办法",
            Some("潜政规〔2020〕1号"),
            d,
        ),
        valid_from(d),
    )
    .expect("register")
}

#[test]
fn a_work_is_found_by_id_key_work_key_number_in_any_spelling_and_title() {
    let (_dir, mut reg) = registry();
    let id = sample(&mut reg);
    for r in [
        id.to_string().as_str(),
        "k-1",
        "w-1",
        "潜政规〔2020〕1号",
        "潜政规[2020]1号",
        "潜政规（２０２０）１号",
        "《潜江市行政执法投诉举报办法》",
    ] {
        assert_eq!(reg.resolve(r).expect(r), id, "{r}");
    }
    assert!(matches!(
        reg.resolve("潜政规〔2020〕2号"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_number_shared_by_two_works_is_ambiguous() {
    let (_dir, mut reg) = registry();
    sample(&mut reg);
    reg.register(
        None,
        version("k-2", "另一个文件", Some("潜政规[2020]1号"), None),
        None,
    )
    .expect("register");
    match reg.resolve("潜政规〔2020〕1号") {
        Err(Error::Ambiguous { candidates, .. }) => {
            assert_eq!(candidates.len(), 2);
            // What tells them apart: title, 文号, issuer and status, not only an id.
            assert!(
                candidates[0]
                    .contains("《潜江市行政执法投诉举报办法》（潜政规〔2020〕1号） 潜江市人民政府"),
                "{candidates:?}"
            );
            assert!(candidates[1].contains("《另一个文件》"), "{candidates:?}");
            assert!(
                candidates
                    .iter()
                    .all(|c| c.ends_with("有效") || c.ends_with("未知")),
                "{candidates:?}"
            );
        }
        other => panic!("expected ambiguous, got {other:?}"),
    }
}

#[test]
fn versions_and_status_as_of_any_date() {
    let (_dir, mut reg) = registry();
    let id = sample(&mut reg);
    let v2 = version(
        "k-1-v2",
        "潜江市行政执法投诉举报办法",
        Some("潜政规〔2023〕4号"),
        Some(date!(2023 - 03 - 01)),
    );
    assert_eq!(reg.add_version(id, None, v2, None).expect("v2"), 2);
    let work = reg.work(id).expect("work");
    assert_eq!(work.versions.len(), 2);
    assert_eq!(work.versions[1].label, "修改");
    assert_eq!(
        reg.version_as_of(id, date!(2022 - 06 - 01))
            .expect("read")
            .map(|v| v.seq),
        Some(1)
    );
    assert_eq!(
        reg.version_as_of(id, date!(2023 - 03 - 01))
            .expect("read")
            .map(|v| v.seq),
        Some(2)
    );
    assert_eq!(
        reg.version_as_of(id, date!(2019 - 12 - 31)).expect("read"),
        None
    );
    assert_eq!(
        reg.status_as_of(id, date!(2019 - 12 - 31)).expect("status"),
        Status::NotYetEffective
    );
    // A superseded version does not repeal the work.
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 01 - 01)).expect("status"),
        Status::Valid
    );
    reg.change_status(id, Status::Repealed, date!(2024 - 07 - 10), Some("清理"))
        .expect("repeal");
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 07 - 09)).expect("status"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 07 - 10)).expect("status"),
        Status::Repealed
    );
}

/// Guards the flat arrays behind `for_each_as_of` (statistics, lists, search scopes): they
/// must agree with `status_as_of` and `describing_version` on every work and date.
#[test]
fn the_snapshot_s_status_and_version_agree_with_the_separate_rules() {
    let (_dir, reg) = crate::common::qianjiang();
    let snapshot = reg.snapshot().expect("snapshot");
    let mut day = date!(2015 - 01 - 01);
    while day < date!(2026 - 01 - 01) {
        let mut flat = Vec::new();
        snapshot.for_each_as_of(day, |at| {
            flat.push((
                at.work.id,
                at.status,
                at.version().seq,
                at.kind_id,
                at.issuer_id,
            ));
        });
        assert_eq!(flat.len(), snapshot.works().len());
        for (w, got) in snapshot.works().iter().zip(flat) {
            let status = w.status_as_of(day);
            let v = w.describing_version(day);
            assert_eq!(
                got,
                (w.id, status, v.seq, v.kind_id, v.issuer_id),
                "{} on {day}",
                w.work_key
            );
        }
        day += time::Duration::days(17);
    }
}

#[test]
fn status_changes_the_rules_refuse() {
    let (_dir, mut reg) = registry();
    let id = sample(&mut reg);
    let before = reg.change_seq().expect("seq");
    for (status, date) in [
        (Status::Valid, date!(2021 - 01 - 01)),
        (Status::Repealed, date!(2019 - 01 - 01)),
        (Status::NotYetEffective, date!(2021 - 01 - 01)),
        (Status::Expired, date!(2021 - 01 - 01)),
    ] {
        let err = reg
            .change_status(id, status, date, None)
            .expect_err("refused");
        assert!(matches!(err, Error::StatusChange(_)), "{err}");
    }
    assert_eq!(reg.change_seq().expect("seq"), before, "nothing written");
}

#[test]
fn expiry_is_derived_from_the_dates() {
    let (_dir, mut reg) = registry();
    let mut v = version("k-e", "有期限的文件", None, Some(date!(2020 - 01 - 01)));
    v.meta.expires = Some(date!(2024 - 12 - 31));
    let id = reg
        .register(None, v, valid_from(Some(date!(2020 - 01 - 01))))
        .expect("register");
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 12 - 31)).expect("s"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(id, date!(2025 - 01 - 01)).expect("s"),
        Status::Expired
    );
    let soon = guifan::stats::expiring(&reg, 183, &on(date!(2024 - 07 - 01))).expect("expiring");
    assert_eq!(soon.len(), 1);
    assert_eq!(soon[0].evaluation_due, date!(2024 - 06 - 30));
    assert!(
        guifan::stats::expiring(&reg, 100, &on(date!(2024 - 07 - 01)))
            .expect("expiring")
            .is_empty()
    );
}

#[test]
fn a_campaign_turns_decisions_into_status_changes_on_its_date() {
    let (_dir, mut reg) = registry();
    let id = sample(&mut reg);
    reg.open_campaign(&NewCampaign {
        key: "qj-2024".into(),
        name: "2024年清理".into(),
        scope: Some("市政府".into()),
        opened: Some(date!(2024 - 05 - 29)),
    })
    .expect("open");
    reg.decide("qj-2024", id, Outcome::PendingRevision, Some("上位法修改"))
        .expect("decide");
    let second = reg.decide("qj-2024", id, Outcome::Repealed, None);
    assert!(
        matches!(second, Err(Error::Conflict(_))),
        "one decision per work"
    );
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 08 - 01)).expect("s"),
        Status::Valid,
        "an open campaign changes nothing"
    );
    assert!(
        reg.announce("qj-2024", date!(2024 - 05 - 01)).is_err(),
        "before it opened"
    );
    assert_eq!(
        reg.announce("qj-2024", date!(2024 - 07 - 10))
            .expect("announce")
            .status_changes,
        1
    );
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 07 - 09)).expect("s"),
        Status::Valid
    );
    assert_eq!(
        reg.status_as_of(id, date!(2024 - 07 - 10)).expect("s"),
        Status::PendingRevision
    );
    assert!(matches!(
        reg.decide("qj-2024", id, Outcome::Valid, None),
        Err(Error::Conflict(_))
    ));
    let report = guifan::stats::clearance_report(&reg, "qj-2024").expect("report");
    assert_eq!(report.total, 1);
    assert_eq!(report.count(Outcome::PendingRevision), 1);
}

#[test]
fn filings_are_on_time_within_the_deadline_of_the_issued_date() {
    let (_dir, mut reg) = registry();
    let mut v = version("k-f", "备案的文件", None, None);
    v.meta.issued = Some(date!(2024 - 05 - 29));
    let id = reg.register(None, v, None).expect("register");
    let mut f = NewFiling::new("湖北省人民政府");
    f.submitted = Some(date!(2024 - 06 - 28));
    reg.record_filing(id, &f).expect("file");
    f.filed_with = "潜江市人民代表大会常务委员会".into();
    f.submitted = Some(date!(2024 - 06 - 29));
    reg.record_filing(id, &f).expect("file");
    f.submitted = None;
    reg.record_filing(id, &f).expect("file");
    let filings = reg.filings(id).expect("filings");
    let t: Vec<Timeliness> = filings
        .iter()
        .map(|f| f.timeliness(date!(2024 - 12 - 31)))
        .collect();
    assert_eq!(
        t,
        [Timeliness::OnTime, Timeliness::Late, Timeliness::Overdue]
    );
    let s = guifan::stats::filing_timeliness(&reg, &on(date!(2024 - 12 - 31))).expect("stats");
    assert_eq!((s.total, s.on_time, s.late, s.pending), (3, 1, 1, 1));
    assert_eq!(s.documents, 1);
    assert_eq!(s.late_filings.len(), 2);
    assert_eq!(s.late_filings[0].days_late, 1);
}

#[test]
fn reviews_and_relations_are_read_back() {
    let (_dir, mut reg) = registry();
    let a = sample(&mut reg);
    let b = reg
        .register(None, version("k-b", "实施细则", None, None), None)
        .expect("b");
    reg.record_review(
        a,
        &NewReview {
            kind: ReviewKind::Legality,
            reviewer: "潜江市司法局".into(),
            date: date!(2024 - 05 - 10),
            conclusion: "合法".into(),
            opinion: None,
        },
    )
    .expect("review");
    let rel = NewRelation {
        kind: RelationKind::Basis,
        target: Some(a),
        cited_as: None,
        source: RelationSource::Manual,
        note: None,
    };
    let first = reg.record_relation(b, &rel).expect("relate");
    assert_eq!(
        reg.record_relation(b, &rel).expect("again"),
        first,
        "no duplicate"
    );
    assert!(
        reg.record_relation(
            a,
            &NewRelation {
                target: Some(a),
                ..rel.clone()
            }
        )
        .is_err()
    );
    assert_eq!(
        reg.reviews(a).expect("reviews")[0].kind,
        ReviewKind::Legality
    );
    let seen_from_a = reg.relations(a).expect("relations");
    assert_eq!(seen_from_a.len(), 1);
    assert_eq!(seen_from_a[0].direction, "incoming");
    assert_eq!(seen_from_a[0].other, Some(b));
    let history = reg.history(a).expect("history");
    assert!(history.iter().any(|h| h.kind == "review"));
}

#[test]
fn a_dropped_transaction_writes_nothing_and_a_committed_one_everything() {
    let (_dir, mut reg) = registry();
    {
        let mut tx = reg.transaction().expect("begin");
        sample(&mut tx);
        assert_eq!(tx.count_works().expect("count"), 1, "visible inside");
    }
    assert_eq!(reg.count_works().expect("count"), 0);
    assert_eq!(reg.change_seq().expect("seq"), 0);
    let mut tx = reg.transaction().expect("begin");
    let id = sample(&mut tx);
    // A failing write inside the transaction leaves the earlier ones in place.
    assert!(
        tx.change_status(id, Status::Valid, date!(2021 - 01 - 01), None)
            .is_err()
    );
    tx.commit().expect("commit");
    assert_eq!(reg.count_works().expect("count"), 1);
    assert!(reg.check().expect("check").ok());
}

#[test]
fn the_audit_chain_proves_nothing_was_rewritten() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r");
    let id = {
        let mut reg = Registry::open(&path).expect("open");
        reg.set_actor("张三");
        let id = sample(&mut reg);
        reg.change_status(id, Status::Repealed, date!(2024 - 07 - 10), Some("清理"))
            .expect("repeal");
        let report = reg.check().expect("check");
        assert!(report.ok(), "{:?}", report.problems);
        assert_eq!(report.audit_entries, 4);
        let log = reg.audit_log().expect("log");
        assert!(log.iter().all(|e| e.actor == "张三"));
        id
    };
    // Rewrite a text behind the registry's back: check must notice.
    let conn = rusqlite::Connection::open(path.join("registry.sqlite")).expect("raw");
    conn.execute(
        "UPDATE versions SET body = '篡改', content_hash = ?1 WHERE work_id = ?2",
        rusqlite::params![guifan::model::audit::content_hash("篡改"), id.0],
    )
    .expect("tamper");
    drop(conn);
    let reg = Registry::open_existing(&path).expect("reopen");
    let report = reg.check().expect("check");
    assert!(!report.ok());
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("differs from the one the audit log recorded")),
        "{:?}",
        report.problems
    );
}

#[test]
fn opening_a_missing_registry_is_not_found() {
    let dir = tempfile::tempdir().expect("dir");
    assert!(matches!(
        Registry::open_existing(dir.path().join("nothing")),
        Err(Error::NotFound { .. })
    ));
}

/// The filter of every document, on a date.
fn on(date: time::Date) -> guifan::store::ListFilter {
    guifan::store::ListFilter {
        as_of: Some(date),
        ..guifan::store::ListFilter::default()
    }
}

#[test]
fn a_repealed_document_s_last_version_is_labelled_repealed_not_current() {
    // Regression: the only version of a document repealed years ago was labelled 现行.
    let (_dir, mut reg) = registry();
    let id = sample(&mut reg);
    reg.change_status(
        id,
        Status::Repealed,
        date!(2022 - 01 - 01),
        Some("被新规定替代"),
    )
    .expect("repeal");
    let d = reg.dossier(id, date!(2024 - 01 - 01)).expect("dossier");
    assert_eq!(
        d.versions[0].state,
        guifan::store::VersionState::Ended(Status::Repealed)
    );
    assert_eq!(d.versions[0].state.label(), "已废止");
    let json = serde_json::to_value(&d.versions[0]).expect("json");
    assert_eq!(json["state"], "repealed");
    let before = reg.dossier(id, date!(2021 - 01 - 01)).expect("dossier");
    assert_eq!(before.versions[0].state.label(), "现行");
}

/// `text_bytes` reads ranges of a version's UTF-8 text, also past its end and across a
/// character, and names a version that does not exist.
#[test]
fn text_bytes_reads_ranges_of_the_stored_text() {
    let (_tmp, mut reg) = crate::common::registry();
    let body = "第一条 为了测试，制定本规定。\n第二条 本规定自公布之日起施行。";
    crate::common::import(
        &mut reg,
        &format!(
            r#"{{"type": "document", "key": "tb-1", "work": "tb-1", "version": 1, "title": "关于读取的规定", "kind": "行政规范性文件", "issuer": "某市人民政府", "issued": "2024-01-05", "status": "有效", "body": "{}"}}"#,
            body.replace('\n', "\\n")
        ),
    )
    .expect("import");
    let id = reg.resolve("tb-1").expect("resolve");
    let stored = reg.text(id, 1).expect("text");
    let bytes = stored.as_bytes();
    let n = bytes.len();
    for (start, end) in [
        (0, 3),
        (3, 12),
        (0, n),
        (n - 6, n + 100),
        (n, n + 5),
        (n + 10, n + 20),
    ] {
        let got = reg.text_bytes(id, 1, start, end).expect("bytes");
        assert_eq!(got, bytes[start.min(n)..end.min(n)], "{start}..{end}");
    }
    let err = reg.text_bytes(id, 2, 0, 3).expect_err("no version 2");
    assert!(matches!(err, guifan::Error::NotFound { .. }), "{err:?}");
}
