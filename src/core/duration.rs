//! Durations as a physiotherapist writes them: `"30s"`, `"2m"`, `"1m30s"`.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A duration read from and written to routine files as text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Dur(pub Duration);

pub const DURATION_HINT: &str = "durations look like \"30s\", \"2m\", \"1m30s\" or \"1h\"";

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a duration; {DURATION_HINT}")]
pub struct ParseDurError {
    pub text: String,
}

impl Dur {
    pub const ZERO: Dur = Dur(Duration::ZERO);

    pub fn secs(s: u64) -> Self {
        Dur(Duration::from_secs(s))
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }
}

impl FromStr for Dur {
    type Err = ParseDurError;

    /// Accepts one or more `<number><unit>` groups, units `h`, `m`, `s`, `ms`,
    /// each unit at most once and from largest to smallest.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let err = || ParseDurError {
            text: text.to_string(),
        };
        let s = text.trim();
        if s.is_empty() {
            return Err(err());
        }
        let mut total = Duration::ZERO;
        let mut rest = s;
        let mut last_rank = 0;
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return Err(err());
            }
            let n: u64 = rest[..digits].parse().map_err(|_| err())?;
            rest = &rest[digits..];
            let (unit, rank, len) = if rest.starts_with("ms") {
                (Duration::from_millis(1), 4, 2)
            } else if rest.starts_with('h') {
                (Duration::from_secs(3600), 1, 1)
            } else if rest.starts_with('m') {
                (Duration::from_secs(60), 2, 1)
            } else if rest.starts_with('s') {
                (Duration::from_secs(1), 3, 1)
            } else {
                return Err(err());
            };
            if rank <= last_rank {
                return Err(err());
            }
            last_rank = rank;
            rest = &rest[len..];
            total += unit * u32::try_from(n).map_err(|_| err())?;
        }
        Ok(Dur(total))
    }
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total_ms = self.0.as_millis();
        if total_ms == 0 {
            return f.write_str("0s");
        }
        let (h, m, s, ms) = (
            total_ms / 3_600_000,
            total_ms / 60_000 % 60,
            total_ms / 1000 % 60,
            total_ms % 1000,
        );
        for (n, unit) in [(h, "h"), (m, "m"), (s, "s"), (ms, "ms")] {
            if n > 0 {
                write!(f, "{n}{unit}")?;
            }
        }
        Ok(())
    }
}

impl Serialize for Dur {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Dur {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Dur;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a duration such as \"30s\" or \"1m30s\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Dur, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "a bare number ({v}) has no unit; {DURATION_HINT}"
                )))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "a bare number ({v}) has no unit; {DURATION_HINT}"
                )))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dur, E> {
                Err(E::custom(format!(
                    "a bare number ({v}) has no unit; {DURATION_HINT}"
                )))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_physiotherapists_write() {
        for (text, secs_ms) in [
            ("30s", 30_000),
            ("2m", 120_000),
            ("1m30s", 90_000),
            ("1h", 3_600_000),
            ("1h2m3s", 3_723_000),
            ("500ms", 500),
            ("1s500ms", 1500),
            (" 45s ", 45_000),
            ("0s", 0),
        ] {
            assert_eq!(
                text.parse::<Dur>().unwrap().0,
                Duration::from_millis(secs_ms),
                "{text}"
            );
        }
    }

    #[test]
    fn rejects_what_is_not_a_duration() {
        for text in [
            "",
            "30",
            "s",
            "30 s",
            "30sec",
            "1s2m",
            "2m2m",
            "-5s",
            "1.5m",
            "9999999999s",
        ] {
            assert!(text.parse::<Dur>().is_err(), "{text:?} should fail");
        }
    }

    #[test]
    fn display_round_trips() {
        for text in ["30s", "2m", "1m30s", "1h", "1h2m3s", "500ms", "0s"] {
            let d: Dur = text.parse().unwrap();
            assert_eq!(d.to_string(), text);
        }
    }
}
