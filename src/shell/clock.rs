//! The shell's clock: monotonic time since start, optionally sped up for
//! `limber preview`; and how the shell tells that time went by without it.

use std::time::{Duration, Instant, SystemTime};

use crate::core::clock::Mono;

/// A wake-up later than asked by more than this means the process was
/// stopped (SIGSTOP, or SIGTSTP sent from elsewhere): monotonic time runs
/// on while a process is stopped. Loose enough for a loaded machine.
const STOP_SLACK: Duration = Duration::from_secs(2);

/// The wall clock moving on more than monotonic time by more than this
/// means the machine slept: monotonic time stands still then.
const SLEEP_SLACK: Duration = Duration::from_secs(5);

pub struct Clock {
    origin: Instant,
    speed: u32,
}

/// A moment on both clocks: monotonic for the session, wall for noticing
/// that the machine slept.
#[derive(Clone, Copy, Debug)]
pub struct Moment {
    pub mono: Mono,
    wall: SystemTime,
}

impl Clock {
    /// `speed` 1 is real time; 60 runs a minute in a second.
    pub fn start(speed: u32) -> Clock {
        Clock {
            origin: Instant::now(),
            speed: speed.max(1),
        }
    }

    pub fn now(&self) -> Mono {
        Mono(self.origin.elapsed() * self.speed)
    }

    /// How long to really wait for `session_time` to pass.
    pub fn real(&self, session_time: Duration) -> Duration {
        session_time.div_f64(f64::from(self.speed))
    }

    pub fn moment(&self) -> Moment {
        Moment {
            mono: self.now(),
            wall: SystemTime::now(),
        }
    }

    /// How long to wait, in real time, for `wake` (`None`: until input).
    pub fn timeout(&self, wake: Option<Mono>) -> Option<Duration> {
        wake.map(|w| self.real(w.since(self.now())))
    }

    /// Whether the process was away between `woke`, when the loop last
    /// woke, and `now`, given that it meant to wait `timeout` in between.
    /// The session should then pause as of `woke`: the loop wakes at least
    /// every second while a phase runs, and keeps busy only for moments, so
    /// that is close to when it went away, even if it was stopped while busy.
    pub fn was_away(&self, woke: Moment, timeout: Option<Duration>, now: Moment) -> bool {
        let wall = now.wall.duration_since(woke.wall).unwrap_or_default();
        away(timeout, self.real(now.mono.since(woke.mono)), wall)
    }
}

/// Whether a turn of the loop that meant to wait `timeout` (`None`: until
/// input) and took `mono` by the monotonic clock and `wall` by the wall
/// clock, all in real time, shows that the process was stopped or the
/// machine slept. Input ends a wait early, never late, so it does not
/// matter what woke the loop.
pub fn away(timeout: Option<Duration>, mono: Duration, wall: Duration) -> bool {
    let stopped = timeout.is_some_and(|t| mono > t + STOP_SLACK);
    let slept = wall > mono + SLEEP_SLACK;
    stopped || slept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(secs: f64) -> Duration {
        Duration::from_secs_f64(secs)
    }

    #[test]
    fn speed_scales_waiting() {
        let c = Clock::start(60);
        assert_eq!(c.real(Duration::from_secs(60)), Duration::from_secs(1));
        assert_eq!(
            Clock::start(0).real(Duration::from_secs(5)),
            Duration::from_secs(5)
        );
    }

    #[test]
    fn on_time_or_a_little_late_is_not_away() {
        assert!(!away(Some(s(1.0)), s(1.0), s(1.0)));
        assert!(!away(Some(s(1.0)), s(2.9), s(2.9)));
        // Input ended the wait early.
        assert!(!away(Some(s(1.0)), s(0.2), s(0.2)));
        // Waiting for input may take any time.
        assert!(!away(None, s(3600.0), s(3600.0)));
        // The wall clock was set a little.
        assert!(!away(Some(s(1.0)), s(1.0), s(4.0)));
    }

    #[test]
    fn stopped_process_wakes_late_by_the_monotonic_clock() {
        // Asked to wake in 0.4 s, stopped for 3 s: both clocks ran on.
        assert!(away(Some(s(0.4)), s(3.4), s(3.4)));
        // Whatever woke it first: a key typed while stopped, or SIGCONT.
        assert!(away(Some(s(1.0)), s(600.0), s(600.0)));
    }

    #[test]
    fn machine_sleep_shows_on_the_wall_clock_only() {
        assert!(away(Some(s(1.0)), s(1.0), s(3600.0)));
        assert!(away(None, s(10.0), s(3600.0)));
    }

    #[test]
    fn timeouts_and_turns_are_in_real_time() {
        let c = Clock::start(60);
        let t = c.timeout(Some(c.now() + Duration::from_secs(120)));
        let t = t.expect("a timeout");
        assert!(t <= s(2.0) && t > s(1.5), "{t:?}");
        assert_eq!(c.timeout(None), None);
        // Ten minutes of session time is ten real seconds: away.
        let woke = c.moment();
        let later = Moment {
            mono: woke.mono + Duration::from_secs(600),
            wall: woke.wall + s(10.0),
        };
        assert!(c.was_away(woke, Some(s(1.0)), later));
        assert!(!c.was_away(woke, Some(s(10.0)), later));
    }
}
