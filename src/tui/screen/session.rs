//! The session screen, which wraps `shell::runner::Runner`, the runner
//! plain mode drives too: the runner owns the engine's session, maps keys
//! and signals to its commands, opens the stop and quit questions, holds
//! the pause behind them (and behind help), and keeps the events not yet
//! written. What is left here is the coach's side of it: starting a
//! session from a setup, turning the runner's happenings into sounds,
//! speech and the finish screen, and handing its events to the journal
//! after the frame that shows them.

use crate::core::clock::Mono;
use crate::core::plan::Plan;
use crate::core::pose::Catalog;
use crate::core::record::{Event, Outcome};
use crate::core::routine::Routine;
use crate::core::session::Session;
use crate::i18n::fill;
use crate::shell::exit::Exit;
use crate::shell::input::Sig;
use crate::shell::journal::Journal;
use crate::shell::keymap::Action;
use crate::shell::prompt::Question;
use crate::shell::runner::{Happening, Runner, Terms};
use crate::tui::app::App;

use super::finish::Finish;
use super::home::Home;
use super::setup::Setup;
use super::{Out, Overlay, Screen, Shared, Transition};

pub struct Running {
    /// A copy: a reload while the session runs never changes it.
    pub routine: Routine,
    /// The pictures the routine names, copied with it.
    pub poses: Catalog,
    /// "Show me" (`i`): the picture at any phase, where the screen would
    /// otherwise keep its room for the digits.
    pub show_me: bool,
    runner: Runner,
}

impl Running {
    /// Starts a session as `setup` says. During the pause after a course
    /// a session counts toward nothing: unless `accept_pause` (the user
    /// already said yes), it asks first.
    pub fn begin(setup: &Setup, shared: &mut Shared, now: Mono, accept_pause: bool) -> Transition {
        let Some((routine, poses, rx)) = shared.loaded(&setup.routine).map(|l| {
            let rx = l.prescription.as_ref().map(|p| p.rx.clone());
            (l.routine.clone(), l.poses.clone(), rx)
        }) else {
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
            .map(|v| v.id.as_str());
        let (side, pain) = (setup.side, setup.pain);
        let doses = shared.doses.get(&routine.id).map_or(&[][..], Vec::as_slice);
        let (plan, dose) = match crate::shell::dose::plan(&routine, variant, side, doses) {
            Ok(planned) => planned,
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
        let terms = Terms {
            dose,
            prescription: rx,
        };
        let (runner, happened) = Runner::start_under(&routine, plan, terms, pain, shared.lang, now);
        let running = Box::new(Running {
            routine,
            poses,
            show_me: false,
            runner,
        });
        let (more, ended) = outs(happened);
        out.extend(more);
        let screen = match ended {
            Some(_) => Screen::Finish(Box::new(running.finish(now))),
            None => Screen::Session(running),
        };
        let mut next = Transition::go(screen);
        next.out = out;
        next
    }

    pub fn session(&self) -> &Session {
        self.runner.session()
    }

    pub fn plan(&self) -> &Plan {
        self.runner.session().plan()
    }

    pub fn runner(&self) -> &Runner {
        &self.runner
    }

    /// The session ended: its finish screen, which keeps the runner for
    /// the feedback and the events still to write.
    fn finish(self, now: Mono) -> Finish {
        Finish {
            results: self.runner.results(now),
            routine: self.routine,
            runner: self.runner,
            pain_after: None,
            note: Default::default(),
            editing_note: false,
        }
    }
}

/// The coach's part of the runner's happenings: sounds and speech. It
/// draws from the session's state instead of the engine's effects, and
/// from the runner's question instead of its opening and closing; the
/// outcome when the session ended.
fn outs(happened: Vec<Happening>) -> (Vec<Out>, Option<Outcome>) {
    let mut out = Vec::new();
    let mut ended = None;
    for happening in happened {
        match happening {
            Happening::Sound(cue) => out.push(Out::Sound(cue)),
            Happening::Speak(text) => out.push(Out::Speak(text)),
            Happening::Ended(outcome) => ended = Some(outcome),
            // Drawn from the runner's state, as the away notice is.
            Happening::Effect(_)
            | Happening::Asked(_)
            | Happening::Dismissed
            | Happening::TooMuchPain(_) => {}
        }
    }
    (out, ended)
}

/// The session glue on `App`'s side: each call reaches the runner of a
/// running session, and an ended session goes to its finish screen.
impl App {
    /// The clock moved on: let the session catch up.
    pub fn tick(&mut self, now: Mono) -> Vec<Out> {
        self.run_session(now, |runner| runner.tick(now))
    }

    /// The machine slept or the process was stopped since `since`.
    pub fn time_away(&mut self, since: Mono, now: Mono) -> Vec<Out> {
        self.run_session(now, |runner| runner.time_away(since, now))
    }

    /// A signal that ends the run, or Ctrl-C: the runner ends a running
    /// session as it says (stopped for Ctrl-C, abandoned otherwise), what
    /// the finish screen holds is logged, and the coach quits with the
    /// signal's exit code. Stop and continue concern the terminal, which
    /// `tui::run` handles: they change nothing here.
    pub fn signal(&mut self, sig: Sig, now: Mono) -> Vec<Out> {
        let Some(exit) = Exit::for_signal(sig) else {
            return Vec::new();
        };
        self.exit = self.exit.or(Some(exit));
        let out = self.run_session(now, |runner| runner.signal(sig, now));
        self.leave(out)
    }

    /// The terminal is gone, so nobody is left to answer: a running
    /// session ends as abandoned, and the coach quits.
    pub fn input_closed(&mut self, now: Mono) -> Vec<Out> {
        let out = self.run_session(now, |runner| runner.abandon(now));
        self.leave(out)
    }

    /// Logs what the finish screen holds, then quits.
    fn leave(&mut self, mut out: Vec<Out>) -> Vec<Out> {
        self.feedback();
        if !out.contains(&Out::Quit) {
            out.push(Out::Quit);
        }
        out
    }

    /// An action on the session screen, for its runner: a command, a
    /// question to open, or the answer to the open one.
    pub(in crate::tui) fn session_action(&mut self, action: Action, now: Mono) -> Vec<Out> {
        // The picture is the coach's, not the session's: no runner needed.
        let asking = self.question().is_some();
        if let (Action::ShowMe, Screen::Session(running), false) =
            (action, &mut self.screen, asking)
        {
            running.show_me = !running.show_me;
            return Vec::new();
        }
        self.run_session(now, |runner| runner.action(action, now))
    }

    /// The question the session's runner has open, if any.
    pub(in crate::tui) fn question(&self) -> Option<Question> {
        match &self.screen {
            Screen::Session(running) => running.runner.question(),
            _ => None,
        }
    }

    /// Calls the running session's runner with `call` and carries out
    /// what happened; nothing without a running session.
    fn run_session(
        &mut self,
        now: Mono,
        call: impl FnOnce(&mut Runner) -> Vec<Happening>,
    ) -> Vec<Out> {
        self.shared.now = now;
        let Screen::Session(running) = &mut self.screen else {
            return Vec::new();
        };
        let (mut out, ended) = outs(call(&mut running.runner));
        let Some(outcome) = ended else {
            return out;
        };
        // Abandoned: the user left (yes to "quit?", a signal, the
        // terminal gone), so the coach goes too, as plain mode asks no
        // more questions then.
        if outcome == Outcome::Abandoned {
            out.push(Out::Quit);
        }
        let placeholder = Screen::Home(Home::default());
        let Screen::Session(running) = std::mem::replace(&mut self.screen, placeholder) else {
            unreachable!("the screen was a session a moment ago");
        };
        let mut next = Transition::go(Screen::Finish(Box::new(running.finish(now))));
        next.out = out;
        self.follow(next, now)
    }

    /// The pain score and note on the finish screen, logged once.
    pub(in crate::tui) fn feedback(&mut self) {
        if let Screen::Finish(finish) = &mut self.screen {
            finish.feedback();
        }
    }

    /// Opens `overlay`; a running session pauses behind it.
    pub(in crate::tui) fn open_overlay(&mut self, overlay: Overlay, now: Mono) -> Vec<Out> {
        self.overlay = Some(overlay);
        self.run_session(now, |runner| runner.hold(now))
    }

    /// Closes the overlay; a session it paused runs on.
    pub(in crate::tui) fn close_overlay(&mut self, now: Mono) -> Vec<Out> {
        self.overlay = None;
        self.run_session(now, |runner| runner.release(now))
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

    /// Hands the events of this run's sessions to `journal`: the one on
    /// screen (running or finished) and any whose screen has closed since
    /// the last frame. Called after the frame that shows them is drawn. A
    /// failed write goes on the notice line (the journal keeps the event
    /// and rescues it at exit); true when an end or feedback was handed
    /// over, so home's figures are out of date.
    pub fn save(&mut self, journal: &mut Journal) -> bool {
        let on_screen = match &mut self.screen {
            Screen::Session(running) => Some(&mut running.runner),
            Screen::Finish(finish) => Some(&mut finish.runner),
            _ => None,
        };
        let mut changed = false;
        let mut errors = Vec::new();
        for runner in on_screen.into_iter().chain(self.closed.iter_mut()) {
            changed |= runner
                .unsaved()
                .iter()
                .any(|e| matches!(e, Event::SessionEnded { .. } | Event::Feedback { .. }));
            errors.extend(runner.save(journal));
        }
        self.closed.clear();
        for error in errors {
            let text = fill(
                &self.shared.strings.finish_save_failed,
                &[("error", &error)],
            );
            self.shared.notice = Some(text);
        }
        changed
    }
}
