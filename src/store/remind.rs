//! What `limber remind check` has already sent: a small private JSON file
//! in the state directory, so the same due session is never reminded twice.

use std::io;
use std::path::{Path, PathBuf};

use crate::core::remind::DueKey;

use super::safe_file::{ReadError, read_capped};

/// The file's name in the state directory.
pub const FILE_NAME: &str = "reminders.json";

/// It holds a few dozen keys at most.
const MAX_BYTES: usize = 256 * 1024;

/// The state file in `state_dir`.
pub fn file(state_dir: &Path) -> PathBuf {
    state_dir.join(FILE_NAME)
}

/// Why the file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(transparent)]
    Unreadable(#[from] ReadError),
    #[error("{}: {source}", path.display())]
    Invalid {
        path: PathBuf,
        source: serde_json::Error,
    },
}

/// The keys sent so far; none when the file does not exist yet.
pub fn load(path: &Path) -> Result<Vec<DueKey>, StateError> {
    let bytes = match read_capped(path, MAX_BYTES) {
        Ok(b) => b,
        Err(e) if e.is_not_found() => return Ok(Vec::new()),
        Err(e) => return Err(StateError::Unreadable(e)),
    };
    serde_json::from_slice(&bytes).map_err(|source| StateError::Invalid {
        path: path.to_path_buf(),
        source,
    })
}

/// Replaces the file with `sent`, all at once; a new file and its
/// directory are readable by the user only.
pub fn save(path: &Path, sent: &[DueKey]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        super::private::create_dir(dir)?;
    }
    let bytes = serde_json::to_vec(sent).map_err(io::Error::from)?;
    super::atomic::write_atomically(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_in_a_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = file(&dir.path().join("state"));
        assert!(load(&path).unwrap().is_empty());
        let keys = vec![DueKey {
            routine: "stretch".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            done: 1,
        }];
        save(&path, &keys).unwrap();
        assert_eq!(load(&path).unwrap(), keys);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(load(&path), Err(StateError::Invalid { .. })));
    }
}
