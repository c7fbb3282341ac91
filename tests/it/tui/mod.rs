//! The coach's screens (src/tui), drawn into a ratatui TestBackend and
//! kept as insta snapshots beside this file.

mod big_digits;
mod clinical;
mod course;
mod dialogs;
mod dose;
mod footer;
mod history;
mod history_screen;
mod layout_unicode;
mod note_editor;
mod outcome_screens;
mod pose_pictures;
mod pose_share;
mod prescribed;
mod screens;
mod setup_keys;
