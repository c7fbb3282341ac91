//! The full-screen coach.

pub mod app;
pub mod format;
pub mod run;
pub mod screen;
pub mod terminal;
pub mod theme;
pub mod view;
