//! A damaged index repairs itself, and an index is never trusted beside another store.
//!
//! The matrix: every kind of file a built index holds (`meta.json`, `.managed.json`, and each
//! segment component: `.term`, `.idx`, `.pos`, `.store`, `.fast`, `.fieldnorm`, `.del`),
//! damaged each way (deleted, truncated to half, overwritten with random bytes, random bytes
//! written inside with the footer kept): `check` reports the damage before anything repairs it,
//! the next search answers as before the damage with the index rebuilt, the repair is reported
//! once, and nothing panics.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use guifan::Registry;
use guifan::index::scope::StatusScope;
use guifan::index::{Damage, SearchIndex, SearchOptions};

use crate::common::{import, registry};

/// Versions added to the first import besides the named ones.
const FILLERS: usize = 10;

/// Phrases searched before and after the damage.
const PHRASES: [&str; 6] = ["养犬", "燃放烟花爆竹", "第二条", "管理", "口岸", "编号1"];

/// Three imports, so that the index has several segments; then a catch-up that indexes some
/// versions again, as a sync racing another process's import does, so that segments carry
/// deletions (`.del` files).
fn built() -> (tempfile::TempDir, PathBuf) {
    let (dir, mut reg) = registry();
    let index = SearchIndex::open(&reg).expect("index");
    let batches = [
        [
            (
                "a",
                "潜江市城区养犬管理规定",
                "第一条 养犬应当登记。第二条 犬只出户应当束犬链。",
            ),
            (
                "b",
                "潜江市烟花爆竹燃放管理规定",
                "第一条 城区禁止燃放烟花爆竹。",
            ),
        ],
        [
            (
                "c",
                "潜江市城市绿化管理办法",
                "第一条 为了加强城市绿化管理。第二条 本办法适用于城区。",
            ),
            (
                "d",
                "潜江市户外广告设置管理办法",
                "第一条 户外广告设置应当经过批准。",
            ),
        ],
        [
            (
                "e",
                "上海口岸服务条例",
                "第一条 为了优化口岸服务，制定本条例。",
            ),
            (
                "f",
                "潜江市养犬收容管理细则",
                "第一条 流浪犬只由收容机构收容。第二条 养犬人应当配合。",
            ),
        ],
    ];
    for (i, batch) in batches.iter().enumerate() {
        let mut text: String = batch
            .iter()
            .map(|(k, t, b)| {
                format!(
                    "{{\"key\":\"{k}\",\"title\":\"{t}\",\"status\":\"有效\",\"body\":\"{b}\"}}\n"
                )
            })
            .collect();
        if i == 0 {
            // Enough versions that each indexing thread's segment holds several.
            for n in 1..=FILLERS {
                text.push_str(&format!(
                    "{{\"key\":\"n{n}\",\"title\":\"潜江市公共事务规定之{n}\",\"status\":\"有效\",\"body\":\"第一条 本规定编号{n}。\"}}\n"
                ));
            }
        }
        import(&mut reg, &text).expect("import");
        index.sync(&reg).expect("sync");
    }
    drop(index);
    lag_payload(&reg);
    let index = SearchIndex::open(&reg).expect("reopen");
    assert!(index.sync(&reg).expect("catch up").indexed > 0);
    assert!(
        index.take_repairs().is_empty(),
        "a sound index is not repaired"
    );
    let folder = reg.dir().to_path_buf();
    assert!(
        kinds(&folder.join("index"))
            .iter()
            .any(|(k, _)| k == ".del"),
        "the index has deletions"
    );
    assert!(
        reg.check().expect("check").ok(),
        "the built registry is sound"
    );
    (dir, folder)
}

/// Rewrites the index's commit to reflect an earlier registry change (with that change's hash,
/// so that it still belongs to the store): the next sync indexes the later versions again.
fn lag_payload(reg: &Registry) {
    let dir = reg.dir().join("index");
    let index = tantivy::Index::open_in_dir(&dir).expect("tantivy");
    let metas = index.load_metas().expect("metas");
    let mut payload: serde_json::Value =
        serde_json::from_str(metas.payload.as_deref().expect("payload")).expect("json");
    // Just before the first import's last version: its segment loses that one version (few
    // enough that tantivy does not merge the segment at once to drop it).
    let versions: Vec<i64> = reg
        .audit_log()
        .expect("log")
        .iter()
        .filter(|e| e.action == "add_version")
        .map(|e| e.seq)
        .collect();
    let seq = versions[FILLERS];
    payload["seq"] = seq.into();
    payload["hash"] = reg.audit_hash(seq).expect("hash").expect("entry").into();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
    let mut prepared = writer.prepare_commit().expect("prepare");
    prepared.set_payload(&payload.to_string());
    prepared.commit().expect("commit");
}

/// One file of each kind in the index folder: (kind, path).
fn kinds(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("index folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        let kind = match name.as_str() {
            "meta.json" | ".managed.json" => name.clone(),
            n if n.starts_with(".tantivy") || n.starts_with("guifan-") => continue,
            n => format!(".{}", n.rsplit('.').next().expect("extension")),
        };
        if seen.insert(kind.clone()) {
            out.push((kind, path));
        }
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Harm {
    Delete,
    Truncate,
    /// The whole file overwritten with random bytes.
    Random,
    /// Random bytes inside, the footer (magic number, checksum) kept: tantivy opens the file.
    Inside,
}

/// A small seeded generator (splitmix64): the same bytes on every run.
struct Bytes(u64);

impl Bytes {
    fn next(&mut self) -> u8 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) as u8
    }

    fn fill(&mut self, buf: &mut [u8]) {
        for b in buf {
            *b = self.next();
        }
    }
}

fn harm(path: &Path, how: Harm, seed: u64) {
    let mut bytes = std::fs::read(path).expect("read");
    let mut rng = Bytes(seed);
    match how {
        Harm::Delete => return std::fs::remove_file(path).expect("delete"),
        Harm::Truncate => bytes.truncate(bytes.len() / 2),
        Harm::Random => rng.fill(&mut bytes),
        Harm::Inside => {
            // Tantivy ends its files with a footer: its JSON, the JSON's length (u32) and a
            // magic number (u32). The JSON files have none.
            let n = bytes.len();
            let footer = if path.extension().is_some_and(|e| e == "json") || n < 8 {
                n / 2
            } else {
                let len = u32::from_le_bytes(bytes[n - 8..n - 4].try_into().expect("4 bytes"));
                len as usize + 8
            };
            let end = n.saturating_sub(footer);
            rng.fill(&mut bytes[end / 4..end]);
        }
    }
    std::fs::write(path, bytes).expect("write");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn everything() -> SearchOptions {
    SearchOptions {
        status: StatusScope::Any,
        all_versions: true,
        limit: 1000,
        snippets: true,
        ..SearchOptions::default()
    }
}

/// What each phrase finds: (work, version, title) of every hit.
fn answers(index: &SearchIndex, reg: &Registry) -> Vec<BTreeSet<(i64, u32, String)>> {
    PHRASES
        .iter()
        .map(|p| {
            index
                .search(reg, &format!("\"{p}\""), &everything())
                .expect(p)
                .hits
                .into_iter()
                .map(|h| (h.id.0, h.version, h.title))
                .collect()
        })
        .collect()
}

#[test]
fn every_kind_of_damage_to_every_kind_of_file_is_reported_then_rebuilt() {
    let (_dir, pristine) = built();
    let expected = {
        let reg = Registry::open_existing(&pristine).expect("open");
        let index = SearchIndex::open(&reg).expect("index");
        answers(&index, &reg)
    };
    assert!(expected.iter().all(|a| !a.is_empty()), "{expected:?}");
    let kinds = kinds(&pristine.join("index"));
    let names: Vec<&str> = kinds.iter().map(|(k, _)| k.as_str()).collect();
    for k in [
        "meta.json",
        ".managed.json",
        ".term",
        ".idx",
        ".pos",
        ".store",
        ".fast",
        ".fieldnorm",
        ".del",
    ] {
        assert!(names.contains(&k), "{k} among {names:?}");
    }
    let mut seed = 1;
    for (kind, file) in &kinds {
        for how in [Harm::Delete, Harm::Truncate, Harm::Random, Harm::Inside] {
            seed += 1;
            let case = format!("{kind}, {how:?}");
            let work = tempfile::tempdir().expect("temp dir");
            let folder = work.path().join("registry");
            copy_dir(&pristine, &folder);
            let target = folder.join("index").join(file.file_name().expect("name"));
            harm(&target, how, seed);

            let reg = Registry::open_existing(&folder).expect("open");
            let before = reg.check().expect("check");
            assert!(
                before.problems.iter().any(|p| p.starts_with("index: ")),
                "{case}: check reports the damage: {:?}",
                before.problems
            );
            assert!(!before.ok(), "{case}");

            let index = SearchIndex::open(&reg).expect(&case);
            assert_eq!(answers(&index, &reg), expected, "{case}: the same answers");
            let repairs = index.take_repairs();
            assert_eq!(repairs.len(), 1, "{case}: reported once: {repairs:?}");
            assert!(index.take_repairs().is_empty(), "{case}: once");
            let after = reg.check().expect("check");
            assert!(after.ok(), "{case}: rebuilt: {:?}", after.problems);
        }
    }
}

#[test]
fn damage_the_opening_does_not_see_is_caught_by_the_search_and_rebuilt() {
    // Bytes changed inside a file whose size and time were kept: opening trusts the checksum
    // it recorded, and tantivy meets the damage while searching. It must not panic through,
    // and the answers after the repair are the store's.
    let (_dir, pristine) = built();
    let expected = {
        let reg = Registry::open_existing(&pristine).expect("open");
        let index = SearchIndex::open(&reg).expect("index");
        answers(&index, &reg)
    };
    for (seed, (kind, file)) in kinds(&pristine.join("index")).into_iter().enumerate() {
        if !matches!(
            kind.as_str(),
            ".term" | ".idx" | ".pos" | ".store" | ".fast"
        ) {
            continue;
        }
        let work = tempfile::tempdir().expect("temp dir");
        let folder = work.path().join("registry");
        copy_dir(&pristine, &folder);
        let target = folder.join("index").join(file.file_name().expect("name"));
        let reg = Registry::open_existing(&folder).expect("open");
        let index = SearchIndex::open(&reg).expect("index");
        let time = std::fs::metadata(&target)
            .and_then(|m| m.modified())
            .expect("time");
        harm(&target, Harm::Inside, seed as u64 + 100);
        std::fs::File::options()
            .write(true)
            .open(&target)
            .and_then(|f| f.set_modified(time))
            .expect("keep the time");
        drop(index);
        let index = SearchIndex::open(&reg).expect("index");
        // Each search either reads data that the damage did not touch or meets the damage,
        // rebuilds and answers again: the store's answers either way, and `reindex` after.
        let got = answers(&index, &reg);
        if got != expected {
            panic!("{kind}: {got:?} != {expected:?}");
        }
        assert!(index.take_repairs().len() <= 1, "{kind}");
    }
}

#[test]
fn an_index_beside_an_older_store_is_not_trusted() {
    let (dir, mut reg) = registry();
    let index = SearchIndex::open(&reg).expect("index");
    import(
        &mut reg,
        "{\"key\":\"a\",\"title\":\"潜江市城区养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n",
    )
    .expect("a");
    index.sync(&reg).expect("sync");
    let store = reg.dir().join("registry.sqlite");
    let saved = dir.path().join("older.sqlite");
    drop(index);
    drop(reg);
    std::fs::copy(&store, &saved).expect("copy");
    let mut reg = Registry::open_existing(dir.path().join("registry")).expect("reopen");
    let index = SearchIndex::open(&reg).expect("index");
    import(
        &mut reg,
        "{\"key\":\"b\",\"title\":\"上海口岸服务条例\",\"status\":\"有效\",\"body\":\"第一条 为了优化口岸服务，制定本条例。\"}\n",
    )
    .expect("b");
    index.sync(&reg).expect("sync");
    drop(index);
    drop(reg);

    // The older store is restored beside the newer index.
    std::fs::copy(&saved, &store).expect("restore");
    for ext in ["-wal", "-shm"] {
        let side = dir
            .path()
            .join("registry")
            .join(format!("registry.sqlite{ext}"));
        if side.exists() {
            std::fs::remove_file(side).expect("rm");
        }
    }
    let mut reg = Registry::open_existing(dir.path().join("registry")).expect("reopen");
    let check = reg.check().expect("check");
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.contains("built from another store")),
        "{:?}",
        check.problems
    );
    let index = SearchIndex::open(&reg).expect("index");
    let opts = everything();
    assert_eq!(
        index
            .search(&reg, "\"上海口岸服务条例\"", &opts)
            .expect("s")
            .total,
        0,
        "only the newer store had it"
    );
    assert_eq!(index.search(&reg, "\"养犬\"", &opts).expect("s").total, 1);
    assert!(matches!(
        index.take_repairs().as_slice(),
        [Damage::OtherHistory { differs: false, .. }]
    ));
    assert!(reg.check().expect("check").ok());

    // Another history of the same length: the entry is there, its hash is not the same.
    import(
        &mut reg,
        "{\"key\":\"c\",\"title\":\"潜江市户外广告设置管理办法\",\"status\":\"有效\",\"body\":\"第一条 户外广告设置应当经过批准。\"}\n",
    )
    .expect("c");
    index.sync(&reg).expect("sync");
    drop(index);
    drop(reg);
    std::fs::copy(&saved, &store).expect("restore again");
    let mut reg = Registry::open_existing(dir.path().join("registry")).expect("reopen");
    import(
        &mut reg,
        "{\"key\":\"d\",\"title\":\"潜江市城市绿化管理办法\",\"status\":\"有效\",\"body\":\"第一条 为了加强城市绿化管理。\"}\n",
    )
    .expect("d");
    let index = SearchIndex::open(&reg).expect("index");
    assert_eq!(
        index.search(&reg, "\"户外广告\"", &opts).expect("s").total,
        0
    );
    assert_eq!(
        index.search(&reg, "\"城市绿化\"", &opts).expect("s").total,
        1
    );
    assert!(matches!(
        index.take_repairs().as_slice(),
        [Damage::OtherHistory { differs: true, .. }]
    ));
}

#[test]
fn an_emptied_store_empties_the_index() {
    let (dir, mut reg) = registry();
    import(
        &mut reg,
        "{\"key\":\"a\",\"title\":\"潜江市城区养犬管理规定\",\"status\":\"有效\",\"body\":\"第一条 养犬应当登记。\"}\n",
    )
    .expect("a");
    SearchIndex::open(&reg)
        .expect("index")
        .sync(&reg)
        .expect("sync");
    drop(reg);
    let folder = dir.path().join("registry");
    for f in [
        "registry.sqlite",
        "registry.sqlite-wal",
        "registry.sqlite-shm",
    ] {
        if folder.join(f).exists() {
            std::fs::remove_file(folder.join(f)).expect("rm");
        }
    }
    let reg = Registry::open(&folder).expect("new store");
    assert!(
        !reg.check().expect("check").ok(),
        "check sees the stray index"
    );
    let index = SearchIndex::open(&reg).expect("index");
    assert_eq!(
        index
            .search(&reg, "\"养犬\"", &everything())
            .expect("s")
            .total,
        0
    );
    assert_eq!(index.take_repairs().len(), 1);
    assert_eq!(index.indexed_versions(), 0);
}

#[test]
fn recreate_rebuilds_an_index_that_cannot_be_opened() {
    let (_dir, pristine) = built();
    let reg = Registry::open_existing(&pristine).expect("open");
    let dir = pristine.join("index");
    std::fs::write(dir.join("meta.json"), b"\x00\xff not json").expect("garble");
    std::fs::write(dir.join(".managed.json"), b"[").expect("garble");
    let (index, report) = SearchIndex::recreate(&reg).expect("recreate");
    assert_eq!(report.indexed, 6 + FILLERS as u64);
    assert_eq!(index.indexed_versions(), 6 + FILLERS as u64);
    assert!(reg.check().expect("check").ok());
    assert_eq!(
        index
            .search(&reg, "\"养犬\"", &everything())
            .expect("s")
            .total,
        2
    );
}
