//! The store (src/store): the log database under faults, locks, full disks
//! and many writers, course walks, and the routine loader on any bytes.

mod concurrency;
mod disk_full;
mod faults;
mod foreign_sql;
mod history;
mod loader_props;
mod open_guard;
mod read_only;
mod walks;
