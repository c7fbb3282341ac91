//! How times and routine text read on screen.

use std::borrow::Cow;
use std::time::Duration;

use crate::i18n::Strings;

/// A countdown shows whole seconds rounded up: "0:30" for the whole first
/// second of a 30-second hold, "0:01" in its last second, never "0:00"
/// while time is left.
pub fn countdown(left: Duration) -> String {
    let secs = left.as_nanos().div_ceil(1_000_000_000) as u64;
    clock(secs)
}

/// "m:ss", or "h:mm:ss" from an hour up.
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A rough length: "20 min", "45 s" (units from the interface language).
pub fn length(d: Duration, strings: &Strings) -> String {
    let secs = d.as_secs();
    if secs >= 60 {
        format!("{} {}", secs.div_ceil(60), strings.unit_min)
    } else {
        format!("{secs} {}", strings.unit_sec)
    }
}

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
    fn countdown_rounds_up_to_the_shown_second() {
        assert_eq!(countdown(Duration::from_secs(30)), "0:30");
        assert_eq!(countdown(Duration::from_millis(29_001)), "0:30");
        assert_eq!(countdown(Duration::from_millis(29_000)), "0:29");
        assert_eq!(countdown(Duration::from_nanos(1)), "0:01");
        assert_eq!(countdown(Duration::ZERO), "0:00");
        assert_eq!(countdown(Duration::from_secs(3725)), "1:02:05");
    }

    #[test]
    fn length_reads_in_minutes_or_seconds() {
        let en = Strings::load(crate::core::lang::Lang::En);
        let ru = Strings::load(crate::core::lang::Lang::Ru);
        assert_eq!(length(Duration::from_secs(45), &en), "45 s");
        assert_eq!(length(Duration::from_secs(20 * 60 + 10), &en), "21 min");
        assert_eq!(length(Duration::from_secs(20 * 60), &ru), "20 мин");
    }

    #[test]
    fn control_characters_in_routine_text_read_as_spaces() {
        assert_eq!(one_line("Hold\tstill"), "Hold still");
        assert_eq!(one_line("two\nlines"), "two lines");
        assert!(matches!(one_line("梨状筋 e\u{301}"), Cow::Borrowed(_)));
        let rows: Vec<_> = paragraphs("Lie down.\r\nBreathe\tslowly.").collect();
        assert_eq!(rows, ["Lie down.", "Breathe slowly."]);
    }
}
