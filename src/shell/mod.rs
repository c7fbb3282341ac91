//! What a running session needs from the world, shared by the full-screen
//! coach (`tui`) and plain mode (`cli::plain`): the clock, input, the key
//! table, the stop and quit questions, sounds, speech and voice, the session log,
//! and the pump that turns all of it into one turn at a time.

pub mod clock;
pub mod dues;
pub mod exit;
pub mod input;
pub mod journal;
pub mod keymap;
pub mod options;
pub mod output;
pub mod program;
pub mod prompt;
pub mod pump;
pub mod sound;
pub mod speech;
pub mod voice;
