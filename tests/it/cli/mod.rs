//! The commands (src/cli), through the real binary: messages, exit codes,
//! outputs and hostile files.

mod clock_range;
mod echoed_args;
mod edit;
mod export;
mod history;
mod hostile_edit;
mod hostile_files;
mod hostile_output;
mod loose_ends;
mod messages;
mod new;
mod pipes;
mod plan_limits;
mod preview;
mod remind;
mod report_html;
mod report_many;
mod report_state;
mod routines;
mod run;
mod validate;
