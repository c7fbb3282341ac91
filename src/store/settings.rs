//! What limber remembers between runs: the safety notice was read, the
//! affected side. A small JSON file replaced atomically on save.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::routine::Side;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub safety_acknowledged: bool,
    #[serde(default)]
    pub side: Option<Side>,
}

fn path(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

/// The saved settings; defaults when there are none. A damaged file gives
/// defaults too (with the reason), and is left in place for the user.
pub fn load(dir: &Path) -> (Settings, Option<String>) {
    let file = path(dir);
    match fs::read(&file) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(s) => (s, None),
            Err(e) => (
                Settings::default(),
                Some(format!("{}: {e}; using defaults", file.display())),
            ),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => (Settings::default(), None),
        Err(e) => (
            Settings::default(),
            Some(format!("{}: {e}; using defaults", file.display())),
        ),
    }
}

/// Writes to a temporary file and renames it over the old one, so a crash
/// leaves either the old or the new settings, never half of one.
pub fn save(dir: &Path, settings: &Settings) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let file = path(dir);
    let tmp = dir.join("settings.json.tmp");
    let mut f = fs::File::create(&tmp)?;
    f.write_all(&serde_json::to_vec_pretty(settings).map_err(io::Error::other)?)?;
    f.sync_all()?;
    fs::rename(&tmp, &file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_tolerates_damage() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), (Settings::default(), None));
        let s = Settings {
            safety_acknowledged: true,
            side: Some(Side::Right),
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()).0, s);
        fs::write(path(dir.path()), b"{not json").unwrap();
        let (loaded, problem) = load(dir.path());
        assert_eq!(loaded, Settings::default());
        assert!(problem.unwrap().contains("settings.json"));
        assert_eq!(fs::read(path(dir.path())).unwrap(), b"{not json");
    }
}
