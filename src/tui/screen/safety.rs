//! The first-run safety notice: confirmed once, then home, or the session
//! `limber run` asked for before it was read.

use crate::core::clock::Mono;
use crate::shell::keymap::Action;

use super::home::Home;
use super::session::Running;
use super::setup::Setup;
use super::{Out, Screen, Shared, Transition};

#[derive(Default)]
pub struct Safety {
    /// A session asked for before the notice was read (`limber run` on a
    /// first run): it starts once the notice is confirmed.
    pub pending: Option<Setup>,
}

impl Safety {
    pub fn update(&mut self, action: Action, shared: &mut Shared, now: Mono) -> Transition {
        if action != Action::Confirm {
            return Transition::stay();
        }
        shared.settings.safety_acknowledged = true;
        let mut next = match self.pending.take() {
            Some(setup) => {
                // With the pain score given it starts at once; a question
                // or a routine that cannot run leaves its setup on screen.
                let mut next = match setup.pain {
                    Some(_) => Running::begin(&setup, shared, now, false),
                    None => Transition::stay(),
                };
                next.go.get_or_insert(Screen::Setup(setup));
                next
            }
            None => Transition::go(Screen::Home(Home::default())),
        };
        next.out.insert(0, Out::SaveSettings);
        next
    }
}
