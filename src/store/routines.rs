//! Finding and loading routines: the built-ins embedded in the binary, then
//! the user's routines directory, whose files override built-ins by id.

use std::path::{Path, PathBuf};

use std::time::Duration;

use crate::core::diagnostic::Diagnostic;
use crate::core::lang::Lang;
use crate::core::parse::{MAX_BYTES, parse_routine_with};
use crate::core::plan::expand;
use crate::core::pose::{Catalog, check_names};
use crate::core::record::RoutineRef;
use crate::core::ron_spans::Pos;
use crate::core::routine::{Routine, Side};

pub use super::files::{Broken, routine_files};
use super::files::{built_in, read_ron};

/// Built-in routines as (language, file name, text). One file per routine
/// and language; `tests/it/core/builtin.rs` checks the languages agree.
pub const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "en",
        "piriformis-stretch.ron",
        include_str!("../../routines/en/piriformis-stretch.ron"),
    ),
    (
        "en",
        "piriformis-massage.ron",
        include_str!("../../routines/en/piriformis-massage.ron"),
    ),
    (
        "ru",
        "piriformis-stretch.ron",
        include_str!("../../routines/ru/piriformis-stretch.ron"),
    ),
    (
        "ru",
        "piriformis-massage.ron",
        include_str!("../../routines/ru/piriformis-massage.ron"),
    ),
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
}

#[derive(Clone, Debug)]
pub struct Loaded {
    pub routine: Routine,
    pub origin: Origin,
    /// The pictures the routine's steps and beats name.
    pub poses: Catalog,
    lengths: Vec<Duration>,
    /// The signed prescription it came from (`store::prescription::overlay`).
    pub prescription: Option<crate::core::prescription::Prescribed>,
}

impl Loaded {
    /// A routine with the built-in poses it names.
    pub fn new(routine: Routine, origin: Origin) -> Loaded {
        Loaded::with_poses(routine, origin, super::poses::builtin_ref())
    }

    /// A routine with the poses it names from `catalog`.
    pub fn with_poses(routine: Routine, origin: Origin, catalog: &Catalog) -> Loaded {
        let lengths = std::iter::once(None)
            .chain(routine.variants.iter().map(|v| Some(v.id.as_str())))
            .map(|v| expand(&routine, v, Side::Left).map_or(Duration::ZERO, |p| p.total()))
            .collect();
        Loaded {
            poses: catalog.used_by(&routine),
            routine,
            origin,
            lengths,
            prescription: None,
        }
    }

    /// What the log stores about this routine.
    pub fn reference(&self) -> RoutineRef {
        RoutineRef::of(&self.routine)
    }

    /// How long a session takes: `variant` 0 is the main steps, `i` is
    /// `variants[i - 1]`. Worked out once, at load, not on every frame.
    pub fn length(&self, variant: usize) -> Duration {
        self.lengths.get(variant).copied().unwrap_or_default()
    }
}

/// Everything limber would offer: working routines and broken files.
#[derive(Clone, Debug, Default)]
pub struct Library {
    pub routines: Vec<Loaded>,
    pub broken: Vec<Broken>,
}

impl Library {
    pub fn find(&self, id: &str) -> Option<&Loaded> {
        self.routines.iter().find(|l| l.routine.id == id)
    }

    /// The loaded ids, comma-separated, for "no routine `x`; known: ...".
    /// Who prescribed the routines of the prescription in force, if any.
    pub fn prescriber(&self) -> Option<&crate::core::prescription::Physio> {
        self.routines
            .iter()
            .find_map(|l| l.prescription.as_ref().map(|p| &p.physio))
    }

    pub fn ids(&self) -> String {
        let ids: Vec<&str> = self
            .routines
            .iter()
            .map(|l| l.routine.id.as_str())
            .collect();
        ids.join(", ")
    }
}

/// The built-in routines in `lang` (English where a routine lacks it).
pub fn builtin(lang: Lang) -> Vec<Loaded> {
    let lang = lang.code();
    let poses = super::poses::builtin_ref();
    let mut out: Vec<Loaded> = Vec::new();
    for &(file_lang, name, text) in BUILTIN {
        if file_lang != lang && file_lang != "en" {
            continue;
        }
        // A file of the same name in `lang` is the same routine, which
        // replaces this English one: it is not parsed only to be dropped.
        let translated = || BUILTIN.iter().any(|&(l, n, _)| l == lang && n == name);
        if file_lang != lang && translated() {
            continue;
        }
        // Read as `built_in` says: the tests below prove each passes
        // `parse_with_poses`.
        let Some(routine) = built_in::<Routine>(text) else {
            continue;
        };
        match out.iter_mut().find(|l| l.routine.id == routine.id) {
            Some(existing) if file_lang == lang => {
                *existing = Loaded::with_poses(routine, Origin::BuiltIn, poses)
            }
            Some(_) => {}
            None => out.push(Loaded::with_poses(routine, Origin::BuiltIn, poses)),
        }
    }
    out
}

/// A routine's bytes parsed and checked, its pose names included: each
/// must be in `poses`.
pub fn parse_with_poses(bytes: &[u8], poses: &Catalog) -> Result<Routine, Vec<Diagnostic>> {
    // Pose names are checked with the rest, so one run shows every mistake.
    parse_routine_with(bytes, |routine, text| check_names(routine, text, poses))
}

/// The poses a routine file may name: the built-ins and those in the
/// `poses/` folder beside it (a broken pose file there is left out; the
/// library and `limber validate` report it).
pub fn poses_for_file(path: &Path) -> Catalog {
    super::poses::load(super::poses::dir_of_file(path).as_deref()).0
}

/// Reads one routine file through the safe reader: a regular file of at
/// most [`MAX_BYTES`], else a diagnostic naming why. Its pose names are
/// checked against `poses`, or, if `None`, [`poses_for_file`].
pub fn load_file(path: &Path, poses: Option<&Catalog>) -> Result<Routine, Broken> {
    let bytes = read_ron(path, MAX_BYTES, "a routine")?;
    let beside;
    let poses = match poses {
        Some(poses) => poses,
        None => {
            beside = poses_for_file(path);
            &beside
        }
    };
    parse_with_poses(&bytes, poses).map_err(|d| Broken::parsed(path, &bytes, d))
}

/// Built-ins in `lang`, overridden and extended by the files in `user_dir`.
/// A broken file is listed in `broken` and never stops the others.
pub fn load_library(lang: Lang, user_dir: Option<&Path>) -> Library {
    let mut library = Library {
        routines: builtin(lang),
        broken: Vec::new(),
    };
    let Some(dir) = user_dir else {
        return library;
    };
    let files = match routine_files(dir) {
        Ok(files) => files,
        Err(e) => {
            library.broken.push(Broken {
                path: dir.to_path_buf(),
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    Pos { line: 1, col: 1 },
                    format!("cannot read the routines directory: {e}"),
                )],
            });
            return library;
        }
    };
    let (poses, broken) = super::poses::load(Some(&super::poses::dir_beside(dir)));
    library.broken.extend(broken);
    for path in files {
        match load_file(&path, Some(&poses)) {
            Ok(routine) => {
                let loaded = Loaded::with_poses(routine, Origin::File(path), &poses);
                match library
                    .routines
                    .iter_mut()
                    .find(|l| l.routine.id == loaded.routine.id)
                {
                    // Two user files with one id: the one in the chosen
                    // language wins, else the first by name.
                    Some(existing)
                        if existing.origin == Origin::BuiltIn
                            || (loaded.routine.lang == lang.code()
                                && existing.routine.lang != lang.code()) =>
                    {
                        *existing = loaded
                    }
                    Some(_) => {}
                    None => library.routines.push(loaded),
                }
            }
            Err(broken) => library.broken.push(broken),
        }
    }
    library
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What start-up reads without the checks is what the checked parse,
    /// pose names included, makes of the same text, for every built-in
    /// routine in every language.
    #[test]
    fn the_built_ins_read_unchecked_are_the_checked_ones() {
        let poses = crate::store::poses::builtin_ref();
        for &(lang, name, text) in BUILTIN {
            let checked = parse_with_poses(text.as_bytes(), poses)
                .unwrap_or_else(|d| panic!("{lang}/{name}: {d:?}"));
            assert_eq!(built_in::<Routine>(text), Some(checked), "{lang}/{name}");
        }
    }

    /// Russian replaces each English built-in by its translation, in the
    /// same order, and English keeps its own.
    #[test]
    fn each_language_gets_its_own_built_ins() {
        for lang in Lang::ALL {
            let loaded = builtin(lang);
            let ids: Vec<&str> = loaded.iter().map(|l| l.routine.id.as_str()).collect();
            assert_eq!(ids, ["piriformis-stretch", "piriformis-massage"]);
            assert!(loaded.iter().all(|l| l.routine.lang == lang.code()));
            assert!(loaded.iter().all(|l| !l.poses.is_empty()));
        }
    }
}
