//! `limber prescription import FILE`: the archive read with caps, the
//! signature checked against the trusted key (or, the first time, the key
//! the signed payload names, pinned once the patient agrees), the version
//! against the one in force, the changes shown in words, then installed.

use std::io::Write;
use std::path::Path;

use crate::cli::context::Context;
use crate::cli::error::Error;
use crate::core::prescription::{self, Prescription, diff::diff};
use crate::core::sanitize::visible;
use crate::i18n::fill;
use crate::shell::exit::Exit;
use crate::store::prescription::{self as rx, Bundle, RxError};

use super::prescribe::rx_error;
use super::words::RxWords;
use super::{confirm, problems, shown};

const COMMAND: &str = "prescription import";

pub fn run(ctx: &mut Context, file: &Path, trust_new_key: bool, yes: bool) -> Result<Exit, Error> {
    let w = RxWords::load(ctx.lang);
    let data = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    let name = shown(file);
    let bundle = match rx::read_bundle(file) {
        Ok(b) => b,
        Err(e) => return refused(ctx, &w, &name, file, e),
    };
    let trusted = rx::trusted(&data).map_err(|e| rx_error(&data, e))?;
    let signed_by = match rx::signer(&bundle.signature) {
        Ok(k) => k,
        Err(e) => return refused(ctx, &w, &name, file, e),
    };
    // With a trusted key that signed it, the signature is checked before
    // anything in the payload is read.
    let same_key = trusted.as_ref().filter(|t| rx::fingerprint(t) == signed_by);
    if let Some(t) = same_key
        && let Err(e) = rx::verify(&bundle.payload, &bundle.signature, t)
    {
        return refused(ctx, &w, &name, file, e);
    }
    let payload = match prescription::read(&bundle.payload) {
        Ok(p) => p,
        // Unreadable, and not signed by a trusted key: changed, or never ours.
        Err(p) if same_key.is_some() => {
            problems(&w.s, COMMAND, file, &p, &mut ctx.err)?;
            return Ok(Exit::Failed);
        }
        Err(_) => return refused(ctx, &w, &name, file, RxError::BadSignature(String::new())),
    };
    let mut pin = None;
    if same_key.is_none() {
        let claimed = match rx::parse_public(&payload.key) {
            Ok(k) => k,
            Err(_) => return refused(ctx, &w, &name, file, RxError::BadSignature(String::new())),
        };
        if let Err(e) = rx::verify(&bundle.payload, &bundle.signature, &claimed) {
            // The payload names one key and another signed it: changed.
            let e = match e {
                RxError::OtherKey { .. } => RxError::BadSignature(String::new()),
                other => other,
            };
            return refused(ctx, &w, &name, file, e);
        }
        let new = rx::fingerprint(&claimed);
        match &trusted {
            Some(t) if !trust_new_key => {
                let e = RxError::OtherKey {
                    signed: new,
                    trusted: rx::fingerprint(t),
                };
                return refused(ctx, &w, &name, file, e);
            }
            Some(t) => {
                let old = rx::fingerprint(t);
                writeln!(
                    ctx.out,
                    "{}",
                    fill(&w.s.import_new_key, &[("old", &old), ("new", &new)])
                )?;
                let ask = fill(&w.s.import_trust_ask, &[("fingerprint", &new)]);
                if !yes && !ask_yes(ctx, &w, &ask)? {
                    writeln!(ctx.out, "{}", w.s.import_declined)?;
                    return Ok(Exit::Failed);
                }
            }
            None => {
                writeln!(
                    ctx.out,
                    "{}",
                    fill(&w.s.import_first_key, &[("fingerprint", &new)])
                )?;
            }
        }
        pin = Some(claimed);
    }
    let new = match prescription::check(payload, crate::store::poses::builtin_ref()) {
        Ok(p) => p,
        Err(p) => {
            problems(&w.s, COMMAND, file, &p, &mut ctx.err)?;
            return Ok(Exit::Failed);
        }
    };
    // A prescription in force that cannot be read is replaced, not compared.
    let current = rx::current(&data).ok().flatten().map(|i| i.prescription);
    match rx::check_version(current.as_ref(), &new) {
        Ok(()) => {}
        Err(RxError::Same(v)) => {
            writeln!(
                ctx.out,
                "{}",
                fill(&w.s.import_same, &[("version", &v.to_string())])
            )?;
            return Ok(Exit::Done);
        }
        Err(e) => return refused(ctx, &w, &name, file, e),
    }
    tell(ctx, &w, current.as_ref(), &new)?;
    if !yes && !ask_yes(ctx, &w, &w.s.import_ask)? {
        writeln!(ctx.out, "{}", w.s.import_declined)?;
        return Ok(Exit::Failed);
    }
    install(ctx, &w, &data, &bundle, &new, pin.as_ref())
}

/// What it is, from whom, and what changes.
fn tell(
    ctx: &mut Context,
    w: &RxWords,
    current: Option<&Prescription>,
    new: &Prescription,
) -> Result<(), Error> {
    writeln!(ctx.out, "{}", w.heading(&new.payload))?;
    let changes = diff(current, new);
    if changes.is_empty() {
        writeln!(ctx.out, "{}", w.s.import_no_changes)?;
    } else {
        writeln!(ctx.out, "{}", w.s.import_changes)?;
        for c in &changes {
            writeln!(ctx.out, "  {}", w.change(c))?;
        }
    }
    Ok(())
}

fn install(
    ctx: &mut Context,
    w: &RxWords,
    data: &Path,
    bundle: &Bundle,
    new: &Prescription,
    pin: Option<&minisign::PublicKey>,
) -> Result<Exit, Error> {
    if let Some(pk) = pin {
        rx::trust(data, pk).map_err(|e| rx_error(data, e))?;
    }
    let kept = rx::current(data).ok().flatten().is_some();
    rx::install(data, bundle, new).map_err(|e| rx_error(data, e))?;
    writeln!(
        ctx.out,
        "{}",
        fill(
            &w.s.import_installed,
            &[
                ("id", &visible(&new.payload.id)),
                ("version", &new.payload.version.to_string())
            ]
        )
    )?;
    if kept {
        writeln!(ctx.out, "{}", w.s.import_kept)?;
    }
    Ok(Exit::Done)
}

fn ask_yes(ctx: &mut Context, w: &RxWords, question: &str) -> Result<bool, Error> {
    let stdin = std::io::stdin();
    Ok(confirm(
        question,
        &w.s.yes,
        &mut stdin.lock(),
        &mut ctx.err,
    )?)
}

/// Each reason for refusing a file, in its own words; nothing is installed.
fn refused(
    ctx: &mut Context,
    w: &RxWords,
    name: &str,
    file: &Path,
    e: RxError,
) -> Result<Exit, Error> {
    let s = &w.s;
    let detail = |d: &str| visible(d).into_owned();
    let text = match e {
        RxError::Damaged(d) => fill(
            &s.import_damaged,
            &[("file", name), ("detail", &detail(&d))],
        ),
        RxError::Entries(d) => fill(
            &s.import_entries,
            &[("file", name), ("detail", &detail(&d))],
        ),
        RxError::BadSignature(_) => fill(&s.import_bad_signature, &[("file", name)]),
        RxError::SignatureFormat(d) => fill(
            &s.import_signature_format,
            &[("file", name), ("detail", &detail(&d))],
        ),
        RxError::OtherKey { signed, trusted } => fill(
            &s.import_other_key,
            &[("file", name), ("signed", &signed), ("trusted", &trusted)],
        ),
        RxError::Older { installed, offered } => fill(
            &s.import_older,
            &[
                ("file", name),
                ("installed", &installed.to_string()),
                ("offered", &offered.to_string()),
            ],
        ),
        RxError::Read(r) => return Err(Error::Read(r)),
        other => return Err(rx_error(file, other)),
    };
    writeln!(ctx.err, "{text}")?;
    Ok(Exit::Failed)
}
