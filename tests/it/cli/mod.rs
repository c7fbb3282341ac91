//! The commands (src/cli), through the real binary: messages, exit codes,
//! outputs and hostile files.

mod bounded_output;
mod clock_range;
mod csv_terminal;
mod dose;
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
mod outcome;
mod pipes;
mod plan_limits;
mod prescription;
mod preview;
mod remind;
mod repair;
mod report_dose;
mod report_html;
mod report_many;
mod report_outcomes;
mod report_state;
mod report_step_pain;
mod routines;
mod run;
mod timer_files;
mod validate;
mod validate_all;
