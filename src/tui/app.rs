//! The coach's state and its one update function: an action and the time
//! come in, the new state and a list of effects for the shell come out.
//! `App` routes each action to the screen on top (`tui::screen`, one module
//! each) and keeps what lies over it: help and the course pause's question
//! (a running session's own questions are its runner's).

use std::time::Duration;

use chrono::NaiveDate;

use crate::core::clock::Mono;
use crate::core::lang::Lang;
use crate::core::progress::{SessionSummary, Target};
use crate::core::session::State;
use crate::i18n::fill;
use crate::shell::dues::Outlook;
use crate::shell::exit::Exit;
use crate::shell::input::Sig;
use crate::shell::keymap::{Action, Ctx};
use crate::shell::options::Start;
use crate::shell::runner::Runner;
use crate::shell::startup;
use crate::store::routines::Library;
use crate::store::settings::Settings;

use super::screen::history::{HistoryScreen, HistoryState, HistoryView, PAIN_DAYS};
use super::screen::home::{Home, Stats};
use super::screen::safety::Safety;
use super::screen::session::Running;
use super::screen::setup::Setup;
use super::screen::{Out, Overlay, Screen, Shared, Transition};

/// Rows one PageUp/PageDown scrolls a screen taller than the terminal.
const SCROLL_PAGE: u16 = 5;

pub struct App {
    pub shared: Shared,
    pub(in crate::tui) screen: Screen,
    /// Help or the course pause's question; the session's own questions
    /// are its runner's (see [`App::overlay`]).
    pub(in crate::tui) overlay: Option<Overlay>,
    /// Ended sessions whose finish screen closed before their last events
    /// (the feedback) were written: the next save writes them.
    pub(in crate::tui) closed: Vec<Runner>,
    /// The exit code of the signal (or Ctrl-C) that ended the coach.
    pub(in crate::tui) exit: Option<Exit>,
    /// Rows scrolled on a screen taller than the terminal (safety, setup,
    /// finish); the view stops at the end, and `fit_scroll` keeps it there.
    scroll: u16,
}

impl App {
    pub fn new(lang: Lang, library: Library, settings: Settings, now: Mono) -> App {
        let screen = if settings.safety_acknowledged {
            Screen::Home(Home::default())
        } else {
            Screen::Safety(Safety::default())
        };
        App {
            shared: Shared::new(lang, library, settings, now),
            screen,
            overlay: None,
            closed: Vec::new(),
            exit: None,
            scroll: 0,
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The dialog over the screen: help, the course pause's question, or
    /// the question the running session's runner has open.
    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay.or_else(|| self.question().map(Overlay::Ask))
    }

    /// The exit code of the signal (or Ctrl-C) that ended the coach, if
    /// one did.
    pub fn exit(&self) -> Option<Exit> {
        self.exit
    }

    pub fn scroll(&self) -> u16 {
        self.scroll
    }

    /// The most the screen can scroll, as the view last drew it.
    pub fn fit_scroll(&mut self, max: u16) {
        self.scroll = self.scroll.min(max);
    }

    /// Which bindings apply now.
    pub fn ctx(&self) -> Ctx {
        match self.overlay() {
            Some(Overlay::Help) => Ctx::Help,
            Some(Overlay::Ask(q)) => q.ctx(),
            Some(Overlay::CoursePause(_)) => Ctx::ConfirmCourse,
            None => self.screen.ctx(),
        }
    }

    /// New routines from disk. A running session keeps its own copy; a
    /// screen about a routine that is gone goes home and says so.
    pub fn reload(&mut self, library: Library) {
        let missing = |id: &str| library.find(id).is_none().then(|| id.to_string());
        let gone = match &mut self.screen {
            Screen::Setup(setup) => missing(&setup.routine),
            Screen::History(history) => missing(&history.routine),
            Screen::Safety(safety) => {
                let gone = safety.pending.as_ref().and_then(|p| missing(&p.routine));
                if gone.is_some() {
                    safety.pending = None;
                }
                gone
            }
            _ => None,
        };
        if let Some(id) = gone {
            self.shared.notice = Some(fill(&self.shared.strings.routine_gone, &[("id", &id)]));
            if !matches!(self.screen, Screen::Safety(_)) {
                self.screen = Screen::Home(Home::default());
            }
        }
        if let Screen::Setup(setup) = &mut self.screen
            && let Some(l) = library.find(&setup.routine)
            && setup.variant > l.routine.variants.len()
        {
            setup.variant = 0;
        }
        if let Screen::Home(home) = &mut self.screen {
            // The same routine stays selected when others come or go.
            let routines = &self.shared.library.routines;
            let id = routines.get(home.selected).map(|l| &l.routine.id);
            let count = library.routines.len();
            home.selected = id
                .and_then(|id| library.routines.iter().position(|l| &l.routine.id == id))
                .unwrap_or(home.selected)
                .min(count.saturating_sub(1));
        }
        self.shared.library = library;
    }

    /// Home's figures from each routine's outlook as of `today`.
    pub fn set_dues(&mut self, outlooks: &[Outlook], today: NaiveDate) {
        self.shared.today = today;
        self.shared.stats = outlooks
            .iter()
            .map(|o| (o.routine.clone(), Stats::from_outlook(o)))
            .collect();
    }

    /// Opens the history screen of routine `id` on `sessions`, its sessions
    /// as the shell read them for [`Out::LoadSessions`].
    pub fn show_history(&mut self, id: &str, sessions: &[SessionSummary]) {
        let Some(l) = self.shared.loaded(id) else {
            return;
        };
        let routine = &l.routine;
        // Tab from one routine's history to the next keeps the chart's span.
        let days = match &self.screen {
            Screen::History(h) => h.view.days,
            _ => PAIN_DAYS,
        };
        let mut view = HistoryView::new(
            sessions,
            &Target::from(routine),
            &routine.title,
            self.shared.today,
            self.shared.lang,
        )
        .with_steps(routine);
        view.days = days;
        self.screen = Screen::History(Box::new(HistoryScreen {
            routine: id.to_string(),
            view,
            state: HistoryState::default(),
        }));
        self.scroll = 0;
    }

    /// A session step waits for the user to press Enter (a manual step).
    pub fn waits_for_user(&self) -> bool {
        matches!(&self.screen, Screen::Session(r) if matches!(r.session().state(), State::Waiting { .. }))
    }

    /// When the screen must next change by itself; `None`: only input can
    /// change it, so the loop may block.
    pub fn next_wake(&self) -> Option<Mono> {
        match &self.screen {
            // A manual step counts the time spent waiting up on screen:
            // once a second, as a countdown wakes.
            Screen::Session(r) => match r.session().state() {
                State::Waiting { since, .. } => {
                    let waited = self.shared.now.since(*since).as_secs();
                    Some(*since + Duration::from_secs(waited + 1))
                }
                _ => r.runner().next_wake(self.shared.now),
            },
            _ => None,
        }
    }

    /// A session asked for on the command line (`limber run`): it starts
    /// at once when the pain score was given (`--pain`), else the setup
    /// screen asks for it and shows what is needed. Without a side, the
    /// one in the settings, else left.
    pub fn start(&mut self, start: &Start, now: Mono) -> Vec<Out> {
        self.shared.now = now;
        let Some(loaded) = self.shared.loaded(&start.routine) else {
            self.shared.notice = Some(fill(
                &self.shared.strings.routine_gone,
                &[("id", &start.routine)],
            ));
            return Vec::new();
        };
        let variant = loaded
            .routine
            .variants
            .iter()
            .position(|v| Some(&v.id) == start.variant.as_ref())
            .map_or(0, |i| i + 1);
        let setup = Setup {
            routine: start.routine.clone(),
            side: startup::side(start.side, &self.shared.settings),
            variant,
            pain: start.pain,
        };
        if let Screen::Safety(safety) = &mut self.screen {
            safety.pending = Some(setup);
            return Vec::new();
        }
        let next = match start.pain {
            Some(_) => Running::begin(&setup, &mut self.shared, now, false),
            None => Transition::stay(),
        };
        self.screen = Screen::Setup(setup);
        self.follow(next, now)
    }

    pub fn update(&mut self, action: Action, now: Mono) -> Vec<Out> {
        self.shared.now = now;
        if self.scrolled(action) {
            return Vec::new();
        }
        match action {
            Action::Suspend => return vec![Out::Suspend],
            Action::Interrupt => return self.signal(Sig::Interrupt, now),
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action, now);
        }
        // A question the session has open takes every key.
        if self.question().is_some() {
            return self.session_action(action, now);
        }
        match action {
            Action::Help => return self.open_overlay(Overlay::Help, now),
            // Leaving the finish screen keeps the pain score and note on it.
            Action::Quit if !matches!(self.screen, Screen::Session(_)) => {
                self.feedback();
                return vec![Out::Quit];
            }
            Action::Reload => return vec![Out::Reload],
            _ => {}
        }
        let shared = &mut self.shared;
        let next = match &mut self.screen {
            Screen::Safety(safety) => safety.update(action, shared, now),
            Screen::Home(home) => home.update(action, shared),
            Screen::History(history) => history.update(action, shared),
            Screen::Setup(setup) => setup.update(action, shared, now),
            Screen::Session(_) => return self.session_action(action, now),
            Screen::Finish(finish) => finish.update(action),
            Screen::Care(care) => care.update(action),
            Screen::Checkin(c) => c.update(action, shared),
            Screen::Measure(m) => m.update(action, shared),
        };
        self.follow(next, now)
    }

    /// Carries out a screen's transition: its effects, the screen it goes
    /// to (scrolled to the top) and the dialog it opens.
    pub(in crate::tui) fn follow(&mut self, next: Transition, now: Mono) -> Vec<Out> {
        let Transition { mut out, go, open } = next;
        if let Some(screen) = go {
            if std::mem::discriminant(&screen) != std::mem::discriminant(&self.screen) {
                self.scroll = 0;
            }
            // An ended session's runner outlives its finish screen until
            // its feedback is written.
            if let Screen::Finish(finish) = std::mem::replace(&mut self.screen, screen) {
                self.closed.push(finish.runner);
            }
        }
        if let Some(overlay) = open {
            out.extend(self.open_overlay(overlay, now));
        }
        out
    }

    /// Scrolls a screen that may be taller than the terminal; false when
    /// `action` is not a scroll here.
    fn scrolled(&mut self, action: Action) -> bool {
        let scrolls = matches!(
            self.screen,
            Screen::Safety(_) | Screen::Setup(_) | Screen::Finish(_)
        );
        let editing = matches!(&self.screen, Screen::Finish(f) if f.editing_note);
        if !scrolls || editing || self.overlay.is_some() {
            return false;
        }
        self.scroll = match action {
            Action::PageUp => self.scroll.saturating_sub(SCROLL_PAGE),
            Action::PageDown => self.scroll.saturating_add(SCROLL_PAGE),
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            _ => return false,
        };
        true
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action, now: Mono) -> Vec<Out> {
        match (overlay, action) {
            (Overlay::Help, Action::Back | Action::Help | Action::Confirm) => {
                self.close_overlay(now)
            }
            // From help over a session, q asks to quit; the session stays
            // paused while the next question is open.
            (Overlay::Help, Action::Quit) => {
                self.overlay = None;
                self.update(Action::Quit, now)
            }
            (Overlay::CoursePause(_), Action::Yes) => self.begin_in_pause(now),
            (Overlay::CoursePause(_), Action::No | Action::Back) => {
                self.overlay = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }
}
