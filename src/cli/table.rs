//! The one layout of the plain-text tables (`history`, `routines`): columns
//! as wide as the terminal allows, a cell too wide clipped with `…`, whole
//! columns dropped when even clipped ones do not fit, and the last column
//! never padded. So no line is wider than the terminal (which would wrap it
//! mid-word), and no cell, however long, widens every other row: a file or
//! a pipe, which has no width, gets each cell clipped at [`CELL_CAP`].

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest a cell is shown when there is no terminal to fit.
pub const CELL_CAP: usize = 200;
/// The space between two columns.
const GAP: usize = 2;

/// How a column gives way when the table is too wide.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The narrowest it is clipped to; `None` if it is never clipped.
    pub clip_to: Option<usize>,
    /// When it is dropped if clipping is not enough: 1 first; `None` never.
    pub drop: Option<u8>,
}

impl Column {
    pub const FIXED: Column = Column {
        clip_to: None,
        drop: None,
    };

    pub const fn clip(min: usize) -> Column {
        Column {
            clip_to: Some(min),
            drop: None,
        }
    }

    pub const fn then_drop(self, order: u8) -> Column {
        Column {
            drop: Some(order),
            ..self
        }
    }
}

/// `s` cut to at most `width` terminal columns, its end replaced by `…`
/// when it had to be cut.
pub fn clip(s: &str, width: usize) -> String {
    // Cheap bound first: a long note is measured only as far as it shows.
    if s.len() <= width || s.width() <= width {
        return s.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The widths of the `shown` columns so that they fit `width`, or `None`
/// when they do not even at their narrowest.
fn fit(natural: &[usize], columns: &[Column], shown: &[usize], width: usize) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = shown.iter().map(|&i| natural[i]).collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * w.len().saturating_sub(1);
    let mut excess = total(&widths).saturating_sub(width);
    // Take from the widest clippable column, a column at a time, so the
    // narrow ones keep their words as long as possible.
    while excess > 0 {
        let widest = shown
            .iter()
            .enumerate()
            .filter_map(|(k, &i)| {
                let min = columns[i].clip_to?;
                (widths[k] > min).then_some((widths[k], k, min))
            })
            .max();
        let (w, k, min) = widest?;
        let second = shown
            .iter()
            .enumerate()
            .filter(|&(j, &i)| j != k && columns[i].clip_to.is_some())
            .map(|(j, _)| widths[j])
            .filter(|&x| x < w)
            .max()
            .unwrap_or(0);
        let take = excess.min(w - min).min((w - second).max(1));
        widths[k] -= take;
        excess -= take;
    }
    Some(widths)
}

/// `header` and `rows` as aligned text, one line each, fitted to `width`
/// columns when given (a terminal), else each cell clipped at
/// [`CELL_CAP`].
pub fn render(
    header: &[&str],
    rows: &[Vec<String>],
    columns: &[Column],
    width: Option<usize>,
) -> String {
    let cap = width.map_or(CELL_CAP, |w| w.min(CELL_CAP));
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c, cap)).collect())
        .collect();
    let mut natural: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (n, cell) in natural.iter_mut().zip(row) {
            *n = (*n).max(cell.width());
        }
    }
    let mut shown: Vec<usize> = (0..header.len()).collect();
    let widths = match width {
        None => natural.clone(),
        Some(width) => loop {
            if let Some(w) = fit(&natural, columns, &shown, width) {
                break w;
            }
            let next = shown
                .iter()
                .enumerate()
                .filter_map(|(k, &i)| Some((columns[i].drop?, k)))
                .min();
            match next {
                Some((_, k)) => {
                    shown.remove(k);
                }
                // Nothing left to drop: the narrowest it can be.
                None => {
                    break shown
                        .iter()
                        .map(|&i| columns[i].clip_to.unwrap_or(natural[i]).min(natural[i]))
                        .collect();
                }
            }
        },
    };
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let last = shown.len().saturating_sub(1);
        let mut text = String::new();
        for (k, (&i, &w)) in shown.iter().zip(&widths).enumerate() {
            let cell = clip(cells[i], w);
            text.push_str(&cell);
            if k < last {
                text.push_str(&" ".repeat(w - cell.width() + GAP));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header);
    for row in &rows {
        line(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn clipping_marks_the_cut_and_counts_wide_characters() {
        assert_eq!(clip("stretch", 10), "stretch");
        assert_eq!(clip("stretching daily", 8), "stretch…");
        assert_eq!(clip("体操とストレッチ", 5), "体操…");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn a_table_too_wide_is_clipped_then_loses_columns_never_wraps() {
        let header = ["A", "LONG", "DROP", "LAST"];
        let cols = [
            Column::FIXED,
            Column::clip(4),
            Column::clip(4).then_drop(1),
            Column::clip(4),
        ];
        let body = rows(&[&["1", "a long long cell", "droppable", "the last note of all"]]);
        let wide = render(&header, &body, &cols, None);
        assert_eq!(
            wide.lines().nth(1).unwrap(),
            "1  a long long cell  droppable  the last note of all"
        );
        assert!(wide.lines().next().unwrap().ends_with("LAST"), "not padded");
        let at30 = render(&header, &body, &cols, Some(30));
        assert!(at30.lines().all(|l| l.width() <= 30), "{at30}");
        assert!(at30.contains('…') && at30.contains("DROP"), "{at30}");
        let at16 = render(&header, &body, &cols, Some(16));
        assert!(at16.lines().all(|l| l.width() <= 16), "{at16}");
        assert!(!at16.contains("DROP"), "{at16}");
    }

    #[test]
    fn without_a_terminal_a_huge_cell_is_capped_and_the_last_column_unpadded() {
        let huge = "x".repeat(100_000);
        let body = rows(&[&["a", &huge], &["b", "short"]]);
        let out = render(
            &["K", "NOTE"],
            &body,
            &[Column::FIXED, Column::clip(4)],
            None,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1].width(), 3 + CELL_CAP);
        assert_eq!(lines[2], "b  short");
    }
}
