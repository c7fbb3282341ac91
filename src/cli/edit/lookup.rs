//! Which file an edit of a routine id or a path installs into.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::context::Routines;
use crate::cli::new::shell_quote;
use crate::core::lang::Lang;
use crate::core::parse::parse_routine;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::routines::{BUILTIN, Origin};

use super::scratch::read_routine;

/// The file an edit installs into, and what it held before.
pub(super) struct EditTarget {
    pub(super) path: PathBuf,
    /// The routine's id before the edit, when the file was a valid routine.
    pub(super) id: Option<String>,
    /// The text of the built-in routine when `path` does not exist yet: the
    /// edit starts from it, and it becomes the backup once the edit is
    /// installed. The copy is written only then, so an edit that is left,
    /// rejected or interrupted leaves nothing behind.
    pub(super) builtin: Option<&'static str>,
}

/// The source text of built-in routine `id` in `lang`, else in English.
fn builtin_text(id: &str, lang: &str) -> Option<&'static str> {
    let mine = |want: &str| {
        BUILTIN.iter().find_map(|&(l, _, text)| {
            (l == want && parse_routine(text.as_bytes()).is_ok_and(|r| r.id == id)).then_some(text)
        })
    };
    mine(lang).or_else(|| mine("en"))
}

pub(super) fn find_target(
    routine: &str,
    lang: Lang,
    s: &CliStrings,
    (dir, library): (&Path, &Routines),
    flag: &str,
    err: &mut impl Write,
) -> io::Result<Result<EditTarget, Exit>> {
    // A path to a file: edit that file, whatever is in it.
    let as_path = Path::new(routine);
    if routine.ends_with(".ron") || routine.contains(std::path::MAIN_SEPARATOR) {
        if as_path.is_file() {
            return Ok(Ok(EditTarget {
                path: as_path.to_path_buf(),
                id: load_file_id(as_path),
                builtin: None,
            }));
        }
        if let Ok(meta) = std::fs::metadata(as_path) {
            let kind = &s.edit_kinds[usize::from(!meta.is_dir())];
            let path = crate::core::sanitize::visible(routine);
            writeln!(
                err,
                "{}",
                fill(&s.edit_not_a_file, &[("path", &path), ("kind", kind)])
            )?;
            return Ok(Err(Exit::Usage));
        }
        writeln!(err, "{}", fill(&s.edit_no_such_file, &[("path", routine)]))?;
        return Ok(Err(Exit::Usage));
    }
    let library = library.get();
    if let Some(rx) = library.find(routine).and_then(|l| l.prescription.as_ref()) {
        let text = fill(
            &s.edit_prescribed,
            &[
                ("routine", routine),
                ("physio", &rx.physio.name),
                ("version", &rx.rx.version.to_string()),
            ],
        );
        writeln!(err, "{text}")?;
        return Ok(Err(Exit::Failed));
    }
    let own = dir.join(format!("{routine}.ron"));
    match library.find(routine).map(|l| &l.origin) {
        Some(Origin::File(path)) => Ok(Ok(EditTarget {
            path: path.clone(),
            id: Some(routine.to_string()),
            builtin: None,
        })),
        Some(Origin::BuiltIn) if own.exists() => {
            if library.broken.iter().any(|b| b.path == own) {
                // The user's own copy has mistakes: fixing it is the point.
                return Ok(Ok(EditTarget {
                    path: own,
                    id: None,
                    builtin: None,
                }));
            }
            let other = load_file_id(&own).unwrap_or_default();
            let file = own.display().to_string();
            let cli = format!("limber{flag} edit {}", shell_quote(&file));
            writeln!(
                err,
                "{}",
                fill(
                    &s.edit_holds_other,
                    &[
                        ("file", &file),
                        ("other", &other),
                        ("routine", routine),
                        ("cli", &cli)
                    ]
                )
            )?;
            Ok(Err(Exit::Failed))
        }
        Some(Origin::BuiltIn) => {
            let Some(text) = builtin_text(routine, lang.code()) else {
                writeln!(
                    err,
                    "{}",
                    fill(&s.edit_builtin_missing, &[("routine", routine)])
                )?;
                return Ok(Err(Exit::Usage));
            };
            Ok(Ok(EditTarget {
                path: own,
                id: Some(routine.to_string()),
                builtin: Some(text),
            }))
        }
        None => {
            if own.exists() {
                // Broken, or a routine with another id: edit the file.
                let id = load_file_id(&own);
                return Ok(Ok(EditTarget {
                    path: own,
                    id,
                    builtin: None,
                }));
            }
            let told = crate::cli::suggest::unknown_routine(s, "edit", routine, library);
            let cli = format!("limber{flag} new {routine}");
            writeln!(err, "{}", told.message)?;
            writeln!(err, "{}", fill(&s.edit_start_new, &[("cli", &cli)]))?;
            if let Some(hint) = told.hint {
                writeln!(err, "{hint}")?;
            }
            Ok(Err(Exit::Usage))
        }
    }
}

pub(super) fn load_file_id(path: &Path) -> Option<String> {
    read_routine(path)
        .ok()
        .and_then(|b| parse_routine(&b).ok())
        .map(|r| r.id)
}
