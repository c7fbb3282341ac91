//! The full-screen coach.

pub mod keymap;
