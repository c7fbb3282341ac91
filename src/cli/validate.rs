//! `limber validate`: check routine files, print every problem.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::core::parse::parse_routine;
use crate::store::routines::{BUILTIN, Broken, load_file, routine_files};

pub const EXIT_VALID: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Checks `paths` (files or directories), or with none every routine limber
/// would load. Valid files are listed on `out`, problems on `err`.
pub fn run(
    paths: &[PathBuf],
    user_dir: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    let mut files = Vec::new();
    let mut checked = 0usize;
    let mut invalid = 0usize;
    if paths.is_empty() {
        for &(lang, name, text) in BUILTIN {
            let label = format!("built-in {lang}/{name}");
            checked += 1;
            match parse_routine(text.as_bytes()) {
                Ok(r) => writeln!(out, "{label}: ok ({})", r.id)?,
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
        }
    } else {
        for path in paths {
            if path.is_dir() {
                files.extend(listing(path, err)?);
            } else if path.exists() {
                files.push(path.clone());
            } else {
                writeln!(
                    err,
                    "limber validate: {}: no such file or directory",
                    path.display()
                )?;
                return Ok(EXIT_USAGE);
            }
        }
    }
    for file in files {
        checked += 1;
        match load_file(&file) {
            Ok(r) => writeln!(out, "{}: ok ({})", file.display(), r.id)?,
            Err(broken) => {
                invalid += 1;
                write!(err, "{}", report(&broken))?;
            }
        }
    }
    if invalid > 0 {
        writeln!(
            err,
            "{invalid} of {checked} routine file{} invalid",
            if checked == 1 { " is" } else { "s are" }
        )?;
        Ok(EXIT_INVALID)
    } else {
        Ok(EXIT_VALID)
    }
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

fn report(broken: &Broken) -> String {
    let mut s = broken.render();
    if !broken.diagnostics.is_empty() && !s.ends_with("\n\n") {
        s.push('\n');
    }
    s
}
