//! Word wrapping by display width, for text a physiotherapist wrote in any
//! script.
//!
//! ratatui's own wrapper (0.30) checks whether a word still fits before it
//! adds the next grapheme, not after: a wide glyph (CJK, emoji) that
//! crosses the edge of the area is kept, and the line comes out one column
//! too wide, over the border or the next area (ratatui issue #2679). Lines
//! wrapped here are never wider than the area, so the `Paragraph` that
//! draws them only has to truncate, which it does correctly.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// A `Paragraph` with word wrapping: breaks at whitespace, cuts a word too
/// long for a line between graphemes. With `trim`, lines drop their leading
/// whitespace; without it, a line keeps its indentation on its first row.
pub struct Wrapped<'a> {
    lines: Vec<Line<'a>>,
    trim: bool,
    block: Option<Block<'a>>,
}

impl<'a> Wrapped<'a> {
    pub fn new(lines: impl Into<Vec<Line<'a>>>, trim: bool) -> Self {
        Wrapped {
            lines: lines.into(),
            trim,
            block: None,
        }
    }

    pub fn block(mut self, block: Block<'a>) -> Self {
        self.block = Some(block);
        self
    }
}

impl Widget for Wrapped<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = match self.block {
            Some(block) => {
                let inner = block.inner(area);
                block.render(area, buf);
                inner
            }
            None => area,
        };
        let lines: Vec<Line> = self
            .lines
            .iter()
            .flat_map(|line| wrap(line, inner.width, self.trim))
            .collect();
        Paragraph::new(lines).render(inner, buf);
    }
}

/// A bordered page that scrolls when it is taller than `area`: `lines`
/// from row `scroll` on, then `pinned` (what to press next), which always
/// shows. Where the page is cut, a row says `more` in `more_style`.
/// Returns the most the page can scroll at this size (0 when it fits).
#[allow(clippy::too_many_arguments)]
pub fn scrolling(
    buf: &mut Buffer,
    area: Rect,
    block: Block,
    lines: &[Line],
    pinned: &[Line],
    scroll: u16,
    more: &str,
    more_style: Style,
) -> u16 {
    let inner = block.inner(area);
    block.render(area, buf);
    let rows: Vec<Line> = lines
        .iter()
        .flat_map(|l| wrap(l, inner.width, false))
        .collect();
    let pinned: Vec<Line> = pinned
        .iter()
        .flat_map(|l| wrap(l, inner.width, true))
        .collect();
    let height = usize::from(inner.height);
    if rows.len() + pinned.len() <= height {
        let all: Vec<Line> = rows.into_iter().chain(pinned).collect();
        Paragraph::new(all).render(inner, buf);
        return 0;
    }
    // One row for the "more" line; the pinned rows take what is left.
    let view = height.saturating_sub(pinned.len() + 1).max(1);
    let max = rows.len().saturating_sub(view);
    let offset = usize::from(scroll).min(max);
    let mut shown: Vec<Line> = rows.into_iter().skip(offset).take(view).collect();
    let arrows = match (offset > 0, offset < max) {
        (true, true) => "↑↓",
        (true, false) => "↑",
        _ => "↓",
    };
    shown.push(Line::styled(format!("{arrows} {more}"), more_style).right_aligned());
    shown.extend(pinned);
    Paragraph::new(shown).render(inner, buf);
    u16::try_from(max).unwrap_or(u16::MAX)
}

/// A grapheme and the style of the span it came from.
type Piece<'a> = (&'a str, Style);

/// Whitespace a line may break at; a no-break space joins words.
fn is_space(grapheme: &str) -> bool {
    grapheme.chars().all(char::is_whitespace)
        && !grapheme.contains(['\u{a0}', '\u{2007}', '\u{202f}'])
}

fn width_of(pieces: &[Piece]) -> usize {
    pieces
        .iter()
        .map(|(g, _)| usize::from(g.cell_width()))
        .sum()
}

/// Where the rows after the first start: under the text, past the line's
/// indentation and a one-symbol bullet ("  ! ", "• ", "☐ "), so a wrapped
/// list item reads as one item. None when it would leave too little room.
fn hanging_indent(pieces: &[Piece], width: usize) -> usize {
    let lead = pieces.iter().take_while(|(g, _)| is_space(g)).count();
    let mut hang = width_of(&pieces[..lead]);
    let rest = &pieces[lead..];
    let word = rest.iter().take_while(|(g, _)| !is_space(g)).count();
    let bullet = word == 1 && !rest[0].0.chars().any(char::is_alphanumeric);
    if bullet {
        let after = rest[1..].iter().take_while(|(g, _)| is_space(g)).count();
        hang += width_of(&rest[..1 + after]);
    }
    if hang * 2 > width { 0 } else { hang }
}

/// `line` cut into rows at most `width` columns wide; without `trim`, the
/// rows after the first hang under its text (see [`hanging_indent`]).
pub fn wrap<'a>(line: &'a Line<'a>, width: u16, trim: bool) -> Vec<Line<'a>> {
    let width = usize::from(width);
    let pieces: Vec<Piece> = line
        .spans
        .iter()
        .flat_map(|span| span.styled_graphemes(Style::default()))
        .map(|g| (g.symbol, g.style))
        // Nothing to draw: a combining mark with no letter before it.
        .filter(|(g, _)| g.cell_width() > 0)
        .collect();
    let hang = if trim {
        0
    } else {
        hanging_indent(&pieces, width)
    };
    let indent: Vec<Piece> = vec![(" ", Style::default()); hang];
    let mut rows: Vec<Vec<Piece>> = Vec::new();
    let mut row: Vec<Piece> = Vec::new();
    let mut used = 0;
    // Nothing but indentation on this row yet.
    let mut fresh = true;
    // Whitespace before the next word: kept only if the word joins it on
    // the same row, or as indentation on the first row.
    let mut gap: Vec<Piece> = Vec::new();
    let mut rest = pieces.as_slice();
    while !rest.is_empty() {
        let spaces = rest.iter().take_while(|(g, _)| is_space(g)).count();
        if spaces > 0 {
            gap.extend_from_slice(&rest[..spaces]);
            rest = &rest[spaces..];
            continue;
        }
        let len = rest.iter().take_while(|(g, _)| !is_space(g)).count();
        let (word, after) = rest.split_at(len);
        rest = after;
        if fresh && (trim || !rows.is_empty()) {
            gap.clear();
        }
        let (gap_width, word_width) = (width_of(&gap), width_of(word));
        if used + gap_width + word_width > width && !fresh {
            rows.push(std::mem::replace(&mut row, indent.clone()));
            used = hang;
            gap.clear();
        }
        fresh = false;
        let gap_width = width_of(&gap);
        if used + gap_width + word_width <= width {
            row.append(&mut gap);
            row.extend_from_slice(word);
            used += gap_width + word_width;
            continue;
        }
        // A word longer than a whole row: cut it between graphemes.
        if used + gap_width < width {
            row.append(&mut gap);
            used += gap_width;
        }
        gap.clear();
        for &(g, style) in word {
            let w = usize::from(g.cell_width());
            if w > width {
                continue;
            }
            if used + w > width {
                rows.push(std::mem::replace(&mut row, indent.clone()));
                used = hang;
            }
            row.push((g, style));
            used += w;
        }
    }
    rows.push(row);
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<Span> = Vec::new();
            for (g, style) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push_str(g),
                    _ => spans.push(Span::styled(g.to_string(), style)),
                }
            }
            let mut out = Line::from(spans).style(line.style);
            out.alignment = line.alignment;
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, width: u16, trim: bool) -> Vec<String> {
        let line = Line::raw(text);
        wrap(&line, width, trim)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn breaks_between_words_and_drops_the_space() {
        assert_eq!(rows("one two three", 7, true), ["one two", "three"]);
        assert_eq!(rows("one two three", 8, false), ["one two", "three"]);
    }

    #[test]
    fn a_wide_glyph_that_would_cross_the_edge_goes_to_the_next_row() {
        // 3 + 1 + 2 * 3 = 10 columns do not fit in 9: the word moves down,
        // and then does not fit on its own either.
        assert_eq!(rows("abc 梨状筋", 9, true), ["abc", "梨状筋"]);
        assert_eq!(rows("a梨状筋症候", 6, true), ["a梨状", "筋症候"]);
        for row in rows("Д梨状筋をゆっくり伸ばします👨‍👩‍👧", 7, true) {
            assert!(Line::raw(row.clone()).width() <= 7, "{row:?}");
        }
    }

    #[test]
    fn keeps_graphemes_whole() {
        assert_eq!(
            rows("e\u{301}e\u{301}e\u{301}", 2, true),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(rows("ab👨‍👩‍👧", 3, true), ["ab", "👨‍👩‍👧"]);
    }

    #[test]
    fn wrapped_rows_hang_under_the_text_unless_trimmed() {
        assert_eq!(
            rows("  ! note here more", 8, false),
            ["  ! note", "    here", "    more"]
        );
        assert_eq!(rows("• one two three", 9, false), ["• one two", "  three"]);
        assert_eq!(rows("  plain words", 9, false), ["  plain", "  words"]);
        assert_eq!(rows("  ! note here", 8, true), ["! note", "here"]);
        // No room to hang: the rows start at the edge.
        assert_eq!(rows("    ! abc def", 8, false), ["    !", "abc def"]);
    }

    #[test]
    fn an_empty_line_stays_a_row() {
        assert_eq!(rows("", 10, true), [""]);
        assert_eq!(rows("   ", 10, true), [""]);
    }

    #[test]
    fn styles_stay_with_their_text() {
        let bold = Style::new().bold();
        let line = Line::from(vec![Span::styled("Pain: ", bold), Span::raw("4 of 10")]);
        let out = wrap(&line, 10, true);
        assert_eq!(
            out[0].spans,
            [Span::styled("Pain: ", bold), Span::raw("4 of")]
        );
        assert_eq!(out[1].spans, [Span::raw("10")]);
    }
}
