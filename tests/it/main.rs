//! The integration tests, as one test binary: cargo builds and links every
//! top-level file in `tests/` as a program of its own, so each former file
//! is a module here instead (`tests/it/*.rs`), and the shared helpers are
//! the `common` module.
//!
//! The folders mirror `src/`: `core`, `store`, `shell`, `cli` (the real
//! binary's commands), `tui` (screens as snapshots, kept in each folder's
//! `snapshots/`), and `pty` (whole journeys in a pseudo-terminal).
//!
//! proptest keeps a module's saved failing cases in a tree parallel to
//! this one, found from this `main.rs`:
//! `tests/proptest-regressions/FOLDER/NAME.txt` for `tests/it/FOLDER/NAME.rs`.

mod common;

mod cli;
mod core;
mod pty;
mod shell;
mod store;
mod tui;
