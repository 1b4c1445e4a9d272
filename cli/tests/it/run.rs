//! Running the `guifan` binary against a registry of its own.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The project's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A registry folder (inside a temporary folder) and the runs against it.
pub struct Guifan {
    dir: tempfile::TempDir,
}

/// What one run printed, and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Guifan {
    /// An empty folder: no registry yet.
    pub fn empty() -> Guifan {
        Guifan {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A registry holding the Qianjiang 2024 fixtures.
    pub fn qianjiang() -> Guifan {
        let g = Guifan::empty();
        let fixtures = root().join("fixtures/qianjiang-2024");
        let r = g.run(&["import", fixtures.to_str().expect("utf-8 path")]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        g
    }

    /// The registry folder.
    pub fn registry(&self) -> PathBuf {
        self.dir.path().join("registry")
    }

    /// The temporary folder the registry sits in (for files a test writes).
    pub fn folder(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `guifan ARGS` on the registry, today being 2024-12-31, without colour, in the
    /// default language (Chinese: no locale).
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in(None, args)
    }

    /// Runs `guifan ARGS` with `GUIFAN_LANG` set to `lang`.
    pub fn run_lang(&self, lang: &str, args: &[&str]) -> Run {
        self.run_in(Some(lang), args)
    }

    fn run_in(&self, lang: Option<&str>, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_guifan"));
        for name in ["GUIFAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            cmd.env_remove(name);
        }
        if let Some(lang) = lang {
            cmd.env("GUIFAN_LANG", lang);
        }
        let out = cmd
            .args(args)
            .env("GUIFAN_REGISTRY", self.registry())
            .env("GUIFAN_TODAY", "2024-12-31")
            .env("GUIFAN_ACTOR", "tester")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "80")
            .current_dir(root())
            .output()
            .expect("the guifan binary runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    /// Runs `guifan ARGS` with stdout a pipe the reader closes after the first line, as
    /// `guifan ARGS | head -1` does; returns the exit status and stderr.
    pub fn run_closing_stdout(&self, args: &[&str]) -> (i32, String) {
        use std::io::{BufRead, BufReader, Read};
        let mut child = Command::new(env!("CARGO_BIN_EXE_guifan"))
            .env_remove("GUIFAN_LANG")
            .env_remove("LC_ALL")
            .env_remove("LANG")
            .args(args)
            .env("GUIFAN_REGISTRY", self.registry())
            .env("GUIFAN_TODAY", "2024-12-31")
            .env("NO_COLOR", "1")
            .current_dir(root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("the guifan binary runs");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("a first line");
        // The reader is dropped: the pipe is closed.
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut stderr)
            .expect("stderr");
        let status = child.wait().expect("wait");
        (status.code().unwrap_or(-1), stderr)
    }

    /// A run as a snapshot: the exit status, stdout and stderr, with this registry's
    /// temporary folder and hashes replaced by placeholders.
    pub fn shot(&self, args: &[&str]) -> String {
        self.shot_in(None, args)
    }

    /// [`Guifan::shot`] with `GUIFAN_LANG` set to `lang`.
    pub fn shot_lang(&self, lang: &str, args: &[&str]) -> String {
        self.shot_in(Some(lang), args)
    }

    fn shot_in(&self, lang: Option<&str>, args: &[&str]) -> String {
        let r = self.run_in(lang, args);
        let mut text = format!(
            "$ guifan {}\nexit {}\n--- stdout\n{}--- stderr\n{}",
            args.join(" "),
            r.code,
            r.stdout,
            r.stderr
        );
        let tmp = self.folder().display().to_string();
        text = text.replace(&tmp, "[TMP]");
        text = text.replace(&root().display().to_string(), "[ROOT]");
        hashes(&text)
    }
}

/// Replaces every run of 64 hexadecimal digits (the audit chain's hashes) by `[HASH]`.
fn hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
            continue;
        }
        flush(&mut out, &mut run);
        out.push(c);
    }
    flush(&mut out, &mut run);
    out
}

fn flush(out: &mut String, run: &mut String) {
    if run.len() == 64 {
        out.push_str("[HASH]");
    } else {
        out.push_str(run);
    }
    run.clear();
}
