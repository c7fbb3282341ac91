//! The store (src/store): the log database under faults, locks, full disks
//! and many writers, course walks, and the routine loader on any bytes.

mod concurrency;
mod disk_full;
mod faults;
mod history;
mod loader_props;
mod walks;
