//! `limber validate`: check routine files, print every problem.

use crate::cli::error::Error;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, Lang, fill};
use crate::shell::exit::Exit;
use crate::store::poses;
use crate::store::routines::{BUILTIN, Broken, load_file, parse_with_poses, routine_files};

/// Checks `paths` (files or directories), or with none every routine limber
/// would load. Valid files are listed on `out`, problems on `err`. The
/// diagnostics themselves stay English, like ron's; what limber says around
/// them is in `lang`.
pub fn run(ctx: &mut crate::cli::context::Context, paths: &[PathBuf]) -> Result<Exit, Error> {
    let dir = ctx.routines_dir.as_deref();
    Ok(validate(paths, dir, ctx.lang, &mut ctx.out, &mut ctx.err)?)
}

fn validate(
    paths: &[PathBuf],
    user_dir: Option<&Path>,
    lang: Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Exit> {
    let s = CliStrings::load(lang);
    let ok = |file: &str, id: &str| {
        fill(
            &s.validate_ok,
            &[("file", &visible(file)), ("id", &visible(id))],
        )
    };
    let mut files = Vec::new();
    let mut checked = 0usize;
    let mut invalid = 0usize;
    // Pose files in a poses/ folder beside the routines are checked too.
    let mut pose_files = Vec::new();
    if paths.is_empty() {
        let builtin_poses = poses::builtin();
        for &(code, name, text) in BUILTIN {
            let label = fill(&s.validate_builtin, &[("lang", code), ("name", name)]);
            checked += 1;
            match parse_with_poses(text.as_bytes(), &builtin_poses) {
                Ok(r) => writeln!(out, "{}", ok(&label, &r.id))?,
                Err(diagnostics) => {
                    invalid += 1;
                    for d in diagnostics {
                        write!(err, "{}", d.render(&label, text))?;
                    }
                }
            }
        }
        if let Some(dir) = user_dir {
            files.extend(listing(dir, err)?);
            pose_files.extend(pose_listing(dir));
        }
    } else {
        for path in paths {
            if path.is_dir() {
                let found = listing(path, err)?;
                if found.is_empty() {
                    let shown = visible(&path.display().to_string()).into_owned();
                    writeln!(err, "{}", fill(&s.validate_nothing, &[("path", &shown)]))?;
                    return Ok(Exit::Usage);
                }
                // A link in the directory may point anywhere (a private
                // file, a device): refused, never followed. A file named
                // on the command line is the user's own choice.
                for file in found {
                    if is_link(&file) {
                        checked += 1;
                        invalid += 1;
                        let shown = visible(&file.display().to_string()).into_owned();
                        writeln!(err, "{}", fill(&s.validate_symlink, &[("path", &shown)]))?;
                    } else {
                        files.push(file);
                    }
                }
                pose_files.extend(pose_listing(path));
            } else if path.exists() {
                files.push(path.clone());
            } else {
                let path = path.display().to_string();
                writeln!(
                    err,
                    "{}",
                    fill(&s.validate_no_such_path, &[("path", &path)])
                )?;
                return Ok(Exit::Usage);
            }
        }
    }
    for file in files {
        checked += 1;
        // Anything but a `.ron` named here is read as a prescription file.
        if file.extension().is_some_and(|e| e != "ron") {
            if !crate::cli::prescription::validate_bundle(&file, lang, out, err)? {
                invalid += 1;
            }
            continue;
        }
        match load_file(&file, None) {
            Ok(r) => writeln!(out, "{}", ok(&file.display().to_string(), &r.id))?,
            Err(broken) => {
                invalid += 1;
                write!(err, "{}", report(&broken))?;
            }
        }
    }
    for file in pose_files {
        checked += 1;
        match poses::load_file(&file) {
            Ok(p) => writeln!(out, "{}", ok(&file.display().to_string(), &p.id))?,
            Err(broken) => {
                invalid += 1;
                write!(err, "{}", report(&broken))?;
            }
        }
    }
    if invalid > 0 {
        let files = s.validate_files.of(lang, checked as u64);
        let summary = fill(
            &s.validate_summary,
            &[("invalid", &invalid.to_string()), ("files", &files)],
        );
        writeln!(err, "{summary}")?;
        Ok(Exit::Failed)
    } else {
        Ok(Exit::Done)
    }
}

fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn listing(dir: &Path, err: &mut impl Write) -> io::Result<Vec<PathBuf>> {
    match routine_files(dir) {
        Ok(files) => Ok(files),
        Err(e) => {
            writeln!(err, "limber validate: {}: {e}", dir.display())?;
            Ok(Vec::new())
        }
    }
}

/// The pose files in the poses/ folder of a routines directory.
fn pose_listing(dir: &Path) -> Vec<PathBuf> {
    routine_files(&poses::dir_beside(dir)).unwrap_or_default()
}

fn report(broken: &Broken) -> String {
    let mut s = broken.render();
    if !broken.diagnostics.is_empty() && !s.ends_with("\n\n") {
        s.push('\n');
    }
    s
}
