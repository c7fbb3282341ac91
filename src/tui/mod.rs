//! The full-screen coach.

pub mod app;
pub mod clock;
pub mod format;
pub mod history;
pub mod input;
pub mod keymap;
pub mod run;
pub mod speech;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod voice;
