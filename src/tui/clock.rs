//! The shell's clock: monotonic time since start, optionally sped up for
//! `limber preview`.

use std::time::{Duration, Instant};

use crate::core::clock::Mono;

pub struct Clock {
    origin: Instant,
    speed: u32,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_scales_waiting() {
        let c = Clock::start(60);
        assert_eq!(c.real(Duration::from_secs(60)), Duration::from_secs(1));
        assert_eq!(
            Clock::start(0).real(Duration::from_secs(5)),
            Duration::from_secs(5)
        );
    }
}
