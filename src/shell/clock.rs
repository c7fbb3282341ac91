//! The shell's clock: monotonic time since start, optionally sped up for
//! `limber preview`; how the shell tells that time went by without it; and
//! the wall clock as local time ([`local_now`]), for any system time.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, Utc};

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

/// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds: the
/// years the log writes with four digits, and far from the ends of
/// chrono's range, so date arithmetic on "today" never overflows.
const EARLIEST: i64 = -62_135_596_800;
const LATEST: i64 = 253_402_300_799;

/// Now, as local time. Unlike chrono's `Local::now`, which panics on a
/// clock before 1970, this is total: see [`utc_at`].
pub fn local_now() -> DateTime<Local> {
    utc_at(SystemTime::now()).with_timezone(&Local)
}

/// `t` as a UTC date and time, for any `t`: before 1970 too; a clock
/// outside the years 1 to 9999 reads as the nearest end of them (nobody's
/// clock is there, and every date stays one the log can write and read).
pub fn utc_at(t: SystemTime) -> DateTime<Utc> {
    let secs = |d: Duration| i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
    let (s, ns) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (secs(d), d.subsec_nanos()),
        // Before 1970: whole seconds down, nanoseconds up from there.
        Err(e) => {
            let d = e.duration();
            match d.subsec_nanos() {
                0 => (secs(d).saturating_neg(), 0),
                n => (
                    secs(d).saturating_neg().saturating_sub(1),
                    1_000_000_000 - n,
                ),
            }
        }
    };
    let (s, ns) = if s < EARLIEST {
        (EARLIEST, 0)
    } else if s > LATEST {
        (LATEST, 0)
    } else {
        (s, ns)
    };
    DateTime::from_timestamp(s, ns).unwrap_or(DateTime::UNIX_EPOCH)
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

    #[test]
    fn any_system_time_is_a_date_and_time() {
        use chrono::{Datelike, TimeDelta, Timelike};
        let at = |t: SystemTime| utc_at(t).to_rfc3339();
        let before = |secs: u64, ns: u32| UNIX_EPOCH - Duration::new(secs, ns);
        let after = |secs: u64| UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(at(before(1, 500_000_000)), "1969-12-31T23:59:58.500+00:00");
        assert_eq!(at(before(86_400, 0)), "1969-12-31T00:00:00+00:00");
        assert_eq!(at(after(16_725_225_600)), "2500-01-01T00:00:00+00:00");
        // Past the years 1 to 9999: their nearest end, not a panic.
        let far = 10_000_000_000_000;
        let ancient = UNIX_EPOCH.checked_sub(Duration::from_secs(far));
        let future = UNIX_EPOCH.checked_add(Duration::from_secs(far));
        for (t, year) in [(ancient, 1), (future, 9999)] {
            let t = t.expect("SystemTime holds it on Linux");
            let u = utc_at(t);
            assert_eq!(u.year(), year);
            // What the shell does with it: local time, today, days around.
            let local = u.with_timezone(&Local);
            let today = local.date_naive();
            let _ = (today - TimeDelta::days(365), today + TimeDelta::days(365));
            let _ = (local.fixed_offset().to_rfc3339(), local.hour());
        }
        assert_eq!(at(UNIX_EPOCH), "1970-01-01T00:00:00+00:00");
        let _ = local_now();
    }
}
