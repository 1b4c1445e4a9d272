//! The one error type of the library.
//!
//! Every failure a caller can act on has its own variant. Messages are short and start in lower
//! case; causes sit in `#[source]`, not in the message.

use std::fmt;
use std::path::PathBuf;

/// Where in an input a bad value was found: the line of a JSON Lines file, the field, the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// 1-based line of the input file, when the value came from a file.
    pub line: Option<usize>,
    /// The field (or argument) that holds the bad value.
    pub field: String,
    /// The bad value as given (shortened when long).
    pub value: String,
    /// Why the value is bad.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        write!(f, "`{}`", self.field)?;
        if !self.value.is_empty() {
            write!(f, " = `{}`", self.value)?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// The errors of the registry.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Bad input: a value that does not parse, a label that is not known, a missing field.
    #[error("invalid input: {0}")]
    InvalidInput(Box<InputError>),

    /// A reference (id, key, doc number, campaign) names nothing in the registry.
    #[error("{what} `{reference}` not found")]
    NotFound {
        /// What kind of thing was looked for: `document`, `work`, `version`, `campaign`, ….
        what: &'static str,
        /// The reference as the caller gave it.
        reference: String,
    },

    /// A reference names more than one work.
    #[error("`{reference}` names {} works: {}", candidates.len(), candidates.join(", "))]
    Ambiguous {
        /// The reference as the caller gave it.
        reference: String,
        /// Each work it could mean, described enough to tell them apart (id, title, 文号, issuer,
        /// issued date, status).
        candidates: Vec<String>,
    },

    /// The change conflicts with what the registry holds (a duplicate key, a second decision).
    #[error("conflict: {0}")]
    Conflict(String),

    /// A status change the rules do not allow.
    #[error("status change refused: {0}")]
    StatusChange(String),

    /// The registry's own records do not agree (found by `check`).
    #[error("integrity: {0}")]
    Integrity(String),

    /// The SQLite store failed.
    #[error("store error")]
    Store(#[source] rusqlite::Error),

    /// Another process or handle held the registry's write lock for longer than this one
    /// was configured to wait. Nothing was written; try again.
    #[error("{}", busy_message(*waited_ms))]
    Busy {
        /// How long this handle waited, in milliseconds (0 when not known).
        waited_ms: u64,
    },

    /// A write on a registry opened read-only (a read-only folder or file, an archive copy).
    #[error("the registry `{}` is read-only (its folder or file cannot be written): {action} needs a writable copy", path.display())]
    ReadOnly {
        /// The registry folder.
        path: PathBuf,
        /// What was refused.
        action: &'static str,
    },

    /// The store's file exists but is not a registry this build can read: empty (0 bytes),
    /// not an SQLite database, or an SQLite database without a registry in it. It is never
    /// re-created in place.
    #[error("`{}` is damaged: {problem}; nothing was changed (restore it from a backup, see `guifan backup`)", path.display())]
    Damaged {
        /// The store's file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },

    /// The disk (or the file system's quota) is full: the write was rolled back.
    #[error("the disk is full: the change was rolled back, nothing of it was written")]
    DiskFull,

    /// An XML document that cannot be read: not well-formed, refused (entity declarations,
    /// limits), or not the Akoma Ntoso it should be.
    #[error("xml: {}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
    Xml {
        /// 1-based line of the document, when known.
        line: Option<usize>,
        /// What is wrong with the document.
        message: String,
    },

    /// The search index failed.
    #[error("index error: {0}")]
    Index(String),

    /// An output could not be written (a Word document being packed).
    #[error("cannot write {what}")]
    Write {
        /// What was being written, such as "the Word document".
        what: &'static str,
        /// The failure of the writer.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },

    /// A document handed in for registration cannot be read: its format is not supported
    /// (`.doc`, a scanned PDF), it is encrypted, corrupt or hostile (a zip bomb, XML entities),
    /// over a size limit, or in an encoding that cannot be told.
    #[error("cannot read `{file}`: {}{message}", at.as_ref().map(|a| format!("{a}: ")).unwrap_or_default())]
    Document {
        /// The file's name as given.
        file: String,
        /// Where in the file: an archive entry, a line, a page.
        at: Option<String>,
        /// What kind of failure, for a caller that acts on it.
        kind: DocumentError,
        /// What is wrong.
        message: String,
    },

    /// A file could not be read or written.
    #[error("cannot access `{}`", path.display())]
    Io {
        /// The file or directory that could not be read or written.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

/// The kinds of [`Error::Document`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DocumentError {
    /// A format that is not read: `.doc`, an unknown extension, a PDF without a text layer.
    Unsupported,
    /// The file is encrypted or password-protected.
    Encrypted,
    /// The file is damaged or not what its name says.
    Corrupt,
    /// The file goes over a limit (size, entries, compression ratio, nesting).
    Limit,
    /// The text's encoding cannot be told, or the bytes are valid in none.
    Encoding,
}

impl From<rusqlite::Error> for Error {
    /// SQLite's failures, with the ones a caller acts on told apart: a lock held too long by
    /// another writer (`Busy`) and a full disk (`DiskFull`). The waiting time is filled in by
    /// the registry, which knows its timeout.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                Error::Busy { waited_ms: 0 }
            }
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            _ => Error::Store(e),
        }
    }
}

fn busy_message(waited_ms: u64) -> String {
    let waited = if waited_ms == 0 {
        String::new()
    } else if waited_ms.is_multiple_of(1000) {
        format!(" for more than {} s", waited_ms / 1000)
    } else {
        format!(" for more than {waited_ms} ms")
    };
    format!("the registry is busy: another writer held it{waited}; nothing was written, try again")
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Bad input without a line number.
    pub fn invalid(
        field: impl Into<String>,
        value: impl AsRef<str>,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidInput(Box::new(InputError {
            line: None,
            field: field.into(),
            value: shorten(value.as_ref()),
            reason: reason.into(),
        }))
    }

    /// A reference that names nothing.
    pub fn not_found(what: &'static str, reference: impl Into<String>) -> Self {
        Error::NotFound {
            what,
            reference: reference.into(),
        }
    }

    /// An IO failure on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Whether this error is the caller's input rather than a failure of the registry: the
    /// command line exits with status 2 for these.
    pub fn is_bad_input(&self) -> bool {
        match self {
            Error::InvalidInput(_)
            | Error::NotFound { .. }
            | Error::Ambiguous { .. }
            | Error::Conflict(_)
            | Error::StatusChange(_)
            | Error::Xml { .. }
            | Error::Document { .. } => true,
            Error::Io { source, .. } => source.kind() == std::io::ErrorKind::NotFound,
            _ => false,
        }
    }

    /// A document that cannot be read, naming the file and where in it.
    pub fn document(
        file: impl Into<String>,
        at: Option<String>,
        kind: DocumentError,
        message: impl Into<String>,
    ) -> Self {
        Error::Document {
            file: file.into(),
            at,
            kind,
            message: message.into(),
        }
    }

    /// The input error inside, if this is one.
    pub fn input(&self) -> Option<&InputError> {
        match self {
            Error::InvalidInput(e) => Some(e),
            _ => None,
        }
    }

    /// Puts this error at a line of an input file, as bad input on `field`.
    ///
    /// Errors that already are input errors keep their field and value; other caller errors
    /// (a reference that names nothing, a conflict) become input errors on `field`.
    pub fn at_line(self, line: usize, field: &str, value: &str) -> Self {
        match self {
            Error::InvalidInput(mut e) => {
                e.line = Some(line);
                Error::InvalidInput(e)
            }
            e @ (Error::NotFound { .. }
            | Error::Ambiguous { .. }
            | Error::Conflict(_)
            | Error::StatusChange(_)) => Error::InvalidInput(Box::new(InputError {
                line: Some(line),
                field: field.to_owned(),
                value: shorten(value),
                reason: e.to_string(),
            })),
            other => other,
        }
    }
}

/// Cuts long values for messages, on a character boundary.
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() <= MAX {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_error_names_line_field_and_value() {
        let e = Error::invalid("issued", "2024-13-01", "not a date").at_line(7, "x", "y");
        assert_eq!(
            e.to_string(),
            "invalid input: line 7: `issued` = `2024-13-01`: not a date"
        );
        assert!(e.is_bad_input());
    }

    #[test]
    fn not_found_becomes_input_error_at_a_line() {
        let e = Error::not_found("document", "潜政规〔2024〕9号").at_line(
            3,
            "document",
            "潜政规〔2024〕9号",
        );
        let input = e.input().expect("input error");
        assert_eq!(input.line, Some(3));
        assert_eq!(input.field, "document");
        assert!(input.reason.contains("not found"));
    }

    #[test]
    fn document_errors_name_the_file_and_where() {
        let e = Error::document(
            "a.docx",
            Some("word/document.xml".into()),
            DocumentError::Limit,
            "over 64 MiB",
        );
        assert_eq!(
            e.to_string(),
            "cannot read `a.docx`: word/document.xml: over 64 MiB"
        );
        assert!(e.is_bad_input());
        let e = Error::document("a.doc", None, DocumentError::Unsupported, "old Word format");
        assert_eq!(e.to_string(), "cannot read `a.doc`: old Word format");
    }

    #[test]
    fn long_values_are_shortened_on_char_boundaries() {
        let long = "条".repeat(100);
        let s = shorten(&long);
        assert_eq!(s.chars().count(), 61);
        assert!(s.ends_with('…'));
    }
}
