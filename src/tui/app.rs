//! The coach's state and its one update function: an action and the time
//! come in, the new state and a list of effects for the shell come out.

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDate;

use crate::core::clock::Mono;
use crate::core::due::{Due, next_due};
use crate::core::lang::Lang;
use crate::core::plan::{Plan, expand};
use crate::core::pose::Catalog;
use crate::core::progress::{SessionSummary, Target, progress};
use crate::core::record::{Event, Outcome, RoutineRef, StopReason};
use crate::core::results::Results;
use crate::core::routine::{Routine, Side};
use crate::core::session::{Command, Effect, Meta, Session, State};
use crate::i18n::{ClinicStrings, Formats, Strings};
use crate::shell::prompt::{self, Answer, Question, SessionKey};
use crate::store::routines::{Library, Loaded};
use crate::store::settings::Settings;

use crate::shell::keymap::{Action, Ctx};
use crate::shell::sound::{self, Cue};
use crate::shell::speech;

use super::history::{HistoryState, HistoryView};
use super::theme::Theme;

/// Sessions one PageUp/PageDown moves in the history list.
const HISTORY_PAGE: usize = 10;

/// Rows one PageUp/PageDown scrolls a screen taller than the terminal.
const SCROLL_PAGE: u16 = 5;

/// What the home screen shows for one routine, from the log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub today: u32,
    /// Completed sessions in the current course.
    pub course_done: Option<u32>,
    /// Set while the pause after a completed course runs.
    pub next_course: Option<NaiveDate>,
    /// When the next session is due, from the schedule (issue 14 item 5).
    pub next_due: Option<Due>,
}

/// Effects for the shell to carry out.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Sound(Cue),
    Speak(String),
    Record(RoutineRef, Event),
    SaveSettings,
    Reload,
    Suspend,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// One of the session's questions (stop, quit), as plain mode asks them.
    Ask(Question),
    /// The course is over and its pause runs until this date: start a
    /// session that counts toward no course?
    CoursePause(NaiveDate),
}

pub struct Setup {
    /// The routine's id in `App::library`.
    pub routine: String,
    pub side: Side,
    /// 0: the main steps; i: `variants[i - 1]`.
    pub variant: usize,
    pub pain: Option<u8>,
}

/// How `limber run` asked for a session: side, variant, pain now.
#[derive(Clone, Debug)]
pub struct Begin {
    pub side: Side,
    pub variant: Option<String>,
    pub pain: Option<u8>,
}

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
}

pub struct Finish {
    pub reference: RoutineRef,
    pub routine: Routine,
    pub plan: Plan,
    pub results: Results,
    /// As given on the setup screen, to compare with pain after.
    pub pain_before: Option<u8>,
    pub pain_after: Option<u8>,
    pub note: String,
    pub editing_note: bool,
}

pub enum Screen {
    Safety,
    History {
        /// The routine whose home entry to return to.
        routine: String,
        view: Box<HistoryView>,
        state: HistoryState,
    },
    Home {
        selected: usize,
    },
    Setup(Setup),
    Session(Box<Running>),
    Finish(Box<Finish>),
    /// The self-care notes, opened from home.
    Care {
        /// The routine selected on home, to return to.
        selected: usize,
        /// Rows scrolled off the top.
        scroll: u16,
    },
}

pub struct App {
    pub lang: Lang,
    pub strings: Strings,
    /// The schedule's, the pain rules' and the self-care texts.
    pub clinic: ClinicStrings,
    pub formats: Formats,
    pub library: Library,
    pub settings: Settings,
    pub stats: HashMap<String, Stats>,
    /// Every session in the log, oldest first; unreadable lines counted.
    pub sessions: Vec<SessionSummary>,
    pub log_problems: usize,
    pub today: NaiveDate,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The overlay paused a running session; closing it resumes it.
    held: bool,
    /// The user chose to start in a course pause anyway.
    pause_accepted: bool,
    /// One line for the user: a warning or what just happened.
    pub notice: Option<String>,
    /// A session asked for before the safety notice was read (`limber run`
    /// on a first run): it starts once the notice is confirmed.
    pending: Option<Setup>,
    /// The time of the last update; drawing reads it, never a clock.
    pub now: Mono,
    /// False for a preview: nothing is logged, and the screen says so.
    pub record: bool,
    /// How many times faster than real time the clock runs (a preview).
    pub speed: u32,
    /// Rows scrolled on a screen taller than the terminal (safety, setup,
    /// finish); the view stops at the end, and `fit_scroll` keeps it there.
    pub scroll: u16,
    /// Pain before the session running now, for its finish screen.
    pain_before: Option<u8>,
}

impl App {
    pub fn new(lang: Lang, library: Library, settings: Settings, now: Mono) -> App {
        let screen = if settings.safety_acknowledged {
            Screen::Home { selected: 0 }
        } else {
            Screen::Safety
        };
        App {
            lang,
            strings: Strings::load(lang),
            clinic: ClinicStrings::load(lang),
            formats: Formats::load(lang),
            library,
            settings,
            stats: HashMap::new(),
            sessions: Vec::new(),
            log_problems: 0,
            today: NaiveDate::default(),
            theme: Theme { color: true },
            screen,
            overlay: None,
            held: false,
            pause_accepted: false,
            notice: None,
            pending: None,
            now,
            record: true,
            speed: 1,
            scroll: 0,
            pain_before: None,
        }
    }

    /// The most the screen can scroll, as the view last drew it.
    pub fn fit_scroll(&mut self, max: u16) {
        self.scroll = self.scroll.min(max);
    }

    /// Which bindings apply now.
    pub fn ctx(&self) -> Ctx {
        match self.overlay {
            Some(Overlay::Help) => Ctx::Help,
            Some(Overlay::Ask(q)) => q.ctx(),
            Some(Overlay::CoursePause(_)) => Ctx::ConfirmCourse,
            None => Self::ctx_of_screen(&self.screen),
        }
    }

    pub fn ctx_of_screen(screen: &Screen) -> Ctx {
        match screen {
            Screen::Safety => Ctx::Safety,
            Screen::Home { .. } => Ctx::Home,
            Screen::History { .. } => Ctx::History,
            Screen::Setup(_) => Ctx::Setup,
            Screen::Session(_) => Ctx::Session,
            Screen::Finish(f) if f.editing_note => Ctx::FinishNote,
            Screen::Finish(_) => Ctx::Finish,
            Screen::Care { .. } => Ctx::Care,
        }
    }

    /// New routines from disk. A running session keeps its own copy; a
    /// screen about a routine that is gone goes home and says so.
    pub fn reload(&mut self, library: Library) {
        let gone = match &self.screen {
            Screen::Setup(Setup { routine, .. }) | Screen::History { routine, .. } => {
                library.find(routine).is_none().then(|| routine.clone())
            }
            _ => None,
        };
        let pending_gone = self
            .pending
            .as_ref()
            .filter(|p| library.find(&p.routine).is_none())
            .map(|p| p.routine.clone());
        if pending_gone.is_some() {
            self.pending = None;
        }
        if let Some(id) = gone.or(pending_gone) {
            self.notice = Some(crate::i18n::fill(
                &self.strings.routine_gone,
                &[("id", &id)],
            ));
            if !matches!(self.screen, Screen::Safety) {
                self.screen = Screen::Home { selected: 0 };
            }
        }
        if let Screen::Setup(setup) = &mut self.screen
            && let Some(l) = library.find(&setup.routine)
            && setup.variant > l.routine.variants.len()
        {
            setup.variant = 0;
        }
        if let Screen::Home { selected } = &mut self.screen {
            // The same routine stays selected when others come or go.
            let id = self.library.routines.get(*selected).map(|l| &l.routine.id);
            let count = library.routines.len();
            *selected = id
                .and_then(|id| library.routines.iter().position(|l| &l.routine.id == id))
                .unwrap_or(*selected)
                .min(count.saturating_sub(1));
        }
        self.library = library;
    }

    /// The loaded routine named `id`.
    pub fn loaded(&self, id: &str) -> Option<&Loaded> {
        self.library.find(id)
    }

    /// The log as read by the shell: counts for home and the history view.
    pub fn set_history(
        &mut self,
        sessions: Vec<SessionSummary>,
        problems: usize,
        today: NaiveDate,
    ) {
        self.stats = self
            .library
            .routines
            .iter()
            .map(|l| {
                let p = progress(&sessions, &Target::from(&l.routine), today);
                let stats = Stats {
                    today: p.today_done,
                    course_done: p.course.map(|c| c.done()),
                    next_course: p.course.and_then(|c| c.next_start()),
                    next_due: None,
                };
                (l.routine.id.clone(), stats)
            })
            .collect();
        self.sessions = sessions;
        self.log_problems = problems;
        self.today = today;
    }

    /// [`App::set_history`] as of the local time `now`, with when the next
    /// session of each routine is due.
    pub fn set_history_at<Tz: chrono::TimeZone>(
        &mut self,
        sessions: Vec<SessionSummary>,
        problems: usize,
        now: &chrono::DateTime<Tz>,
    ) {
        self.set_history(sessions, problems, now.date_naive());
        for l in &self.library.routines {
            let r = &l.routine;
            let completed: Vec<_> = self
                .sessions
                .iter()
                .filter(|s| s.routine.id == r.id && s.is_completed())
                .map(|s| s.started_at)
                .collect();
            if let Some(stats) = self.stats.get_mut(&r.id) {
                stats.next_due = Some(next_due(now, &r.schedule, &completed, stats.next_course));
            }
        }
    }

    /// A session step waits for the user to press Enter (a manual step).
    pub fn waits_for_user(&self) -> bool {
        matches!(&self.screen, Screen::Session(r) if matches!(r.session.state(), State::Waiting { .. }))
    }

    /// When the screen must next change by itself; `None`: only input can
    /// change it, so the loop may block.
    pub fn next_wake(&self) -> Option<Mono> {
        match &self.screen {
            // A manual step counts the time spent waiting up on screen:
            // once a second, as a countdown wakes.
            Screen::Session(r) => match r.session.state() {
                State::Waiting { since, .. } => {
                    let waited = self.now.since(*since).as_secs();
                    Some(*since + Duration::from_secs(waited + 1))
                }
                _ => r.session.next_wake(self.now),
            },
            _ => None,
        }
    }

    /// A session of routine `id` asked for on the command line (`limber
    /// run`): it starts at once when the pain score was given (`--pain`),
    /// else the setup screen asks for it and shows what is needed. The
    /// caller checked that the library has the routine.
    pub fn start(&mut self, id: &str, start: Begin, now: Mono) -> Vec<Out> {
        let Begin {
            side,
            variant,
            pain,
        } = start;
        self.now = now;
        let Some(loaded) = self.library.find(id) else {
            self.notice = Some(crate::i18n::fill(&self.strings.routine_gone, &[("id", id)]));
            return Vec::new();
        };
        let variant_index = loaded
            .routine
            .variants
            .iter()
            .position(|v| Some(&v.id) == variant.as_ref())
            .map_or(0, |i| i + 1);
        let setup = Setup {
            routine: id.to_string(),
            side,
            variant: variant_index,
            pain,
        };
        if !self.settings.safety_acknowledged {
            self.pending = Some(setup);
            return Vec::new();
        }
        self.screen = Screen::Setup(setup);
        if pain.is_some() {
            return self.begin_session(now);
        }
        Vec::new()
    }

    pub fn update(&mut self, action: Action, now: Mono) -> Vec<Out> {
        let before = std::mem::discriminant(&self.screen);
        let out = self.dispatch(action, now);
        if std::mem::discriminant(&self.screen) != before {
            self.scroll = 0;
        }
        out
    }

    /// Scrolls a screen that may be taller than the terminal; false when
    /// `action` is not a scroll here.
    fn scrolled(&mut self, action: Action) -> bool {
        let arrows = matches!(self.screen, Screen::Safety | Screen::Finish(_));
        let scrolls = arrows || matches!(self.screen, Screen::Setup(_));
        let editing = matches!(&self.screen, Screen::Finish(f) if f.editing_note);
        if !scrolls || editing || self.overlay.is_some() {
            return false;
        }
        self.scroll = match action {
            Action::PageUp => self.scroll.saturating_sub(SCROLL_PAGE),
            Action::PageDown => self.scroll.saturating_add(SCROLL_PAGE),
            Action::Up if arrows => self.scroll.saturating_sub(1),
            Action::Down if arrows => self.scroll.saturating_add(1),
            _ => return false,
        };
        true
    }

    fn dispatch(&mut self, action: Action, now: Mono) -> Vec<Out> {
        self.now = now;
        if self.scrolled(action) {
            return Vec::new();
        }
        match action {
            Action::Suspend => return vec![Out::Suspend],
            Action::Interrupt => return self.interrupt(now),
            _ => {}
        }
        if let Some(overlay) = self.overlay {
            return self.update_overlay(overlay, action, now);
        }
        match action {
            Action::Help => return self.open_overlay(Overlay::Help, now),
            // Leaving the finish screen keeps the pain score and note on it.
            Action::Quit if !matches!(self.screen, Screen::Session(_)) => {
                let mut out = self.feedback();
                out.push(Out::Quit);
                return out;
            }
            Action::Reload => return vec![Out::Reload],
            _ => {}
        }
        match &mut self.screen {
            Screen::Safety => {
                if action == Action::Confirm {
                    self.settings.safety_acknowledged = true;
                    let mut out = vec![Out::SaveSettings];
                    match self.pending.take() {
                        Some(setup) => {
                            let ready = setup.pain.is_some();
                            self.screen = Screen::Setup(setup);
                            if ready {
                                out.extend(self.begin_session(now));
                            }
                        }
                        None => self.screen = Screen::Home { selected: 0 },
                    }
                    return out;
                }
                Vec::new()
            }
            Screen::Home { selected } => {
                let count = self.library.routines.len();
                match action {
                    Action::Up => *selected = selected.saturating_sub(1),
                    Action::Down if count > 0 => *selected = (*selected + 1).min(count - 1),
                    Action::History if *selected < count => {
                        let routine = &self.library.routines[*selected].routine;
                        let id = routine.id.clone();
                        let view = HistoryView::new(
                            &self.sessions,
                            &Target::from(routine),
                            &routine.title,
                            self.today,
                            self.lang,
                        )
                        .with_problems(self.log_problems)
                        .with_steps(routine);
                        self.screen = Screen::History {
                            routine: id,
                            view: Box::new(view),
                            state: HistoryState::default(),
                        };
                    }
                    Action::Care => {
                        self.screen = Screen::Care {
                            selected: *selected,
                            scroll: 0,
                        };
                    }
                    Action::Confirm if *selected < count => {
                        let side = self.settings.side.unwrap_or(Side::Left);
                        self.screen = Screen::Setup(Setup {
                            routine: self.library.routines[*selected].routine.id.clone(),
                            side,
                            variant: 0,
                            pain: None,
                        });
                    }
                    _ => {}
                }
                Vec::new()
            }
            Screen::History {
                routine,
                view,
                state,
            } => {
                match action {
                    Action::Up => state.select_previous(),
                    Action::Down => state.select_next(view),
                    Action::PageUp => state.page_up(HISTORY_PAGE),
                    Action::PageDown => state.page_down(view, HISTORY_PAGE),
                    Action::First => state.select_first(),
                    Action::Last => state.select_last(view),
                    Action::Back => {
                        let id = routine.clone();
                        let selected = self.home_index(&id);
                        self.screen = Screen::Home { selected };
                    }
                    _ => {}
                }
                Vec::new()
            }
            Screen::Care { selected, scroll } => {
                match action {
                    Action::Up => *scroll = scroll.saturating_sub(1),
                    Action::Down => *scroll = scroll.saturating_add(1),
                    Action::PageUp => *scroll = scroll.saturating_sub(10),
                    Action::PageDown => *scroll = scroll.saturating_add(10),
                    Action::Back | Action::Confirm => {
                        self.screen = Screen::Home {
                            selected: *selected,
                        };
                    }
                    _ => {}
                }
                Vec::new()
            }
            Screen::Setup(setup) => {
                let variants = self
                    .library
                    .find(&setup.routine)
                    .map_or(0, |l| l.routine.variants.len());
                match action {
                    // Left, right, both: ← and → move along the three.
                    Action::Left => {
                        setup.side = match setup.side {
                            Side::Both => Side::Right,
                            _ => Side::Left,
                        }
                    }
                    Action::Right => {
                        setup.side = match setup.side {
                            Side::Left => Side::Right,
                            _ => Side::Both,
                        }
                    }
                    Action::Up | Action::Down | Action::Variant => {
                        let n = variants + 1;
                        setup.variant = if action == Action::Up {
                            (setup.variant + n - 1) % n
                        } else {
                            (setup.variant + 1) % n
                        };
                    }
                    Action::Pain(p) => setup.pain = Some(p),
                    Action::Back => {
                        let id = setup.routine.clone();
                        let selected = self.home_index(&id);
                        self.screen = Screen::Home { selected };
                    }
                    Action::Confirm => return self.begin_session(now),
                    _ => {}
                }
                Vec::new()
            }
            Screen::Session(running) => {
                let command = match prompt::session_key(action) {
                    Some(SessionKey::Command(c)) => c,
                    Some(SessionKey::Ask(q)) => return self.open_overlay(Overlay::Ask(q), now),
                    None => return Vec::new(),
                };
                if command == Command::TogglePause {
                    running.away = None;
                }
                let effects = running.session.update(command, now);
                self.apply(effects)
            }
            Screen::Finish(finish) => {
                if finish.editing_note {
                    match action {
                        Action::Char(c) if finish.note.chars().count() < 200 => finish.note.push(c),
                        Action::Backspace => {
                            finish.note.pop();
                        }
                        Action::Confirm | Action::Back => finish.editing_note = false,
                        _ => {}
                    }
                    return Vec::new();
                }
                match action {
                    Action::Pain(p) => finish.pain_after = Some(p),
                    Action::Note => finish.editing_note = true,
                    Action::Confirm => {
                        let out = self.feedback();
                        self.screen = Screen::Home { selected: 0 };
                        return out;
                    }
                    _ => {}
                }
                Vec::new()
            }
        }
    }

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
        let mut out = self.session_command(Command::Abandon, now);
        out.extend(self.feedback());
        out.push(Out::Quit);
        out
    }

    /// Ctrl-C: a running session ends as stopped and is kept; then quit.
    fn interrupt(&mut self, now: Mono) -> Vec<Out> {
        let mut out = self.session_command(Command::Stop(StopReason::Other), now);
        out.extend(self.feedback());
        out.push(Out::Quit);
        out
    }

    fn session_command(&mut self, command: Command, now: Mono) -> Vec<Out> {
        self.now = now;
        match &mut self.screen {
            Screen::Session(running) => {
                let effects = running.session.update(command, now);
                self.apply(effects)
            }
            _ => Vec::new(),
        }
    }

    /// Opens `overlay`; a running session pauses behind it.
    fn open_overlay(&mut self, overlay: Overlay, now: Mono) -> Vec<Out> {
        self.overlay = Some(overlay);
        let Screen::Session(running) = &mut self.screen else {
            return Vec::new();
        };
        if self.held {
            return Vec::new();
        }
        let (held, effects) = prompt::hold(&mut running.session, now);
        self.held = held;
        self.apply(effects)
    }

    /// Closes the overlay; a session it paused runs on.
    fn close_overlay(&mut self, now: Mono) -> Vec<Out> {
        self.overlay = None;
        let held = std::mem::take(&mut self.held);
        match &mut self.screen {
            Screen::Session(running) => {
                let effects = prompt::resume_after(&mut running.session, held, now);
                self.apply(effects)
            }
            _ => Vec::new(),
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, action: Action, now: Mono) -> Vec<Out> {
        match (overlay, action) {
            (Overlay::Help, Action::Back | Action::Help | Action::Confirm) => {
                return self.close_overlay(now);
            }
            // From help over a session, q asks to quit; the session stays
            // paused while the next question is open.
            (Overlay::Help, Action::Quit) => {
                self.overlay = None;
                return self.update(Action::Quit, now);
            }
            (Overlay::Help, _) => {}
            (Overlay::CoursePause(_), Action::Yes) => {
                self.overlay = None;
                self.pause_accepted = true;
                let out = self.begin_session(now);
                self.pause_accepted = false;
                return out;
            }
            (Overlay::CoursePause(_), Action::No | Action::Back) => self.overlay = None,
            (Overlay::CoursePause(_), _) => {}
            (Overlay::Ask(question), action) => match question.answer(action) {
                Answer::Asking(q) => self.overlay = Some(Overlay::Ask(q)),
                Answer::Dismissed => return self.close_overlay(now),
                Answer::Stop(reason) => {
                    self.overlay = None;
                    self.held = false;
                    return self.session_command(Command::Stop(reason), now);
                }
                Answer::Quit => {
                    self.overlay = None;
                    self.held = false;
                    let mut out = self.session_command(Command::Abandon, now);
                    out.extend(self.feedback());
                    out.push(Out::Quit);
                    return out;
                }
            },
        }
        Vec::new()
    }

    /// Where routine `id` stands on the home screen (the top if it is gone).
    fn home_index(&self, id: &str) -> usize {
        self.library
            .routines
            .iter()
            .position(|l| l.routine.id == id)
            .unwrap_or(0)
    }

    fn begin_session(&mut self, now: Mono) -> Vec<Out> {
        let Screen::Setup(setup) = &self.screen else {
            return Vec::new();
        };
        let Some((routine, poses)) = self
            .library
            .find(&setup.routine)
            .map(|l| (l.routine.clone(), l.poses.clone()))
        else {
            return Vec::new();
        };
        // During the pause after a course a session counts toward nothing:
        // say so and when the next course may start, and ask first.
        let pause = self.stats.get(&routine.id).and_then(|s| s.next_course);
        if let (Some(date), false) = (pause, self.pause_accepted) {
            self.overlay = Some(Overlay::CoursePause(date));
            return Vec::new();
        }
        let variant = setup
            .variant
            .checked_sub(1)
            .and_then(|i| routine.variants.get(i))
            .map(|v| v.id.clone());
        let (side, pain) = (setup.side, setup.pain);
        self.pain_before = pain;
        let plan = match expand(&routine, variant.as_deref(), side) {
            Ok(plan) => plan,
            Err(e) => {
                self.notice = Some(e.to_string());
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        if routine.sided && self.settings.side != Some(side) {
            self.settings.side = Some(side);
            out.push(Out::SaveSettings);
        }
        let meta = Meta::for_plan(&plan, pain);
        let mut session = Session::new(plan.clone(), meta);
        let effects = session.update(Command::Start, now);
        self.screen = Screen::Session(Box::new(Running {
            reference: RoutineRef::of(&routine),
            routine,
            plan,
            session,
            side,
            variant,
            away: None,
            poses,
        }));
        out.extend(self.apply(effects));
        out
    }

    /// Turns engine effects into shell effects and screen changes.
    fn apply(&mut self, effects: Vec<Effect>) -> Vec<Out> {
        let Screen::Session(running) = &mut self.screen else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut ended = false;
        for effect in effects {
            match effect {
                Effect::PhaseStarted { index } => {
                    if let Some(cue) = running.plan.phase(index).and_then(sound::phase_cue) {
                        out.push(Out::Sound(cue));
                    }
                    let text = speech::announce(&self.strings, &running.plan, index);
                    out.push(Out::Speak(text));
                }
                Effect::Countdown { secs } => {
                    let phase = running.session.current().map(|(_, p)| p);
                    if let Some(cue) = phase.and_then(sound::countdown_cue) {
                        out.push(Out::Sound(cue));
                    }
                    out.push(Out::Speak(secs.to_string()));
                }
                Effect::TimeAway { gap } => running.away = Some(gap),
                Effect::Record(event) => out.push(Out::Record(running.reference.clone(), event)),
                Effect::Finished => {
                    out.push(Out::Sound(Cue::End));
                    ended = true;
                }
                Effect::Stopped(_) | Effect::Abandoned => ended = true,
                _ => {}
            }
        }
        if ended {
            let results = running.session.results(self.now);
            let Screen::Session(running) =
                std::mem::replace(&mut self.screen, Screen::Home { selected: 0 })
            else {
                unreachable!("matched above");
            };
            let running = *running;
            self.screen = Screen::Finish(Box::new(Finish {
                reference: running.reference,
                routine: running.routine,
                plan: running.plan,
                results,
                pain_before: self.pain_before,
                pain_after: None,
                note: String::new(),
                editing_note: false,
            }));
        }
        out
    }

    /// The pain score and note from the finish screen, once.
    fn feedback(&mut self) -> Vec<Out> {
        let Screen::Finish(finish) = &mut self.screen else {
            return Vec::new();
        };
        if finish.pain_after.is_none() && finish.note.trim().is_empty() {
            return Vec::new();
        }
        let event = Event::Feedback {
            pain_after: finish.pain_after.take(),
            note: Some(std::mem::take(&mut finish.note)).filter(|n| !n.trim().is_empty()),
        };
        vec![Out::Record(finish.reference.clone(), event)]
    }

    /// The outcome of the session on screen, if it has ended.
    pub fn outcome(&self) -> Option<Outcome> {
        match &self.screen {
            Screen::Finish(f) => f.results.outcome,
            _ => None,
        }
    }
}
