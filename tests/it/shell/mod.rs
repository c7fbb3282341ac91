//! The session shell (src/shell) against the world: sound players on PATH.

mod sound;
