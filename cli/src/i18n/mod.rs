//! The command line's language: Chinese by default, English when the locale asks for it.
//!
//! Every text the command line shows a person (help, summaries, success messages, warnings,
//! errors, the headings and labels of reports) comes from a Fluent catalogue, one file per language in `cli/i18n/`: `zh.ftl` and
//! `en.ftl`, with the same message ids and the same placeholders (a test checks both). JSON
//! output is the library's serialisation and is not translated.
//!
//! The language: `GUIFAN_LANG` (`zh` or `en`) when set; else the first of `LC_ALL`,
//! `LC_MESSAGES` and `LANG` that is set and not empty: English when it starts with `en`, Chinese
//! otherwise (`C`, `POSIX` and no locale at all give Chinese).

pub mod errors;
pub mod help;
pub mod labels;
pub mod reports;

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The Chinese catalogue.
pub const ZH: &str = include_str!("../../i18n/zh.ftl");
/// The English catalogue.
pub const EN: &str = include_str!("../../i18n/en.ftl");

/// A language of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages.
    #[cfg(test)]
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language the environment asks for (see the module's documentation), read through
    /// `var` so that tests can hand in an environment of their own.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(asked) = var("GUIFAN_LANG").filter(|v| !v.trim().is_empty()) {
            return Lang::from_tag(&asked);
        }
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()))
            .map_or(Lang::Zh, |locale| Lang::from_tag(&locale))
    }

    /// `en…` is English, anything else Chinese.
    fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The catalogue's source text.
    pub fn source(self) -> &'static str {
        match self {
            Lang::Zh => ZH,
            Lang::En => EN,
        }
    }

    /// The parsed catalogue of this language.
    pub fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static ZH_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        static EN_BUNDLE: OnceLock<FluentBundle<FluentResource>> = OnceLock::new();
        let cell = match self {
            Lang::Zh => &ZH_BUNDLE,
            Lang::En => &EN_BUNDLE,
        };
        cell.get_or_init(|| bundle(self))
    }
}

/// Builds a language's bundle. The catalogues are part of the program and checked by its
/// tests; an entry that does not parse is left out (and its id shown in its place).
fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let tag = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let id: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(r, _)| r);
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around placeholders: terminals show them as gaps.
    bundle.set_use_isolating(false);
    if let Err(errors) = bundle.add_resource(resource) {
        // Only duplicate ids end here; the first of each stays.
        debug_assert!(errors.is_empty(), "catalogue: {errors:?}");
    }
    bundle
}

/// The language of this run, read once from the environment.
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| Lang::from_env(|name| std::env::var(name).ok()))
}

/// Whether the catalogue of `lang` has a message `id`.
pub fn has(lang: Lang, id: &str) -> bool {
    lang.bundle()
        .get_message(id)
        .is_some_and(|m| m.value().is_some())
}

/// The text of message `id` in `lang`, with its placeholders filled from `args`. A missing id
/// (which the tests rule out) is shown as itself.
pub fn text_in(lang: Lang, id: &str, args: &[(&str, String)]) -> String {
    let bundle = lang.bundle();
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(value.as_str()));
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// The text of message `id` in the language of this run.
pub fn text(id: &str, args: &[(&str, String)]) -> String {
    text_in(lang(), id, args)
}

/// A message of the catalogue in the language of this run: `t!("id")` or
/// `t!("id", name = value, …)`, each value shown with `Display`.
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::text($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text($id, &[$((stringify!($name), ($value).to_string())),+])
    };
}

pub(crate) use t;

#[cfg(test)]
mod tests;
