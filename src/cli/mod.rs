//! Commands that print and exit: no TUI. Each is
//! `<command>::run(&mut Context, ...) -> Result<Exit, Error>`.

pub mod args;
pub mod ask;
pub mod checkin;
pub mod config;
pub mod context;
pub mod edit;
pub mod error;
pub mod export;
pub mod history;
pub mod key;
pub mod log;
pub mod markdown;
pub mod measure;
pub mod new;
pub mod plain;
pub mod prescription;
pub mod remind;
pub mod report;
pub mod routines;
pub mod run;
pub mod status;
pub mod suggest;
pub mod table;
pub mod validate;

pub use context::Context;
pub use error::{Error, report_error};
