//! `limber new ID`: start a routine from a commented template.

use crate::cli::error::Error;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::cli::context::Routines;
use crate::core::lang::Lang;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::routines::Origin;

const TEMPLATE_EN: &str = include_str!("../../assets/template.ron");
const TEMPLATE_RU: &str = include_str!("../../assets/template.ru.ron");

use crate::core::routine::valid_id;

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
pub fn run(ctx: &mut crate::cli::context::Context, id: &str) -> Result<Exit, Error> {
    let (dir, flag) = (ctx.routines_dir.as_deref(), ctx.global.routines.as_deref());
    let library = &ctx.library;
    Ok(create(
        id,
        ctx.lang,
        (dir, library),
        flag,
        &mut ctx.out,
        &mut ctx.err,
    )?)
}

fn create(
    id: &str,
    lang: Lang,
    (dir, library): (Option<&Path>, &Routines),
    flag: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    if !valid_id(id) {
        write!(err, "{}", fill(&s.new_invalid_id, &[("id", id)]))?;
        match suggest_id(id) {
            Some(suggestion) => {
                writeln!(err, "{}", fill(&s.new_try, &[("suggestion", &suggestion)]))?
            }
            None => writeln!(err)?,
        }
        return Ok(Exit::Usage);
    }
    let Some(dir) = dir else {
        writeln!(err, "{}", fill(&s.no_routines_dir, &[("command", "new")]))?;
        return Ok(Exit::Usage);
    };
    let library = library.get();
    let routines_flag = flag
        .map(|d| format!(" --routines {}", shell_quote(&d.display().to_string())))
        .unwrap_or_default();
    let edit = format!("limber{routines_flag} edit {id}");
    if let Some(existing) = library.find(id) {
        let message = match &existing.origin {
            Origin::BuiltIn => fill(&s.new_builtin, &[("id", id), ("cli", &edit)]),
            Origin::File(path) => fill(
                &s.new_exists,
                &[
                    ("id", id),
                    ("file", &path.display().to_string()),
                    ("cli", &edit),
                ],
            ),
        };
        writeln!(err, "{message}")?;
        return Ok(Exit::Failed);
    }
    fs::create_dir_all(dir)?;
    let path = dir.join(format!("{id}.ron"));
    let shown = path.display().to_string();
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let validate = format!("limber validate {}", shell_quote(&shown));
            writeln!(
                err,
                "{}",
                fill(
                    &s.new_file_exists,
                    &[("file", &shown), ("id", id), ("cli", &validate)]
                )
            )?;
            return Ok(Exit::Failed);
        }
        Err(e) => return Err(e),
    };
    file.write_all(template(id, lang).as_bytes())?;
    file.sync_all()?;
    writeln!(out, "{}", fill(&s.new_created, &[("file", &shown)]))?;
    writeln!(out, "{}", s.new_next_steps)?;
    let steps = [
        (edit, &s.new_step_edit),
        (
            format!("limber{routines_flag} validate"),
            &s.new_step_validate,
        ),
        (
            format!("limber{routines_flag} export {id} --format html -o {id}.html"),
            &s.new_step_export,
        ),
    ];
    for (command, what) in steps {
        writeln!(out, "  - {what}:\n      {command}")?;
    }
    Ok(Exit::Done)
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
            "-",
            "--",
            "-a",
            "a-",
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
