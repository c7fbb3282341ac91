//! `limber prescribe` (the physiotherapist's side) and `limber
//! prescription import | show | rollback` (the patient's): the store does
//! the files, the signatures and the archive; these say what they mean.

pub mod import;
pub mod prescribe;
pub mod show;
pub mod words;

use std::io::{self, BufRead, Write};
use std::path::Path;

use super::args::PrescriptionCommand;
use super::context::Context;
use super::error::Error;
use crate::core::diagnostic::render_all;
use crate::core::prescription::{Part, PayloadProblem};
use crate::core::sanitize::{visible, visible_lines};
use crate::i18n::{RxStrings, fill};
use crate::shell::exit::Exit;

pub fn run(ctx: &mut Context, command: PrescriptionCommand) -> Result<Exit, Error> {
    match command {
        PrescriptionCommand::Import {
            file,
            trust_new_key,
            yes,
        } => import::run(ctx, &file, trust_new_key, yes),
        PrescriptionCommand::Show => show::show(ctx),
        PrescriptionCommand::Rollback => show::rollback(ctx),
    }
}

/// A file's name as shown: control characters made visible.
pub(crate) fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// Every problem of a payload, each under the name of the file and the
/// part it is in (`FILE#routine-2`), with its lines and carets.
pub(crate) fn problems(
    s: &RxStrings,
    command: &str,
    file: &Path,
    problems: &[PayloadProblem],
    err: &mut impl Write,
) -> io::Result<()> {
    let name = shown(file);
    writeln!(
        err,
        "{}",
        fill(&s.invalid, &[("command", command), ("file", &name)])
    )?;
    for p in problems {
        let at = match p.part {
            Part::Payload => format!("{name}#prescription.ron"),
            Part::Routine(n) => format!("{name}#routine-{n}"),
            Part::Pose(n) => format!("{name}#pose-{n}"),
        };
        writeln!(
            err,
            "{}",
            visible_lines(&render_all(&p.diagnostics, &at, &p.source))
        )?;
    }
    Ok(())
}

/// `limber validate FILE` for a prescription file: the archive and every
/// routine and pose in it, as the import checks them (the signature needs
/// the patient's trusted key, which `validate` does not have). Whether it
/// is valid.
pub fn validate_bundle(
    file: &Path,
    lang: crate::i18n::Lang,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let s = RxStrings::get(lang);
    let name = shown(file);
    let bundle = match crate::store::prescription::read_bundle(file) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "{name}: {}", visible(&e.to_string()))?;
            return Ok(false);
        }
    };
    match crate::core::prescription::parse(&bundle.payload, crate::store::poses::builtin_ref()) {
        Ok(p) => {
            let ids: Vec<String> = p
                .routines
                .iter()
                .map(|r| visible(&r.id).into_owned())
                .collect();
            let line = fill(
                &s.validate_bundle_ok,
                &[
                    ("file", &name),
                    ("id", &visible(&p.payload.id)),
                    ("version", &p.payload.version.to_string()),
                    ("routines", &ids.join(", ")),
                ],
            );
            writeln!(out, "{line}")?;
            Ok(true)
        }
        Err(p) => {
            problems(s, "validate", file, &p, err)?;
            Ok(false)
        }
    }
}

/// Asks `question` on `err` and reads one line of `input`: whether it is
/// one of `yes`. The end of input is no.
pub(crate) fn confirm(
    question: &str,
    yes: &[String],
    input: &mut impl BufRead,
    err: &mut impl Write,
) -> io::Result<bool> {
    write!(err, "{question}")?;
    err.flush()?;
    let mut line = String::new();
    if input.read_line(&mut line)? == 0 {
        writeln!(err)?;
        return Ok(false);
    }
    let answer = line.trim().to_lowercase();
    Ok(yes.contains(&answer))
}
