//! The voice coach's script: what is said, and when, for each thing the
//! session engine reports. Pure: the moment is handed in, and how long a
//! line takes to say is measured by the caller, who has the words. The
//! rules, so the user can follow with eyes closed:
//! - a phase's start is said at once and cuts what is still being said:
//!   the newest phase is the one to follow;
//! - a step's start names the exercise ("first up" for the first), its
//!   side and its first cue; the cue is left out when it could not be said
//!   before the last seconds are counted;
//! - a rest between steps and a switch of sides say what comes next;
//! - the halfway mark of a long hold and the last seconds of a phase of at
//!   least [`COUNT_FROM`] are said into silence only: they never cut a
//!   line, and are left out when one is still being said;
//! - the end is said to its last word, even when the program ends first.

use std::time::Duration;

use super::clock::Mono;
use super::plan::{PhaseKind, Plan};
use super::routine::Side;
use super::session::Effect;

/// Phases this long or longer have their last seconds counted aloud;
/// shorter ones (a 2-second beat) keep their rhythm with the beat names.
pub const COUNT_FROM: Duration = Duration::from_secs(5);

/// How long a count or the halfway mark may wait for the line before it
/// to end; the speaker's pace is only estimated, so a little slack.
pub const WAIT_FOR_PREVIOUS: Duration = Duration::from_millis(400);

/// One sentence of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Say {
    /// The exercise of `step`, on `side`; "first up" when it opens the
    /// session.
    Exercise {
        step: usize,
        side: Option<Side>,
        first: bool,
    },
    /// The step's first cue, as the routine words it.
    Cue {
        step: usize,
    },
    /// The name of phase `index`: "Hold", "Push", "Rest", "Switch sides".
    Phase {
        index: usize,
    },
    /// What comes after this rest: another exercise (`step`), or the same
    /// one on another side (`step` is `None`).
    NextUp {
        step: Option<usize>,
        side: Option<Side>,
    },
    /// Half the hold is done; `left_secs` to go.
    Halfway {
        left_secs: u64,
    },
    /// One of the last seconds.
    Count(u8),
    Complete,
    /// The question after a step with `ask_pain`: how much pain.
    StepPain,
}

/// How a line meets the one still being said.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Manner {
    /// Stop what is being said and say this.
    Cut,
    /// Wait at most this long for what is being said to end, then cut it.
    Wait(Duration),
    /// Cut, and let this line finish even if the program ends.
    Final,
}

/// What the voice says at one moment: sentences said as one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub says: Vec<Say>,
    pub manner: Manner,
}

/// The script's memory: when the voice should fall silent, and whether
/// the session has been opened ("first up" is said once).
#[derive(Clone, Debug, Default)]
pub struct Script {
    busy_until: Mono,
    opened: bool,
}

impl Script {
    pub fn new() -> Script {
        Script::default()
    }

    /// The line for `effect` at `now`, if one is said. `current` is the
    /// phase running after the effect (the one a count or the halfway
    /// mark belongs to); `length` is how long a line takes to say.
    pub fn on(
        &mut self,
        plan: &Plan,
        effect: &Effect,
        current: Option<usize>,
        now: Mono,
        length: &dyn Fn(&Line) -> Duration,
    ) -> Option<Line> {
        let line = match effect {
            Effect::PhaseStarted { index } => self.phase_started(plan, *index, length)?,
            Effect::Countdown { secs } => {
                let d = plan.phase(current?)?.duration?;
                if d < COUNT_FROM || !self.quiet_by(now) {
                    return None;
                }
                Line {
                    says: vec![Say::Count(*secs)],
                    manner: Manner::Wait(WAIT_FOR_PREVIOUS),
                }
            }
            Effect::Halfway => {
                let d = plan.phase(current?)?.duration?;
                if !self.quiet_by(now) {
                    return None;
                }
                Line {
                    says: vec![Say::Halfway {
                        left_secs: (d / 2).as_secs(),
                    }],
                    manner: Manner::Wait(WAIT_FOR_PREVIOUS),
                }
            }
            Effect::Finished => Line {
                says: vec![Say::Complete],
                manner: Manner::Final,
            },
            // A question is said at once, as a phase is: the session
            // waits for its answer.
            Effect::AskPain { .. } => Line {
                says: vec![Say::StepPain],
                manner: Manner::Cut,
            },
            _ => return None,
        };
        let start = match line.manner {
            Manner::Wait(_) => self.busy_until.max(now),
            Manner::Cut | Manner::Final => now,
        };
        self.busy_until = start + length(&line);
        Some(line)
    }

    /// Silent by `now`, give or take the wait a count may make.
    fn quiet_by(&self, now: Mono) -> bool {
        self.busy_until.since(now) <= WAIT_FOR_PREVIOUS
    }

    fn phase_started(
        &mut self,
        plan: &Plan,
        index: usize,
        length: &dyn Fn(&Line) -> Duration,
    ) -> Option<Line> {
        let phase = plan.phase(index)?;
        let starts_step = plan.step_phases(phase.step).start == index;
        let cut = |says| Line {
            says,
            manner: Manner::Cut,
        };
        if !starts_step {
            let mut says = vec![Say::Phase { index }];
            match phase.kind {
                PhaseKind::SwitchSide => says.push(Say::NextUp {
                    step: None,
                    side: phase.side,
                }),
                PhaseKind::RestAfter => {
                    let next = phase.step + 1;
                    if let Some(first) = plan.phase(plan.step_phases(next).start) {
                        says.push(Say::NextUp {
                            step: Some(next),
                            side: first.side,
                        });
                    }
                }
                _ => {}
            }
            return Some(cut(says));
        }
        let first = !std::mem::replace(&mut self.opened, true);
        let mut says = vec![Say::Exercise {
            step: phase.step,
            side: phase.side,
            first,
        }];
        // A get-ready or a manual step's wait is said as the exercise; any
        // other first phase is named too ("Hold"), so a step without
        // get-ready never starts unnamed.
        if !matches!(phase.kind, PhaseKind::GetReady | PhaseKind::WaitForUser) {
            says.push(Say::Phase { index });
        }
        let has_cue = plan
            .steps()
            .get(phase.step)
            .is_some_and(|s| !s.cues.is_empty());
        if has_cue {
            let mut with_cue = cut(says.clone());
            with_cue.says.push(Say::Cue { step: phase.step });
            // The cue must be said before the count starts (or the phase
            // ends); a manual step waits for the user, so it always fits.
            let room = phase.duration.map(|d| {
                if d >= COUNT_FROM {
                    d.saturating_sub(Duration::from_secs(3))
                } else {
                    d
                }
            });
            if room.is_none_or(|room| length(&with_cue) <= room) {
                return Some(with_cue);
            }
        }
        Some(cut(says))
    }
}

/// Every line a session of `plan` run without a pause says, with its
/// moment from the start, as the engine reports it: the schedule the voice
/// test renders and times. `length` as for [`Script::on`].
pub fn schedule(plan: &Plan, length: &dyn Fn(&Line) -> Duration) -> Vec<(Mono, Line)> {
    use super::session::{Command, Meta, Session, State};
    let mut session = Session::new(plan.clone(), Meta::for_plan(plan, None));
    let mut script = Script::new();
    let mut out = Vec::new();
    let mut now = Mono::ZERO;
    let mut command = Command::Start;
    // A step per wake-up; bounded by the plan's size, checked at expansion.
    loop {
        let effects = session.update(command, now);
        let current = session.current().map(|(i, _)| i);
        for effect in &effects {
            if let Some(line) = script.on(plan, effect, current, now, length) {
                out.push((now, line));
            }
        }
        if session.state().outcome().is_some() {
            return out;
        }
        command = match session.next_wake(now) {
            Some(wake) => {
                now = wake;
                Command::Tick
            }
            // A manual step: the user is ready at once; a pain question
            // is answered at once.
            None if matches!(session.state(), State::Paused { .. }) => Command::Resume,
            None => Command::Ready,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::plan::expand;
    use crate::core::routine::{Routine, Side};

    fn plan(text: &str) -> Plan {
        let routine: Routine = crate::core::parse::parse_routine(text.as_bytes()).unwrap();
        expand(&routine, None, Side::Right).unwrap()
    }

    const ROUTINE: &str = r#"Routine(
        id: "t", version: 1, lang: "en", title: "T",
        schedule: Schedule(times_per_day: 1), sided: true,
        get_ready: "10s", switch_side: "5s",
        steps: [
            Step(id: "a", title: "A", cues: ["Breathe out"], sides: AffectedFirst,
                 kind: Hold(duration: "30s", reps: 1, rest: "0s"), rest_after: "10s"),
            Step(id: "b", title: "B", kind: Reps(count: 1, tempo: [
                Beat(label: "Push", duration: "2s"), Beat(label: "Relax", duration: "2s")])),
        ],
    )"#;

    /// A speaker saying every line in a second.
    fn second(_: &Line) -> Duration {
        Duration::from_secs(1)
    }

    #[test]
    fn a_session_says_first_up_the_cue_halfway_the_count_switch_next_up_and_the_end() {
        let p = plan(ROUTINE);
        let lines = schedule(&p, &second);
        let says: Vec<(u64, &Say)> = lines
            .iter()
            .flat_map(|(t, l)| l.says.iter().map(move |s| (t.0.as_secs(), s)))
            .collect();
        let at = |want: &Say| -> Vec<u64> {
            says.iter()
                .filter(|(_, s)| *s == want)
                .map(|(t, _)| *t)
                .collect()
        };
        let first = Say::Exercise {
            step: 0,
            side: Some(Side::Right),
            first: true,
        };
        assert_eq!(says[0], (0, &first), "{says:?}");
        assert_eq!(says[1], (0, &Say::Cue { step: 0 }));
        // Get-ready 10 s, hold 30 s, switch 5 s, hold 30 s, rest 10 s,
        // get-ready 10 s, two 2-second beats.
        assert_eq!(at(&Say::Halfway { left_secs: 15 }), [25, 60]);
        assert_eq!(at(&Say::Count(3)), [7, 37, 42, 72, 82, 92]);
        assert_eq!(
            at(&Say::NextUp {
                step: None,
                side: Some(Side::Left)
            }),
            [40]
        );
        assert_eq!(
            at(&Say::NextUp {
                step: Some(1),
                side: None
            }),
            [75]
        );
        // The 2-second beats are named, never counted.
        assert!(at(&Say::Count(1)).iter().all(|t| *t < 95));
        assert_eq!(says.last(), Some(&(99, &Say::Complete)));
        assert_eq!(lines.last().unwrap().1.manner, Manner::Final);
        // "First up" once.
        assert_eq!(
            says.iter()
                .filter(|(_, s)| matches!(s, Say::Exercise { first: true, .. }))
                .count(),
            1
        );
    }

    #[test]
    fn a_long_line_drops_the_cue_and_a_busy_voice_skips_the_count() {
        let p = plan(ROUTINE);
        let slow = |l: &Line| Duration::from_secs(4 * l.says.len() as u64);
        let lines = schedule(&p, &slow);
        // 8 s with the cue does not fit before the count at 7 s.
        assert_eq!(lines[0].1.says.len(), 1);
        // The switch-side line (8 s) is still being said at its count.
        assert!(
            !lines
                .iter()
                .any(|(t, l)| t.0.as_secs() == 42 && l.says == [Say::Count(3)])
        );
    }
}
