//! `limber export`: a routine as a printable handout, in Markdown or HTML.
//!
//! The handout is built once as plain data ([`Handout`], in `handout.rs`)
//! in the routine's own language, then written out by [`markdown`]
//! (`markdown.rs`) or [`html`] (`html.rs`), so both formats always say the
//! same thing. This file holds the command.

mod handout;
mod html;
mod markdown;

use std::io::{self, Write};
use std::path::Path;

use clap::ValueEnum;

pub use handout::{Fact, Handout, HandoutPicture, HandoutStep, handout};
pub use html::{html, html_escape};
pub use markdown::markdown;

use super::context::Context;
use super::error::Error;
use super::suggest::{file_error, unknown_routine, unknown_variant};
use crate::core::plan::PlanError;
use crate::core::routine::Side;
use crate::i18n::{CliStrings, fill};
use crate::shell::exit::Exit;
use crate::store::private;
use crate::store::routines::{load_file, poses_for_file};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown
    Md,
    /// One self-contained HTML page, ready to print
    Html,
}

impl Format {
    /// `--format`, else what the output file's extension says, else Markdown.
    pub fn choose(format: Option<Format>, output: Option<&Path>) -> Format {
        format.unwrap_or_else(|| {
            let ext = output
                .and_then(|p| p.extension())
                .map(|e| e.to_string_lossy().to_lowercase());
            match ext.as_deref() {
                Some("html" | "htm") => Format::Html,
                _ => Format::Md,
            }
        })
    }
}

/// What `limber export` was asked for.
pub struct Request<'a> {
    /// A routine id, or a path to a `.ron` file.
    pub routine: &'a str,
    pub variant: Option<&'a str>,
    /// `--side`; without it, the configuration file's.
    pub side: Option<Side>,
    pub format: Option<Format>,
    pub output: Option<&'a Path>,
}

/// Finds the routine, builds the handout and writes it to `output`, or to
/// standard output when there is none.
pub fn run(ctx: &mut Context, req: &Request) -> Result<Exit, Error> {
    let s = CliStrings::load(ctx.lang);
    let err = &mut ctx.err;
    let as_path = Path::new(req.routine);
    let (routine, poses) = if req.routine.ends_with(".ron") && as_path.is_file() {
        let poses = poses_for_file(as_path);
        match load_file(as_path, Some(&poses)) {
            Ok(r) => (r, poses),
            Err(broken) => {
                write!(err, "{}", broken.render())?;
                writeln!(err, "{}", s.export_has_mistakes)?;
                return Ok(Exit::Usage);
            }
        }
    } else {
        let library = ctx.library.get();
        match library.find(req.routine) {
            Some(l) => (l.routine.clone(), l.poses.clone()),
            None => {
                writeln!(
                    err,
                    "{}",
                    unknown_routine(&s, "export", req.routine, library)
                )?;
                let name = format!("{}.ron", req.routine);
                for b in &library.broken {
                    if b.path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy() == name)
                    {
                        let path = b.path.display().to_string();
                        writeln!(err, "{}", fill(&s.export_not_loaded, &[("path", &path)]))?;
                    }
                }
                return Ok(Exit::Usage);
            }
        }
    };
    let handout = match handout(&routine, req.variant, req.side.or(ctx.config.side), &poses) {
        Ok(h) => h,
        Err(PlanError::UnknownVariant(v)) => {
            writeln!(err, "{}", unknown_variant(&s, "export", &routine, &v))?;
            return Ok(Exit::Usage);
        }
        Err(e) => {
            writeln!(err, "limber export: {e}")?;
            return Ok(Exit::Usage);
        }
    };
    let text = match Format::choose(req.format, req.output) {
        Format::Md => markdown(&handout),
        Format::Html => html(&handout),
    };
    match req.output {
        // Made like `log export -o`: a new file, 0600, never written over an
        // existing one or through a planted link.
        Some(path) => {
            if let Err(e) = private::write_new(path, text.as_bytes()) {
                if e.kind() == io::ErrorKind::AlreadyExists && !path.is_dir() {
                    return Err(Error::Exists {
                        path: path.to_path_buf(),
                    });
                }
                let (message, exit) = file_error(&s, "export", path, &e);
                writeln!(err, "{message}")?;
                return Ok(exit);
            }
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(Exit::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_output_file() {
        assert_eq!(Format::choose(None, None), Format::Md);
        assert_eq!(
            Format::choose(None, Some(Path::new("a.HTML"))),
            Format::Html
        );
        assert_eq!(
            Format::choose(Some(Format::Md), Some(Path::new("a.html"))),
            Format::Md
        );
    }
}
