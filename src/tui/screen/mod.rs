//! The coach's screens, one module each, as ratatui's demo2 has one per
//! tab: each owns its state and turns an action into a [`Transition`].
//! What they all read (routines, settings, home's figures, the strings) is
//! [`Shared`]; `App` routes each action to the screen on top and keeps the
//! overlay. Drawing is in `tui::view`, which only reads.

pub mod care;
pub mod checkin;
pub mod finish;
pub mod history;
pub mod home;
pub mod line_edit;
pub mod measure;
pub mod safety;
pub mod session;
pub mod setup;

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::core::clock::Mono;
use crate::core::lang::Lang;
use crate::i18n::{ClinicStrings, Formats, Strings};
use crate::shell::keymap::Ctx;
use crate::shell::prompt::Question;
use crate::shell::sound::Cue;
use crate::store::routines::{Library, Loaded};
use crate::store::settings::Settings;

use super::theme::Theme;
use care::Care;
use finish::Finish;
use history::HistoryScreen;
use home::{Home, Stats};
use safety::Safety;
use session::Running;
use setup::Setup;

/// The screen on top, carrying its own state.
pub enum Screen {
    /// The first-run notice.
    Safety(Safety),
    Home(Home),
    History(Box<HistoryScreen>),
    Setup(Setup),
    Session(Box<Running>),
    Finish(Box<Finish>),
    /// The self-care notes, opened from home.
    Care(Care),
    /// The morning check, on the first start of a day.
    Checkin(checkin::Checkin),
    /// A measure that is due, asked from home.
    Measure(Box<measure::MeasureScreen>),
}

impl Screen {
    /// Which bindings apply on this screen with no overlay open.
    pub fn ctx(&self) -> Ctx {
        match self {
            Screen::Safety(_) => Ctx::Safety,
            Screen::Home(_) => Ctx::Home,
            Screen::History(_) => Ctx::History,
            Screen::Setup(_) => Ctx::Setup,
            Screen::Session(_) => Ctx::Session,
            Screen::Finish(f) if f.editing_note => Ctx::FinishNote,
            Screen::Finish(_) => Ctx::Finish,
            Screen::Care(_) => Ctx::Care,
            Screen::Checkin(_) => Ctx::Checkin,
            Screen::Measure(m) => m.ctx(),
        }
    }
}

/// What a dialog over the screen asks or shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    /// One of the session's questions (stop, quit), as plain mode asks them.
    Ask(Question),
    /// The course is over and its pause runs until this date: start a
    /// session that counts toward no course?
    CoursePause(NaiveDate),
}

/// Effects for the shell to carry out.
#[derive(Clone, Debug, PartialEq)]
pub enum Out {
    Sound(Cue),
    Speak(crate::shell::voice::Spoken),
    SaveSettings,
    Reload,
    /// The history screen of this routine is to open: the shell reads its
    /// sessions and hands them to `App::show_history`.
    LoadSessions(String),
    Suspend,
    Quit,
    /// The morning check or a measure answered: the shell stamps it with
    /// the time and writes it to the log.
    SaveAnswer(crate::core::outcome::Measure),
}

/// What a screen's update asks for: effects, another screen, a dialog.
#[derive(Default)]
pub struct Transition {
    pub out: Vec<Out>,
    pub go: Option<Screen>,
    pub open: Option<Overlay>,
}

impl Transition {
    /// Nothing beyond what the screen changed in itself.
    pub fn stay() -> Transition {
        Transition::default()
    }

    pub fn out(out: Vec<Out>) -> Transition {
        Transition {
            out,
            ..Transition::default()
        }
    }

    pub fn go(screen: Screen) -> Transition {
        Transition {
            go: Some(screen),
            ..Transition::default()
        }
    }

    pub fn open(overlay: Overlay) -> Transition {
        Transition {
            open: Some(overlay),
            ..Transition::default()
        }
    }
}

/// What every screen reads and some change: the routines, the settings,
/// home's figures, the strings, the time of the last update.
pub struct Shared {
    pub lang: Lang,
    pub strings: Strings,
    /// The schedule's, the pain rules' and the self-care texts.
    pub clinic: ClinicStrings,
    pub formats: Formats,
    pub library: Library,
    pub settings: Settings,
    /// Home's figures by routine id, from `Stats::from_outlook`.
    pub stats: HashMap<String, Stats>,
    pub today: NaiveDate,
    pub theme: Theme,
    /// One line for the user: a warning or what just happened.
    pub notice: Option<String>,
    /// The time of the last update; drawing reads it, never a clock.
    pub now: Mono,
    /// False for a preview: nothing is logged, and the screen says so.
    pub record: bool,
    /// How many times faster than real time the clock runs (a preview).
    pub speed: u32,
    /// The dose in force of each routine with a progression rule, by id,
    /// read with home's figures (`shell::dose::read`).
    pub doses: HashMap<String, Vec<crate::core::progression::Dosed>>,
    /// What is asked of the patient today: the morning check, its flag,
    /// the measures due.
    pub asked: crate::shell::outcomes::Asked,
}

impl Shared {
    pub fn new(lang: Lang, library: Library, settings: Settings, now: Mono) -> Shared {
        Shared {
            lang,
            strings: Strings::load(lang),
            clinic: ClinicStrings::load(lang),
            formats: Formats::load(lang),
            library,
            settings,
            stats: HashMap::new(),
            today: NaiveDate::default(),
            theme: Theme { color: true },
            notice: None,
            now,
            record: true,
            speed: 1,
            doses: HashMap::new(),
            asked: Default::default(),
        }
    }

    /// The loaded routine named `id`.
    pub fn loaded(&self, id: &str) -> Option<&Loaded> {
        self.library.find(id)
    }

    /// Home, with routine `id` selected (the top one if it is gone).
    pub fn home_at(&self, id: &str) -> Screen {
        let selected = self
            .library
            .routines
            .iter()
            .position(|l| l.routine.id == id)
            .unwrap_or(0);
        Screen::Home(Home { selected })
    }
}
