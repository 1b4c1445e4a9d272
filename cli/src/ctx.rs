//! What every command needs: the registry folder, the actor, printing JSON, and the value
//! parsers that turn arguments into the library's types (so that clap refuses a bad value
//! before anything runs, with the library's own message).

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use crate::i18n::t;
use anyhow::{Context, Result};
use guifan::index::SearchIndex;
use guifan::{OpenOptions, Registry};
use time::Date;

/// The registry folder and the actor, from the global options.
pub struct Ctx {
    /// The registry folder.
    pub registry: PathBuf,
    /// Who the audit log names.
    pub actor: Option<String>,
    /// How long a write waits for another writer.
    pub wait: Duration,
}

/// The `--wait` option as a duration: a number of seconds, 0 or more.
pub fn wait(seconds: f64) -> Result<Duration> {
    if !seconds.is_finite() || !(0.0..=86_400.0).contains(&seconds) {
        return Err(guifan::Error::invalid(
            "--wait",
            seconds.to_string(),
            "must be a number of seconds from 0 to 86400",
        )
        .into());
    }
    Ok(Duration::from_secs_f64(seconds))
}

impl Ctx {
    /// Opens the registry, which must exist.
    pub fn open(&self) -> Result<Registry> {
        let options = OpenOptions {
            busy_timeout: self.wait,
            ..OpenOptions::default()
        };
        let mut reg = match Registry::open_with(&self.registry, &options) {
            Err(e @ guifan::Error::NotFound { .. }) => {
                return Err(anyhow::Error::new(e))
                    .with_context(|| t!("no-registry", path = self.registry.display()));
            }
            other => other?,
        };
        self.name_actor(&mut reg);
        Ok(reg)
    }

    /// Opens the registry, creating it when missing (for imports).
    pub fn open_or_create(&self) -> Result<Registry> {
        let options = OpenOptions {
            create: true,
            busy_timeout: self.wait,
            ..OpenOptions::default()
        };
        let mut reg = Registry::open_with(&self.registry, &options)?;
        self.name_actor(&mut reg);
        Ok(reg)
    }

    /// Opens the registry and its search index.
    pub fn open_with_index(&self) -> Result<(Registry, Index)> {
        let reg = self.open()?;
        let index = Index(SearchIndex::open(&reg)?);
        Ok((reg, index))
    }

    fn name_actor(&self, reg: &mut Registry) {
        let actor = self
            .actor
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|a| !a.trim().is_empty());
        if let Some(actor) = actor {
            reg.set_actor(actor);
        }
    }
}

/// The search index of a command. When the command ends it says on stderr, once, what damage
/// the library found in the index and repaired by rebuilding it from the store.
pub struct Index(pub SearchIndex);

impl std::ops::Deref for Index {
    type Target = SearchIndex;
    fn deref(&self) -> &SearchIndex {
        &self.0
    }
}

impl Drop for Index {
    fn drop(&mut self) {
        for damage in self.0.take_repairs() {
            let damage = crate::i18n::errors::reason(crate::i18n::lang(), &damage.to_string());
            eprintln!("{}", t!("index-rebuilt", damage = damage));
        }
    }
}

/// Prints a value as pretty JSON on stdout: what `--json` prints is the library's own answer.
pub fn print_json(value: &impl serde::Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The date asked about, else today (`GUIFAN_TODAY` when set).
pub fn as_of(date: Option<Date>) -> Result<Date> {
    Ok(guifan::date::as_of_or_today(date)?)
}

/// Parses a date argument (ISO or Chinese).
pub fn date_value(s: &str) -> guifan::Result<Date> {
    guifan::date::parse_date("date", s)
}
