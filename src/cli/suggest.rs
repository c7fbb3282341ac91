//! "Did you mean": the known word closest to a mistyped one, and the one
//! style of a hint under an error message (`  hint: ...`).

use crate::core::lang::Lang;
use crate::core::routine::Routine;
use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, fill};
use crate::store::routines::Library;

/// An error line and the hint that may go under it.
pub struct Told {
    pub message: String,
    pub hint: Option<String>,
}

/// `limber COMMAND: no routine `x`; known: ...`, with a "did you mean":
/// the one wording of an unknown routine, for `run`, `preview`, `export`
/// and `edit`.
pub fn unknown_routine(s: &CliStrings, command: &str, routine: &str, library: &Library) -> Told {
    let known = library.ids();
    let shown = visible(routine);
    let args = [
        ("command", command),
        ("routine", &shown),
        ("known", known.as_str()),
    ];
    let ids = library.routines.iter().map(|l| l.routine.id.as_str());
    Told {
        message: fill(&s.no_routine, &args),
        hint: did_you_mean(s, routine, ids),
    }
}

/// `limber COMMAND: `r` has no variant `v`; variants: ...`, with a "did
/// you mean": the one wording of an unknown variant.
pub fn unknown_variant(s: &CliStrings, command: &str, routine: &Routine, variant: &str) -> Told {
    let known: Vec<&str> = routine.variants.iter().map(|x| x.id.as_str()).collect();
    let hint = did_you_mean(s, variant, known.iter().copied());
    let template = if known.is_empty() {
        &s.run_no_variants
    } else {
        &s.run_no_variant
    };
    let (known, shown) = (known.join(", "), visible(variant));
    let args = [
        ("command", command),
        ("routine", routine.id.as_str()),
        ("variant", &shown),
        ("known", known.as_str()),
    ];
    Told {
        message: fill(template, &args),
        hint,
    }
}

impl std::fmt::Display for Told {
    /// The message, then the hint on its own line when there is one.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message)?;
        match &self.hint {
            Some(h) => write!(f, "\n{h}"),
            None => Ok(()),
        }
    }
}

/// The candidate nearest `word`, if one is near enough to be what was
/// meant: a letter or two off, or a clear prefix.
pub fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    known
        .into_iter()
        .map(|k| {
            let lower = k.to_lowercase();
            let distance = strsim::damerau_levenshtein(&word, &lower);
            let similar = strsim::jaro_winkler(&word, &lower);
            (k, distance, similar)
        })
        .filter(|&(k, distance, similar)| {
            let allowed = (k.chars().count() / 4).clamp(1, 3);
            distance <= allowed || similar >= 0.9
        })
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(k, ..)| k)
}

/// One hint line, as every command writes it under an error.
pub fn hint(s: &CliStrings, text: &str) -> String {
    fill(&s.hint_line, &[("hint", text)])
}

/// The hint after clap's own usage error, in `lang`; none in English, where
/// clap's "For more information, try '--help'" says it already.
pub fn usage_hint(lang: Lang) -> Option<String> {
    (lang != Lang::En).then(|| {
        let s = CliStrings::load(lang);
        hint(&s, &s.usage_hint)
    })
}

/// `  hint: did you mean `x`?` when a known word is close to `word`.
pub fn did_you_mean<'a>(
    s: &CliStrings,
    word: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, known).map(|k| hint(s, &fill(&s.did_you_mean, &[("suggestion", k)])))
}

/// A file that could not be written or read, with its path, in the one
/// style: a directory where a file was meant is a usage error (exit 2);
/// anything else a failure (exit 1).
pub fn file_error(
    s: &CliStrings,
    command: &str,
    path: &std::path::Path,
    error: &std::io::Error,
) -> (String, crate::shell::exit::Exit) {
    use crate::core::sanitize::visible;
    use crate::shell::exit::Exit;
    let shown = visible(&path.display().to_string()).into_owned();
    if path.is_dir() {
        let text = fill(&s.file_is_dir, &[("command", command), ("path", &shown)]);
        return (text, Exit::Usage);
    }
    let error = error.to_string();
    // "Permission denied (os error 13)" reads better without the number.
    let error = match error.find(" (os error ") {
        Some(i) => error[..i].to_string(),
        None => error,
    };
    let text = fill(
        &s.file_error,
        &[("command", command), ("path", &shown), ("error", &error)],
    );
    (text, Exit::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_finds_its_word_and_nonsense_finds_none() {
        let ids = ["piriformis-stretch", "piriformis-massage"];
        assert_eq!(
            closest("piriformis-strech", ids),
            Some("piriformis-stretch")
        );
        assert_eq!(
            closest("Piriformis-Massage", ids),
            Some("piriformis-massage")
        );
        assert_eq!(closest("nope", ids), None);
        assert_eq!(closest("gentel", ["gentle", "deep"]), Some("gentle"));
        assert_eq!(closest("x", ["gentle"]), None);
    }
}
