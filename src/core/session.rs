//! The session engine: a state machine over a [`Plan`], driven by commands
//! and by the moments the shell hands in. It never reads a clock, never
//! sleeps and never does IO; it answers every command with the [`Effect`]s
//! the shell should show, sound or store.
//!
//! Time rules:
//! - A timed phase ends at its deadline, and the next deadline is chained
//!   from that deadline, not from the moment the shell noticed. Late ticks
//!   therefore never stretch a session, and a very late tick walks through
//!   every phase it missed, in order.
//! - *Active* time is the time spent in running timed phases, counted from
//!   phase durations and deadlines (never from tick gaps), so a session run
//!   without skips has exactly [`Plan::total`] of it.
//! - *Paused* time is user pauses plus time away (sleep, suspension): the
//!   user was not exercising in either.
//! - *Waiting* time is time on manual steps: no clock ran, but the user was
//!   working, so it is neither active nor paused.
//!
//! Records: one `StepDone` per (step, side) when a step ends, whether it ran
//! out, was skipped with Next or the session stopped. Back can re-run a step
//! that was already recorded; its next ending records it again, and the
//! later record replaces the earlier one (last per `index` and `side` wins).
//! Without Back no (step, side) is recorded twice.

use std::time::Duration;

use super::clock::Mono;
use super::plan::{Phase, PhaseKind, Plan};
use super::record::{Event, Outcome, StepStatus, StopReason};
use super::results::{EntryResult, EntryStatus, Results};
use super::routine::Side;

/// Back pressed within this much of a step's start (pauses not counted)
/// goes to the previous step, as a music player does, because a restart
/// that soon would change nothing.
pub const BACK_TO_PREVIOUS: Duration = Duration::from_secs(2);

/// Holds and timed work at least this long get a halfway cue; in shorter
/// ones it would crowd the countdown.
pub const HALFWAY_MIN: Duration = Duration::from_secs(20);

/// What the `SessionStarted` record says about the session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    pub side: Option<Side>,
    pub variant: Option<String>,
    pub pain_before: Option<u8>,
}

impl Meta {
    /// Side and variant as the plan was expanded, so they cannot disagree.
    pub fn for_plan(plan: &Plan, pain_before: Option<u8>) -> Meta {
        Meta {
            side: plan.sided().then_some(plan.affected()),
            variant: plan.variant().map(str::to_string),
            pain_before,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Start,
    Pause,
    Resume,
    /// Pause when running, resume when paused: the Space key.
    TogglePause,
    /// Skip the rest of the current step.
    Next,
    /// Restart the current step, or go to the previous one if this step
    /// began less than [`BACK_TO_PREVIOUS`] ago.
    Back,
    Stop(StopReason),
    /// The user left without a reason (quit, Ctrl-C).
    Abandon,
    /// The user is done with a manual step.
    Ready,
    /// Time passed; catch up with it.
    Tick,
    /// The machine slept or the process was suspended from `since` until
    /// now: the session pauses as it was at `since`.
    TimeAway {
        since: Mono,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Phase `index` of the plan began; announce it.
    PhaseStarted {
        index: usize,
    },
    /// The running phase has `secs` (3, 2 or 1) seconds left. When ticks
    /// come late, only the lowest number reached is sent.
    Countdown {
        secs: u8,
    },
    /// The running hold or timed work is half done.
    Halfway,
    /// A switch-side phase began.
    SwitchSide {
        to: Side,
    },
    /// The step's last hold, rep or work phase ended (a rest may follow).
    StepCompleted {
        step: usize,
    },
    /// Next left this step before its work was complete.
    StepSkipped {
        step: usize,
    },
    Paused,
    Resumed,
    /// The shell reported time away; the session is now paused (or, on a
    /// manual step, still waiting). Implies `Paused`, which is not sent too.
    TimeAway {
        gap: Duration,
    },
    Finished,
    Stopped(StopReason),
    Abandoned,
    /// A payload for the session log.
    Record(Event),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    NotStarted,
    /// A timed phase counting down to `deadline`.
    Running {
        phase: usize,
        deadline: Mono,
    },
    /// A timed phase stopped with `remaining` left, since `since`.
    Paused {
        phase: usize,
        remaining: Duration,
        since: Mono,
    },
    /// A manual phase waiting for [`Command::Ready`], since `since`.
    Waiting {
        phase: usize,
        since: Mono,
    },
    /// Ran to the end of the plan (possibly with skipped steps).
    Finished,
    Stopped(StopReason),
    Abandoned,
}

impl State {
    /// The current phase, while the session is under way.
    pub fn phase(&self) -> Option<usize> {
        match *self {
            State::Running { phase, .. }
            | State::Paused { phase, .. }
            | State::Waiting { phase, .. } => Some(phase),
            _ => None,
        }
    }

    pub fn outcome(&self) -> Option<Outcome> {
        match *self {
            State::Finished => Some(Outcome::Completed),
            State::Stopped(r) => Some(Outcome::Stopped(r)),
            State::Abandoned => Some(Outcome::Abandoned),
            _ => None,
        }
    }
}

/// Progress of one (step, side) entry.
#[derive(Clone, Copy, Debug, Default)]
struct Track {
    /// Reps completed in the current pass over the step.
    reps_done: u32,
    /// A work phase was reached in the current pass.
    reached: bool,
    /// What the last `StepDone` record said: status and reps.
    logged: Option<(StepStatus, u32)>,
}

/// How a step ended, which decides what unreached sides record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Ran out or skipped: every side gets a record.
    Passed,
    /// The session ended inside it: sides never reached stay unrecorded.
    SessionOver,
}

const CUE_HALFWAY: u8 = 1 << 0;
const fn cue_bit(secs: u8) -> u8 {
    1 << secs
}

#[derive(Clone, Debug)]
pub struct Session {
    plan: Plan,
    meta: Meta,
    state: State,
    tracks: Vec<Track>,
    /// Closed totals; the open part of the current phase, pause or wait is
    /// added on demand.
    active: Duration,
    paused: Duration,
    waiting: Duration,
    /// When the current step began, and the paused total at that moment,
    /// for Back.
    step_began: (Mono, Duration),
    /// Cues already sent for the current phase.
    cues: u8,
    /// The latest moment seen: time never runs backwards here, even if
    /// the shell's does.
    last: Mono,
}

impl Session {
    pub fn new(plan: Plan, meta: Meta) -> Session {
        let tracks = vec![Track::default(); plan.entries().len()];
        Session {
            plan,
            meta,
            state: State::NotStarted,
            tracks,
            active: Duration::ZERO,
            paused: Duration::ZERO,
            waiting: Duration::ZERO,
            step_began: (Mono::ZERO, Duration::ZERO),
            cues: 0,
            last: Mono::ZERO,
        }
    }

    /// Applies `cmd` at `now`. Commands that make no sense in the current
    /// state change nothing and return no effects, beyond catching up with
    /// deadlines that passed before `now`.
    pub fn update(&mut self, cmd: Command, now: Mono) -> Vec<Effect> {
        let before = self.last;
        let now = now.max(before);
        self.last = now;
        let mut fx = Vec::new();
        if let Command::TimeAway { since } = cmd {
            self.time_away(since.clamp(before, now), now, &mut fx);
            return fx;
        }
        self.catch_up(now, &mut fx);
        match cmd {
            Command::Start => self.start(now, &mut fx),
            Command::Tick => {}
            Command::Pause => self.pause(now, &mut fx),
            Command::Resume => self.resume(now, &mut fx),
            Command::TogglePause => match self.state {
                State::Running { .. } => self.pause(now, &mut fx),
                State::Paused { .. } => self.resume(now, &mut fx),
                _ => {}
            },
            Command::Next => self.next(now, &mut fx),
            Command::Back => self.back(now, &mut fx),
            Command::Stop(reason) => self.end(now, Outcome::Stopped(reason), &mut fx),
            Command::Abandon => self.end(now, Outcome::Abandoned, &mut fx),
            Command::Ready => self.ready(now, &mut fx),
            Command::TimeAway { .. } => unreachable!("handled above"),
        }
        // A jump may land on a phase that lasts no time.
        self.catch_up(now, &mut fx);
        self.send_cues(now, &mut fx);
        fx
    }

    fn start(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        if self.state != State::NotStarted {
            return;
        }
        fx.push(Effect::Record(Event::SessionStarted {
            side: self.meta.side,
            variant: self.meta.variant.clone(),
            pain_before: self.meta.pain_before,
        }));
        self.enter(0, now, fx);
    }

    fn pause(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        if let State::Running { phase, deadline } = self.state {
            // Cues due before the pause belong to the running phase.
            self.send_cues(now, fx);
            self.state = State::Paused {
                phase,
                remaining: deadline.since(now),
                since: now,
            };
            fx.push(Effect::Paused);
        }
    }

    fn resume(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        if let State::Paused {
            phase,
            remaining,
            since,
        } = self.state
        {
            self.paused += now.since(since);
            self.state = State::Running {
                phase,
                deadline: now + remaining,
            };
            fx.push(Effect::Resumed);
        }
    }

    fn ready(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        if let State::Waiting { phase, since } = self.state {
            self.waiting += now.since(since);
            self.complete(phase, now, fx);
        }
    }

    fn next(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        let Some(phase) = self.state.phase() else {
            return;
        };
        let step = self.plan.phases()[phase].step;
        let pause = self.cut(now);
        if self.plan.last_work(step).is_some_and(|w| phase <= w) {
            fx.push(Effect::StepSkipped { step });
        }
        self.end_step(step, Ending::Passed, fx);
        self.enter(self.plan.step_phases(step).end, now, fx);
        self.keep_paused(pause, now);
    }

    fn back(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        let Some(phase) = self.state.phase() else {
            return;
        };
        let step = self.plan.phases()[phase].step;
        let target = if step > 0 && self.time_in_step(now) < BACK_TO_PREVIOUS {
            step - 1
        } else {
            step
        };
        let pause = self.cut(now);
        // The steps re-run from scratch; what they recorded before stands
        // until they end again.
        let first = self.plan.step_entries(target).start;
        let last = self.plan.step_entries(step).end;
        for t in &mut self.tracks[first..last] {
            t.reps_done = 0;
            t.reached = false;
        }
        self.enter(self.plan.step_phases(target).start, now, fx);
        self.keep_paused(pause, now);
    }

    fn end(&mut self, now: Mono, outcome: Outcome, fx: &mut Vec<Effect>) {
        let Some(phase) = self.state.phase() else {
            return;
        };
        self.cut(now);
        self.end_step(self.plan.phases()[phase].step, Ending::SessionOver, fx);
        self.finish(outcome, fx);
    }

    fn time_away(&mut self, since: Mono, now: Mono, fx: &mut Vec<Effect>) {
        self.catch_up(since, fx);
        match self.state {
            State::Running { phase, deadline } => {
                self.state = State::Paused {
                    phase,
                    remaining: deadline.since(since),
                    since,
                };
            }
            State::Waiting { phase, since: w } => {
                self.waiting += since.since(w);
                self.paused += now.since(since);
                self.state = State::Waiting { phase, since: now };
            }
            State::Paused { .. } => {}
            _ => return,
        }
        fx.push(Effect::TimeAway {
            gap: now.since(since),
        });
    }

    /// Ends every timed phase whose deadline is at or before `t`, chaining
    /// each next deadline from the previous one.
    fn catch_up(&mut self, t: Mono, fx: &mut Vec<Effect>) {
        while let State::Running { phase, deadline } = self.state {
            if deadline > t {
                break;
            }
            self.complete(phase, deadline, fx);
        }
    }

    /// Phase `index` ran its course, ending at `end`.
    fn complete(&mut self, index: usize, end: Mono, fx: &mut Vec<Effect>) {
        let p = &self.plan.phases()[index];
        let step = p.step;
        self.active += p.duration.unwrap_or_default();
        if p.ends_rep() {
            let t = &mut self.tracks[p.entry];
            t.reps_done = t.reps_done.saturating_add(1);
        }
        if self.plan.last_work(step) == Some(index) {
            fx.push(Effect::StepCompleted { step });
        }
        let next = index + 1;
        if self.plan.phases().get(next).is_none_or(|n| n.step != step) {
            self.end_step(step, Ending::Passed, fx);
        }
        self.enter(next, end, fx);
    }

    /// Starts phase `index` at `at`, or finishes the session past the end.
    fn enter(&mut self, index: usize, at: Mono, fx: &mut Vec<Effect>) {
        let Some(p) = self.plan.phases().get(index) else {
            self.finish(Outcome::Completed, fx);
            return;
        };
        if self.plan.step_phases(p.step).start == index {
            // Callers close any pause before entering a phase.
            self.step_began = (at, self.paused);
        }
        if p.kind.is_work() {
            self.tracks[p.entry].reached = true;
        }
        self.cues = 0;
        fx.push(Effect::PhaseStarted { index });
        if let (PhaseKind::SwitchSide, Some(to)) = (&p.kind, p.side) {
            fx.push(Effect::SwitchSide { to });
        }
        self.state = match p.duration {
            Some(d) => State::Running {
                phase: index,
                deadline: at + d,
            },
            None => State::Waiting {
                phase: index,
                since: at,
            },
        };
    }

    /// Leaves the current phase early at `now`: counts the part of it that
    /// ran and closes any open pause or wait. Returns whether the session
    /// was paused, for [`Session::keep_paused`].
    fn cut(&mut self, now: Mono) -> bool {
        let duration = |i: usize| self.plan.phases()[i].duration.unwrap_or_default();
        match self.state {
            State::Running { phase, deadline } => {
                self.active += duration(phase).saturating_sub(deadline.since(now));
                false
            }
            State::Paused {
                phase,
                remaining,
                since,
            } => {
                self.active += duration(phase).saturating_sub(remaining);
                self.paused += now.since(since);
                true
            }
            State::Waiting { since, .. } => {
                self.waiting += now.since(since);
                false
            }
            _ => false,
        }
    }

    /// After Next or Back while paused, the new phase waits paused too:
    /// skipping should not start a countdown behind the user's back. A
    /// manual phase has nothing to pause, so the pause ends there.
    fn keep_paused(&mut self, was_paused: bool, now: Mono) {
        if let (true, State::Running { phase, deadline }) = (was_paused, self.state) {
            self.state = State::Paused {
                phase,
                remaining: deadline.since(now),
                since: now,
            };
        }
    }

    /// Records each side of `step` as it stands.
    fn end_step(&mut self, step: usize, ending: Ending, fx: &mut Vec<Effect>) {
        for e in self.plan.step_entries(step) {
            let entry = &self.plan.entries()[e];
            let t = &mut self.tracks[e];
            let status = if t.reps_done >= entry.reps_planned {
                StepStatus::Done
            } else if t.reached {
                StepStatus::Partial
            } else if t.logged.is_some() || ending == Ending::SessionOver {
                // Not reached this time: an earlier record stands, and a
                // side the session never got to is simply not reached.
                continue;
            } else {
                StepStatus::Skipped
            };
            t.logged = Some((status, t.reps_done));
            fx.push(Effect::Record(Event::StepDone {
                index: step,
                step: self.plan.steps()[step].id.clone(),
                side: entry.side,
                reps_done: t.reps_done,
                reps_planned: entry.reps_planned,
                status,
            }));
        }
    }

    fn finish(&mut self, outcome: Outcome, fx: &mut Vec<Effect>) {
        self.state = match outcome {
            Outcome::Completed => State::Finished,
            Outcome::Stopped(r) => State::Stopped(r),
            Outcome::Abandoned => State::Abandoned,
        };
        fx.push(match outcome {
            Outcome::Completed => Effect::Finished,
            Outcome::Stopped(r) => Effect::Stopped(r),
            Outcome::Abandoned => Effect::Abandoned,
        });
        fx.push(Effect::Record(Event::SessionEnded {
            outcome,
            active_ms: millis(self.active),
            paused_ms: millis(self.paused),
        }));
    }

    /// Sends the halfway and countdown cues the running phase has reached
    /// by `now`.
    fn send_cues(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        let State::Running { phase, deadline } = self.state else {
            return;
        };
        let p = &self.plan.phases()[phase];
        let d = p.duration.unwrap_or_default();
        let left = deadline.since(now);
        let long_work = matches!(p.kind, PhaseKind::Work | PhaseKind::Hold) && d >= HALFWAY_MIN;
        if long_work && self.cues & CUE_HALFWAY == 0 && left <= d / 2 {
            self.cues |= CUE_HALFWAY;
            fx.push(Effect::Halfway);
        }
        // Only numbers the phase actually counts down through: a 3 s beat
        // starts at "3" and cues just 2 and 1.
        let crossed = [3u8, 2, 1].into_iter().filter(|&k| {
            let k = Duration::from_secs(k.into());
            k < d && left <= k
        });
        let mut lowest = None;
        let mut bits = 0;
        for k in crossed {
            bits |= cue_bit(k);
            lowest = Some(k);
        }
        if let Some(k) = lowest
            && self.cues & cue_bit(k) == 0
        {
            fx.push(Effect::Countdown { secs: k });
        }
        self.cues |= bits;
    }

    /// Step time so far, pauses not counted.
    fn time_in_step(&self, now: Mono) -> Duration {
        let (at, paused_then) = self.step_began;
        now.since(at)
            .saturating_sub(self.paused_at(now).saturating_sub(paused_then))
    }

    /// Paused time up to `t`, the open pause included.
    fn paused_at(&self, t: Mono) -> Duration {
        match self.state {
            State::Paused { since, .. } => self.paused + t.since(since),
            _ => self.paused,
        }
    }
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Read-only views for the screen.
impl Session {
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The current phase and its index, while the session is under way.
    pub fn current(&self) -> Option<(usize, &Phase)> {
        let i = self.state.phase()?;
        Some((i, &self.plan.phases()[i]))
    }

    /// The phase after the current one ("next up"); before the start, the
    /// first phase.
    pub fn next_phase(&self) -> Option<(usize, &Phase)> {
        let i = match self.state {
            State::NotStarted => 0,
            s => s.phase()? + 1,
        };
        self.plan.phase(i).map(|p| (i, p))
    }

    /// Time left in the current timed phase; `None` on a manual phase or
    /// when no phase is current. Screens should round it up, so that "1"
    /// shows until the very end and "0" never does; [`Session::next_wake`]
    /// assumes that rounding.
    pub fn remaining(&self, now: Mono) -> Option<Duration> {
        match self.state {
            State::Running { deadline, .. } => Some(deadline.since(now)),
            State::Paused { remaining, .. } => Some(remaining),
            _ => None,
        }
    }

    /// How far through the current phase, from 0 to 1; a manual phase
    /// stays at 0.
    pub fn progress(&self, now: Mono) -> Option<f64> {
        let (_, p) = self.current()?;
        let (Some(d), Some(left)) = (p.duration, self.remaining(now)) else {
            return Some(0.0);
        };
        if d.is_zero() {
            return Some(1.0);
        }
        Some((1.0 - left.as_secs_f64() / d.as_secs_f64()).clamp(0.0, 1.0))
    }

    /// Planned time still ahead: the rest of this phase and every later
    /// one (manual phases count as zero).
    pub fn time_left(&self, now: Mono) -> Duration {
        match self.state {
            State::NotStarted => self.plan.total(),
            s => match s.phase() {
                Some(i) => self.remaining(now).unwrap_or_default() + self.plan.left_after(i),
                None => Duration::ZERO,
            },
        }
    }

    /// The next moment the screen must change: when the rounded-up
    /// remaining time drops by a second, a cue falls due, or the phase
    /// ends. `None` when nothing counts down, so the shell can block until
    /// a key arrives.
    pub fn next_wake(&self, now: Mono) -> Option<Mono> {
        let State::Running { phase, deadline } = self.state else {
            return None;
        };
        let left = deadline.since(now);
        if left.is_zero() {
            return Some(deadline);
        }
        // The largest whole number of seconds strictly below `left`.
        let whole = Duration::from_secs((left - Duration::from_nanos(1)).as_secs());
        let mut wake = Mono(deadline.0 - whole);
        let p = &self.plan.phases()[phase];
        let d = p.duration.unwrap_or_default();
        if matches!(p.kind, PhaseKind::Work | PhaseKind::Hold)
            && d >= HALFWAY_MIN
            && self.cues & CUE_HALFWAY == 0
            && left > d / 2
        {
            wake = wake.min(Mono(deadline.0 - d / 2));
        }
        Some(wake)
    }

    /// Active time up to `now` (see the module docs).
    pub fn active(&self, now: Mono) -> Duration {
        let duration = |i: usize| self.plan.phases()[i].duration.unwrap_or_default();
        self.active
            + match self.state {
                State::Running { phase, deadline } => {
                    duration(phase).saturating_sub(deadline.since(now))
                }
                State::Paused {
                    phase, remaining, ..
                } => duration(phase).saturating_sub(remaining),
                _ => Duration::ZERO,
            }
    }

    /// Paused time up to `now`, time away included.
    pub fn paused(&self, now: Mono) -> Duration {
        self.paused_at(now)
    }

    /// Time on manual steps up to `now`.
    pub fn waiting(&self, now: Mono) -> Duration {
        match self.state {
            State::Waiting { since, .. } => self.waiting + now.since(since),
            _ => self.waiting,
        }
    }

    /// Every (step, side) with its status so far.
    pub fn results(&self, now: Mono) -> Results {
        let current = self.current().map(|(_, p)| p.step);
        let entries = self
            .plan
            .entries()
            .iter()
            .zip(&self.tracks)
            .map(|(e, t)| {
                let live = current == Some(e.step) && (t.reached || t.reps_done > 0);
                let (status, reps_done) = if live && t.reps_done >= e.reps_planned {
                    (EntryStatus::Done, t.reps_done)
                } else if live {
                    (EntryStatus::InProgress, t.reps_done)
                } else if let Some((s, reps)) = t.logged {
                    (s.into(), reps)
                } else {
                    (EntryStatus::NotReached, 0)
                };
                EntryResult {
                    step: e.step,
                    side: e.side,
                    status,
                    reps_done,
                    reps_planned: e.reps_planned,
                }
            })
            .collect();
        Results {
            entries,
            active: self.active(now),
            paused: self.paused(now),
            waiting: self.waiting(now),
            outcome: self.state.outcome(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::parse_routine;
    use crate::core::plan::expand;

    fn session(steps: &str) -> Session {
        let text = format!(
            r#"Routine(id: "t", version: 1, lang: "en", title: "T", sided: true,
                schedule: Schedule(), get_ready: "3s", switch_side: "5s", steps: [{steps}])"#
        );
        let routine = parse_routine(text.as_bytes()).expect("test routine is valid");
        let plan = expand(&routine, None, Side::Left).unwrap();
        let meta = Meta::for_plan(&plan, Some(4));
        Session::new(plan, meta)
    }

    fn s(secs: u64) -> Mono {
        Mono::from_secs(secs)
    }

    fn started(fx: &[Effect]) -> Vec<usize> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::PhaseStarted { index } => Some(*index),
                _ => None,
            })
            .collect()
    }

    const HOLDS: &str =
        r#"Step(id: "h", title: "H", kind: Hold(duration: "30s", reps: 2, rest: "10s"))"#;

    #[test]
    fn a_late_tick_walks_every_missed_phase_on_the_original_deadlines() {
        let mut sn = session(HOLDS);
        sn.update(Command::Start, s(100));
        // get-ready 3, hold 30, rest 10, hold 30: phases end at 103, 133, 143, 173.
        let fx = sn.update(Command::Tick, s(150));
        assert_eq!(started(&fx), [1, 2, 3]);
        assert_eq!(
            sn.state(),
            &State::Running {
                phase: 3,
                deadline: s(173)
            },
            "the deadline chains from 143, not from the late tick at 150"
        );
        // Phases already over get no stale cues; the live one gets its
        // halfway cue (passed at 158) only once the time comes.
        assert!(!fx.contains(&Effect::Halfway));
        assert_eq!(sn.update(Command::Tick, s(158)), [Effect::Halfway]);
        let fx = sn.update(Command::Tick, s(200));
        assert_eq!(fx[0], Effect::StepCompleted { step: 0 });
        assert_eq!(sn.results(s(200)).active, sn.plan().total());
        assert_eq!(sn.state(), &State::Finished);
    }

    #[test]
    fn a_shell_waking_at_next_wake_hears_each_cue_once() {
        let mut sn = session(HOLDS);
        let mut now = s(7);
        let mut all = sn.update(Command::Start, now);
        let mut wakes = 0;
        while let Some(w) = sn.next_wake(now) {
            assert!(w > now, "next_wake must move forward");
            now = w;
            all.extend(sn.update(Command::Tick, now));
            wakes += 1;
        }
        // One wake per displayed second, plus the two halfway moments
        // (15 s into each 30 s hold, on a whole second here).
        assert_eq!(wakes, 3 + 30 + 10 + 30);
        let count = |e: &Effect| all.iter().filter(|x| *x == e).count();
        assert_eq!(count(&Effect::Halfway), 2);
        // get-ready lasts exactly 3 s, so it cues only 2 and 1.
        assert_eq!(count(&Effect::Countdown { secs: 3 }), 3);
        assert_eq!(count(&Effect::Countdown { secs: 2 }), 4);
        assert_eq!(count(&Effect::Countdown { secs: 1 }), 4);
        assert_eq!(sn.results(now).active, Duration::from_secs(73));
    }

    #[test]
    fn next_wake_follows_the_rounded_up_display() {
        let mut sn = session(HOLDS);
        sn.update(Command::Start, Mono::from_millis(500));
        // get-ready ends at 3.5 s; from 0.5 s the display shows 3, then 2
        // at 1.5 s.
        assert_eq!(
            sn.next_wake(Mono::from_millis(500)),
            Some(Mono::from_millis(1500))
        );
        assert_eq!(
            sn.next_wake(Mono::from_millis(1499)),
            Some(Mono::from_millis(1500))
        );
        assert_eq!(
            sn.next_wake(Mono::from_millis(3000)),
            Some(Mono::from_millis(3500))
        );
        sn.update(Command::Tick, Mono::from_millis(3500));
        // A 30 s hold from 3.5 s: its second boundaries fall on the half
        // second, and so does its halfway moment (18.5 s).
        assert_eq!(
            sn.next_wake(Mono::from_millis(18_000)),
            Some(Mono::from_millis(18_500))
        );
        sn.update(Command::Pause, Mono::from_millis(18_000));
        assert_eq!(sn.next_wake(Mono::from_millis(18_000)), None);
    }

    #[test]
    fn halfway_wake_falls_between_whole_seconds() {
        let mut sn =
            session(r#"Step(id: "w", title: "W", kind: Timed(duration: "25s"), get_ready: "0s")"#);
        sn.update(Command::Start, s(0));
        // Halfway is 12.5 s in, between the 12 s and 13 s boundaries.
        assert_eq!(sn.next_wake(s(12)), Some(Mono::from_millis(12_500)));
        assert_eq!(
            sn.update(Command::Tick, Mono::from_millis(12_500)),
            [Effect::Halfway]
        );
        assert_eq!(sn.next_wake(Mono::from_millis(12_500)), Some(s(13)));
    }
}
