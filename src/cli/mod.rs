//! Commands that print and exit: no TUI.
