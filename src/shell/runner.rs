//! One running session, as both front ends run it: the coach's session
//! screen and plain mode (`limber run --plain`). The runner owns the
//! engine's [`Session`], the open question ("why are you stopping?",
//! "quit?") and the pause it holds, the routine's reference for the log,
//! and the events not yet written. It maps keys, signals and time to engine
//! commands in one place, and says what happened as [`Happening`]s for the
//! front end to sound, speak, show or draw.
//!
//! How a front end drives it:
//! 1. [`Runner::start`] with the plan and the pain score before; it returns
//!    the first happenings (the first phase).
//! 2. Each [`Turn`] of the pump goes to [`Runner::turn`]; a front end that
//!    resolves keys itself (the coach, with its help overlay) passes an
//!    [`Action`] to [`Runner::action`] or a signal to [`Runner::signal`]
//!    instead. What concerns the terminal, not the session (stop and
//!    continue signals, resizes, a changed routines directory), stays with
//!    the front end: `turn` ignores it.
//! 3. It carries out the happenings in order, then calls [`Runner::save`]
//!    with its journal. The write comes after the finish is shown: the last
//!    event's transaction (an fsync) no longer delays the finish, and a
//!    failed write is still kept by the journal, shown and rescued at exit.
//! 4. Once [`Happening::Ended`] came, it may ask for pain after and a note
//!    and hand them to [`Runner::feedback`] (then `save` again), and tell
//!    the user when [`Runner::pain_rose`] says so.
//!
//! After the work of a step with `ask_pain` the engine pauses and the
//! runner opens [`Question::StepPain`]: a score is logged as
//! `Event::StepPain` and the session goes on, Enter keeps the last score
//! of the session (else pain before), Esc skips, Back does the step again.
//! A score above [`DURING_MAX`](crate::core::pain::DURING_MAX) leaves the
//! session paused and says so ([`Happening::TooMuchPain`]) until the user
//! goes on or stops. With nobody to answer, the question is not asked.
//!
//! The coach opens its help overlay over a session with [`Runner::hold`]
//! and closes it with [`Runner::release`], so help and the questions share
//! one held pause. Closed input ([`Input::Closed`]) means "nobody is left
//! to answer": manual steps and pauses go on by themselves, as a script
//! expects. The coach, for which it means the terminal is gone, calls
//! [`Runner::abandon`] instead of passing it.

use std::time::Duration;

use crate::core::clock::Mono;
use crate::core::lang::Lang;
use crate::core::pain::{proposed_variant, rise_to_report, too_much_during};
use crate::core::plan::Plan;
use crate::core::progression::StepDose;
use crate::core::record::{Event, Outcome, PrescriptionRef, RoutineRef, StopReason};
use crate::core::results::Results;
use crate::core::routine::{Routine, Variant};
use crate::core::session::{Command, Effect, Meta, Session, State};
use crate::core::spoken::Script;
use crate::i18n::Strings;

use super::exit::Exit;
use super::input::{Input, Sig};
use super::journal::Journal;
use super::keymap::{Action, Ctx, action_for};
use super::prompt::{self, Question, Reply, SessionKey};
use super::pump::Turn;
use super::sound::{self, Cue};
use super::speech;
use super::voice::Spoken;

/// The longest note on a session, in characters, as both front ends take
/// it (the coach's finish screen, plain mode's prompt).
pub const NOTE_MAX: usize = 200;

/// Something that happened in a session, in the order it happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Happening {
    /// A sound to play (the front end rings the bell when it has no player).
    Sound(Cue),
    /// A line for the voice, when one speaks.
    Speak(Spoken),
    /// What the engine did, for a front end that shows each milestone
    /// (plain mode prints it; the coach draws from the state instead).
    Effect(Effect),
    /// A question opened over the session, which is held meanwhile.
    Asked(Question),
    /// The question closed without an answer: the session goes on.
    Dismissed,
    /// The session ended, once; its last events are waiting for
    /// [`Runner::save`].
    Ended(Outcome),
    /// Pain during a step was more than the pain-monitoring model accepts:
    /// the session stays paused until the user goes on or stops.
    TooMuchPain(u8),
}

pub struct Runner {
    session: Session,
    reference: RoutineRef,
    strings: Strings,
    lang: Lang,
    /// What the voice coach has said, for what it says next.
    script: Script,
    question: Option<Question>,
    /// A question (or the coach's help) paused a running session; closing
    /// it resumes the session, and only then.
    held: bool,
    /// Set when the engine paused because the machine was away; cleared
    /// when the user toggles the pause.
    away: Option<Duration>,
    /// The first signal (or Ctrl-C) that ended the session: the exit code.
    signal: Option<Exit>,
    /// Nobody is left to answer: manual steps and pauses go on alone.
    unattended: bool,
    ended: bool,
    /// Stamped by the engine, not yet handed to the journal.
    unsaved: Vec<Event>,
    pain_before: Option<u8>,
    /// The routine's rule for a rise in pain worth telling.
    report_rise: Option<u8>,
    /// The score Enter keeps at the pain question: the last one given in
    /// this session, else pain before.
    last_pain: Option<u8>,
    /// A step's pain that was too much, while the pause it left lasts.
    too_much: Option<u8>,
}

/// What the physiotherapist set for a session beyond the routine's text:
/// the dose a progression rule put in force and the signed prescription
/// the routine came from.
#[derive(Clone, Debug, Default)]
pub struct Terms {
    pub dose: Vec<StepDose>,
    pub prescription: Option<PrescriptionRef>,
}

impl Runner {
    /// Starts a session of `routine` on `plan` (expanded from it), with the
    /// pain score given before it.
    pub fn start(
        routine: &Routine,
        plan: Plan,
        pain_before: Option<u8>,
        lang: Lang,
        now: Mono,
    ) -> (Runner, Vec<Happening>) {
        Runner::start_under(routine, plan, Terms::default(), pain_before, lang, now)
    }

    /// As [`Runner::start`], for a plan built with a dose in force (see
    /// `shell::dose`) and a routine of a signed prescription: the log
    /// keeps both with the session. `routine` is as written: its hash
    /// names the session.
    pub fn start_under(
        routine: &Routine,
        plan: Plan,
        terms: Terms,
        pain_before: Option<u8>,
        lang: Lang,
        now: Mono,
    ) -> (Runner, Vec<Happening>) {
        let mut meta = Meta::for_plan(&plan, pain_before);
        meta.dose = terms.dose;
        meta.prescription = terms.prescription;
        let mut runner = Runner {
            session: Session::new(plan, meta),
            reference: RoutineRef::of(routine),
            strings: Strings::load(lang),
            lang,
            script: Script::new(),
            question: None,
            held: false,
            away: None,
            signal: None,
            unattended: false,
            ended: false,
            unsaved: Vec::new(),
            pain_before,
            report_rise: routine.pain.as_ref().and_then(|p| p.report_rise),
            last_pain: pain_before,
            too_much: None,
        };
        let happened = runner.command(Command::Start, now);
        (runner, happened)
    }

    /// One turn of the pump: the time away first, then what woke the loop.
    pub fn turn(&mut self, turn: Turn) -> Vec<Happening> {
        let now = turn.now;
        let mut out = match turn.away_since {
            Some(since) => self.time_away(since, now),
            None => Vec::new(),
        };
        out.extend(match turn.input {
            None => self.tick(now),
            Some(Input::Key(key)) => match action_for(self.ctx(), key) {
                Some(action) => self.action(action, now),
                None => Vec::new(),
            },
            // A line (plain mode's input when it is not a terminal) answers
            // a manual step, or ends a pause, or gives pain during a step.
            Some(Input::Line(text)) => self.line(&text, now),
            Some(Input::Signal(sig)) => self.signal(sig, now),
            Some(Input::Closed) => {
                self.unattended = true;
                let mut out = Vec::new();
                if let Some(Question::StepPain { .. }) = self.question {
                    self.question = None;
                    out.push(Happening::Dismissed);
                    out.extend(self.release(now));
                }
                out.extend(self.go_on(now));
                out
            }
            Some(Input::Resize | Input::RoutinesChanged) => Vec::new(),
        });
        out
    }

    /// The clock moved on: the session catches up.
    pub fn tick(&mut self, now: Mono) -> Vec<Happening> {
        self.command(Command::Tick, now)
    }

    /// The machine slept or the process was stopped since `since` (the
    /// coach's Ctrl-Z knows when it began; the pump finds the rest).
    pub fn time_away(&mut self, since: Mono, now: Mono) -> Vec<Happening> {
        self.command(Command::TimeAway { since }, now)
    }

    /// What a key's action means now: an answer to the open question, a
    /// command, or a question to open. Ctrl-C is [`Sig::Interrupt`].
    pub fn action(&mut self, action: Action, now: Mono) -> Vec<Happening> {
        if action == Action::Interrupt {
            return self.signal(Sig::Interrupt, now);
        }
        if let Some(question) = self.question {
            return self.answer(question, action, now);
        }
        match prompt::session_key(action) {
            Some(SessionKey::Command(command)) => self.command(command, now),
            Some(SessionKey::Ask(question)) => {
                self.question = Some(question);
                let mut out = vec![Happening::Asked(question)];
                out.extend(self.hold(now));
                out
            }
            None => Vec::new(),
        }
    }

    /// The one mapping of signals to the session: Ctrl-C stops it (kept,
    /// with "other" as the reason); TERM, QUIT and HUP abandon it. The
    /// first such signal is the run's exit code. Stop and continue concern
    /// the terminal and are the front end's.
    pub fn signal(&mut self, sig: Sig, now: Mono) -> Vec<Happening> {
        let command = match sig {
            Sig::Interrupt => Command::Stop(StopReason::Other),
            Sig::Terminate | Sig::Quit | Sig::Hangup => Command::Abandon,
            Sig::Stop | Sig::Continue => return Vec::new(),
        };
        // After the end a signal is the front end's (the coach's finish
        // screen quits on it); it ends no session here.
        if self.ended {
            return Vec::new();
        }
        if self.signal.is_none() {
            self.signal = Exit::for_signal(sig);
        }
        self.question = None;
        self.held = false;
        self.command(command, now)
    }

    /// Ends the session as abandoned, without a signal: the coach's
    /// terminal is gone.
    pub fn abandon(&mut self, now: Mono) -> Vec<Happening> {
        self.question = None;
        self.held = false;
        self.command(Command::Abandon, now)
    }

    /// Pauses a running session behind a question or the coach's help;
    /// nothing more if one already holds it.
    pub fn hold(&mut self, now: Mono) -> Vec<Happening> {
        if self.held {
            return Vec::new();
        }
        let (held, effects) = prompt::hold(&mut self.session, now);
        self.held = held;
        self.effects(effects, now)
    }

    /// Resumes what [`Runner::hold`] paused, and only that.
    pub fn release(&mut self, now: Mono) -> Vec<Happening> {
        let held = std::mem::take(&mut self.held);
        let effects = prompt::resume_after(&mut self.session, held, now);
        self.effects(effects, now)
    }

    /// The pain score after the session and a note, once it has ended; a
    /// blank note is no note. Logged at the next [`Runner::save`].
    pub fn feedback(&mut self, pain_after: Option<u8>, note: Option<String>) {
        let note = note.filter(|n| !n.trim().is_empty());
        if !self.ended || (pain_after.is_none() && note.is_none()) {
            return;
        }
        self.unsaved.push(Event::Feedback { pain_after, note });
    }

    /// Pain before and after, when it rose by as much as the routine's
    /// rule says is worth telling the physiotherapist.
    pub fn pain_rose(&self, pain_after: Option<u8>) -> Option<(u8, u8)> {
        rise_to_report(self.report_rise, self.pain_before, pain_after)?;
        Some((self.pain_before?, pain_after?))
    }

    /// Hands the events stamped so far to `journal`, oldest first. What the
    /// log refused stays in the journal (tried again, rescued at exit); the
    /// errors come back, as text, for the front end to show.
    pub fn save(&mut self, journal: &mut Journal) -> Vec<String> {
        let mut errors = Vec::new();
        for event in self.unsaved.drain(..) {
            if let Err(e) = journal.record(self.reference.clone(), event) {
                errors.push(e.to_string());
            }
        }
        errors
    }

    /// The events stamped by the engine that [`Runner::save`] has not yet
    /// handed to the journal, oldest first.
    pub fn unsaved(&self) -> &[Event] {
        &self.unsaved
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn reference(&self) -> &RoutineRef {
        &self.reference
    }

    pub fn question(&self) -> Option<Question> {
        self.question
    }

    /// Which key bindings apply: the open question's, else the session's.
    pub fn ctx(&self) -> Ctx {
        self.question.map_or(Ctx::Session, Question::ctx)
    }

    /// How long the machine was away, while the pause it caused lasts.
    pub fn away(&self) -> Option<Duration> {
        self.away
    }

    /// Pain during the last step, when it was too much, while the pause
    /// it left lasts.
    pub fn too_much(&self) -> Option<u8> {
        self.too_much
    }

    /// The exit code of the signal that ended the session, if one did.
    pub fn signal_exit(&self) -> Option<Exit> {
        self.signal
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.session.state().outcome()
    }

    pub fn pain_before(&self) -> Option<u8> {
        self.pain_before
    }

    /// When the session must next change by itself; `None`: only input
    /// can change it.
    pub fn next_wake(&self, now: Mono) -> Option<Mono> {
        self.session.next_wake(now)
    }

    pub fn results(&self, now: Mono) -> Results {
        self.session.results(now)
    }

    fn answer(&mut self, question: Question, action: Action, now: Mono) -> Vec<Happening> {
        match question.answer(action) {
            Reply::Asking(q) => {
                self.question = Some(q);
                Vec::new()
            }
            Reply::Dismissed => {
                self.question = None;
                let mut out = vec![Happening::Dismissed];
                out.extend(self.release(now));
                out
            }
            Reply::Stop(reason) => {
                self.question = None;
                self.held = false;
                self.command(Command::Stop(reason), now)
            }
            Reply::Quit => self.abandon(now),
            Reply::Pain { pain, kept } => self.step_pain(question, pain, kept, now),
            Reply::Redo => {
                self.question = None;
                let mut out = vec![Happening::Dismissed];
                out.extend(self.command(Command::Back, now));
                out.extend(self.release(now));
                out
            }
        }
    }

    /// Logs pain during the step `question` asked about, and goes on; when
    /// the pain was too much, the session stays paused and says so.
    fn step_pain(&mut self, question: Question, pain: u8, kept: bool, now: Mono) -> Vec<Happening> {
        self.question = None;
        let Question::StepPain { entry, .. } = question else {
            return Vec::new();
        };
        let plan = self.session.plan();
        if let Some(e) = plan.entries().get(entry) {
            self.unsaved.push(Event::StepPain {
                index: e.step,
                step: plan.steps()[e.step].id.clone(),
                side: e.side,
                pain,
                kept,
            });
        }
        self.last_pain = Some(pain);
        if too_much_during(pain) {
            // The pause is the user's now: Space goes on, s stops.
            self.held = false;
            self.too_much = Some(pain);
            return vec![Happening::TooMuchPain(pain)];
        }
        self.release(now)
    }

    fn line(&mut self, text: &str, now: Mono) -> Vec<Happening> {
        if let Some(question @ Question::StepPain { .. }) = self.question {
            // An empty line is Enter; a number is the score.
            let text = text.trim();
            let action = match text.parse::<u8>() {
                _ if text.is_empty() => Action::Confirm,
                Ok(pain) if pain <= 10 => Action::Pain(pain),
                _ => return Vec::new(),
            };
            return self.answer(question, action, now);
        }
        let command = match self.session.state() {
            State::Paused { .. } => Command::Resume,
            _ => Command::Ready,
        };
        self.command(command, now)
    }

    /// With nobody to answer, a manual step or a pause (one the time away
    /// started) would wait for ever: go on.
    fn go_on(&mut self, now: Mono) -> Vec<Happening> {
        let mut out = Vec::new();
        while self.unattended && !self.ended {
            let command = match self.session.state() {
                State::Waiting { .. } => Command::Ready,
                State::Paused { .. } => Command::Resume,
                _ => break,
            };
            out.extend(self.command(command, now));
        }
        out
    }

    fn command(&mut self, command: Command, now: Mono) -> Vec<Happening> {
        if self.ended {
            return Vec::new();
        }
        if command == Command::TogglePause {
            self.away = None;
            self.too_much = None;
        }
        let effects = self.session.update(command, now);
        let mut out = self.effects(effects, now);
        if self.unattended {
            out.extend(self.go_on(now));
        }
        out
    }

    /// Sounds, speech and the log's events for the engine's effects, each
    /// effect passed on as it came.
    fn effects(&mut self, effects: Vec<Effect>, now: Mono) -> Vec<Happening> {
        let mut out = Vec::new();
        let current = self.session.current().map(|(i, _)| i);
        for effect in effects {
            match &effect {
                Effect::PhaseStarted { index } => {
                    // The warning was about the step just done.
                    self.too_much = None;
                    let plan = self.session.plan();
                    if let Some(cue) = plan.phase(*index).and_then(sound::phase_cue) {
                        out.push(Happening::Sound(cue));
                    }
                }
                Effect::Countdown { .. } => {
                    let phase = self.session.current().map(|(_, p)| p);
                    if let Some(cue) = phase.and_then(sound::countdown_cue) {
                        out.push(Happening::Sound(cue));
                    }
                }
                Effect::TimeAway { gap } => self.away = Some(*gap),
                // Asked only of someone there to answer; otherwise the
                // session goes on as after any pause.
                Effect::AskPain { entry, paused } if !self.unattended => {
                    let question = Question::StepPain {
                        entry: *entry,
                        keep: self.last_pain,
                    };
                    self.question = Some(question);
                    self.held = *paused;
                    out.push(Happening::Asked(question));
                }
                Effect::Record(event) => self.unsaved.push(event.clone()),
                Effect::Finished => out.push(Happening::Sound(Cue::End)),
                _ => {}
            }
            // A question nobody is there to answer is not asked aloud.
            let unasked = self.unattended && matches!(effect, Effect::AskPain { .. });
            if !unasked && let Some(spoken) = self.spoken(&effect, current, now) {
                out.push(Happening::Speak(spoken));
            }
            out.push(Happening::Effect(effect));
        }
        if let (false, Some(outcome)) = (self.ended, self.outcome()) {
            self.ended = true;
            self.question = None;
            out.push(Happening::Ended(outcome));
        }
        out
    }

    /// The voice coach's line for `effect`, in the user's language.
    fn spoken(&mut self, effect: &Effect, current: Option<usize>, now: Mono) -> Option<Spoken> {
        let (strings, lang) = (&self.strings, self.lang);
        let plan = self.session.plan();
        let length =
            |line: &_| speech::spoken_length(&speech::line_text(strings, lang, plan, line));
        let line = self.script.on(plan, effect, current, now, &length)?;
        Some(Spoken {
            text: speech::line_text(strings, lang, plan, &line),
            manner: line.manner,
        })
    }
}

/// The variant `routine`'s pain rule proposes for pain `before`, with the
/// threshold, unless it is the one `chosen` already.
pub fn proposal<'r>(
    routine: &'r Routine,
    chosen: Option<&str>,
    before: Option<u8>,
) -> Option<(u8, &'r Variant)> {
    let proposed = proposed_variant(routine, before)?;
    let at = routine.pain.as_ref()?.propose_at?;
    (chosen != Some(proposed.id.as_str())).then_some((at, proposed))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod pain_tests;
