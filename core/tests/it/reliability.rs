//! Opening a store that is damaged, read-only or busy: the registry says what is wrong and
//! never re-creates, half-writes or waits without end.

use std::time::Duration;

use guifan::{Error, OpenOptions, Registry};

use crate::common;

const ONE: &str = r#"{"type": "document", "key": "r-1", "work": "r-1", "version": 1, "title": "关于测试的规定", "kind": "行政规范性文件", "issuer": "某市人民政府", "doc_number": "某政规〔2024〕1号", "issued": "2024-01-05", "effective": "2024-02-01", "status": "有效", "body": "第一条 为了测试，制定本规定。"}"#;

fn store_of(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join(guifan::store::STORE_FILE)
}

/// Guards issue 9, finding 3: a 0-byte `registry.sqlite` was silently recreated as an empty
/// registry (data loss without a word).
#[test]
fn an_empty_store_file_is_refused_and_left_as_it_is() {
    let (tmp, reg) = common::registry();
    let dir = reg.dir().to_path_buf();
    drop(reg);
    std::fs::write(store_of(&dir), b"").expect("truncate");
    for open in [Registry::open, Registry::open_existing] {
        let err = open(&dir).expect_err("an empty store is damage");
        assert!(
            matches!(&err, Error::Damaged { problem, .. } if problem.contains("0 bytes")),
            "{err}"
        );
        assert!(err.to_string().contains("backup"), "{err}");
    }
    assert_eq!(std::fs::metadata(store_of(&dir)).expect("file").len(), 0);
    drop(tmp);
}

#[test]
fn a_file_that_is_not_a_registry_is_refused() {
    let (_tmp, reg) = common::registry();
    let dir = reg.dir().to_path_buf();
    drop(reg);
    std::fs::write(store_of(&dir), "这不是数据库".repeat(400)).expect("garbage");
    let err = Registry::open(&dir).expect_err("garbage");
    assert!(
        matches!(&err, Error::Damaged { problem, .. } if problem.contains("not an SQLite")),
        "{err}"
    );

    // An SQLite database, but another program's.
    std::fs::remove_file(store_of(&dir)).expect("remove");
    let other = another_programs_database(&dir);
    let err = Registry::open(&dir).expect_err("someone else's database");
    assert!(
        matches!(&err, Error::Damaged { problem, .. } if problem.contains("without a registry")),
        "{err}"
    );
    assert_eq!(std::fs::read(store_of(&dir)).expect("kept"), other);
}

/// An SQLite database of another program: one table, no registry.
fn another_programs_database(dir: &std::path::Path) -> Vec<u8> {
    let conn = rusqlite::Connection::open(store_of(dir)).expect("create");
    conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');")
        .expect("fill");
    drop(conn);
    std::fs::read(store_of(dir)).expect("read")
}

/// Guards issue 9, finding 8: a read-only registry could not even be listed.
#[test]
fn a_registry_opened_read_only_reads_and_refuses_writes() {
    let (_tmp, mut reg) = common::registry();
    common::import(&mut reg, ONE).expect("import");
    let dir = reg.dir().to_path_buf();
    drop(reg);
    let options = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let mut ro = Registry::open_with(&dir, &options).expect("open read-only");
    assert!(ro.is_read_only());
    assert_eq!(ro.count_works().expect("count"), 1);
    assert!(ro.check().expect("check").ok());
    let err = common::import(
        &mut ro,
        ONE.replace("r-1", "r-2").replace("1号", "2号").as_str(),
    )
    .expect_err("a write on a read-only registry");
    assert!(matches!(err, Error::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("read-only"), "{err}");
    drop(ro);
    let reg = Registry::open_existing(&dir).expect("reopen");
    assert_eq!(reg.count_works().expect("count"), 1, "nothing was written");
}

/// Guards issue 9, finding 7: a write waiting on another writer failed with SQLite's
/// `database is locked`; it waits as configured and then says the registry is busy.
#[test]
fn a_write_waits_as_configured_then_says_busy() {
    let (_tmp, mut holder) = common::registry();
    let dir = holder.dir().to_path_buf();
    let options = OpenOptions {
        busy_timeout: Duration::from_millis(300),
        ..OpenOptions::default()
    };
    let mut other = Registry::open_with(&dir, &options).expect("second handle");
    holder.begin().expect("hold the write lock");
    let started = std::time::Instant::now();
    let err = common::import(&mut other, ONE).expect_err("busy");
    assert!(started.elapsed() >= Duration::from_millis(250));
    assert!(
        matches!(err, Error::Busy { waited_ms: 300 }),
        "{err:?} should be Busy after 300 ms"
    );
    assert!(err.to_string().contains("busy"), "{err}");
    holder.rollback().expect("release");
    common::import(&mut other, ONE).expect("free again");
}

/// Guards issue 9, finding 7: two processes creating a registry in a new folder raced in the
/// migration (`table works already exists`). Threads stand in for processes here (each opens
/// its own connection); the command-line test runs processes.
#[test]
fn handles_opened_at_once_on_a_new_folder_all_open_one_store() {
    for _ in 0..8 {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("new");
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let dir = dir.clone();
                std::thread::spawn(move || Registry::open(&dir).map(|r| r.count_works()))
            })
            .collect();
        for h in handles {
            let opened = h.join().expect("thread");
            assert_eq!(opened.expect("open").expect("count"), 0);
        }
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .filter(|n| n.to_string_lossy().ends_with(".new"))
            .collect();
        assert!(leftovers.is_empty(), "temporary stores left: {leftovers:?}");
    }
}

/// Guards issue 9, finding 1: plain SQL could change a version's title, 文号 or dates, a
/// decision's outcome, a campaign's date, a work key, or delete any filing, review, relation,
/// decision or article, and `check` saw nothing; a status change could be edited once its
/// trigger was dropped.
#[test]
fn a_fact_changed_outside_the_registry_is_reported_by_check() {
    let (_tmp, reg) = common::qianjiang();
    let dir = reg.dir().to_path_buf();
    assert!(reg.check().expect("check").ok());
    drop(reg);
    let store = store_of(&dir);
    let pristine = std::fs::read(&store).expect("store");
    let edits = [
        (
            "versions",
            "UPDATE versions SET title = '篡改' WHERE id = 3",
        ),
        (
            "versions",
            "UPDATE versions SET doc_number = '潜政规〔2099〕1号' WHERE id = 4",
        ),
        (
            "versions",
            "UPDATE versions SET expires = '2099-01-01' WHERE id = 5",
        ),
        (
            "decisions",
            "UPDATE decisions SET outcome = 'valid' WHERE outcome <> 'valid' AND id =
               (SELECT min(id) FROM decisions WHERE outcome <> 'valid')",
        ),
        ("campaigns", "UPDATE campaigns SET announced = '2020-01-01'"),
        ("works", "UPDATE works SET work_key = 'zz' WHERE id = 2"),
        ("filings", "DELETE FROM filings WHERE id = 1"),
        ("reviews", "DELETE FROM reviews WHERE id = 1"),
        ("relations", "DELETE FROM relations WHERE id = 1"),
        (
            "articles",
            "DELETE FROM articles WHERE eid = (SELECT eid FROM articles LIMIT 1)",
        ),
        (
            "status_changes",
            "DROP TRIGGER status_changes_no_update;
             UPDATE status_changes SET date = '2001-01-01' WHERE id = 5",
        ),
    ];
    for (table, sql) in edits {
        std::fs::write(&store, &pristine).expect("restore");
        let conn = rusqlite::Connection::open(&store).expect("sqlite");
        conn.execute_batch(sql).expect(sql);
        drop(conn);
        let reg = Registry::open_existing(&dir).expect("open");
        let report = reg.check().expect("check");
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.contains(&format!("`{table}`")) && p.contains("outside guifan")),
            "{sql}: {:?}",
            report.problems
        );
    }
}

/// A write after the tampering seals its own rows, not the tampered one.
#[test]
fn a_later_write_does_not_hide_an_earlier_change() {
    let (_tmp, reg) = common::qianjiang();
    let dir = reg.dir().to_path_buf();
    drop(reg);
    let conn = rusqlite::Connection::open(store_of(&dir)).expect("sqlite");
    conn.execute("DELETE FROM filings WHERE id = 1", [])
        .expect("delete");
    drop(conn);
    let mut reg = Registry::open_existing(&dir).expect("open");
    common::import(&mut reg, ONE).expect("a later import");
    let report = reg.check().expect("check");
    assert!(
        report.problems.iter().any(|p| p.contains("`filings`")),
        "{:?}",
        report.problems
    );
}

#[test]
fn check_against_a_head_kept_elsewhere() {
    let (_tmp, mut reg) = common::registry();
    common::import(&mut reg, ONE).expect("import");
    let head = reg.check().expect("check").head_hash;
    common::import(&mut reg, &ONE.replace("r-1", "r-2").replace("1号", "2号")).expect("grow");
    let grown = reg.check_expecting(Some(&head)).expect("check");
    assert!(
        grown.ok(),
        "a log that grew still holds the head: {:?}",
        grown.problems
    );
    let forged = reg.check_expecting(Some(&"0".repeat(64))).expect("check");
    assert!(
        forged.problems.iter().any(|p| p.contains("not in the log")),
        "{:?}",
        forged.problems
    );
}

/// `backup`: the committed registry only, while another handle writes; a restorable folder
/// that checks clean against the head it reports; never over an existing folder.
#[test]
fn a_backup_copies_what_was_committed_while_another_writes() {
    let (tmp, mut reg) = common::registry();
    common::import(&mut reg, ONE).expect("import");
    let dir = reg.dir().to_path_buf();
    let mut writer = Registry::open_existing(&dir).expect("writer");
    writer.begin().expect("a write under way");
    common::import(
        &mut writer,
        &ONE.replace("r-1", "r-2").replace("1号", "2号"),
    )
    .expect("uncommitted import");

    let dest = tmp.path().join("backup");
    let report = reg.backup(&dest).expect("backup");
    assert_eq!((report.works, report.versions), (1, 1), "{report:?}");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    writer.commit().expect("the write commits after the backup");

    let restored = Registry::open_existing(&dest).expect("the copy is a registry");
    assert_eq!(restored.count_works().expect("count"), 1);
    let check = restored
        .check_expecting(Some(&report.head_hash))
        .expect("check");
    assert!(check.ok(), "{:?}", check.problems);

    let again = reg
        .backup(&dest)
        .expect_err("never over an existing backup");
    assert!(again.to_string().contains("never overwrites"), "{again}");
}
