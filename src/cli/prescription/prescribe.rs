//! `limber prescribe ROUTINE... --patient LABEL -o FILE`: the routines, with
//! the pictures they name that are not built in, bundled for one patient
//! and signed with the physiotherapist's key. Each patient label keeps its
//! prescription id; each new bundle for it is the next version.

use std::io::Write;

use sha2::{Digest, Sha256};

use crate::cli::args::PrescribeArgs;
use crate::cli::context::Context;
use crate::cli::error::Error;
use crate::cli::key::key_problem;
use crate::core::prescription::{self, FORMAT, MAX_LABEL, Payload, Physio};
use crate::core::sanitize::visible;
use crate::i18n::{CliStrings, RxStrings, fill};
use crate::shell::exit::Exit;
use crate::store::paths;
use crate::store::prescription::{self as rx, Issued, RxError};
use crate::store::routines::{Loaded, Origin};
use crate::store::safe_file::read_capped;

use super::{problems, shown};

pub fn run(ctx: &mut Context, args: &PrescribeArgs) -> Result<Exit, Error> {
    let s = RxStrings::load(ctx.lang);
    let data = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    let Some(key_dir) = paths::key_dir() else {
        writeln!(
            ctx.err,
            "{}",
            fill(&s.no_config_dir, &[("command", "prescribe")])
        )?;
        return Ok(Exit::Failed);
    };
    let keys = rx::public_key(&key_dir).and_then(|pk| Ok((pk, rx::secret_key(&key_dir)?)));
    let (pk, sk) = match keys {
        Ok(k) => k,
        Err(e) => {
            writeln!(ctx.err, "{}", key_problem(&s, "prescribe", &key_dir, &e))?;
            return Ok(Exit::Failed);
        }
    };
    let mut routines = Vec::new();
    let mut poses = Vec::new();
    for id in &args.ids {
        let Some(loaded) = ctx.library.get().find(id) else {
            let c = CliStrings::load(ctx.lang);
            let known = ctx.library.get().ids();
            writeln!(
                ctx.err,
                "{}",
                fill(
                    &c.no_routine,
                    &[
                        ("command", "prescribe"),
                        ("routine", &visible(id)),
                        ("known", &known)
                    ]
                )
            )?;
            return Ok(Exit::Usage);
        };
        routines.push(prescription::routine_text(&loaded.routine));
        for text in own_poses(loaded, ctx.routines_dir.as_deref()) {
            if !poses.contains(&text) {
                poses.push(text);
            }
        }
    }
    let mut ledger = rx::ledger(&data).map_err(|e| rx_error(&data, e))?;
    let before = ledger.patients.get(&args.patient).cloned();
    let Some(name) = args
        .physio
        .clone()
        .or_else(|| before.as_ref().map(|b| b.physio.name.clone()))
    else {
        writeln!(ctx.err, "{}", s.prescribe_no_physio)?;
        return Ok(Exit::Usage);
    };
    let contact = args
        .contact
        .clone()
        .or_else(|| before.as_ref().map(|b| b.physio.contact.clone()))
        .unwrap_or_default();
    for (what, text) in [
        ("--patient", &args.patient),
        ("--physio", &name),
        ("--contact", &contact),
    ] {
        if text.chars().count() > MAX_LABEL
            || text.chars().any(char::is_control)
            || (what != "--contact" && text.trim().is_empty())
        {
            writeln!(
                ctx.err,
                "{}",
                fill(&s.prescribe_bad_text, &[("what", what)])
            )?;
            return Ok(Exit::Usage);
        }
    }
    let now = crate::shell::clock::local_now();
    let (id, version) = match &before {
        Some(b) => (b.id.clone(), b.version + 1),
        None => (
            new_id(
                &args.patient,
                &rx::fingerprint(&pk),
                now.timestamp_nanos_opt(),
            ),
            1,
        ),
    };
    let payload = Payload {
        format: FORMAT,
        id: id.clone(),
        version,
        patient: args.patient.clone(),
        physio: Physio { name, contact },
        side: args.side.map(Into::into),
        starts: args.starts.unwrap_or(now.date_naive()),
        key: pk.to_base64(),
        routines,
        poses,
    };
    let text = prescription::write(&payload);
    // What the patient's limber will check is checked here first.
    if let Err(p) = prescription::parse(text.as_bytes(), crate::store::poses::builtin_ref()) {
        problems(&s, "prescribe", &args.output, &p, &mut ctx.err)?;
        return Ok(Exit::Failed);
    }
    let comment = format!("limber prescription {id} version {version}");
    let signature =
        rx::sign(text.as_bytes(), &sk, &pk, &comment).map_err(|e| rx_error(&key_dir, e))?;
    match rx::write_bundle(&args.output, text.as_bytes(), &signature) {
        Ok(()) => {}
        Err(RxError::Io { path, source }) => return Err(Error::creating(&path, source)),
        Err(e) => return Err(rx_error(&args.output, e)),
    }
    ledger.patients.insert(
        args.patient.clone(),
        Issued {
            id: id.clone(),
            version,
            physio: payload.physio.clone(),
        },
    );
    rx::save_ledger(&data, &ledger).map_err(|e| rx_error(&data, e))?;
    let file = shown(&args.output);
    writeln!(
        ctx.out,
        "{}",
        fill(
            &s.prescribe_written,
            &[
                ("file", &file),
                ("id", &id),
                ("version", &version.to_string()),
                ("patient", &visible(&args.patient)),
                ("fingerprint", &rx::fingerprint(&pk)),
            ]
        )
    )?;
    writeln!(
        ctx.out,
        "{}",
        fill(
            &s.prescribe_check,
            &[("file", &file), ("key", &pk.to_base64())]
        )
    )?;
    Ok(Exit::Done)
}

/// A new prescription's id: from the label, the key and the moment, so
/// two patients (or two physiotherapists) never share one, and nothing
/// about the patient can be read from it.
fn new_id(label: &str, key: &str, nanos: Option<i64>) -> String {
    let digest = Sha256::digest(format!("{label}\n{key}\n{nanos:?}").as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("rx-{hex}")
}

/// The text of each picture `loaded` names from the user's poses folder:
/// the patient's limber has only the built-in ones.
fn own_poses(loaded: &Loaded, routines_dir: Option<&std::path::Path>) -> Vec<String> {
    let dir = match &loaded.origin {
        Origin::File(path) => crate::store::poses::dir_of_file(path),
        Origin::BuiltIn => routines_dir.map(crate::store::poses::dir_beside),
    };
    let Some(dir) = dir else { return Vec::new() };
    let builtin = crate::store::poses::builtin_ref();
    loaded
        .poses
        .ids()
        .filter(|id| loaded.poses.get(id) != builtin.get(id))
        .filter_map(|id| {
            read_capped(&dir.join(format!("{id}.ron")), crate::core::pose::MAX_BYTES).ok()
        })
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect()
}

/// A store error the command cannot word better, with where it happened.
pub(crate) fn rx_error(path: &std::path::Path, e: RxError) -> Error {
    match e {
        RxError::Io { path, source } => Error::File { path, source },
        RxError::Read(r) => Error::Read(r),
        other => Error::File {
            path: path.to_path_buf(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}
