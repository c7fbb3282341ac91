//! The store (src/store): the log database under faults, locks, full disks
//! and many writers, course walks, the routine loader on any bytes, rows
//! edited into nonsense and imports that would rewrite the past.

mod answers;
mod bad_rows;
mod concurrency;
mod disk_full;
mod faults;
mod foreign_sql;
mod history;
mod import;
mod loader_props;
mod open_guard;
mod read_only;
mod walks;
