//! Exercise pictures: the built-in poses embedded from `assets/poses/`,
//! then the user's, in a `poses/` folder beside their routines, which
//! override built-ins by id.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::core::diagnostic::Diagnostic;
use crate::core::pose::{Catalog, MAX_BYTES, parse_pose};
use crate::core::ron_spans::Pos;

use super::files::{Broken, built_in, read_ron, routine_files};

/// Built-in poses as (file name, text), one pose per file, named for its id.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "assisted-rise-up.ron",
        include_str!("../../assets/poses/assisted-rise-up.ron"),
    ),
    (
        "assisted-rise.ron",
        include_str!("../../assets/poses/assisted-rise.ron"),
    ),
    (
        "band-abduction-out.ron",
        include_str!("../../assets/poses/band-abduction-out.ron"),
    ),
    (
        "band-abduction.ron",
        include_str!("../../assets/poses/band-abduction.ron"),
    ),
    (
        "figure-four.ron",
        include_str!("../../assets/poses/figure-four.ron"),
    ),
    (
        "knee-across.ron",
        include_str!("../../assets/poses/knee-across.ron"),
    ),
    (
        "knee-pushes-apart.ron",
        include_str!("../../assets/poses/knee-pushes-apart.ron"),
    ),
    (
        "knee-pushes-right.ron",
        include_str!("../../assets/poses/knee-pushes-right.ron"),
    ),
    (
        "knee-pushes.ron",
        include_str!("../../assets/poses/knee-pushes.ron"),
    ),
    (
        "massage-bent-leg.ron",
        include_str!("../../assets/poses/massage-bent-leg.ron"),
    ),
    (
        "massage-knots.ron",
        include_str!("../../assets/poses/massage-knots.ron"),
    ),
    (
        "massage-lying.ron",
        include_str!("../../assets/poses/massage-lying.ron"),
    ),
    (
        "massage-strokes.ron",
        include_str!("../../assets/poses/massage-strokes.ron"),
    ),
    (
        "massage-thumb.ron",
        include_str!("../../assets/poses/massage-thumb.ron"),
    ),
    (
        "tennis-ball.ron",
        include_str!("../../assets/poses/tennis-ball.ron"),
    ),
];

/// The built-in poses, a copy of [`builtin_ref`]'s.
pub fn builtin() -> Catalog {
    builtin_ref().clone()
}

/// The built-in poses, read the first time this process asks and kept:
/// loading the library with a routines folder asked for them twice. Read
/// as [`built_in`] says (tests prove every one passes [`parse_pose`]).
pub fn builtin_ref() -> &'static Catalog {
    static PARSED: OnceLock<Catalog> = OnceLock::new();
    PARSED.get_or_init(|| {
        let mut catalog = Catalog::default();
        for pose in BUILTIN.iter().filter_map(|&(_, text)| built_in(text)) {
            catalog.insert(pose);
        }
        catalog
    })
}

/// Where the poses of the routines in `routines_dir` live.
pub fn dir_beside(routines_dir: &Path) -> PathBuf {
    routines_dir.join("poses")
}

/// The built-ins, overridden and extended by the pose files in `dir`
/// (a missing folder holds none); broken files are returned apart.
pub fn load(dir: Option<&Path>) -> (Catalog, Vec<Broken>) {
    let mut catalog = builtin();
    let mut broken = Vec::new();
    let Some(dir) = dir else {
        return (catalog, broken);
    };
    let files = match routine_files(dir) {
        Ok(files) => files,
        Err(e) => {
            broken.push(Broken {
                path: dir.to_path_buf(),
                source: String::new(),
                diagnostics: vec![Diagnostic::new(
                    Pos { line: 1, col: 1 },
                    format!("cannot read the poses directory: {e}"),
                )],
            });
            return (catalog, broken);
        }
    };
    for path in files {
        match load_file(&path) {
            Ok(pose) => catalog.insert(pose),
            Err(b) => broken.push(b),
        }
    }
    (catalog, broken)
}

/// Reads one pose file through the safe reader.
pub fn load_file(path: &Path) -> Result<crate::core::pose::Pose, Broken> {
    let bytes = read_ron(path, MAX_BYTES, "a pose")?;
    parse_pose(&bytes).map_err(|d| Broken::parsed(path, &bytes, d))
}

/// The poses folder beside a routine file, if there is one.
pub fn dir_of_file(routine: &Path) -> Option<PathBuf> {
    let dir = dir_beside(routine.parent()?);
    fs::metadata(&dir).is_ok_and(|m| m.is_dir()).then_some(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What start-up reads without the checks is what the checked parse
    /// makes of the same text, for every built-in pose.
    #[test]
    fn the_built_ins_read_unchecked_are_the_checked_ones() {
        let catalog = builtin_ref();
        assert_eq!(catalog.ids().count(), BUILTIN.len());
        for &(name, text) in BUILTIN {
            let checked = parse_pose(text.as_bytes()).unwrap_or_else(|d| panic!("{name}: {d:?}"));
            assert_eq!(catalog.get(&checked.id), Some(&checked), "{name}");
        }
    }
}
