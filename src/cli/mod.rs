//! Commands that print and exit: no TUI.

pub mod args;
pub mod config;
pub mod edit;
pub mod export;
pub mod history;
pub mod log;
pub mod new;
pub mod plain;
pub mod remind;
pub mod routines;
pub mod suggest;
pub mod validate;
