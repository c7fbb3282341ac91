//! Commands that print and exit: no TUI.

pub mod args;
pub mod history;
pub mod plain;
pub mod routines;
pub mod validate;
