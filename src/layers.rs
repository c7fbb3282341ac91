//! Who may import whom, checked on every `cargo test`:
//!
//! ```text
//! main.rs ─► cli | tui ─► shell ─► store ─► core
//!                 └──────────┴──► i18n ─────┘
//! ```
//!
//! `core` is pure and imports nothing else; `store` never speaks to the
//! user, so it does not see `i18n`; the coach and the commands never import
//! each other. The order is a line, so no two modules can import each
//! other in a circle.

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    /// The modules each top-level module may use, itself included.
    const ALLOWED: &[(&str, &[&str])] = &[
        ("core", &["core"]),
        ("i18n", &["i18n", "core"]),
        ("store", &["store", "core"]),
        ("shell", &["shell", "store", "i18n", "core"]),
        ("tui", &["tui", "shell", "store", "i18n", "core"]),
        ("cli", &["cli", "shell", "store", "i18n", "core"]),
    ];

    /// Every `crate::<module>` a file names, outside comments.
    fn uses(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.push((n + 1, name));
            }
        }
        out
    }

    fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn every_import_points_down_the_layers() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut wrong = Vec::new();
        for (module, allowed) in ALLOWED {
            let mut found = Vec::new();
            files(&src.join(module), &mut found);
            let flat = src.join(format!("{module}.rs"));
            if flat.is_file() {
                found.push(flat);
            }
            assert!(!found.is_empty(), "src/{module} has no files");
            for file in found {
                let text = fs::read_to_string(&file).unwrap();
                for (line, used) in uses(&text) {
                    if !allowed.contains(&used.as_str()) {
                        let file = file.strip_prefix(&src).unwrap().display();
                        wrong.push(format!("src/{file}:{line}: {module} uses crate::{used}"));
                    }
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "imports against the layers:\n{}",
            wrong.join("\n")
        );
    }

    /// The wall clock is read in one place, `shell::clock`, whose
    /// `local_now` cannot panic (chrono's `Local::now` does before 1970).
    #[test]
    fn only_the_shell_clock_reads_the_time_of_day() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        files(&src, &mut found);
        let mut wrong = Vec::new();
        for file in found {
            if file.ends_with("shell/clock.rs") || file.ends_with("layers.rs") {
                continue;
            }
            let text = fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                if line.contains("Local::now()") || line.contains("Utc::now()") {
                    let file = file.strip_prefix(&src).unwrap().display();
                    wrong.push(format!("src/{file}:{}", n + 1));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "use shell::clock::local_now:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn the_check_sees_an_import_against_the_layers() {
        let found = uses("use crate::tui::app::App; // crate::cli in a comment\n");
        assert_eq!(found, [(1, "tui".to_string())]);
    }
}
