//! What limber remembers between runs: the safety notice was read, the
//! affected side. A small JSON file, replaced atomically on save.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::routine::Side;

use super::atomic::write_atomically;
use super::safe_file::{ReadError, read_capped};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub safety_acknowledged: bool,
    #[serde(default)]
    pub side: Option<Side>,
}

/// The most a settings file may hold; it needs a few dozen bytes.
pub const MAX_BYTES: usize = 64 * 1024;

/// Why the saved settings could not be used; defaults are used instead.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// Not there to read: a FIFO, a device, a directory, no permission. Left
    /// alone, as it is not limber's to move.
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    /// The file did not parse, or was larger than [`MAX_BYTES`]. It was
    /// moved to `kept` (if it could be), so the next save cannot overwrite
    /// what the user had.
    #[error("{}: {problem}{}", path.display(), kept.as_ref().map(|k| format!(" (moved to {})", k.display())).unwrap_or_default())]
    Damaged {
        path: PathBuf,
        problem: String,
        kept: Option<PathBuf>,
    },
}

fn path(dir: &Path) -> PathBuf {
    dir.join("settings.json")
}

/// The saved settings; defaults when there are none, or when the file
/// cannot be used (with the reason). Read through the safe reader, so a
/// FIFO, `/dev/zero` or a huge file ends at once with an error.
pub fn load(dir: &Path) -> (Settings, Option<SettingsError>) {
    let file = path(dir);
    let problem = match read_capped(&file, MAX_BYTES) {
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(s) => {
                // The side that hurts is health data; round one made it 0644.
                let _ = super::private::make_private(&file);
                return (s, None);
            }
            Err(e) => e.to_string(),
        },
        Err(e) if e.is_not_found() => return (Settings::default(), None),
        Err(e @ ReadError::TooBig { .. }) => e.reason("a settings file"),
        Err(e) => return (Settings::default(), Some(SettingsError::Unreadable(e))),
    };
    let kept = move_aside(&file);
    let error = SettingsError::Damaged {
        path: file,
        problem,
        kept,
    };
    (Settings::default(), Some(error))
}

/// Renames a damaged file to `<name>.bad-<unix seconds>` (negative before
/// 1970), with `.1`, `.2`… after it if an earlier one has that name, so
/// none is replaced; `None` if that fails.
fn move_aside(file: &Path) -> Option<PathBuf> {
    use std::time::{SystemTime, UNIX_EPOCH};
    let stamp = match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i128::from(d.as_secs()),
        Err(e) => -i128::from(e.duration().as_secs()),
    };
    let name = file.file_name()?;
    let kept = (0..100)
        .map(|n| {
            let mut kept = name.to_owned();
            kept.push(format!(".bad-{stamp}"));
            if n > 0 {
                kept.push(format!(".{n}"));
            }
            file.with_file_name(kept)
        })
        .find(|k| fs::symlink_metadata(k).is_err())?;
    fs::rename(file, &kept).ok()?;
    Some(kept)
}

/// Replaces the settings file, so a crash leaves either the old or the new
/// settings, never half of one.
pub fn save(dir: &Path, settings: &Settings) -> io::Result<()> {
    let bytes = serde_json::to_vec_pretty(settings).map_err(io::Error::from)?;
    write_atomically(&path(dir), &bytes)?;
    super::private::make_private(&path(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let (loaded, problem) = load(dir.path());
        assert_eq!(loaded, Settings::default());
        assert!(problem.is_none());
        let s = Settings {
            safety_acknowledged: true,
            side: Some(Side::Right),
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()).0, s);
    }

    #[test]
    fn a_damaged_file_is_moved_aside_before_anything_overwrites_it() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(path(dir.path()), b"{not json").unwrap();
        let (loaded, problem) = load(dir.path());
        assert_eq!(loaded, Settings::default());
        let Some(SettingsError::Damaged {
            kept: Some(kept), ..
        }) = problem
        else {
            panic!("a damaged file is reported and kept: {problem:?}");
        };
        assert_eq!(fs::read(&kept).unwrap(), b"{not json");
        assert!(problem_text_names(&kept));
        save(dir.path(), &Settings::default()).unwrap();
        assert_eq!(
            fs::read(&kept).unwrap(),
            b"{not json",
            "still there after a save"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_huge_file_ends_at_once_with_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let start = std::time::Instant::now();
        std::os::unix::fs::symlink("/dev/zero", path(dir.path())).unwrap();
        let (loaded, problem) = load(dir.path());
        assert_eq!(loaded, Settings::default());
        assert!(
            matches!(problem, Some(SettingsError::Unreadable(_))),
            "{problem:?}"
        );
        fs::remove_file(path(dir.path())).unwrap();
        let f = fs::File::create(path(dir.path())).unwrap();
        f.set_len(1 << 30).unwrap();
        let (_, problem) = load(dir.path());
        let Some(SettingsError::Damaged { kept: Some(_), .. }) = &problem else {
            panic!("a huge file is moved aside: {problem:?}");
        };
        assert!(problem.unwrap().to_string().contains("65536 bytes"));
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }

    fn problem_text_names(kept: &Path) -> bool {
        kept.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("settings.json.bad-"))
    }
}
