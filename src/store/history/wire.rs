//! A log line read in one pass. [`LogLine`] derives its `Deserialize`
//! with the event flattened into the line and tagged by `event`, which
//! serde reads by first copying the whole line into a buffer of its own
//! (every key and value a value of its own) and then reading that twice;
//! on a ten-year export (110,000 lines) that was most of a report's time.
//! [`Wire`] holds every field any event has, read straight from the text,
//! and builds the event its tag names.
//!
//! It is a fast path, never a second format: [`read`] gives `None`
//! whenever the line is anything but a plain, known event (an unknown or
//! missing tag, a required field missing, a type serde would refuse, a
//! field twice), and the caller then reads it with `LogLine`'s own
//! `Deserialize`, which decides and words the error. So what a line
//! reads as never depends on this file; an event added to [`Event`] and
//! not here is read correctly, only slower. The tests in this file hold
//! the two readings equal.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::{Deserialize, Deserializer};

use crate::core::progression::StepDose;
use crate::core::record::{Event, LogLine, Outcome, PrescriptionRef, RoutineRef, StepStatus};
use crate::core::routine::Side;

/// A field every event of its kind must have: present (a `null` is
/// refused, as serde refuses it for the event), else `None`.
fn required<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

/// `at` as limber writes it, `2026-03-01T09:00:00.123+01:00`, read by
/// hand (chrono's parse was a fifth of reading a line); any other shape
/// goes to chrono's own parse, as `LogLine`'s reading does.
fn at<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an RFC 3339 date and time")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            match rfc3339(s.as_bytes()) {
                Some(t) => Ok(t),
                None => s.parse().map_err(E::custom),
            }
        }
    }
    d.deserialize_str(Visitor)
}

/// `YYYY-MM-DDTHH:MM:SS[.f]±HH:MM` (1 to 9 digits of fraction), else
/// `None`: a leap second, `Z`, `-00:00`, a space for the `T` and every
/// other shape are left to chrono.
fn rfc3339(b: &[u8]) -> Option<DateTime<FixedOffset>> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let year = i32::try_from(num(0..4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, num(5..7)?, num(8..10)?)?;
    let (h, m, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if sec > 59 {
        return None;
    }
    let mut i = 19;
    let mut nano = 0;
    if at(i, b'.') {
        let digits = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        nano = num(i + 1..i + 1 + digits)? * 10u32.pow(9 - digits as u32);
        i += 1 + digits;
    }
    if b.len() != i + 6 || !at(i + 3, b':') {
        return None;
    }
    let sign = match b[i] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
    if oh > 23 || om > 59 || (sign < 0 && oh == 0 && om == 0) {
        return None;
    }
    let offset = FixedOffset::east_opt(sign * i32::try_from(oh * 3600 + om * 60).ok()?)?;
    let time = NaiveTime::from_hms_nano_opt(h, m, sec, nano)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

#[derive(Deserialize)]
struct Wire {
    v: u32,
    id: String,
    session: String,
    #[serde(deserialize_with = "at")]
    at: DateTime<FixedOffset>,
    routine: RoutineRef,
    event: Tag,
    // Fields an event may leave out, or give as null.
    #[serde(default)]
    side: Option<Side>,
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    pain_before: Option<u8>,
    #[serde(default)]
    steps_planned: Option<u32>,
    #[serde(default)]
    dose: Vec<StepDose>,
    #[serde(default)]
    prescription: Option<PrescriptionRef>,
    #[serde(default)]
    held_ms: Option<u64>,
    #[serde(default)]
    pain_after: Option<u8>,
    #[serde(default)]
    note: Option<String>,
    // Fields the event that has them must give.
    #[serde(default, deserialize_with = "required")]
    index: Option<usize>,
    #[serde(default, deserialize_with = "required")]
    step: Option<String>,
    #[serde(default, deserialize_with = "required")]
    reps_done: Option<u32>,
    #[serde(default, deserialize_with = "required")]
    reps_planned: Option<u32>,
    #[serde(default, deserialize_with = "required")]
    status: Option<StepStatus>,
    #[serde(default, deserialize_with = "required")]
    outcome: Option<Outcome>,
    #[serde(default, deserialize_with = "required")]
    active_ms: Option<u64>,
    #[serde(default, deserialize_with = "required")]
    paused_ms: Option<u64>,
    #[serde(default, deserialize_with = "required")]
    pain: Option<u8>,
    /// Defaults to false when absent, but is never null.
    #[serde(default, deserialize_with = "required")]
    kept: Option<bool>,
}

/// The events this file knows; any other tag is read the slow way.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Tag {
    SessionStarted,
    StepDone,
    SessionEnded,
    Feedback,
    StepPain,
}

/// `raw` as a log line, when it is a plain known event; `None` sends the
/// caller to `LogLine`'s own reading.
pub fn read(raw: &[u8]) -> Option<LogLine> {
    let w: Wire = serde_json::from_slice(raw).ok()?;
    let event = match w.event {
        Tag::SessionStarted => Event::SessionStarted {
            side: w.side,
            variant: w.variant,
            pain_before: w.pain_before,
            steps_planned: w.steps_planned,
            dose: w.dose,
            prescription: w.prescription,
        },
        Tag::StepDone => Event::StepDone {
            index: w.index?,
            step: w.step?,
            side: w.side,
            reps_done: w.reps_done?,
            reps_planned: w.reps_planned?,
            status: w.status?,
            held_ms: w.held_ms,
        },
        Tag::SessionEnded => Event::SessionEnded {
            outcome: w.outcome?,
            active_ms: w.active_ms?,
            paused_ms: w.paused_ms?,
        },
        Tag::Feedback => Event::Feedback {
            pain_after: w.pain_after,
            note: w.note,
        },
        Tag::StepPain => Event::StepPain {
            index: w.index?,
            step: w.step?,
            side: w.side,
            pain: w.pain?,
            kept: w.kept.unwrap_or(false),
        },
    };
    Some(LogLine {
        v: w.v,
        id: w.id,
        session: w.session,
        at: w.at,
        routine: w.routine,
        event,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#""v":1,"id":"s/1","session":"s","at":"2026-03-01T09:00:00+01:00","routine":{"id":"r","version":2,"hash":"ab"}"#;

    /// What serde's own reading gives, as `read` must give it or decline.
    fn slow(raw: &str) -> Option<LogLine> {
        serde_json::from_str::<LogLine>(raw).ok()
    }

    fn agree(body: &str) {
        let raw = format!("{{{HEAD},{body}}}");
        // Declining is always allowed; the caller reads it the slow way.
        if let Some(fast) = read(raw.as_bytes()) {
            assert_eq!(Some(fast), slow(&raw), "{raw}");
        }
    }

    /// The same line read both ways, where the fast way must not decline.
    fn same(body: &str) {
        let raw = format!("{{{HEAD},{body}}}");
        let fast = read(raw.as_bytes());
        assert!(fast.is_some(), "declined: {raw}");
        assert_eq!(fast, slow(&raw), "{raw}");
    }

    #[test]
    fn every_event_reads_as_serde_reads_it() {
        same(
            r#""event":"session_started","side":"left","variant":"short","pain_before":4,"steps_planned":7"#,
        );
        same(r#""event":"session_started","side":null,"variant":null,"pain_before":null"#);
        same(r#""event":"session_started""#);
        // The dose a rule put in force and the prescription: kept, never
        // dropped as a field the fast reading does not know.
        same(
            r#""event":"session_started","pain_before":2,"dose":[{"step":"hold","hold_ms":300},{"step":"band","reps":3,"sets":2}],"prescription":{"id":"rx-1","version":2}"#,
        );
        same(
            r#""event":"step_done","index":2,"step":"hold","side":"right","reps_done":1,"reps_planned":1,"status":"done","held_ms":20000"#,
        );
        same(
            r#""event":"step_done","index":0,"step":"a","side":null,"reps_done":0,"reps_planned":3,"status":"skipped""#,
        );
        same(
            r#""event":"session_ended","outcome":{"outcome":"completed"},"active_ms":5,"paused_ms":0"#,
        );
        same(
            r#""event":"session_ended","outcome":{"outcome":"stopped","reason":"pain"},"active_ms":5,"paused_ms":1"#,
        );
        same(r##""event":"feedback","pain_after":3,"note":"a \"quoted\" note\nwith \u00e9""##);
        same(r#""event":"feedback""#);
        same(r#""event":"step_pain","index":1,"step":"s","side":"left","pain":5,"kept":true"#);
        same(r#""event":"step_pain","index":1,"step":"s","side":null,"pain":5"#);
        // Fields of another event, or no event at all, are left alone.
        same(r#""event":"feedback","pain_after":3,"note":null,"index":4,"extra":[1,2]"#);
    }

    /// Every time the hand parse takes reads as chrono reads it: the same
    /// instant and the same offset.
    #[test]
    fn times_read_as_chrono_reads_them() {
        let mut n = 0;
        for year in [1970, 1999, 2000, 2016, 2024, 2026, 2099] {
            for (month, day) in [
                (1, 1),
                (2, 28),
                (2, 29),
                (2, 30),
                (4, 31),
                (12, 31),
                (13, 1),
            ] {
                for time in ["00:00:00", "09:05:07", "23:59:59", "23:59:60", "24:00:00"] {
                    for frac in [
                        "",
                        ".5",
                        ".123",
                        ".000001",
                        ".123456789",
                        ".1234567891",
                        ".",
                    ] {
                        for zone in [
                            "+01:00", "-05:30", "+00:00", "-00:00", "Z", "+14:00", "+24:00",
                            "+0100",
                        ] {
                            let s = format!("{year:04}-{month:02}-{day:02}T{time}{frac}{zone}");
                            let slow = s.parse::<DateTime<FixedOffset>>();
                            if let Some(fast) = rfc3339(s.as_bytes()) {
                                let slow = slow.expect(&s);
                                assert_eq!(fast, slow, "{s}");
                                assert_eq!(fast.offset(), slow.offset(), "{s}");
                                assert_eq!(fast.to_rfc3339(), slow.to_rfc3339(), "{s}");
                                n += 1;
                            }
                        }
                    }
                }
            }
        }
        // The common shapes are taken, not all left to chrono.
        assert!(n > 1000, "{n}");
        assert!(rfc3339(b"2026-03-01T09:00:00+01:00").is_some());
        assert!(rfc3339(b"2026-03-01 09:00:00+01:00").is_none());
    }

    #[test]
    fn what_serde_refuses_is_declined() {
        for body in [
            r#""event":"step_done","index":2,"side":null,"reps_done":1,"reps_planned":1,"status":"done""#,
            r#""event":"step_pain","index":1,"step":"s","side":null,"pain":5,"kept":null"#,
            r#""event":"session_ended","outcome":null,"active_ms":5,"paused_ms":0"#,
            r#""event":"feedback","pain_after":300"#,
            r#""event":"feedback","note":1"#,
            r#""event":"morning""#,
            r#""event":"feedback","note":"a","note":"b""#,
            r#""event":"step_done","index":-1,"step":"a","side":null,"reps_done":0,"reps_planned":3,"status":"done""#,
        ] {
            agree(body);
        }
        assert!(read(br#"{"event":"feedback"}"#).is_none());
        assert!(read(br#"{"label":"Anna"}"#).is_none());
        assert!(read(b"not json").is_none());
        // A required field missing or null: serde refuses, so must this.
        let raw = format!(
            r#"{{{HEAD},"event":"step_pain","index":1,"step":"s","side":null,"pain":5,"kept":null}}"#
        );
        assert!(read(raw.as_bytes()).is_none() && slow(&raw).is_none());
    }
}
