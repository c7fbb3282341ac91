//! File IO: routine files, the history log, settings, paths. Returns data
//! and typed errors; never speaks to the user.

pub mod atomic;
pub mod config;
pub mod files;
pub mod history;
pub mod paths;
pub mod poses;
pub mod prescription;
pub mod private;
pub mod remind;
pub mod routines;
pub mod safe_file;
pub mod settings;
