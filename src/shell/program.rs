//! Finding a program on the `PATH`: the speaker for `--voice`, the editor
//! for `limber edit`.

use std::path::{Path, PathBuf};

/// The first of `names` that is an executable file in a directory of
/// `path` (a `PATH`-style list), in the order of `names`.
pub fn find_in(names: &[&str], path: &std::ffi::OsStr) -> Option<PathBuf> {
    names.iter().find_map(|name| {
        std::env::split_paths(path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    })
}

/// [`find_in`] the process's own `PATH`.
pub fn find(names: &[&str]) -> Option<PathBuf> {
    find_in(names, &std::env::var_os("PATH")?)
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        p.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file() || p.with_extension("exe").is_file()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_installed_program_on_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let say = dir.path().join("say");
        std::fs::write(&say, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&say, std::fs::Permissions::from_mode(0o755)).unwrap();
            let plain = dir.path().join("espeak");
            std::fs::write(&plain, "not executable").unwrap();
        }
        let path = dir.path().as_os_str();
        assert_eq!(find_in(&["espeak-ng", "espeak", "say"], path), Some(say));
        assert_eq!(find_in(&["espeak-ng"], path), None);
    }
}
