//! The full-screen terminal interface.

pub mod history;
