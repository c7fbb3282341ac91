//! The session shell (src/shell) against the world: sound players and
//! speakers on PATH.

mod sound;
mod voice;
