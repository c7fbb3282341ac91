//! A one-line text field that edits as a shell's line does: a cursor that
//! moves by grapheme (so "й" or an emoji with its modifier is one step and
//! is never split), Home/End, Backspace before the cursor, Delete at it.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEdit {
    text: String,
    /// A byte offset into `text`, always on a grapheme boundary.
    cursor: usize,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before the cursor, the grapheme under it (empty at the
    /// end), and the rest.
    pub fn around_cursor(&self) -> (&str, &str, &str) {
        let (before, after) = self.text.split_at(self.cursor);
        let under = after.graphemes(true).next().unwrap_or("");
        (before, under, &after[under.len()..])
    }

    /// Types `c` at the cursor while the text has fewer than `max`
    /// characters; a control character is not text and is refused.
    pub fn insert(&mut self, c: char, max: usize) {
        if c.is_control() || self.text.chars().count() >= max {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        // A combining mark joins the grapheme before it: the cursor stays
        // after that whole grapheme, which is where it already is.
    }

    pub fn left(&mut self) {
        self.cursor = self.previous();
    }

    pub fn right(&mut self) {
        self.cursor = self.next();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let from = self.previous();
        self.text.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    /// Deletes the grapheme at the cursor.
    pub fn delete(&mut self) {
        let to = self.next();
        self.text.replace_range(self.cursor..to, "");
    }

    /// The text, leaving the field empty.
    pub fn take(&mut self) -> String {
        self.cursor = 0;
        std::mem::take(&mut self.text)
    }

    fn previous(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }
}
