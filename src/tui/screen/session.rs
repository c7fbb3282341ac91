//! The running session and all the glue around the engine: starting it
//! from a setup, turning engine effects into sounds, speech, log events and
//! the finish screen, holding it behind a dialog, the stop and quit
//! questions, signals, and the feedback logged on the way out. It is kept
//! in this one module so that a shared session runner can take its place
//! in one move.

use std::time::Duration;

use crate::core::clock::Mono;
use crate::core::plan::{Plan, expand};
use crate::core::pose::Catalog;
use crate::core::record::{RoutineRef, StopReason};
use crate::core::routine::{Routine, Side};
use crate::core::session::{Command, Effect, Meta, Session};
use crate::shell::keymap::Action;
use crate::shell::prompt::{self, Answer, Question, SessionKey};
use crate::shell::sound::{self, Cue};
use crate::shell::speech;
use crate::tui::app::App;

use super::finish::Finish;
use super::setup::Setup;
use super::{Out, Overlay, Screen, Shared, Transition};

pub struct Running {
    /// A copy: a reload while the session runs never changes it.
    pub routine: Routine,
    pub reference: RoutineRef,
    pub plan: Plan,
    pub session: Session,
    pub side: Side,
    pub variant: Option<String>,
    /// Set when the engine paused because the machine was away.
    pub away: Option<Duration>,
    /// The pictures the routine names, copied with it.
    pub poses: Catalog,
    /// As given on the setup screen, for the finish screen.
    pub pain_before: Option<u8>,
    /// A dialog paused the session; closing it resumes it.
    held: bool,
}

impl Running {
    /// Starts a session as `setup` says. During the pause after a course
    /// a session counts toward nothing: unless `accept_pause` (the user
    /// already said yes), it asks first.
    pub fn begin(setup: &Setup, shared: &mut Shared, now: Mono, accept_pause: bool) -> Transition {
        let Some((routine, poses)) = shared
            .loaded(&setup.routine)
            .map(|l| (l.routine.clone(), l.poses.clone()))
        else {
            return Transition::stay();
        };
        let pause = shared.stats.get(&routine.id).and_then(|s| s.next_course);
        if let (Some(date), false) = (pause, accept_pause) {
            return Transition::open(Overlay::CoursePause(date));
        }
        let variant = setup
            .variant
            .checked_sub(1)
            .and_then(|i| routine.variants.get(i))
            .map(|v| v.id.clone());
        let (side, pain) = (setup.side, setup.pain);
        let plan = match expand(&routine, variant.as_deref(), side) {
            Ok(plan) => plan,
            Err(e) => {
                shared.notice = Some(e.to_string());
                return Transition::stay();
            }
        };
        let mut out = Vec::new();
        if routine.sided && shared.settings.side != Some(side) {
            shared.settings.side = Some(side);
            out.push(Out::SaveSettings);
        }
        let meta = Meta::for_plan(&plan, pain);
        let mut session = Session::new(plan.clone(), meta);
        let effects = session.update(Command::Start, now);
        let mut running = Box::new(Running {
            reference: RoutineRef::of(&routine),
            routine,
            plan,
            session,
            side,
            variant,
            away: None,
            poses,
            pain_before: pain,
            held: false,
        });
        let mut next = running.apply(effects, shared, now);
        out.append(&mut next.out);
        next.out = out;
        next.go.get_or_insert(Screen::Session(running));
        next
    }

    pub fn update(&mut self, action: Action, shared: &Shared, now: Mono) -> Transition {
        let command = match prompt::session_key(action) {
            Some(SessionKey::Command(c)) => c,
            Some(SessionKey::Ask(q)) => return Transition::open(Overlay::Ask(q)),
            None => return Transition::stay(),
        };
        if command == Command::TogglePause {
            self.away = None;
        }
        self.command(command, shared, now)
    }

    fn command(&mut self, command: Command, shared: &Shared, now: Mono) -> Transition {
        let effects = self.session.update(command, now);
        self.apply(effects, shared, now)
    }

    /// Pauses the session behind a dialog, unless it already is.
    fn hold(&mut self, shared: &Shared, now: Mono) -> Transition {
        if self.held {
            return Transition::stay();
        }
        let (held, effects) = prompt::hold(&mut self.session, now);
        self.held = held;
        self.apply(effects, shared, now)
    }

    /// The dialog closed: a session it paused runs on.
    fn resume(&mut self, shared: &Shared, now: Mono) -> Transition {
        let held = std::mem::take(&mut self.held);
        let effects = prompt::resume_after(&mut self.session, held, now);
        self.apply(effects, shared, now)
    }

    /// Turns engine effects into shell effects; an ended session goes to
    /// its finish screen.
    fn apply(&mut self, effects: Vec<Effect>, shared: &Shared, now: Mono) -> Transition {
        let mut out = Vec::new();
        let mut ended = false;
        for effect in effects {
            match effect {
                Effect::PhaseStarted { index } => {
                    if let Some(cue) = self.plan.phase(index).and_then(sound::phase_cue) {
                        out.push(Out::Sound(cue));
                    }
                    let text = speech::announce(&shared.strings, &self.plan, index);
                    out.push(Out::Speak(text));
                }
                Effect::Countdown { secs } => {
                    let phase = self.session.current().map(|(_, p)| p);
                    if let Some(cue) = phase.and_then(sound::countdown_cue) {
                        out.push(Out::Sound(cue));
                    }
                    out.push(Out::Speak(secs.to_string()));
                }
                Effect::TimeAway { gap } => self.away = Some(gap),
                Effect::Record(event) => out.push(Out::Record(self.reference.clone(), event)),
                Effect::Finished => {
                    out.push(Out::Sound(Cue::End));
                    ended = true;
                }
                Effect::Stopped(_) | Effect::Abandoned => ended = true,
                _ => {}
            }
        }
        let mut next = Transition::out(out);
        if ended {
            next.go = Some(Screen::Finish(Box::new(Finish {
                reference: self.reference.clone(),
                routine: self.routine.clone(),
                plan: self.plan.clone(),
                results: self.session.results(now),
                pain_before: self.pain_before,
                pain_after: None,
                note: String::new(),
                editing_note: false,
            })));
        }
        next
    }
}

/// The session glue on `App`'s side: the clock, signals, dialogs over a
/// running session and the feedback logged on the way out.
impl App {
    /// The clock moved on: let the session catch up.
    pub fn tick(&mut self, now: Mono) -> Vec<Out> {
        self.session_command(Command::Tick, now)
    }

    /// The machine slept or the process was stopped since `since`.
    pub fn time_away(&mut self, since: Mono, now: Mono) -> Vec<Out> {
        self.session_command(Command::TimeAway { since }, now)
    }

    /// SIGTERM or SIGHUP: end the session as abandoned, then quit.
    pub fn terminate(&mut self, now: Mono) -> Vec<Out> {
        self.end_and_quit(Command::Abandon, now)
    }

    /// Ctrl-C: a running session ends as stopped and is kept; then quit.
    pub(in crate::tui) fn interrupt(&mut self, now: Mono) -> Vec<Out> {
        self.end_and_quit(Command::Stop(StopReason::Other), now)
    }

    /// Ends a running session with `command`, logs what the finish screen
    /// holds, and quits.
    fn end_and_quit(&mut self, command: Command, now: Mono) -> Vec<Out> {
        let mut out = self.session_command(command, now);
        out.extend(self.feedback());
        out.push(Out::Quit);
        out
    }

    fn session_command(&mut self, command: Command, now: Mono) -> Vec<Out> {
        self.shared.now = now;
        let next = match &mut self.screen {
            Screen::Session(running) => running.command(command, &self.shared, now),
            _ => return Vec::new(),
        };
        self.follow(next, now)
    }

    /// The pain score and note on the finish screen, logged once.
    pub(in crate::tui) fn feedback(&mut self) -> Vec<Out> {
        match &mut self.screen {
            Screen::Finish(finish) => finish.feedback(),
            _ => Vec::new(),
        }
    }

    /// Opens `overlay`; a running session pauses behind it.
    pub(in crate::tui) fn open_overlay(&mut self, overlay: Overlay, now: Mono) -> Vec<Out> {
        self.overlay = Some(overlay);
        let next = match &mut self.screen {
            Screen::Session(running) => running.hold(&self.shared, now),
            _ => return Vec::new(),
        };
        self.follow(next, now)
    }

    /// Closes the overlay; a session it paused runs on.
    pub(in crate::tui) fn close_overlay(&mut self, now: Mono) -> Vec<Out> {
        self.overlay = None;
        let next = match &mut self.screen {
            Screen::Session(running) => running.resume(&self.shared, now),
            _ => return Vec::new(),
        };
        self.follow(next, now)
    }

    /// An answer to the stop or quit question over a session.
    pub(in crate::tui) fn answer(
        &mut self,
        question: Question,
        action: Action,
        now: Mono,
    ) -> Vec<Out> {
        match question.answer(action) {
            Answer::Asking(q) => {
                self.overlay = Some(Overlay::Ask(q));
                Vec::new()
            }
            Answer::Dismissed => self.close_overlay(now),
            Answer::Stop(reason) => {
                self.close_question();
                self.session_command(Command::Stop(reason), now)
            }
            Answer::Quit => {
                self.close_question();
                self.end_and_quit(Command::Abandon, now)
            }
        }
    }

    /// The question closes and the session it held is ended, not resumed.
    fn close_question(&mut self) {
        self.overlay = None;
        if let Screen::Session(running) = &mut self.screen {
            running.held = false;
        }
    }

    /// Yes to starting in a course pause.
    pub(in crate::tui) fn begin_in_pause(&mut self, now: Mono) -> Vec<Out> {
        self.overlay = None;
        let next = match &self.screen {
            Screen::Setup(setup) => Running::begin(setup, &mut self.shared, now, true),
            _ => return Vec::new(),
        };
        self.follow(next, now)
    }
}
