//! Every way limber writes a length of time for people, in one place.
//! (The routine files' own syntax, `"1m30s"`, is `core::duration::Dur`.)

use std::time::Duration;

use super::{Formats, HistoryStrings, Strings, fill};
use crate::core::clock::shown_secs;
use crate::core::plan::Length;

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

/// How a routine's length is written everywhere (home, setup, `limber
/// routines`, the handout, the session's "left in total"): the planned
/// length as a clock, "8:20", with the holds at their minimum, then what
/// they can add, in whole minutes rounded up: "8:20 + up to 5 min". One
/// rule, so no two places disagree.
pub fn length(l: Length, s: &Strings) -> String {
    with_extra(clock(l.planned.as_secs()), l, s)
}

/// The session screen's "5:58 left in total + up to 3 min", by the rule of
/// [`length`].
pub fn left_in_total(l: Length, s: &Strings) -> String {
    let time = clock(l.planned.as_secs());
    with_extra(fill(&s.total_left, &[("time", &time)]), l, s)
}

/// `text`, then what the holds can add, if anything.
fn with_extra(text: String, l: Length, s: &Strings) -> String {
    if l.extra.is_zero() {
        return text;
    }
    let extra = l.extra.as_secs().div_ceil(60).max(1).to_string();
    format!("{text} {}", fill(&s.length_extra, &[("extra", &extra)]))
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
    fn lengths_read_as_a_clock_with_what_the_holds_can_add() {
        let en = Strings::load(Lang::En);
        let ru = Strings::load(Lang::Ru);
        let l = |planned, extra| Length {
            planned: Duration::from_secs(planned),
            extra: Duration::from_secs(extra),
        };
        assert_eq!(length(l(45, 0), &en), "0:45");
        assert_eq!(length(l(20 * 60 + 30, 0), &en), "20:30");
        assert_eq!(length(l(500, 270), &en), "8:20 + up to 5 min");
        assert_eq!(length(l(500, 300), &ru), "8:20 + до 5 мин");
        // A few seconds of extra are still said, as a minute.
        assert_eq!(length(l(500, 1), &en), "8:20 + up to 1 min");
        assert_eq!(
            left_in_total(l(358, 60), &en),
            "5:58 left in total + up to 1 min"
        );
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
