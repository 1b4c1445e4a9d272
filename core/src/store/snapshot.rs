//! A compact in-memory view of every work's dates, descriptions and status changes, read
//! in two queries and kept until the next change. Listing and statistics compute over it, so
//! that a count over 100,000 works costs milliseconds, not a query per work.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

use time::Date;

use super::{ListFilter, Registry};
use crate::date::from_iso;
use crate::error::{Error, Result};
use crate::model::timeline;
use crate::model::{Status, WorkId};

/// What describes one version, without its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionFacts {
    /// The version's number in its work, from 1.
    pub seq: u32,
    /// The version's interchange key, when it has one.
    pub key: Option<String>,
    /// The title.
    pub title: String,
    /// The kind (效力级别 / 文件类型).
    pub kind: String,
    /// The issuing body (制定机关).
    pub issuer: String,
    /// Canonical 文号.
    pub doc_number: Option<String>,
    /// The issued (公布/印发) date.
    pub issued: Option<Date>,
    /// The effective (施行) date.
    pub effective: Option<Date>,
    /// The last day of its 有效期, when it has one.
    pub expires: Option<Date>,
    /// The kind's number in [`Snapshot::kinds`].
    pub kind_id: u32,
    /// The issuer's number in [`Snapshot::issuers`].
    pub issuer_id: u32,
}

impl VersionFacts {
    /// In force from its effective date, else its issued date, else from the start of time.
    pub fn in_force_from(&self) -> Option<Date> {
        self.effective.or(self.issued)
    }
}

impl timeline::Dated for VersionFacts {
    fn in_force_from(&self) -> Option<Date> {
        VersionFacts::in_force_from(self)
    }
    fn expires(&self) -> Option<Date> {
        self.expires
    }
}

/// One work's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkFacts {
    /// The work's registry id.
    pub id: WorkId,
    /// The interchange `work` key grouping its versions.
    pub work_key: String,
    /// Versions, oldest first; never empty.
    pub versions: Vec<VersionFacts>,
    /// Status changes in the order they apply.
    pub changes: Vec<(Option<Date>, Status)>,
    /// The year the work was first issued (of its first version's issued date, else its
    /// effective date).
    pub year: Option<i32>,
}

impl WorkFacts {
    /// The status on a date.
    pub fn status_as_of(&self, as_of: Date) -> Status {
        timeline::status_as_of(&self.versions, &self.changes, as_of)
    }

    /// The version in force on a date.
    pub fn version_in_force(&self, as_of: Date) -> Option<&VersionFacts> {
        timeline::version_in_force(&self.versions, as_of).map(|i| &self.versions[i])
    }

    /// The version that describes the work on a date: the one in force, else the newest.
    pub fn describing_version(&self, as_of: Date) -> &VersionFacts {
        self.version_in_force(as_of)
            .unwrap_or_else(|| &self.versions[self.versions.len() - 1])
    }
}

/// Every work's facts at one point of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The audit sequence number the snapshot reflects.
    pub seq: i64,
    /// That audit entry's hash: with the number, it names one state of the store, also when a
    /// transaction that reached the number was rolled back and another write reached it again.
    pub(crate) head: Option<String>,
    works: Vec<WorkFacts>,
    kinds: Vec<String>,
    issuers: Vec<String>,
    flat: Flat,
}

/// The facts the point-in-time rules read, for every work, in flat arrays: a loop over all
/// works reads a few contiguous bytes per work instead of following pointers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Flat {
    /// Per work, in `works` order: where its versions and changes end in the arrays below.
    ends: Vec<(u32, u32)>,
    /// Per version: (in force from, expires, kind id, issuer id); dates as Julian days,
    /// `i32::MIN` for "no in-force date" and `i32::MAX` for "no expiry".
    versions: Vec<(i32, i32, u32, u32)>,
    /// Per status change: (date as a Julian day, `i32::MIN` when undated; index in
    /// `Status::ALL`).
    changes: Vec<(i32, u8)>,
}

impl Flat {
    fn new(works: &[WorkFacts]) -> Flat {
        let mut flat = Flat::default();
        for w in works {
            for v in &w.versions {
                flat.versions.push((
                    v.in_force_from().map_or(i32::MIN, Date::to_julian_day),
                    v.expires.map_or(i32::MAX, Date::to_julian_day),
                    v.kind_id,
                    v.issuer_id,
                ));
            }
            for (d, s) in &w.changes {
                let i = Status::ALL.iter().position(|x| x == s).unwrap_or(0);
                flat.changes
                    .push((d.map_or(i32::MIN, Date::to_julian_day), i as u8));
            }
            flat.ends
                .push((flat.versions.len() as u32, flat.changes.len() as u32));
        }
        flat
    }
}

/// A work on a date, as [`Snapshot::for_each_as_of`] gives it.
#[derive(Debug, Clone, Copy)]
pub struct AsOf<'a> {
    /// The work.
    pub work: &'a WorkFacts,
    /// The status on the date.
    pub status: Status,
    /// The index in `work.versions` of the version that describes the work on the date: the
    /// one in force, else the newest.
    pub version: usize,
    /// That version's `kind_id`, read from the flat arrays.
    pub kind_id: u32,
    /// That version's `issuer_id`, read from the flat arrays.
    pub issuer_id: u32,
}

impl<'a> AsOf<'a> {
    /// The version that describes the work on the date.
    pub fn version(&self) -> &'a VersionFacts {
        &self.work.versions[self.version]
    }
}

impl Snapshot {
    /// Calls `f` for every work, in order, with its status on `as_of` and the version that
    /// describes it then: the answers of [`WorkFacts::status_as_of`] and
    /// [`WorkFacts::describing_version`] (the rules of `model::timeline`), from the flat arrays.
    pub fn for_each_as_of<'a>(&'a self, as_of: Date, mut f: impl FnMut(AsOf<'a>)) {
        let day = as_of.to_julian_day();
        let flat = &self.flat;
        let (mut v0, mut c0) = (0usize, 0usize);
        for (work, &(v1, c1)) in self.works.iter().zip(&flat.ends) {
            let (v1, c1) = (v1 as usize, c1 as usize);
            let versions = &flat.versions[v0..v1];
            let changes = &flat.changes[c0..c1];
            (v0, c0) = (v1, c1);
            if versions.is_empty() {
                continue;
            }
            let (status, version) = match versions.iter().rposition(|v| v.0 <= day) {
                None => (Status::NotYetEffective, versions.len() - 1),
                Some(vi) => {
                    let status = changes
                        .iter()
                        .rev()
                        .find(|c| c.0 <= day)
                        .map_or(Status::Unknown, |c| Status::ALL[c.1 as usize]);
                    if status.in_force() && versions[vi].1 < day {
                        (Status::Expired, vi)
                    } else {
                        (status, vi)
                    }
                }
            };
            let (_, _, kind_id, issuer_id) = versions[version];
            f(AsOf {
                work,
                status,
                version,
                kind_id,
                issuer_id,
            });
        }
    }

    /// Refuses a kind that no document has, or an issuer that no document's issuer contains:
    /// a filter that can only give nothing is a mistake to point out, with the names the
    /// registry holds that come nearest.
    pub fn check_filter(&self, filter: &ListFilter) -> Result<()> {
        if let Some(kind) = filter.kind.as_deref()
            && !self.kinds.iter().any(|k| k == kind)
        {
            return Err(unknown_name(
                "kind",
                kind,
                &self.kinds,
                "no document has this kind",
            ));
        }
        if let Some(issuer) = filter.issuer.as_deref()
            && !self.issuers.iter().any(|i| i.contains(issuer))
        {
            return Err(unknown_name(
                "issuer",
                issuer,
                &self.issuers,
                "no document has an issuer of this name",
            ));
        }
        Ok(())
    }

    /// Calls `f` for every work that passes `filter` on `as_of` (the filter's own `as_of` is
    /// not read), in order. Kind and issuer are decided once per distinct value; a kind or
    /// issuer no document has is refused ([`Snapshot::check_filter`]).
    pub fn visit<'a>(
        &'a self,
        filter: &ListFilter,
        as_of: Date,
        mut f: impl FnMut(AsOf<'a>),
    ) -> Result<()> {
        self.check_filter(filter)?;
        let kind_ok: Option<Vec<bool>> = filter
            .kind
            .as_deref()
            .map(|k| self.kinds.iter().map(|v| v == k).collect());
        let issuer_ok: Option<Vec<bool>> = filter
            .issuer
            .as_deref()
            .map(|i| self.issuers.iter().map(|v| v.contains(i)).collect());
        self.for_each_as_of(as_of, |at| {
            if !filter.status.admits(at.status)
                || kind_ok.as_ref().is_some_and(|ok| !ok[at.kind_id as usize])
                || issuer_ok
                    .as_ref()
                    .is_some_and(|ok| !ok[at.issuer_id as usize])
                || (filter.year.is_some() && at.work.year != filter.year)
            {
                return;
            }
            f(at);
        });
        Ok(())
    }

    /// Every work, by id.
    pub fn works(&self) -> &[WorkFacts] {
        &self.works
    }

    /// Every kind that occurs, numbered by `VersionFacts::kind_id`.
    pub fn kinds(&self) -> &[String] {
        &self.kinds
    }

    /// Every issuer that occurs, numbered by `VersionFacts::issuer_id`.
    pub fn issuers(&self) -> &[String] {
        &self.issuers
    }

    /// One work's facts.
    pub fn get(&self, id: WorkId) -> Option<&WorkFacts> {
        // Ids are dense unless works were never stored under some: try the id's own place first.
        if let Some(w) = usize::try_from(id.0 - 1)
            .ok()
            .and_then(|i| self.works.get(i))
            .filter(|w| w.id == id)
        {
            return Some(w);
        }
        self.works
            .binary_search_by_key(&id, |w| w.id)
            .ok()
            .map(|i| &self.works[i])
    }
}

/// Numbers distinct strings in the order they are first seen.
#[derive(Default)]
struct Interner {
    ids: std::collections::HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.ids.insert(name.to_owned(), id);
        id
    }
}

fn date(s: Option<String>) -> Option<Date> {
    s.as_deref().and_then(from_iso)
}

/// The last snapshot read of each store in this process, shared by every handle on it: after a
/// change, the first handle to ask reads the store once and the others (a server's readers,
/// say) wait for it and take the same snapshot, instead of each reading 100,000 works again.
/// Keyed by the store's folder; a snapshot is taken only when both its change number and that
/// change's hash match the store's (another store restored at the same path does not match),
/// and only outside a transaction (a transaction's own changes are not yet anyone else's).
/// Held weakly: a store no handle holds a snapshot of keeps nothing here.
type SharedSlot = Arc<Mutex<Option<(String, Weak<Snapshot>)>>>;

fn shared_slot(dir: &std::path::Path) -> SharedSlot {
    static SHARED: OnceLock<Mutex<HashMap<PathBuf, SharedSlot>>> = OnceLock::new();
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut map = SHARED
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if map.len() > 64 {
        // Stores no snapshot of which is held any more.
        map.retain(|_, slot| {
            slot.lock()
                .map(|s| s.as_ref().is_some_and(|(_, w)| w.strong_count() > 0))
                .unwrap_or(true)
        });
    }
    Arc::clone(map.entry(key).or_default())
}

/// A snapshot read inside a transaction, shared when the transaction commits.
pub(crate) struct PreparedSnapshot {
    slot: SharedSlot,
    head: String,
    pub(crate) snapshot: Arc<Snapshot>,
}

impl PreparedSnapshot {
    /// Runs `commit` holding the shared slot, and on success puts the snapshot there: a
    /// reader that sees the new change waits for the commit's end, not for a read of its own.
    pub(crate) fn share_on(
        &self,
        commit: impl FnOnce() -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let mut held = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        commit()?;
        *held = Some((self.head.clone(), Arc::downgrade(&self.snapshot)));
        Ok(())
    }
}

impl Registry {
    /// The facts of every work, as of the last change. Cached until the next change, and
    /// shared with the other handles of this process on the same store.
    pub fn snapshot(&self) -> Result<Arc<Snapshot>> {
        self.snapshot_at(self.change_seq()?)
    }

    /// The snapshot of the change `seq`, which the caller has just read with
    /// [`Registry::change_seq`]: the cached one when it is of that change, without another look
    /// at the store.
    pub(crate) fn snapshot_at(&self, seq: i64) -> Result<Arc<Snapshot>> {
        if let Ok(guard) = self.snapshot.lock()
            && let Some(s) = guard.as_ref()
            && s.seq == seq
        {
            return Ok(Arc::clone(s));
        }
        let snapshot = if self.conn().is_autocommit() {
            self.shared_snapshot()?
        } else {
            Arc::new(self.load_snapshot(seq)?)
        };
        if let Ok(mut guard) = self.snapshot.lock() {
            *guard = Some(Arc::clone(&snapshot));
        }
        Ok(snapshot)
    }

    /// The store's snapshot from the shared slot, or read (in one read transaction, so that
    /// its change number is the state it holds) and put there.
    fn shared_snapshot(&self) -> Result<Arc<Snapshot>> {
        let slot = shared_slot(self.dir());
        // Held while reading: the other handles wait for this read rather than make their own.
        let mut held = slot.lock().unwrap_or_else(PoisonError::into_inner);
        self.conn().execute_batch("BEGIN DEFERRED")?;
        let read = (|| -> Result<Arc<Snapshot>> {
            let (seq, head) = self.head()?;
            if let Some((h, weak)) = held.as_ref()
                && *h == head
                && let Some(s) = weak.upgrade()
                && s.seq == seq
            {
                return Ok(s);
            }
            let s = Arc::new(self.load_snapshot(seq)?);
            *held = Some((head, Arc::downgrade(&s)));
            Ok(s)
        })();
        let ended = self.conn().execute_batch("COMMIT");
        let s = read?;
        ended?;
        Ok(s)
    }

    /// The snapshot of the state the open transaction is about to commit, to share once it
    /// is committed (see [`Registry::keep_snapshot_ready`]).
    pub(crate) fn prepare_snapshot(&self) -> Result<PreparedSnapshot> {
        let (seq, head) = self.head()?;
        Ok(PreparedSnapshot {
            slot: shared_slot(self.dir()),
            head,
            snapshot: Arc::new(self.load_snapshot(seq)?),
        })
    }

    /// The last audit entry's number and hash (0 and empty for a store without one).
    fn head(&self) -> Result<(i64, String)> {
        use rusqlite::OptionalExtension as _;
        Ok(self
            .conn()
            .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or((0, String::new())))
    }

    fn load_snapshot(&self, seq: i64) -> Result<Snapshot> {
        let conn = self.conn();
        let mut works: Vec<WorkFacts> = Vec::new();
        let mut kinds = Interner::default();
        let mut issuers = Interner::default();
        let mut stmt = conn.prepare_cached(
            "SELECT w.id, w.work_key, v.seq, v.key, v.title, v.kind, v.issuer, v.doc_number,
                    v.issued, v.effective, v.expires
             FROM works w JOIN versions v ON v.work_id = w.id
             ORDER BY w.id, v.seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id = WorkId(r.get(0)?);
            let kind: String = r.get(5)?;
            let issuer: String = r.get(6)?;
            let v = VersionFacts {
                seq: r.get(2)?,
                key: r.get(3)?,
                title: r.get(4)?,
                kind_id: kinds.id(&kind),
                issuer_id: issuers.id(&issuer),
                kind,
                issuer,
                doc_number: r.get(7)?,
                issued: date(r.get(8)?),
                effective: date(r.get(9)?),
                expires: date(r.get(10)?),
            };
            match works.last_mut() {
                Some(w) if w.id == id => w.versions.push(v),
                _ => works.push(WorkFacts {
                    id,
                    work_key: r.get(1)?,
                    versions: vec![v],
                    changes: Vec::new(),
                    year: None,
                }),
            }
        }
        for w in &mut works {
            let first = &w.versions[0];
            w.year = first.issued.or(first.effective).map(|d| d.year());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT work_id, date, status FROM status_changes
             ORDER BY work_id, date IS NOT NULL, date, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut at = 0usize;
        while let Some(r) = rows.next()? {
            let id = WorkId(r.get(0)?);
            let status: String = r.get(2)?;
            let status = Status::parse(&status)?;
            while at < works.len() && works[at].id < id {
                at += 1;
            }
            match works.get_mut(at) {
                Some(w) if w.id == id => w.changes.push((date(r.get(1)?), status)),
                _ => {
                    return Err(Error::Integrity(format!(
                        "a status change names work {id}, which has no version"
                    )));
                }
            }
        }
        Ok(Snapshot {
            seq,
            head: self.audit_hash(seq)?,
            flat: Flat::new(&works),
            works,
            kinds: kinds.names,
            issuers: issuers.names,
        })
    }
}

/// The error for a name no document has, with the nearest names held.
fn unknown_name(field: &str, value: &str, held: &[String], what: &str) -> crate::Error {
    let near = crate::text::similar::nearest(value, held.iter().map(String::as_str), 3);
    let reason = if near.is_empty() {
        what.to_owned()
    } else {
        let quoted: Vec<String> = near.iter().map(|n| format!("`{n}`")).collect();
        format!("{what}; did you mean {}?", quoted.join(", "))
    };
    crate::Error::invalid(field, value, reason)
}
