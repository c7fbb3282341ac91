//! Commands that print and exit: no TUI.

pub mod args;
pub mod validate;
