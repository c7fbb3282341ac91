//! What a running session needs from the world, shared by the full-screen
//! coach (`tui`) and plain mode (`cli::plain`): start-up (settings, the
//! log, the voice), the clock, input, the key table, the stop and quit
//! questions, sounds, speech and voice, the session log, the pump that
//! turns all of it into one turn at a time, and the runner that turns each
//! turn into what happened in the session.

pub mod clock;
pub mod dose;
pub mod dues;
pub mod exit;
pub mod input;
pub mod journal;
pub mod keymap;
pub mod options;
pub mod outcomes;
pub mod output;
pub mod program;
pub mod prompt;
pub mod pump;
pub mod runner;
pub mod sound;
pub mod speech;
pub mod startup;
pub mod voice;
