//! The finish screen: how the session went, pain after and a note.

use crate::core::plan::Plan;
use crate::core::record::{Event, RoutineRef};
use crate::core::results::Results;
use crate::core::routine::Routine;
use crate::shell::keymap::Action;

use super::home::Home;
use super::{Out, Screen, Transition};

/// The longest note, in characters.
const NOTE_MAX: usize = 200;

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

impl Finish {
    pub fn update(&mut self, action: Action) -> Transition {
        if self.editing_note {
            match action {
                Action::Char(c) if self.note.chars().count() < NOTE_MAX => self.note.push(c),
                Action::Backspace => {
                    self.note.pop();
                }
                Action::Confirm | Action::Back => self.editing_note = false,
                _ => {}
            }
            return Transition::stay();
        }
        match action {
            Action::Pain(p) => self.pain_after = Some(p),
            Action::Note => self.editing_note = true,
            Action::Confirm => {
                let mut next = Transition::go(Screen::Home(Home::default()));
                next.out = self.feedback();
                return next;
            }
            _ => {}
        }
        Transition::stay()
    }

    /// The pain score and note given here, to log once.
    pub fn feedback(&mut self) -> Vec<Out> {
        if self.pain_after.is_none() && self.note.trim().is_empty() {
            return Vec::new();
        }
        let event = Event::Feedback {
            pain_after: self.pain_after.take(),
            note: Some(std::mem::take(&mut self.note)).filter(|n| !n.trim().is_empty()),
        };
        vec![Out::Record(self.reference.clone(), event)]
    }
}
