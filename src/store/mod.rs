//! File IO: routine files, the history log, paths.

pub mod history;
pub mod journal;
pub mod paths;
pub mod routines;
pub mod settings;
