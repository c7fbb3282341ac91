//! The one loop step both front ends run: wait for input or for the next
//! moment the session must change, and say what happened meanwhile.

use std::sync::mpsc::{Receiver, RecvTimeoutError};

use crate::core::clock::Mono;

use super::clock::{Clock, Moment};
use super::input::Input;

/// One turn of a session loop.
#[derive(Debug)]
pub struct Turn {
    pub now: Mono,
    /// Set when the process was stopped or the machine slept during the
    /// wait: the session should pause as of this moment, when the loop last
    /// woke, before a tick counts the time away as exercise.
    pub away_since: Option<Mono>,
    /// What woke the loop; `None` when the wait ran out.
    pub input: Option<Input>,
}

pub struct Pump {
    clock: Clock,
    rx: Receiver<Input>,
    woke: Moment,
}

impl Pump {
    pub fn new(clock: Clock, rx: Receiver<Input>) -> Pump {
        let woke = clock.moment();
        Pump { clock, rx, woke }
    }

    pub fn now(&self) -> Mono {
        self.clock.now()
    }

    /// Waits until `wake` (`None`: until input arrives) or input, whichever
    /// comes first. Every input source gone reads as [`Input::Closed`].
    pub fn next(&mut self, wake: Option<Mono>) -> Turn {
        let timeout = self.clock.timeout(wake);
        let received = match timeout {
            Some(timeout) => self.rx.recv_timeout(timeout),
            None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        let moment = self.clock.moment();
        let away_since = self
            .clock
            .was_away(self.woke, timeout, moment)
            .then_some(self.woke.mono);
        self.woke = moment;
        let input = match received {
            Ok(input) => Some(input),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Input::Closed),
        };
        Turn {
            now: moment.mono,
            away_since,
            input,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::time::Duration;

    #[test]
    fn a_wait_ends_with_input_or_at_the_wake() {
        let (tx, rx) = mpsc::channel();
        let clock = Clock::start(1);
        let mut pump = Pump::new(clock, rx);
        tx.send(Input::Resize).unwrap();
        let turn = pump.next(None);
        assert!(matches!(turn.input, Some(Input::Resize)));
        assert_eq!(turn.away_since, None);
        let wake = pump.now() + Duration::from_millis(20);
        let turn = pump.next(Some(wake));
        assert!(turn.input.is_none(), "the wait ran out");
        assert!(turn.now >= wake);
        drop(tx);
        assert!(matches!(pump.next(None).input, Some(Input::Closed)));
    }
}
