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
