//! Commands that print and exit: no TUI.
pub mod history;
