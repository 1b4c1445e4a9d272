//! The snapshot is shared by the handles of one process on the same store: read once after a
//! change, never taken for another state than the store's.

use std::sync::Arc;

use guifan::Registry;

use crate::common;

fn doc(key: &str, title: &str) -> String {
    format!(
        r#"{{"type": "document", "key": "{key}", "work": "{key}", "version": 1, "title": "{title}", "kind": "行政规范性文件", "issuer": "某市人民政府", "issued": "2024-01-05", "status": "有效", "body": "第一条 为了测试，制定本规定。"}}"#
    )
}

fn titles(reg: &Registry) -> Vec<String> {
    let s = reg.snapshot().expect("snapshot");
    s.works()
        .iter()
        .map(|w| w.versions[0].title.clone())
        .collect()
}

#[test]
fn handles_on_one_store_share_one_snapshot_and_see_each_others_writes() {
    let (_tmp, mut writer) = common::registry();
    common::import(&mut writer, &doc("s-1", "第一件")).expect("import");
    let reader = Registry::open_existing(writer.dir()).expect("reader");
    let a = writer.snapshot().expect("snapshot");
    let b = reader.snapshot().expect("snapshot");
    assert!(Arc::ptr_eq(&a, &b), "two handles read the store twice");

    common::import(&mut writer, &doc("s-2", "第二件")).expect("import");
    let c = reader.snapshot().expect("snapshot");
    assert!(!Arc::ptr_eq(&b, &c));
    assert_eq!(titles(&reader), ["第一件", "第二件"]);
    assert!(Arc::ptr_eq(&c, &writer.snapshot().expect("snapshot")));
}

/// A transaction's own changes are the writer's until committed: the other handles do not see
/// them, and after a rollback the writer sees the store as it is again.
#[test]
fn a_transactions_snapshot_is_its_own_and_goes_with_a_rollback() {
    let (_tmp, mut writer) = common::registry();
    common::import(&mut writer, &doc("s-1", "第一件")).expect("import");
    let reader = Registry::open_existing(writer.dir()).expect("reader");
    assert_eq!(titles(&reader), ["第一件"]);
    writer.begin().expect("begin");
    common::import(&mut writer, &doc("s-2", "未提交")).expect("import");
    assert_eq!(titles(&writer), ["第一件", "未提交"]);
    assert_eq!(titles(&reader), ["第一件"]);
    writer.rollback().expect("rollback");
    assert_eq!(titles(&writer), ["第一件"]);
    // The same number of changes again, with other contents: not the rolled-back snapshot.
    common::import(&mut writer, &doc("s-3", "已提交")).expect("import");
    assert_eq!(titles(&reader), ["第一件", "已提交"]);
    assert_eq!(titles(&writer), ["第一件", "已提交"]);
}

/// Another store put at the same path with as many changes is read, not taken for the old one.
#[test]
fn another_store_at_the_same_path_is_read_anew() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("registry");
    let mut first = Registry::open(&dir).expect("open");
    common::import(&mut first, &doc("s-1", "旧库")).expect("import");
    let held = first.snapshot().expect("snapshot");
    drop(first);
    std::fs::remove_dir_all(&dir).expect("remove");
    let mut second = Registry::open(&dir).expect("open");
    common::import(&mut second, &doc("s-1", "新库")).expect("import");
    assert_eq!(held.seq, second.snapshot().expect("snapshot").seq);
    assert_eq!(titles(&second), ["新库"]);
}

/// Handles on many threads asking at once after a change all get the store's state.
#[test]
fn threads_asking_at_once_get_the_same_current_snapshot() {
    let (_tmp, mut writer) = common::registry();
    for i in 0..20 {
        common::import(&mut writer, &doc(&format!("s-{i}"), &format!("第{i}件"))).expect("import");
    }
    let dir = writer.dir().to_path_buf();
    let readers: Vec<Registry> = (0..4)
        .map(|_| Registry::open_existing(&dir).expect("reader"))
        .collect();
    let got: Vec<Arc<guifan::store::Snapshot>> = std::thread::scope(|s| {
        let handles: Vec<_> = readers
            .into_iter()
            .map(|r| s.spawn(move || r.snapshot().expect("snapshot")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    for s in &got {
        assert!(Arc::ptr_eq(s, &got[0]));
        assert_eq!(s.works().len(), 20);
    }
}

/// A writer that keeps the snapshot ready shares the state it committed as it commits: the
/// readers take that one, and a rolled-back transaction shares nothing.
#[test]
fn a_writer_keeping_the_snapshot_ready_shares_what_it_committed() {
    let (_tmp, mut writer) = common::registry();
    writer.keep_snapshot_ready(true);
    common::import(&mut writer, &doc("s-1", "第一件")).expect("import");
    let reader = Registry::open_existing(writer.dir()).expect("reader");
    let mine = writer.snapshot().expect("snapshot");
    assert!(Arc::ptr_eq(&mine, &reader.snapshot().expect("snapshot")));
    assert_eq!(titles(&reader), ["第一件"]);

    writer.begin().expect("begin");
    common::import(&mut writer, &doc("s-2", "未提交")).expect("import");
    writer.rollback().expect("rollback");
    assert_eq!(titles(&reader), ["第一件"]);
    assert_eq!(titles(&writer), ["第一件"]);

    common::import(&mut writer, &doc("s-3", "已提交")).expect("import");
    // The snapshot was made at the commit, not by the reader: a title changed afterwards
    // behind the registry's back (no change recorded) is not in it.
    let store = writer.dir().join(guifan::store::STORE_FILE);
    assert!(store.is_file(), "{}", store.display());
    rusqlite::Connection::open(&store)
        .expect("sqlite")
        .execute(
            "UPDATE versions SET title = '改过' WHERE title = '已提交'",
            [],
        )
        .expect("update");
    let after = reader.snapshot().expect("snapshot");
    assert!(Arc::ptr_eq(&after, &writer.snapshot().expect("snapshot")));
    assert_eq!(titles(&reader), ["第一件", "已提交"]);
    assert_eq!(after.seq, writer.change_seq().expect("seq"));
}
