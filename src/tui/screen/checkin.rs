//! The morning check: pain and stiffness this morning 0-10, and better,
//! the same or worse than yesterday; one key each, Enter skips a part,
//! Esc the rest. Shown on the first start of a day, before home (or the
//! setup screen `limber run` asked for); a check skipped through is still
//! logged, so it is asked once a day.

use chrono::{DateTime, TimeZone};

use crate::core::outcome::{Compared, Measure};
use crate::shell::keymap::Action;
use crate::shell::outcomes::asked;
use crate::store::history::History;

use super::home::Home;
use super::{Out, Screen, Shared, Transition};
use crate::tui::app::App;

/// The parts asked, in order.
pub const PARTS: usize = 3;

pub struct Checkin {
    pub pain: Option<u8>,
    pub stiffness: Option<u8>,
    pub compared: Option<Compared>,
    /// The part asked now: 0 pain, 1 stiffness, 2 compared.
    pub at: usize,
    /// Where the check goes when done: home, or the screen it came before.
    pub then: Option<Box<Screen>>,
}

impl Checkin {
    pub fn new(then: Option<Screen>) -> Checkin {
        Checkin {
            pain: None,
            stiffness: None,
            compared: None,
            at: 0,
            then: then.map(Box::new),
        }
    }

    pub fn update(&mut self, action: Action, shared: &mut Shared) -> Transition {
        match action {
            Action::Pain(n) if self.at == 0 => self.pain = Some(n),
            Action::Pain(n) if self.at == 1 => self.stiffness = Some(n),
            Action::Compare(c) => {
                self.compared = Some(c);
                self.at = PARTS - 1;
            }
            Action::Confirm => {}
            Action::Back => self.at = PARTS - 1,
            _ => return Transition::stay(),
        }
        self.at += 1;
        if self.at < PARTS {
            return Transition::stay();
        }
        shared.asked.morning_due = false;
        let measure = Measure::Morning {
            pain: self.pain,
            stiffness: self.stiffness,
            compared: self.compared,
        };
        let next = match self.then.take() {
            Some(screen) => *screen,
            None => Screen::Home(Home::default()),
        };
        Transition {
            out: vec![Out::SaveAnswer(measure)],
            go: Some(next),
            open: None,
        }
    }
}

/// What is asked today, read from the log into `app` (with home's
/// figures, by `tui::run::refresh_home`).
pub fn refresh<Tz: TimeZone>(app: &mut App, history: Option<&History>, now: &DateTime<Tz>) {
    if !app.shared.record {
        return;
    }
    match asked(history, &app.shared.library, now) {
        Ok(a) => app.shared.asked = a,
        Err(e) => app.shared.notice = Some(e.to_string()),
    }
}

/// On the first start of a day, the morning check comes before home or
/// the setup screen; never in a preview, nor over the first-run notice or
/// a session already running.
pub fn open_if_due(app: &mut App) {
    if !app.shared.record || !app.shared.asked.morning_due {
        return;
    }
    if matches!(app.screen, Screen::Home(_) | Screen::Setup(_)) {
        let then = std::mem::replace(&mut app.screen, Screen::Home(Home::default()));
        let then = (!matches!(then, Screen::Home(_))).then_some(then);
        app.screen = Screen::Checkin(Checkin::new(then));
    }
}
