//! The pure core (src/core): the engine on a fake clock, plans, progress
//! rules, the built-in routines and the loader's diagnostics.

mod adherence_days;
mod builtin;
mod clinical_content;
mod clinical_rules;
mod course_rules;
mod diagnostics;
mod engine_ask_pain;
mod engine_builtin;
mod engine_commands;
mod engine_props;
mod engine_scenarios;
mod fuzz;
mod outcome_due;
mod outcome_morning;
mod poses;
mod prescription;
mod progress_props;
mod progress_range;
mod progress_rules;
mod progression_props;
