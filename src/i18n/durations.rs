//! Every way limber writes a length of time for people, in one place.
//! (The routine files' own syntax, `"1m30s"`, is `core::duration::Dur`.)

use std::time::Duration;

use super::{Formats, HistoryStrings, Strings, fill};
use crate::core::clock::shown_secs;

/// A running countdown: whole seconds rounded up ([`shown_secs`]) as a clock.
pub fn countdown(left: Duration) -> String {
    clock(shown_secs(left))
}

/// "m:ss", or "h:mm:ss" from an hour up: the same in every language.
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A rough length for a list: "20 min", "45 s".
pub fn length(d: Duration, s: &Strings) -> String {
    let secs = d.as_secs();
    if secs >= 60 {
        format!("{} {}", secs.div_ceil(60), s.unit_min)
    } else {
        format!("{secs} {}", s.unit_sec)
    }
}

/// An exact length in words, for the handout: "1 min 30 s", "1,5 с".
pub fn words(d: Duration, s: &Strings, f: &Formats) -> String {
    let ms = d.as_millis();
    let (h, m, sec, frac) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} {}", s.unit_hour));
    }
    if m > 0 {
        parts.push(format!("{m} {}", s.unit_min));
    }
    if frac > 0 {
        let digits = format!("{frac:03}");
        parts.push(format!(
            "{sec}{}{} {}",
            f.decimal_point,
            digits.trim_end_matches('0'),
            s.unit_sec
        ));
    } else if sec > 0 || parts.is_empty() {
        parts.push(format!("{sec} {}", s.unit_sec));
    }
    parts.join(" ")
}

/// A short length for tables and the history screen: "7m05s" /
/// "7 мин 05 с"; hours drop the seconds.
pub fn compact(ms: u64, s: &HistoryStrings) -> String {
    let secs = ms / 1000;
    match secs {
        0..60 => fill(&s.duration_s, &[("s", &secs.to_string())]),
        60..3600 => fill(
            &s.duration_m,
            &[
                ("m", &(secs / 60).to_string()),
                ("s", &format!("{:02}", secs % 60)),
            ],
        ),
        _ => fill(
            &s.duration_h,
            &[
                ("h", &(secs / 3600).to_string()),
                ("m", &format!("{:02}", secs % 3600 / 60)),
            ],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::lang::Lang;

    #[test]
    fn countdowns_and_clocks() {
        assert_eq!(countdown(Duration::from_secs(30)), "0:30");
        assert_eq!(countdown(Duration::from_millis(29_001)), "0:30");
        assert_eq!(countdown(Duration::from_millis(29_000)), "0:29");
        assert_eq!(countdown(Duration::from_nanos(1)), "0:01");
        assert_eq!(countdown(Duration::ZERO), "0:00");
        assert_eq!(countdown(Duration::from_secs(3725)), "1:02:05");
    }

    #[test]
    fn lengths_read_in_minutes_or_seconds() {
        let en = Strings::load(Lang::En);
        let ru = Strings::load(Lang::Ru);
        assert_eq!(length(Duration::from_secs(45), &en), "45 s");
        assert_eq!(length(Duration::from_secs(20 * 60 + 10), &en), "21 min");
        assert_eq!(length(Duration::from_secs(20 * 60), &ru), "20 мин");
    }

    #[test]
    fn words_use_the_language_s_decimal_point() {
        let h = |ms, lang| {
            let (s, f) = (Strings::load(lang), Formats::load(lang));
            words(Duration::from_millis(ms), &s, &f)
        };
        assert_eq!(h(30_000, Lang::En), "30 s");
        assert_eq!(h(90_000, Lang::En), "1 min 30 s");
        assert_eq!(h(120_000, Lang::En), "2 min");
        assert_eq!(h(3_725_000, Lang::En), "1 h 2 min 5 s");
        assert_eq!(h(0, Lang::En), "0 s");
        assert_eq!(h(1_500, Lang::En), "1.5 s");
        assert_eq!(h(1_500, Lang::Ru), "1,5 с");
        assert_eq!(h(60_250, Lang::Ru), "1 мин 0,25 с");
    }

    #[test]
    fn compact_lengths_in_both_languages() {
        let s = HistoryStrings::load(Lang::En);
        assert_eq!(compact(0, &s), "0s");
        assert_eq!(compact(59_999, &s), "59s");
        assert_eq!(compact(425_000, &s), "7m05s");
        assert_eq!(compact(3_725_000, &s), "1h02m");
        let s = HistoryStrings::load(Lang::Ru);
        assert_eq!(compact(45_000, &s), "45\u{a0}с");
        assert_eq!(compact(425_000, &s), "7\u{a0}мин 05\u{a0}с");
        assert_eq!(compact(3_725_000, &s), "1\u{a0}ч 02\u{a0}мин");
    }
}
