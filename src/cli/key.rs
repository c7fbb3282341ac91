//! `limber key new | show`: the physiotherapist's signing key pair, in the
//! config directory. The secret key is written once, 0600, and never
//! printed; the public key and its fingerprint are what patients get.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::args::KeyCommand;
use super::context::Context;
use super::error::Error;
use crate::core::sanitize::visible;
use crate::i18n::{RxStrings, fill};
use crate::shell::exit::Exit;
use crate::store::paths;
use crate::store::prescription::{self as rx, RxError};

pub fn run(ctx: &mut Context, command: KeyCommand) -> Result<Exit, Error> {
    let s = RxStrings::load(ctx.lang);
    let name = match command {
        KeyCommand::New { .. } => "key new",
        KeyCommand::Show => "key show",
    };
    let Some(dir) = paths::key_dir() else {
        writeln!(ctx.err, "{}", fill(&s.no_config_dir, &[("command", name)]))?;
        return Ok(Exit::Failed);
    };
    let made = match command {
        KeyCommand::New { no_password } => {
            let password = if no_password { None } else { Some(None) };
            rx::new_key(&dir, password).map(|pk| (pk, true))
        }
        KeyCommand::Show => rx::public_key(&dir).map(|pk| (pk, false)),
    };
    match made {
        Ok((pk, new)) => {
            if new {
                let shown = visible(&dir.display().to_string()).into_owned();
                writeln!(ctx.out, "{}", fill(&s.key_created, &[("dir", &shown)]))?;
            }
            writeln!(ctx.out, "{}", s.key_public)?;
            write!(
                ctx.out,
                "{}",
                rx::public_text(&pk).map_err(|e| key_io(&dir, e))?
            )?;
            let fp = rx::fingerprint(&pk);
            writeln!(
                ctx.out,
                "{}",
                fill(&s.key_fingerprint, &[("fingerprint", &fp)])
            )?;
            Ok(Exit::Done)
        }
        Err(e) => {
            writeln!(ctx.err, "{}", key_problem(&s, name, &dir, &e))?;
            Ok(Exit::Failed)
        }
    }
}

fn key_io(dir: &Path, e: RxError) -> Error {
    Error::File {
        path: PathBuf::from(dir),
        source: std::io::Error::other(e.to_string()),
    }
}

/// What went wrong with the key pair, in the user's language where limber
/// words it; shared with `prescribe`.
pub fn key_problem(s: &RxStrings, command: &str, dir: &Path, e: &RxError) -> String {
    let shown = visible(&dir.display().to_string()).into_owned();
    match e {
        RxError::KeyExists { .. } => fill(&s.key_exists, &[("dir", &shown)]),
        RxError::NoKey { .. } => fill(&s.key_none, &[("command", command), ("dir", &shown)]),
        other => fill(
            &s.failed,
            &[
                ("command", command),
                ("error", &visible(&other.to_string())),
            ],
        ),
    }
}
