//! Interface text in English and Russian, from `assets/i18n/<lang>/*.ron`.
//!
//! Each catalog is a struct whose fields are its keys, declared with
//! [`catalog!`]: a language file missing a key fails to load, and the test
//! the macro writes beside every catalog fails, so no language can silently
//! lack a string.

mod cli;
pub mod clinic;
pub mod dose;
pub mod durations;
mod formats;
mod history;
pub mod outcome;
mod prescription;
mod report;
mod ui;

use serde::Deserialize;

pub use crate::core::lang::Lang;
pub use cli::CliStrings;
pub use clinic::ClinicStrings;
pub use dose::DoseStrings;
pub use formats::Formats;
pub use history::{HistoryStrings, Words};
pub use outcome::OutcomeStrings;
pub use prescription::RxStrings;
pub use report::ReportStrings;
pub use ui::Strings;

/// A word that changes with a number: "1 session", "2 sessions";
/// "1 сеанс", "2 сеанса", "5 сеансов".
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plural {
    pub one: String,
    /// Russian 2-4 ("сеанса"); English uses `many`.
    #[serde(default)]
    pub few: Option<String>,
    pub many: String,
}

impl Plural {
    /// `n` followed by the right form of the word for `lang`.
    pub fn count(&self, lang: Lang, n: u64) -> String {
        format!("{n} {}", self.form(lang, n))
    }

    pub fn form(&self, lang: Lang, n: u64) -> &str {
        let few = self.few.as_deref().unwrap_or(&self.many);
        match lang {
            Lang::En if n == 1 => &self.one,
            Lang::En => &self.many,
            Lang::Ru => match (n % 10, n % 100) {
                (1, r) if r != 11 => &self.one,
                (2..=4, r) if !(12..=14).contains(&r) => few,
                _ => &self.many,
            },
        }
    }
}

/// Replaces `{name}` in `template` with each value, in order of `args`.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Declares a catalog: the struct of its keys, `load(lang)` from
/// `assets/i18n/<lang>/<file>.ron` (built into the binary), and a test that
/// every language has every key.
///
/// ```ignore
/// catalog! {
///     /// What the history screen says.
///     pub struct HistoryStrings in "history" {
///         title: String,
///         sessions: Plural,
///     }
/// }
/// ```
macro_rules! catalog {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $file:literal {
            $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $name {
            /// The text of this catalog in each language, English first.
            const SOURCES: [(&'static str, &'static str); 2] = [
                ("en", include_str!(concat!("../../assets/i18n/en/", $file, ".ron"))),
                ("ru", include_str!(concat!("../../assets/i18n/ru/", $file, ".ron"))),
            ];

            /// The catalog for `lang`, a copy of [`Self::get`]'s.
            pub fn load(lang: $crate::i18n::Lang) -> Self {
                Self::get(lang).clone()
            }

            /// The catalog for `lang`, parsed the first time this process
            /// asks for it and kept: start-up asks for some catalogs more
            /// than once, and parsing is most of what loading costs. Only
            /// the languages asked for are parsed. The files are part of
            /// the binary and tested, so failing to parse them is a build
            /// defect.
            pub fn get(lang: $crate::i18n::Lang) -> &'static Self {
                static PARSED: [std::sync::OnceLock<$name>; 2] =
                    [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
                let index = match lang {
                    $crate::i18n::Lang::En => 0,
                    $crate::i18n::Lang::Ru => 1,
                };
                PARSED[index].get_or_init(|| {
                    ron::from_str(Self::SOURCES[index].1)
                        .expect("assets/i18n catalogs are checked by tests")
                })
            }
        }

        #[cfg(test)]
        mod every_language {
            #[test]
            fn has_every_key() {
                for (lang, text) in super::$name::SOURCES {
                    if let Err(e) = ron::from_str::<super::$name>(text) {
                        panic!("assets/i18n/{lang}/{}.ron: {e}", $file);
                    }
                }
            }

            #[test]
            fn has_the_same_placeholders() {
                let [(_, en), (_, ru)] = super::$name::SOURCES;
                $crate::i18n::same_placeholders($file, en, ru);
            }
        }
    };
}
pub(crate) use catalog;

/// Panics where a string of `ru` lacks a `{placeholder}` its English
/// counterpart has, or has one more: the value would vanish, or show raw.
#[cfg(test)]
fn same_placeholders(file: &str, en: &str, ru: &str) {
    use ron::Value;
    use std::collections::BTreeSet;

    fn names(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }
    fn walk(path: &str, en: &Value, ru: &Value, file: &str) {
        match (en, ru) {
            (Value::String(a), Value::String(b)) => assert_eq!(
                names(a),
                names(b),
                "assets/i18n/{{en,ru}}/{file}.ron: `{path}` has other placeholders"
            ),
            (Value::Map(a), Value::Map(b)) => {
                for (key, value) in a.iter() {
                    let key_name = match key {
                        Value::String(k) => k.clone(),
                        other => format!("{other:?}"),
                    };
                    if let Some(other) = b.get(key) {
                        walk(&format!("{path}.{key_name}"), value, other, file);
                    }
                }
            }
            (Value::Seq(a), Value::Seq(b)) => {
                for (i, (x, y)) in a.iter().zip(b).enumerate() {
                    walk(&format!("{path}[{i}]"), x, y, file);
                }
            }
            _ => {}
        }
    }
    let parse = |text: &str| -> Value { ron::from_str(text).expect("a catalog parses") };
    walk("", &parse(en), &parse(ru), file);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_plurals_follow_the_three_forms() {
        let s = Strings::load(Lang::Ru);
        let cases = [
            (1, "1 сеанс"),
            (2, "2 сеанса"),
            (4, "4 сеанса"),
            (5, "5 сеансов"),
            (11, "11 сеансов"),
            (12, "12 сеансов"),
            (21, "21 сеанс"),
            (22, "22 сеанса"),
            (111, "111 сеансов"),
        ];
        for (n, want) in cases {
            assert_eq!(s.sessions.count(Lang::Ru, n), want);
        }
    }

    #[test]
    fn english_plurals_have_two_forms() {
        let s = Strings::load(Lang::En);
        assert_eq!(s.sessions.count(Lang::En, 1), "1 session");
        assert_eq!(s.sessions.count(Lang::En, 0), "0 sessions");
        assert_eq!(s.sessions.count(Lang::En, 12), "12 sessions");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("{n} of {target} today", &[("n", "2"), ("target", "3")]),
            "2 of 3 today"
        );
    }
}
