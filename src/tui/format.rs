//! How routine text reads on screen.

use std::borrow::Cow;

/// Routine text on one row. ratatui drops control characters, so a line
/// break or a tab in a title would join the words around it: they read as
/// a space instead.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(char::is_control) {
        Cow::Owned(
            text.chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Routine text over several rows: a line break (`\n` in the file) starts a
/// new one.
pub fn paragraphs(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.lines().map(one_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_routine_text_read_as_spaces() {
        assert_eq!(one_line("Hold\tstill"), "Hold still");
        assert_eq!(one_line("two\nlines"), "two lines");
        assert!(matches!(one_line("梨状筋 e\u{301}"), Cow::Borrowed(_)));
        let rows: Vec<_> = paragraphs("Lie down.\r\nBreathe\tslowly.").collect();
        assert_eq!(rows, ["Lie down.", "Breathe slowly."]);
    }
}
