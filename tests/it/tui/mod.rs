//! The coach's screens (src/tui), drawn into a ratatui TestBackend and
//! kept as insta snapshots beside this file.

mod big_digits;
mod clinical;
mod course;
mod dialogs;
mod history;
mod layout_unicode;
mod pose_pictures;
mod pose_share;
mod screens;
