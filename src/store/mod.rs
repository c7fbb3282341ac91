//! File IO: routine files, the history log, paths.
pub mod history;
pub mod routines;
