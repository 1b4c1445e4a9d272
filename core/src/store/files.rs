//! The original files of documents registered from a file (a Word file, a portal page, a PDF,
//! a text), kept as they came beside the store, content-addressed by SHA-256:
//! `REGISTRY/files/ab/cdef…` (the first two hex digits name the folder, the other 62 the file).
//!
//! A file is written to a temporary file in its folder, flushed to disk and renamed into place,
//! so a crash never leaves half a file under its name. The version's audit entry records the
//! file's hash, name, format and size (`"file"` in the `add_version` detail); `check` verifies
//! that each file so recorded is there and hashes to its name.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Registry;
use crate::error::{Error, Result};
use crate::model::WorkId;

/// The folder of the original files inside a registry folder.
pub const FILES_DIR: &str = "files";

/// An original file as the audit log records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OriginalFile {
    /// SHA-256 of the file's bytes, lower-case hex: its name in `files/`.
    pub sha256: String,
    /// The file's name as it came (without its folder).
    pub name: String,
    /// The format it was read as (`docx`, `html`, `pdf`, `text`, `markdown`).
    pub format: String,
    /// Its size in bytes.
    pub bytes: u64,
}

impl OriginalFile {
    /// The facts of a file's bytes.
    pub fn of(name: &str, format: &str, bytes: &[u8]) -> OriginalFile {
        OriginalFile {
            sha256: crate::intake::hex(&Sha256::digest(bytes)),
            name: name.to_owned(),
            format: format.to_owned(),
            bytes: bytes.len() as u64,
        }
    }

    /// Where the file is kept, relative to the registry folder: `files/ab/cdef…`.
    pub fn relative_path(&self) -> PathBuf {
        relative_path(&self.sha256)
    }
}

fn relative_path(sha256: &str) -> PathBuf {
    let (folder, rest) = sha256.split_at(2.min(sha256.len()));
    Path::new(FILES_DIR).join(folder).join(rest)
}

fn is_sha256(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Registry {
    /// The path of the original file with this SHA-256 (lower-case hex), whether or not the
    /// registry holds it.
    pub fn original_path(&self, sha256: &str) -> Result<PathBuf> {
        if !is_sha256(sha256) {
            return Err(Error::invalid(
                "sha256",
                sha256,
                "64 lower-case hexadecimal digits",
            ));
        }
        Ok(self.dir().join(relative_path(sha256)))
    }

    /// Keeps a file's bytes under their hash. Returns whether the file was written now (false
    /// when an identical file was already there), so that a caller whose transaction fails
    /// can remove what it wrote ([`Registry::forget_original`]).
    pub(crate) fn keep_original(&self, file: &OriginalFile, bytes: &[u8]) -> Result<bool> {
        let path = self.original_path(&file.sha256)?;
        if path.is_file() {
            let held = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            if crate::intake::hex(&Sha256::digest(&held)) == file.sha256 {
                return Ok(false);
            }
            // A damaged copy: replaced below by the good one.
        }
        let folder = path.parent().unwrap_or(self.dir());
        std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        let tmp = folder.join(format!(".{}.{}.tmp", &file.sha256[2..], std::process::id()));
        let written = (|| {
            let mut out = std::fs::File::create(&tmp)?;
            out.write_all(bytes)?;
            out.sync_all()?;
            std::fs::rename(&tmp, &path)?;
            // The rename itself is durable once the folder is flushed (where the system allows:
            // some refuse to flush a folder, which is no failure of the write).
            if let Ok(dir) = std::fs::File::open(folder)
                && let Err(e) = dir.sync_all()
                && !matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidInput
                        | std::io::ErrorKind::Unsupported
                        | std::io::ErrorKind::PermissionDenied
                )
            {
                return Err(e);
            }
            Ok(())
        })();
        if let Err(e) = written {
            // The write's error is the one to report; a temporary file it leaves behind is
            // hidden, never referenced, and replaced by the next write of the same file.
            std::fs::remove_file(&tmp).ok();
            return Err(Error::io(&path, e));
        }
        Ok(true)
    }

    /// Removes an original file written by [`Registry::keep_original`] for a registration
    /// that did not commit; returns whether it was removed. A failure to remove leaves an
    /// unreferenced file, which is harmless.
    pub(crate) fn forget_original(&self, sha256: &str) -> bool {
        self.original_path(sha256)
            .is_ok_and(|path| std::fs::remove_file(path).is_ok())
    }

    /// The original files of a work's versions, by version number, as the audit log recorded
    /// them.
    pub fn originals(&self, work: WorkId) -> Result<Vec<(u32, OriginalFile)>> {
        let mut out = Vec::new();
        for e in self.audit_of(work)? {
            if let Some((seq, file)) = recorded_original(&e.action, &e.detail) {
                out.push((seq, file));
            }
        }
        Ok(out)
    }
}

/// The version number and original file an `add_version` audit entry records, if any.
pub(crate) fn recorded_original(action: &str, detail: &str) -> Option<(u32, OriginalFile)> {
    if action != "add_version" {
        return None;
    }
    let detail: serde_json::Value = serde_json::from_str(detail).ok()?;
    let seq = u32::try_from(detail["seq"].as_u64()?).ok()?;
    let file = serde_json::from_value(detail.get("file")?.clone()).ok()?;
    Some((seq, file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_kept_under_their_hash_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let reg = Registry::open(dir.path()).expect("open");
        let file = OriginalFile::of("通知.txt", "text", "通知\n".as_bytes());
        assert!(reg.keep_original(&file, "通知\n".as_bytes()).expect("keep"));
        assert!(
            !reg.keep_original(&file, "通知\n".as_bytes())
                .expect("again")
        );
        let path = reg.original_path(&file.sha256).expect("path");
        assert_eq!(
            path,
            dir.path()
                .join("files")
                .join(&file.sha256[..2])
                .join(&file.sha256[2..])
        );
        assert_eq!(std::fs::read(&path).expect("read"), "通知\n".as_bytes());
        // Nothing but the file is left in its folder.
        let entries = std::fs::read_dir(path.parent().expect("folder"))
            .expect("list")
            .count();
        assert_eq!(entries, 1);
        // A damaged copy is replaced.
        std::fs::write(&path, b"damaged").expect("damage");
        assert!(
            reg.keep_original(&file, "通知\n".as_bytes())
                .expect("repair")
        );
        assert_eq!(std::fs::read(&path).expect("read"), "通知\n".as_bytes());
        assert!(reg.forget_original(&file.sha256));
        assert!(!path.exists());
        assert!(reg.original_path("../etc").is_err());
    }
}
