//! `limber status`: one line for a shell prompt, from one row a day per
//! routine, so it stays instant however long the history.

use std::io::Write;

use chrono::NaiveDate;

use super::context::Context;
use super::error::Error;
use super::history::course_text;
use crate::core::due::Due;
use crate::core::progress::Glance;
use crate::core::sanitize::visible;
use crate::i18n::{ClinicStrings, Lang, Words, fill};
use crate::shell::dues::{Scope, dues};
use crate::shell::exit::Exit;

/// `limber status`.
pub fn run(ctx: &mut Context) -> Result<Exit, Error> {
    let now = crate::shell::clock::local_now();
    let log = ctx.open_log()?;
    let outlooks = dues(log.as_ref(), ctx.library.get(), Scope::LibraryAndLog, &now)?;
    if let Some(log) = &log {
        super::log::tell_unreadable(log, ctx.lang, &mut ctx.err)?;
    }
    let (mut all, due): (Vec<Glance>, Vec<Option<Due>>) =
        outlooks.into_iter().map(|o| (o.glance, o.due)).unzip();
    // The short name is the English id's last word ("stretch"); in another
    // language the routine is named by its title.
    if ctx.lang != Lang::En {
        for g in &mut all {
            let library = ctx.library.get();
            if let Some(l) = library
                .routines
                .iter()
                .find(|l| l.routine.id == g.target.routine_id)
            {
                g.target.name = l.routine.title.clone();
            }
        }
    }
    let flag = super::checkin::status_flag(log.as_ref(), ctx.lang)?;
    writeln!(ctx.out, "{}{flag}", line(&all, &due, ctx.lang))?;
    Ok(Exit::Done)
}

/// One line for a shell prompt in `lang`: `stretch 2/3 today, massage
/// 5/12`. Routines with a course show the course, others today's count;
/// each is followed by when its next session is due (`due[i]` for
/// `all[i]`; none where `due` is shorter): "massage 5/12 (next due
/// 15:40)". The day after a course pause is said by the course.
pub fn line(all: &[Glance], due: &[Option<Due>], lang: Lang) -> String {
    let w = Words::new(lang);
    let c = ClinicStrings::load(lang);
    let parts: Vec<String> = all
        .iter()
        .map(|p| {
            let t = &p.target;
            match course_text(p.course, &w) {
                Some(c) => fill(&w.s.status_course, &[("name", &t.name), ("course", &c)]),
                None => fill(
                    &w.s.status_today,
                    &[
                        ("name", &t.name),
                        ("done", &p.today_done.to_string()),
                        ("target", &p.today_target.to_string()),
                    ],
                ),
            }
        })
        .zip(due.iter().chain(std::iter::repeat(&None)))
        .map(|(line, due)| match due {
            Some(d) => {
                let today = all.first().map_or_else(NaiveDate::default, |p| p.today);
                fill(
                    &c.status_due,
                    &[("line", &line), ("due", &c.due(d, today, &w.f))],
                )
            }
            None => line,
        })
        .collect();
    // Names come from the log: shown, never obeyed.
    visible(&parts.join(", ")).into_owned()
}
