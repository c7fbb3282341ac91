//! The finish screen: how the session went, pain after and a note.

use crate::core::plan::Plan;
use crate::core::results::Results;
use crate::core::routine::Routine;
use crate::shell::keymap::Action;
use crate::shell::runner::{NOTE_MAX, Runner};

use super::home::Home;
use super::line_edit::LineEdit;
use super::{Screen, Transition};

pub struct Finish {
    pub routine: Routine,
    pub results: Results,
    pub pain_after: Option<u8>,
    pub note: LineEdit,
    pub editing_note: bool,
    /// The ended session's runner: it logs the feedback, and holds the
    /// last events until the coach writes them after this screen's frame.
    pub(in crate::tui) runner: Runner,
}

impl Finish {
    pub fn update(&mut self, action: Action) -> Transition {
        if self.editing_note {
            match action {
                Action::Char(c) => self.note.insert(c, NOTE_MAX),
                Action::Left => self.note.left(),
                Action::Right => self.note.right(),
                Action::First => self.note.home(),
                Action::Last => self.note.end(),
                Action::Backspace => self.note.backspace(),
                Action::Delete => self.note.delete(),
                Action::Confirm | Action::Back => self.editing_note = false,
                _ => {}
            }
            return Transition::stay();
        }
        match action {
            Action::Pain(p) => self.pain_after = Some(p),
            Action::Note => self.editing_note = true,
            Action::Confirm => {
                self.feedback();
                return Transition::go(Screen::Home(Home::default()));
            }
            _ => {}
        }
        Transition::stay()
    }

    /// The plan the session ran, for the names of its steps.
    pub fn plan(&self) -> &Plan {
        self.runner.session().plan()
    }

    /// As given on the setup screen, to compare with pain after.
    pub fn pain_before(&self) -> Option<u8> {
        self.runner.pain_before()
    }

    /// Pain before and after, when the rise is worth telling the
    /// physiotherapist (the routine's rule, as the runner applies it).
    pub fn pain_rose(&self) -> Option<(u8, u8)> {
        self.runner.pain_rose(self.pain_after)
    }

    /// Hands the pain score and note given here to the runner, once; it
    /// logs them at the next save.
    pub fn feedback(&mut self) {
        let note = Some(self.note.take());
        self.runner.feedback(self.pain_after.take(), note);
    }
}
