//! `limber new ID`: start a routine from a commented template.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::args::Lang;
use crate::store::routines::{Origin, load_library};

pub const EXIT_CREATED: u8 = 0;
/// The routine or its file already exists.
pub const EXIT_EXISTS: u8 = 1;
/// An invalid id, or nowhere to put the file.
pub const EXIT_USAGE: u8 = 2;

const TEMPLATE_EN: &str = include_str!("../../assets/template.ron");
const TEMPLATE_RU: &str = include_str!("../../assets/template.ru.ron");

/// Whether `id` is a routine id limber accepts: 1 to 64 lowercase letters,
/// digits and `-`. The same rule as the loader's (a test checks they agree).
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A valid id close to `id`, for the error message: "Hip Stretch" gives
/// "hip-stretch".
fn suggest_id(id: &str) -> Option<String> {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out
        .trim_end_matches('-')
        .chars()
        .take(64)
        .collect::<String>();
    (valid_id(&out) && out != id).then_some(out)
}

/// "hip-basics" reads as "Hip basics".
fn title_from_id(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => id.to_string(),
    }
}

/// The template routine for `id` in `lang`, with comments on every field.
/// `id` must be valid (see [`valid_id`]).
pub fn template(id: &str, lang: Lang) -> String {
    let text = match lang {
        Lang::En => TEMPLATE_EN,
        Lang::Ru => TEMPLATE_RU,
    };
    text.replace("{{ID}}", id)
        .replace("{{TITLE}}", &title_from_id(id))
}

/// Quotes `s` for a POSIX shell when it needs it, for commands we print.
pub fn shell_quote(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@%+,".contains(c));
    if plain {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

/// Writes the template for `id` into `dir` (created if missing), refusing
/// to overwrite anything or to shadow a routine limber already has.
/// `flag` is the `--routines DIR` option as given, repeated in the next
/// steps printed on `out`.
pub fn run(
    id: &str,
    lang: Lang,
    dir: Option<&Path>,
    flag: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    if !valid_id(id) {
        write!(
            err,
            "limber new: `{id}` is not a valid routine id: use 1 to 64 lowercase \
             letters a-z, digits and `-`, like `hip-basics`"
        )?;
        match suggest_id(id) {
            Some(s) => writeln!(err, " (try `{s}`)")?,
            None => writeln!(err)?,
        }
        return Ok(EXIT_USAGE);
    }
    let Some(dir) = dir else {
        writeln!(
            err,
            "limber new: cannot tell where your routines directory is; give it with --routines DIR"
        )?;
        return Ok(EXIT_USAGE);
    };
    let library = load_library(lang.code(), Some(dir));
    let routines_flag = flag
        .map(|d| format!(" --routines {}", shell_quote(&d.display().to_string())))
        .unwrap_or_default();
    if let Some(existing) = library.find(id) {
        match &existing.origin {
            Origin::BuiltIn => writeln!(
                err,
                "limber new: `{id}` is a built-in routine; to adapt it for a patient, run \
                 `limber{routines_flag} edit {id}`"
            )?,
            Origin::File(path) => writeln!(
                err,
                "limber new: a routine `{id}` already exists in {}; to change it, run \
                 `limber{routines_flag} edit {id}`",
                path.display()
            )?,
        }
        return Ok(EXIT_EXISTS);
    }
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{id}.ron"));
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            writeln!(
                err,
                "limber new: {} already exists (it is not a valid routine `{id}`); \
                 limber does not overwrite it: check it with `limber validate {}`",
                path.display(),
                shell_quote(&path.display().to_string())
            )?;
            return Ok(EXIT_EXISTS);
        }
        Err(e) => return Err(e),
    };
    file.write_all(template(id, lang).as_bytes())?;
    file.sync_all()?;
    writeln!(out, "Created {}", path.display())?;
    writeln!(out, "Next steps:")?;
    let steps = [
        (
            format!("limber{routines_flag} edit {id}"),
            "adapt the texts and numbers for your patient",
        ),
        (
            format!("limber{routines_flag} validate"),
            "check every routine limber loads",
        ),
        (
            format!("limber{routines_flag} export {id} --format html -o {id}.html"),
            "print a handout for the patient",
        ),
    ];
    for (command, what) in steps {
        writeln!(out, "  - {what}:\n      {command}")?;
    }
    Ok(EXIT_CREATED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::parse_routine;

    #[test]
    fn templates_validate_in_both_languages() {
        for lang in [Lang::En, Lang::Ru] {
            let text = template("hip-basics", lang);
            let routine = parse_routine(text.as_bytes()).unwrap_or_else(|d| {
                panic!(
                    "{lang:?} template is invalid:\n{}",
                    d.iter()
                        .map(|d| d.render("template", &text))
                        .collect::<String>()
                )
            });
            assert_eq!(routine.id, "hip-basics");
            assert_eq!(routine.title, "Hip basics");
            assert_eq!(routine.lang, lang.code());
        }
    }

    #[test]
    fn valid_id_agrees_with_the_loader() {
        for id in [
            "a",
            "hip-basics",
            "x9",
            "Hip",
            "hip basics",
            "hip_basics",
            "hüft",
            "",
            &"a".repeat(64),
            &"a".repeat(65),
        ] {
            let ours = valid_id(id);
            // Build the template by hand so an id with quotes cannot break it.
            let text = TEMPLATE_EN.replace("{{ID}}", id).replace("{{TITLE}}", "T");
            let loader = parse_routine(text.as_bytes()).is_ok();
            assert_eq!(ours, loader, "{id:?}");
        }
    }

    #[test]
    fn suggests_a_valid_id() {
        assert_eq!(suggest_id("Hip Stretch"), Some("hip-stretch".into()));
        assert_eq!(suggest_id("hip_stretch!"), Some("hip-stretch".into()));
        assert_eq!(suggest_id("!!!"), None);
    }

    #[test]
    fn quotes_for_the_shell_only_when_needed() {
        assert_eq!(shell_quote("/tmp/r"), "/tmp/r");
        assert_eq!(shell_quote("/tmp/my routines"), "'/tmp/my routines'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
