//! `limber routines`: what limber loads, how long it takes, when, from where.

use std::io::{self, Write};

use crate::core::plan::expand;
use crate::core::routine::Side;
use crate::store::routines::Library;
use crate::tui::format::clock;

/// One row per routine; broken files after, with their first problem.
pub fn run(library: &Library, out: &mut impl Write, err: &mut impl Write) -> io::Result<()> {
    let rows: Vec<[String; 5]> = library
        .routines
        .iter()
        .map(|l| {
            let r = &l.routine;
            let length = expand(r, None, Side::Left)
                .map(|p| clock(p.total().as_secs()))
                .unwrap_or_else(|e| e.to_string());
            let mut schedule = format!("{}x a day", r.schedule.times_per_day);
            if let Some(c) = &r.schedule.course {
                schedule.push_str(&format!(
                    ", course of {} then {} days off",
                    c.sessions, c.pause_days
                ));
            }
            let mut id = r.id.clone();
            if !r.variants.is_empty() {
                let names: Vec<&str> = r.variants.iter().map(|v| v.id.as_str()).collect();
                id.push_str(&format!(" [{}]", names.join(", ")));
            }
            [id, r.title.clone(), length, schedule, l.origin.describe()]
        })
        .collect();
    let header = ["ID [VARIANTS]", "TITLE", "LENGTH", "SCHEDULE", "SOURCE"].map(String::from);
    let mut widths = [0usize; 5];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        writeln!(out, "{line}")?;
    }
    for broken in &library.broken {
        let path = broken.path.display().to_string();
        for d in &broken.diagnostics {
            writeln!(err, "not loaded: {}", d.headline(&path))?;
        }
    }
    Ok(())
}
