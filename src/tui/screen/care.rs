//! The self-care notes, opened from home.

use crate::shell::keymap::Action;

use super::home::Home;
use super::{Screen, Transition};

pub struct Care {
    /// The routine selected on home, to return to.
    pub selected: usize,
    /// Rows scrolled off the top.
    pub scroll: u16,
}

impl Care {
    pub fn update(&mut self, action: Action) -> Transition {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::Back | Action::Confirm => {
                return Transition::go(Screen::Home(Home {
                    selected: self.selected,
                }));
            }
            _ => {}
        }
        Transition::stay()
    }
}
