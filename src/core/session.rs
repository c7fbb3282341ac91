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
//! Without Back no (step, side) is recorded twice. A side whose work was
//! never reached is recorded as skipped when Next passes it, and not at all
//! when the session ends first (it stays "not reached" in the results). A
//! side counts as begun, so partial rather than skipped, once one of its
//! work phases (a hold, a beat, timed work, a manual step's wait) began.
//!
//! Holds "as long as possible" (`Hold` with `up_to`): the minimum is an
//! ordinary hold phase, with its cues, and completes the rep; a count-up
//! phase ([`PhaseKind::HoldOn`]) follows, whose deadline is the ceiling.
//! [`Command::Ready`] (Enter), [`Command::TogglePause`] (Space) and
//! [`Command::Next`] end it where it is: the user let go. [`Command::Pause`]
//! and time away pause it like any phase, and a pause counts as no time
//! held. The longest hold on each side, minimum and count-up together, is
//! logged as `held_ms`; active time includes the count-up as it ran.
//!
//! Pain per step: when the work of one side of a step with `ask_pain`
//! ends (ran out, let go, or Next once the side was begun), the session
//! pauses at that moment on the phase that follows, and says
//! [`Effect::AskPain`]; the shell asks and resumes, as it does after any
//! question it holds the session for. The pause is an ordinary one: its
//! time is paused time, and no deadline runs during the question. After
//! the last phase of the plan nothing follows to pause on, so a step that
//! ends the session is not asked: the pain after the session is.

use std::time::Duration;

use super::clock::Mono;
use super::plan::{Phase, PhaseKind, Plan};
use super::record::{Event, Outcome, StepStatus};

/// Back pressed within this much of a step's start (pauses not counted)
/// goes to the previous step, as a music player does, because a restart
/// that soon would change nothing.
pub const BACK_TO_PREVIOUS: Duration = Duration::from_secs(2);

/// Holds and timed work at least this long get a halfway cue; in shorter
/// ones it would crowd the countdown.
pub const HALFWAY_MIN: Duration = Duration::from_secs(20);

/// Whether a phase gets the halfway cue: holds and timed work of at least
/// [`HALFWAY_MIN`].
fn has_halfway_cue(p: &Phase) -> bool {
    matches!(p.kind, PhaseKind::Work | PhaseKind::Hold)
        && p.duration.is_some_and(|d| d >= HALFWAY_MIN)
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
    /// Holds "as long as possible": the hold under way (its minimum and
    /// count-up so far) and the longest in the current pass.
    hold_run: Duration,
    best_hold: Option<Duration>,
    /// What the last `StepDone` record said about the longest hold.
    logged_hold: Option<Duration>,
    /// The pain question of a step with `ask_pain` was asked in the
    /// current pass: Next on the rest after it does not ask again.
    asked: bool,
}

/// How a step ended, which decides what unreached sides record.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    /// Ran out or skipped: every side gets a record.
    Passed,
    /// The session ended inside it: sides never reached stay unrecorded.
    SessionOver,
}

mod records;
mod types;
mod view;

pub use types::{Command, Effect, Meta, State};

#[cfg(test)]
mod tests;

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
            Command::TogglePause => self.toggle_pause(now, &mut fx),
            Command::Next => self.next(now, &mut fx),
            Command::Back => self.back(now, &mut fx),
            Command::Stop(reason) => self.end(now, Outcome::Stopped(reason), &mut fx),
            Command::Abandon => self.end(now, Outcome::Abandoned, &mut fx),
            Command::Ready => self.ready(now, &mut fx),
            // Handled above, before any catching up.
            Command::TimeAway { .. } => {}
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
            steps_planned: Some(self.meta.steps_planned),
            dose: self.meta.dose.clone(),
            prescription: self.meta.prescription.clone(),
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

    /// Space: pause when running, resume when paused; in the count-up of
    /// a hold "as long as possible", let go.
    fn toggle_pause(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        // Paused, Space resumes, even in a count-up.
        if matches!(self.state, State::Running { .. }) && self.release(now, fx) {
            return;
        }
        match self.state {
            State::Running { .. } => self.pause(now, fx),
            State::Paused { .. } => self.resume(now, fx),
            _ => {}
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
                deadline: later(now, remaining),
            };
            fx.push(Effect::Resumed);
        }
    }

    /// The user is ready: a manual step is done, and a get-ready ends
    /// early (only the part of it that ran counts as active time).
    fn ready(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        if self.release(now, fx) {
            return;
        }
        match self.state {
            State::Waiting { phase, since } => {
                self.waiting += now.since(since);
                self.complete(phase, now, fx);
            }
            State::Running { phase, deadline }
                if self.plan.phases()[phase].kind == PhaseKind::GetReady =>
            {
                let left = deadline.since(now);
                self.complete_after(phase, now, left, fx);
            }
            _ => {}
        }
    }

    /// The user let go of a hold "as long as possible" during its
    /// count-up, running or paused: the count-up ends where it is. False,
    /// changing nothing, in any other phase.
    fn release(&mut self, now: Mono, fx: &mut Vec<Effect>) -> bool {
        let (phase, left) = match self.state {
            State::Running { phase, deadline } => (phase, deadline.since(now)),
            State::Paused {
                phase,
                remaining,
                since,
            } => {
                if self.plan.phases()[phase].kind == PhaseKind::HoldOn {
                    self.paused += now.since(since);
                }
                (phase, remaining)
            }
            _ => return false,
        };
        if self.plan.phases()[phase].kind != PhaseKind::HoldOn {
            return false;
        }
        self.complete_after(phase, now, left, fx);
        true
    }

    fn next(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        // In the count-up of a hold, the minimum is done: moving on is
        // letting go, not a skip.
        if self.release(now, fx) {
            return;
        }
        let Some(phase) = self.state.phase() else {
            return;
        };
        let (step, entry) = (
            self.plan.phases()[phase].step,
            self.plan.phases()[phase].entry,
        );
        let pause = self.cut(now);
        // On the first side of a two-sided step, Next skips that side only:
        // the other leg still gets its turn (from its switch-side pause).
        let other_side = (entry + 1 < self.plan.step_entries(step).end)
            .then(|| {
                self.plan
                    .step_phases(step)
                    .find(|&i| self.plan.phases()[i].entry == entry + 1)
            })
            .flatten();
        // A side begun and left is asked about: the pain may be why.
        let begun = self.tracks[entry].reached;
        if let Some(start) = other_side {
            self.end_entry(entry, Ending::Passed, fx);
            // Recorded now: the end of the step must not record it again.
            self.tracks[entry].reached = false;
            self.enter(start, now, fx);
            self.keep_paused(pause, now);
            if begun {
                self.ask_pain(entry, now, fx);
            }
            return;
        }
        if self.plan.last_work(step).is_some_and(|w| phase <= w) {
            fx.push(Effect::StepSkipped { step });
        }
        self.end_step(step, Ending::Passed, fx);
        self.enter(self.plan.step_phases(step).end, now, fx);
        self.keep_paused(pause, now);
        if begun {
            self.ask_pain(entry, now, fx);
        }
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
            t.hold_run = Duration::ZERO;
            t.best_hold = None;
            t.asked = false;
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
        self.complete_after(index, end, Duration::ZERO, fx);
    }

    /// Phase `index` ended at `end` with `left` of it not run (a get-ready
    /// ended early, a hold let go): only the part that ran counts.
    fn complete_after(&mut self, index: usize, end: Mono, left: Duration, fx: &mut Vec<Effect>) {
        let ran = self.plan.phases()[index]
            .duration
            .unwrap_or_default()
            .saturating_sub(left);
        self.active += ran;
        self.held(index, ran);
        let p = &self.plan.phases()[index];
        let step = p.step;
        if p.ends_rep() {
            let t = &mut self.tracks[p.entry];
            t.reps_done = t.reps_done.saturating_add(1);
        }
        if self.plan.last_work(step) == Some(index) {
            fx.push(Effect::StepCompleted { step });
        }
        let next = index + 1;
        let entry = p.entry;
        let side_done = p.kind.is_work()
            && self.plan.phases()[next..]
                .iter()
                .take_while(|q| q.entry == entry)
                .all(|q| !q.kind.is_work());
        if self.plan.phases().get(next).is_none_or(|n| n.step != step) {
            self.end_step(step, Ending::Passed, fx);
        }
        self.enter(next, end, fx);
        if side_done {
            self.ask_pain(entry, end, fx);
        }
    }

    /// The work of side `entry` ended at `at`: if its step asks for pain
    /// and has not yet in this pass, the session pauses where it now is
    /// (unless it already was, or waits for the user, where no clock
    /// runs) and asks. Nothing once the session is over.
    fn ask_pain(&mut self, entry: usize, at: Mono, fx: &mut Vec<Effect>) {
        let step = self.plan.entries()[entry].step;
        if !self.plan.steps()[step].ask_pain || self.tracks[entry].asked {
            return;
        }
        let paused = match self.state {
            State::Running { phase, deadline } => {
                self.state = State::Paused {
                    phase,
                    remaining: deadline.since(at),
                    since: at,
                };
                true
            }
            State::Paused { .. } | State::Waiting { .. } => false,
            _ => return,
        };
        self.tracks[entry].asked = true;
        fx.push(Effect::AskPain { entry, paused });
    }

    /// Starts phase `index` at `at`, or finishes the session past the end.
    fn enter(&mut self, index: usize, at: Mono, fx: &mut Vec<Effect>) {
        let Some(p) = self.plan.phases().get(index) else {
            let outcome = if self.skipped_required() {
                Outcome::CompletedWithSkips
            } else {
                Outcome::Completed
            };
            self.finish(outcome, fx);
            return;
        };
        if self.plan.step_phases(p.step).start == index {
            // Callers close any pause before entering a phase.
            self.step_began = (at, self.paused);
        }
        if p.kind.is_work() {
            self.tracks[p.entry].reached = true;
        }
        if p.kind == PhaseKind::Hold && self.until_release(index) {
            let t = &mut self.tracks[p.entry];
            t.hold_run = Duration::ZERO;
            t.best_hold.get_or_insert(Duration::ZERO);
        }
        self.cues = 0;
        fx.push(Effect::PhaseStarted { index });
        if let (PhaseKind::SwitchSide, Some(to)) = (&p.kind, p.side) {
            fx.push(Effect::SwitchSide { to });
        }
        self.state = match p.duration {
            Some(d) => State::Running {
                phase: index,
                deadline: later(at, d),
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
                let ran = duration(phase).saturating_sub(deadline.since(now));
                self.active += ran;
                self.held(phase, ran);
                false
            }
            State::Paused {
                phase,
                remaining,
                since,
            } => {
                let ran = duration(phase).saturating_sub(remaining);
                self.active += ran;
                self.held(phase, ran);
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

    /// Sends the halfway and countdown cues the running phase has reached
    /// by `now`.
    fn send_cues(&mut self, now: Mono, fx: &mut Vec<Effect>) {
        let State::Running { phase, deadline } = self.state else {
            return;
        };
        let p = &self.plan.phases()[phase];
        let d = p.duration.unwrap_or_default();
        let left = deadline.since(now);
        if has_halfway_cue(p) && self.cues & CUE_HALFWAY == 0 && left <= d / 2 {
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

/// `t + d`, saturating: a shell handing in absurd moments must not make
/// the engine panic.
fn later(t: Mono, d: Duration) -> Mono {
    Mono(t.0.saturating_add(d))
}
