//! The report's Markdown helpers: the table helpers of `cli::markdown`,
//! and long lists cut at [`CAP`] rows with "and N more".

use std::fmt::Write as _;

pub use crate::cli::markdown::{cell, header, row};
use crate::i18n::fill;

use super::patient::Patient;

/// Rows a Markdown list shows: the page lists them all.
pub const CAP: usize = 10;

/// Writes the first [`CAP`] of `items` with `write`, then "and N more".
pub fn capped<T>(
    p: &Patient,
    out: &mut String,
    items: &[T],
    mut write: impl FnMut(&mut String, &T),
) {
    for item in items.iter().take(CAP) {
        write(out, item);
    }
    if items.len() > CAP {
        let more = (items.len() - CAP).to_string();
        let _ = writeln!(out, "\n{}", fill(&p.t.r.and_more, &[("n", &more)]));
    }
}
