//! Helpers shared by the test modules.

pub mod cli;
pub mod coach;
pub mod engine;
pub mod faults;
pub mod pty;
pub mod texts;

/// The name libtest gives the test `name` of the module whose
/// `module_path!()` is `module`: the path without the crate's name, as
/// `--exact` wants it when a test runs this binary again for one test.
pub fn test_name(module: &str, name: &str) -> String {
    let (_crate, path) = module.split_once("::").expect("a module inside the crate");
    format!("{path}::{name}")
}
