//! The integration tests, as one test binary: cargo builds and links every
//! top-level file in `tests/` as a program of its own, so each former file
//! is a module here instead (`tests/it/*.rs`), and the shared helpers are
//! the `common` module.
//!
//! proptest keeps a module's saved failing cases in a tree parallel to
//! this one, found from this `main.rs`: `tests/proptest-regressions/NAME.txt`
//! for `tests/it/NAME.rs`.

mod common;

mod big_digits;
mod builtin;
mod cli_edit;
mod cli_export;
mod cli_messages;
mod cli_new;
mod cli_pipes;
mod cli_preview;
mod cli_routines;
mod cli_run;
mod cli_validate;
mod clinical_content;
mod clinical_rules;
mod clinical_screens;
mod clock_range;
mod course_rules;
mod diagnostics;
mod dialogs;
mod echoed_args;
mod engine_builtin;
mod engine_commands;
mod engine_props;
mod engine_scenarios;
mod fuzz;
mod history_cli;
mod history_concurrency;
mod history_disk_full;
mod history_faults;
mod history_screen;
mod history_store;
mod history_walks;
mod hostile_edit;
mod hostile_files;
mod hostile_output;
mod layout_unicode;
mod loader_props;
mod plan_limits;
mod progress_props;
mod progress_range;
mod progress_rules;
mod pty_crash;
mod pty_journeys;
mod pty_reload;
mod pty_signals;
mod pty_suspend;
mod pty_trust;
mod remind;
mod screens;
mod sound;
