//! The pure core: no terminal, no files, no clock of its own.

pub mod clock;
pub mod diagnostic;
pub mod due;
pub mod duration;
pub mod lang;
pub mod limits;
pub mod outcome;
pub mod pain;
pub mod parse;
pub mod plan;
pub mod pose;
pub mod prescription;
pub mod progress;
pub mod progression;
pub mod record;
pub mod remind;
pub mod results;
pub mod ron_spans;
pub mod routine;
pub mod sanitize;
pub mod session;
pub mod spoken;
pub mod validate;
