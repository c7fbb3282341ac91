//! limber: a terminal coach for piriformis syndrome.
//!
//! `core` is pure logic; `store` does the file IO; `cli` and `tui` are the
//! two faces the binary shows.

pub mod cli;
pub mod core;
pub mod i18n;
mod layers;
pub mod shell;
pub mod store;
pub mod tui;
