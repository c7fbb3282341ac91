//! `limber prescription show` and `limber prescription rollback`.

use std::io::Write;

use crate::cli::context::Context;
use crate::cli::error::Error;
use crate::core::sanitize::visible;
use crate::i18n::fill;
use crate::shell::exit::Exit;
use crate::store::prescription::{self as rx, RxError};

use super::prescribe::rx_error;
use super::words::RxWords;

/// What is in force, from whom, signed with which key, and the version before.
pub fn show(ctx: &mut Context) -> Result<Exit, Error> {
    let w = RxWords::load(ctx.lang);
    let data = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    let Some(current) = rx::current(&data).map_err(|e| rx_error(&data, e))? else {
        writeln!(ctx.out, "{}", w.s.show_none)?;
        return Ok(Exit::Done);
    };
    let p = &current.prescription;
    writeln!(ctx.out, "{}", w.heading(&p.payload))?;
    if let Ok(Some(k)) = rx::trusted(&data) {
        let fp = rx::fingerprint(&k);
        writeln!(ctx.out, "{}", fill(&w.s.show_key, &[("fingerprint", &fp)]))?;
    }
    for r in &p.routines {
        writeln!(
            ctx.out,
            "{}",
            fill(
                &w.s.show_routine,
                &[("id", &visible(&r.id)), ("title", &visible(&r.title))]
            )
        )?;
    }
    if let Ok(Some(prev)) = rx::previous(&data) {
        let v = prev.prescription.payload.version.to_string();
        writeln!(ctx.out, "{}", fill(&w.s.show_previous, &[("version", &v)]))?;
    }
    Ok(Exit::Done)
}

/// The previous prescription back in force.
pub fn rollback(ctx: &mut Context) -> Result<Exit, Error> {
    let w = RxWords::load(ctx.lang);
    let data = ctx.data_dir.clone().ok_or(Error::NoDataDir)?;
    match rx::rollback(&data) {
        Ok(back) => {
            let p = &back.prescription.payload;
            writeln!(
                ctx.out,
                "{}",
                fill(
                    &w.s.rollback_done,
                    &[("id", &visible(&p.id)), ("version", &p.version.to_string())]
                )
            )?;
            Ok(Exit::Done)
        }
        Err(RxError::NoPrevious) => {
            writeln!(ctx.err, "{}", w.s.rollback_none)?;
            Ok(Exit::Failed)
        }
        Err(e) => Err(rx_error(&data, e)),
    }
}
