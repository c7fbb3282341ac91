//! Time as the core sees it: a monotonic moment handed in by the shell.

use std::ops::{Add, Sub};
use std::time::Duration;

/// A moment on a monotonic clock, measured from an origin the shell picks
/// (in tests: zero). The core never reads a clock itself.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Mono(pub Duration);

impl Mono {
    pub const ZERO: Mono = Mono(Duration::ZERO);

    pub fn from_secs(s: u64) -> Self {
        Mono(Duration::from_secs(s))
    }

    pub fn from_millis(ms: u64) -> Self {
        Mono(Duration::from_millis(ms))
    }

    /// Time from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: Mono) -> Duration {
        self.0.saturating_sub(earlier.0)
    }
}

/// The whole seconds a countdown shows with `left` to go: rounded up, so
/// "0:30" for the whole first second of a 30-second hold, "0:01" in its
/// last, and never "0:00" while time is left. The screen, plain mode and
/// the engine's wake-ups all count by this.
pub fn shown_secs(left: Duration) -> u64 {
    u64::try_from(left.as_nanos().div_ceil(1_000_000_000)).unwrap_or(u64::MAX)
}

impl Add<Duration> for Mono {
    type Output = Mono;
    fn add(self, d: Duration) -> Mono {
        Mono(self.0 + d)
    }
}

impl Sub<Mono> for Mono {
    type Output = Duration;
    fn sub(self, earlier: Mono) -> Duration {
        self.since(earlier)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_countdown_shows_whole_seconds_rounded_up() {
        assert_eq!(shown_secs(Duration::from_secs(30)), 30);
        assert_eq!(shown_secs(Duration::from_millis(29_001)), 30);
        assert_eq!(shown_secs(Duration::from_millis(29_000)), 29);
        assert_eq!(shown_secs(Duration::from_nanos(1)), 1);
        assert_eq!(shown_secs(Duration::ZERO), 0);
    }
}
