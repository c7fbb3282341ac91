//! The full-screen coach.

pub mod app;
pub mod format;
pub mod history;
pub mod run;
pub mod terminal;
pub mod theme;
pub mod view;
