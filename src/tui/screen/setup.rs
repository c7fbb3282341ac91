//! Setup: the side, the variant and the pain score before a session.

use crate::core::clock::Mono;
use crate::core::routine::Side;
use crate::shell::keymap::Action;

use super::session::Running;
use super::{Shared, Transition};

/// The setup screen's choices for one routine. (`shell::options::Start`
/// is what the command line asked for; it becomes one of these.)
pub struct Setup {
    /// The routine's id in the library.
    pub routine: String,
    pub side: Side,
    /// 0: the main steps; i: `variants[i - 1]`.
    pub variant: usize,
    pub pain: Option<u8>,
}

impl Setup {
    pub fn update(&mut self, action: Action, shared: &mut Shared, now: Mono) -> Transition {
        let variants = shared
            .loaded(&self.routine)
            .map_or(0, |l| l.routine.variants.len());
        match action {
            // Left, right, both: ← and → move along the three.
            Action::Left => {
                self.side = match self.side {
                    Side::Both => Side::Right,
                    _ => Side::Left,
                }
            }
            Action::Right => {
                self.side = match self.side {
                    Side::Left => Side::Right,
                    _ => Side::Both,
                }
            }
            // `v` goes round the variants; ↑/↓ scroll, as there is no
            // cursor on this screen for them to move.
            Action::Variant => self.variant = (self.variant + 1) % (variants + 1),
            Action::Pain(p) => self.pain = Some(p),
            Action::Back => return Transition::go(shared.home_at(&self.routine)),
            Action::Confirm => return Running::begin(self, shared, now, false),
            _ => {}
        }
        Transition::stay()
    }
}
