//! Uploads: the files of a multipart request, written to temporary files inside the registry
//! folder (`.uploads/`) and handed to the library's `ingest`, which takes whatever formats it
//! takes. The name the client gives is never used as a path: only its last component, cleaned,
//! is kept to name the file in reports, and its extension (letters and digits only) tells
//! `ingest` the format.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::Multipart;
use axum::http::StatusCode;
use guifan::ingest::{FileReport, Summary, ingest_file};
use serde::Serialize;
use tempfile::NamedTempFile;

use crate::error::AppError;
use crate::state::App;

/// The folder of the registry that holds uploads while they are imported.
pub const UPLOAD_DIR: &str = ".uploads";

/// Why an upload could not be read.
#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    /// Over the size limit.
    #[error("{0}")]
    TooLarge(String),
    /// Not a multipart form the server can read.
    #[error("{0}")]
    Bad(String),
    /// The temporary file could not be written.
    #[error("{0}")]
    Io(String),
}

/// One uploaded file, on disk until dropped.
#[derive(Debug)]
pub struct Uploaded {
    /// The name to show: the last component of the client's file name, cleaned.
    pub name: String,
    /// The temporary file.
    pub file: NamedTempFile,
}

/// The files and the text fields of a multipart form.
#[derive(Debug, Default)]
pub struct Upload {
    /// The files, in the order sent.
    pub files: Vec<Uploaded>,
    /// The CSRF token, if the form sent one.
    pub csrf: String,
}

/// The last component of a client's file name, without control characters, at most 100
/// characters: for messages only.
pub fn display_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last.chars().filter(|c| !c.is_control()).take(100).collect();
    let clean = clean.trim().trim_start_matches('.').to_owned();
    if clean.is_empty() {
        "upload".to_owned()
    } else {
        clean
    }
}

/// The extension to give the temporary file: letters and digits only, lower case, at most
/// ten; none otherwise.
pub fn extension(name: &str) -> Option<String> {
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 10 && ext.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| ext.to_ascii_lowercase())
}

fn too_large(limit: usize) -> UploadError {
    UploadError::TooLarge(format!("上传的文件超过 {} KiB 的上限", limit >> 10))
}

/// Whether a body error is a size limit's: axum's own, or the outer layer's (a body without
/// a length reaches the handler and fails while it is read).
fn over_limit(e: &axum::extract::multipart::MultipartError) -> bool {
    let mut cause: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cause {
        if c.to_string().contains("length limit exceeded") {
            return true;
        }
        cause = c.source();
    }
    false
}

fn multipart_error(e: axum::extract::multipart::MultipartError, limit: usize) -> UploadError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE || over_limit(&e) {
        too_large(limit)
    } else {
        UploadError::Bad(format!("无法读取上传的内容：{}", e.body_text()))
    }
}

/// Reads a multipart form: every part with a file name is written to a temporary file in
/// the registry's upload folder; the `csrf` field is kept.
pub async fn receive(app: &App, mut form: Multipart) -> Result<Upload, UploadError> {
    let limit = app.config.max_upload_bytes;
    let dir = app.dir().join(UPLOAD_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| UploadError::Io(e.to_string()))?;
    let mut upload = Upload::default();
    let mut received = 0usize;
    while let Some(mut field) = form
        .next_field()
        .await
        .map_err(|e| multipart_error(e, limit))?
    {
        match field.file_name().map(display_name) {
            Some(name) => {
                let suffix = extension(&name)
                    .map(|e| format!(".{e}"))
                    .unwrap_or_default();
                let mut file = tempfile::Builder::new()
                    .prefix("upload-")
                    .suffix(&suffix)
                    .tempfile_in(&dir)
                    .map_err(|e| UploadError::Io(e.to_string()))?;
                while let Some(chunk) =
                    field.chunk().await.map_err(|e| multipart_error(e, limit))?
                {
                    received += chunk.len();
                    if received > limit {
                        return Err(too_large(limit));
                    }
                    file.write_all(&chunk)
                        .map_err(|e| UploadError::Io(e.to_string()))?;
                }
                file.flush().map_err(|e| UploadError::Io(e.to_string()))?;
                upload.files.push(Uploaded { name, file });
            }
            None if field.name() == Some("csrf") => {
                upload.csrf = field.text().await.map_err(|e| multipart_error(e, limit))?;
            }
            None => {
                // Other fields are not read; reading them to the end keeps the stream going.
                while field
                    .chunk()
                    .await
                    .map_err(|e| multipart_error(e, limit))?
                    .is_some()
                {}
            }
        }
    }
    Ok(upload)
}

/// The file that failed, and why; the files before it stay imported.
#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    /// The file's name as uploaded (cleaned).
    pub file: String,
    /// The library's message, naming the line when the file has one.
    pub message: String,
    /// The HTTP status the error maps to.
    #[serde(skip)]
    pub status: u16,
}

/// What an import of uploaded files did.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// The files imported, each committed: the library's summary, files named as uploaded.
    pub summary: Summary,
    /// The file that failed, if one did (nothing of it was written).
    pub failed: Option<Failed>,
}

fn rename(report: &mut FileReport, name: &str) {
    report.path = PathBuf::from(name);
}

/// The library's message for a file, with the temporary path replaced by the uploaded name.
fn message(e: &guifan::Error, temp: &Path, name: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cause: Option<&dyn std::error::Error> = Some(e);
    while let Some(c) = cause {
        let text = c.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cause = c.source();
    }
    let temp_name = temp
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut text = parts.join(": ").replace('\n', " ");
    text = text.replace(&temp.display().to_string(), name);
    if !temp_name.is_empty() {
        text = text.replace(&temp_name, name);
    }
    text
}

/// Imports the uploaded files through the writer, one transaction per file, in order;
/// stops at the first file that fails.
pub async fn import(app: &Arc<App>, actor: String, upload: Upload) -> Result<Imported, AppError> {
    if upload.files.is_empty() {
        return Err(AppError::BadRequest(
            "上传中没有文件：请以带文件名的 multipart 部分发送文件".into(),
        ));
    }
    app.write(actor, move |reg, index| {
        let mut done = Vec::new();
        let mut failed = None;
        for up in &upload.files {
            match ingest_file(
                reg,
                Some(index),
                up.file.path(),
                &guifan::ingest::Options::default(),
                &mut |_| {},
            ) {
                Ok(mut report) => {
                    rename(&mut report, &up.name);
                    done.push(report);
                }
                Err(e) => {
                    failed = Some(Failed {
                        file: up.name.clone(),
                        message: message(&e, up.file.path(), &up.name),
                        status: crate::error::registry_status(&e).as_u16(),
                    });
                    break;
                }
            }
        }
        drop(upload);
        Ok(Imported {
            summary: Summary::of(done),
            failed,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names_lose_their_folders() {
        assert_eq!(display_name("../../etc/passwd"), "passwd");
        assert_eq!(display_name("..\\..\\windows\\a.jsonl"), "a.jsonl");
        assert_eq!(display_name("/abs/path/x.xml"), "x.xml");
        assert_eq!(display_name(".."), "upload");
        assert_eq!(display_name("a\u{0}b\n.jsonl"), "ab.jsonl");
        assert_eq!(display_name(".hidden.jsonl"), "hidden.jsonl");
    }

    #[test]
    fn extensions_are_plain() {
        assert_eq!(extension("a.JSONL").as_deref(), Some("jsonl"));
        assert_eq!(extension("a.tar.gz").as_deref(), Some("gz"));
        assert_eq!(extension("a.j/sonl"), None);
        assert_eq!(extension("noext"), None);
    }
}
