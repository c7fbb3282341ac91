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
//! other in a circle. One name, one meaning: no two types in `src` share a
//! name.

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

    /// The top-level module of every path a file names, outside comments:
    /// `crate::x`, `limber::x` (the library's own name, inside src) and
    /// `super::` chains, resolved from `module`, the file's module path
    /// (`["store", "history", "write"]` for src/store/history/write.rs). A
    /// chain that climbs to the crate root names the module after it.
    fn uses(text: &str, module: &[&str]) -> Vec<(usize, String)> {
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let word = |s: &str| -> String { s.chars().take_while(|c| ident(*c)).collect() };
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            let mut i = 0;
            while i < code.len() {
                let rest = &code[i..];
                let after_ident = code[..i].chars().next_back().is_some_and(ident);
                let root = ["crate::", "limber::"]
                    .into_iter()
                    .find(|p| rest.starts_with(p));
                if let (Some(root), false) = (root, after_ident) {
                    out.push((n + 1, word(&rest[root.len()..])));
                    i += root.len();
                } else if rest.starts_with("super::") && !after_ident {
                    let mut up = 0;
                    let mut tail = rest;
                    while let Some(t) = tail.strip_prefix("super::") {
                        up += 1;
                        tail = t;
                    }
                    let top = if up < module.len() {
                        module[0].to_string()
                    } else {
                        word(tail)
                    };
                    if !top.is_empty() {
                        out.push((n + 1, top));
                    }
                    i += rest.len() - tail.len();
                } else {
                    i += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
        }
        out
    }

    /// The module path of `file` under `src`: src/store/history/mod.rs is
    /// `["store", "history"]`.
    fn module_of(src: &Path, file: &Path) -> Vec<String> {
        let rel = file.strip_prefix(src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        parts
    }

    /// What `text`, the file `name` of module `module` (a layer), uses
    /// against the layers, one line each.
    fn against_layers(module: &[&str], name: &str, text: &str) -> Vec<String> {
        let allowed = ALLOWED
            .iter()
            .find(|(m, _)| *m == module[0])
            .map_or(&[][..], |(_, a)| *a);
        uses(text, module)
            .into_iter()
            .filter(|(_, used)| !allowed.contains(&used.as_str()))
            .map(|(line, used)| format!("src/{name}:{line}: {} uses {used}", module[0]))
            .collect()
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
        for (module, _) in ALLOWED {
            let mut found = Vec::new();
            files(&src.join(module), &mut found);
            let flat = src.join(format!("{module}.rs"));
            if flat.is_file() {
                found.push(flat);
            }
            assert!(!found.is_empty(), "src/{module} has no files");
            for file in found {
                let text = fs::read_to_string(&file).unwrap();
                let path = module_of(&src, &file);
                let path: Vec<&str> = path.iter().map(String::as_str).collect();
                let name = file.strip_prefix(&src).unwrap().display().to_string();
                wrong.extend(against_layers(&path, &name, &text));
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

    /// The pure core never reads a clock: what it needs of the time is
    /// passed in, so its answers do not depend on when or how fast it runs.
    #[test]
    fn the_core_reads_no_clock() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        files(&src.join("core"), &mut found);
        let mut wrong = Vec::new();
        for file in found {
            let text = fs::read_to_string(&file).unwrap();
            wrong.extend(
                clock_reads(&text)
                    .into_iter()
                    .map(|n| format!("{}:{n}", file.strip_prefix(&src).unwrap().display())),
            );
        }
        assert!(
            wrong.is_empty(),
            "the core reads a clock:\n{}",
            wrong.join("\n")
        );
    }

    /// Lines of `text` that read a clock, outside comments.
    fn clock_reads(text: &str) -> Vec<usize> {
        text.lines()
            .enumerate()
            .filter(|(_, line)| {
                let code = line.split("//").next().unwrap_or_default();
                ["Instant::now", "SystemTime", "Local::now", "Utc::now"]
                    .iter()
                    .any(|c| code.contains(c))
            })
            .map(|(n, _)| n + 1)
            .collect()
    }

    #[test]
    fn the_clock_check_sees_a_planted_stopwatch() {
        let text = "// Instant::now in a comment\nlet t = std::time::Instant::now();\n";
        assert_eq!(clock_reads(text), [2]);
    }

    #[test]
    fn the_check_sees_an_import_against_the_layers() {
        let found = uses(
            "use crate::tui::app::App; // crate::cli in a comment\n",
            &["core"],
        );
        assert_eq!(found, [(1, "tui".to_string())]);
    }

    /// A planted file of the core that climbs out with `super::super::`
    /// or names the library by its own name is caught; a `super::` that
    /// stays inside the core is not.
    #[test]
    fn the_check_resolves_super_chains_and_the_crate_name() {
        let module = ["core", "plan", "tests"];
        let planted = "use super::super::super::tui::App;\n\
                       use limber::store::history::History;\n\
                       use super::super::routine::Routine;\n\
                       use super::Plan;\n";
        assert_eq!(
            against_layers(&module, "core/plan/tests.rs", planted),
            [
                "src/core/plan/tests.rs:1: core uses tui",
                "src/core/plan/tests.rs:2: core uses store",
            ]
        );
        assert_eq!(
            uses("use super::super::{a, b};\n", &["store", "history", "read"]),
            [(1, "store".to_string())]
        );
        // An identifier that ends in the crate's name is not the crate.
        assert!(uses("let x = notlimber::tui::y;\n", &["core"]).is_empty());
    }

    /// The types a file declares (struct, enum, trait, and `type` aliases
    /// outside impl and trait blocks, where `type Output` is the trait's
    /// name, not ours), with their lines.
    fn declared_types(text: &str) -> Vec<(usize, String)> {
        let mut out = Vec::new();
        let mut in_impl_depth: Option<usize> = None;
        let mut depth = 0usize;
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let t = code.trim_start();
            if in_impl_depth.is_none() && (t.starts_with("impl") || t.contains("trait ")) {
                in_impl_depth = Some(depth);
            }
            let words: Vec<&str> = t.split_whitespace().collect();
            let kw = words
                .iter()
                .position(|w| matches!(*w, "struct" | "enum" | "trait" | "type"));
            if let Some(k) = kw
                && words[..k].iter().all(|w| w.starts_with("pub"))
                && !(words[k] == "type" && in_impl_depth.is_some())
                && let Some(name) = words.get(k + 1)
            {
                let name: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                    out.push((i + 1, name));
                }
            }
            depth += code.matches('{').count();
            depth = depth.saturating_sub(code.matches('}').count());
            if in_impl_depth.is_some_and(|d| depth <= d) && code.contains('}') {
                in_impl_depth = None;
            }
        }
        out
    }

    #[test]
    fn no_two_types_share_a_name() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        files(&src, &mut found);
        let mut seen: std::collections::BTreeMap<String, Vec<String>> = Default::default();
        // This file's own examples are not types.
        for file in found.into_iter().filter(|f| !f.ends_with("layers.rs")) {
            let text = fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(&src).unwrap().display().to_string();
            for (line, ty) in declared_types(&text) {
                seen.entry(ty)
                    .or_default()
                    .push(format!("src/{name}:{line}"));
            }
        }
        let twice: Vec<String> = seen
            .into_iter()
            .filter(|(_, at)| at.len() > 1)
            .map(|(ty, at)| format!("{ty}: {}", at.join(", ")))
            .collect();
        assert!(twice.is_empty(), "types named twice:\n{}", twice.join("\n"));
    }

    #[test]
    fn the_name_check_sees_a_second_type_and_skips_trait_types() {
        let text = "pub struct Key;\n\
                    impl Add for Mono {\n    type Output = Mono;\n}\n\
                    fn f() {\n    type Key = (u8, u8);\n}\n\
                    pub(crate) enum Action { A }\n";
        let names: Vec<(usize, String)> = declared_types(text);
        assert_eq!(
            names,
            [
                (1, "Key".to_string()),
                (6, "Key".to_string()),
                (8, "Action".to_string())
            ]
        );
    }
}
