//! Block letters of any size, scaled from the 8x8 font tui-big-text uses:
//! its own sizes stop at 8 rows, which from a mat a few metres away is a
//! small part of a large terminal.
//!
//! A font pixel becomes `scale.cols` columns by `scale.halves` half-rows
//! (▀ ▄ █), so heights come in steps of 4 rows. Pixels stay between square
//! (a half-row is about as tall as a column is wide) and twice as tall as
//! wide, the shape of tui-big-text's full size. Digits share one width, so
//! a countdown does not jump sideways as "1" follows "2".

use std::ops::Range;

use font8x8::{BASIC_FONTS, UnicodeFonts};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

/// Columns and half-rows one font pixel takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scale {
    pub cols: u16,
    pub halves: u16,
}

impl Scale {
    /// Rows the letters take: 8 pixels of `halves` half-rows.
    pub fn rows(self) -> u16 {
        4 * self.halves
    }
}

/// The font's glyph for `c`; `None` for a letter it does not have
/// (Cyrillic, for one).
fn glyph(c: char) -> Option<[u8; 8]> {
    BASIC_FONTS.get(c)
}

fn lit(glyph: &[u8; 8], x: u8, y: u8) -> bool {
    glyph[usize::from(y)] & (1 << x) != 0
}

/// The columns of `glyph` that hold ink.
fn inked(glyph: &[u8; 8]) -> Range<u8> {
    let used: Vec<u8> = (0..8)
        .filter(|&x| (0..8).any(|y| lit(glyph, x, y)))
        .collect();
    match (used.first(), used.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
}

/// The font columns drawn for `c`: one width for every digit, the inked
/// columns for anything else, three for a space.
fn columns(c: char) -> Option<Range<u8>> {
    if c == ' ' {
        return Some(0..3);
    }
    let g = glyph(c)?;
    if c.is_ascii_digit() {
        let all = ('0'..='9').filter_map(glyph).map(|g| inked(&g));
        let (start, end) = all.fold((8, 0), |(s, e), r| (s.min(r.start), e.max(r.end)));
        return Some(start..end);
    }
    Some(inked(&g))
}

/// Whether the font can draw every letter of `text`.
pub fn can_draw(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| columns(c).is_some())
}

/// Font pixels across `text`, with one pixel between letters.
fn pixels(text: &str) -> u16 {
    let widths: Vec<u16> = text
        .chars()
        .filter_map(columns)
        .map(|r| u16::from(r.end - r.start))
        .collect();
    widths.iter().sum::<u16>() + widths.len().saturating_sub(1) as u16
}

/// Columns `text` takes at `scale`.
pub fn width(text: &str, scale: Scale) -> u16 {
    pixels(text) * scale.cols
}

/// The largest scale at which `text` fits in `cols` x `rows`, or `None`
/// when even the smallest (4 rows) does not.
pub fn fit(text: &str, cols: u16, rows: u16) -> Option<Scale> {
    let px = pixels(text).max(1);
    let max_cols = cols / px;
    let mut halves = rows / 4;
    if max_cols == 0 || halves == 0 {
        return None;
    }
    // No taller than twice as wide: lower the height to what the width allows.
    halves = halves.min(2 * max_cols);
    Some(Scale {
        cols: max_cols.min(halves).max(halves.div_ceil(2)),
        halves,
    })
}

/// `text` in block letters at `scale`, centred in the area it is drawn in.
pub struct BigLetters<'a> {
    pub text: &'a str,
    pub scale: Scale,
    pub style: Style,
}

impl Widget for BigLetters<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Scale { cols, halves } = self.scale;
        let w = width(self.text, self.scale).min(area.width);
        let h = self.scale.rows().min(area.height);
        let x0 = area.x + (area.width - w) / 2;
        let y0 = area.y + (area.height - h) / 2;
        let mut x = x0;
        for c in self.text.chars() {
            let Some(range) = columns(c) else { continue };
            let g = glyph(c).unwrap_or([0; 8]);
            for px in range {
                for _ in 0..cols {
                    if x >= area.right() {
                        return;
                    }
                    for row in 0..h {
                        let on = |half: u16| lit(&g, px, (half / halves) as u8);
                        let symbol = match (on(2 * row), on(2 * row + 1)) {
                            (true, true) => "█",
                            (true, false) => "▀",
                            (false, true) => "▄",
                            (false, false) => continue,
                        };
                        buf[(x, y0 + row)].set_symbol(symbol).set_style(self.style);
                    }
                    x += 1;
                }
            }
            // The pixel between letters.
            x += cols;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_digit_has_one_width() {
        let widths: Vec<_> = ('0'..='9').map(|c| columns(c).unwrap().len()).collect();
        assert!(
            widths.iter().all(|w| *w == widths[0] && *w > 0),
            "{widths:?}"
        );
        assert!(columns(':').unwrap().len() < widths[0]);
        assert!(!can_draw("ГОТОВ"));
        assert!(can_draw("READY?"));
    }

    #[test]
    fn the_scale_grows_with_the_room_and_keeps_the_letters_upright() {
        let small = fit("0:05", 80, 12).unwrap();
        let big = fit("0:05", 200, 40).unwrap();
        assert!(big.rows() > small.rows() && big.cols > small.cols);
        for s in [small, big, fit("0:05", 300, 8).unwrap()] {
            assert!(s.cols <= s.halves && 2 * s.cols >= s.halves, "{s:?}");
        }
        assert_eq!(fit("0:05", 20, 12), None);
        assert_eq!(fit("0:05", 80, 3), None);
        // Narrow and tall: the height gives way to the width.
        let narrow = fit("0:05", 30, 40).unwrap();
        assert!(
            width("0:05", narrow) <= 30 && narrow.rows() <= 8,
            "{narrow:?}"
        );
    }

    #[test]
    fn draws_within_its_area() {
        let area = Rect::new(0, 0, 40, 10);
        let mut buf = Buffer::empty(area);
        let scale = fit("12", 40, 10).unwrap();
        BigLetters {
            text: "12",
            scale,
            style: Style::new(),
        }
        .render(area, &mut buf);
        let inked = buf.content.iter().filter(|c| c.symbol() != " ").count();
        assert!(inked > 20, "{buf:?}");
    }
}
