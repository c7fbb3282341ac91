//! How routine text reads on screen.

use std::borrow::Cow;

use crate::core::sanitize::visible;

/// Routine text on one row. ratatui drops control characters, so a line
/// break or a tab in a title would join the words around it: they read as
/// a space instead. Any other control character or bidi override is shown
/// as `core::sanitize` shows it in every command (`\x1b`, `U+202E`).
pub fn one_line(text: &str) -> Cow<'_, str> {
    let spaced = if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    };
    match visible(&spaced) {
        Cow::Borrowed(_) => spaced,
        Cow::Owned(shown) => Cow::Owned(shown),
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
        assert_eq!(one_line("a\x1b]2;x\x07b\u{202E}"), "a\\x1b]2;x\\x07bU+202E");
    }
}
