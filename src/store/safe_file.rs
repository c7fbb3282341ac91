//! The one way limber reads a file it did not just write: routines,
//! settings, the editor's copy, drafts, files named on the command line.
//!
//! Such a file may be anything another program left there: a FIFO that
//! would block the open forever, a link to `/dev/zero` that never ends, a
//! file of gigabytes. So the file is opened without blocking
//! (`O_NONBLOCK`, which a FIFO honours and a regular file ignores), the
//! open descriptor is checked to be a regular file (so nothing can be
//! swapped in between a check and the open), and at most `cap` bytes are
//! read; one byte more is a [`ReadError::TooBig`].

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Why a file was not read. Each names the path; the messages are English,
/// like the other store errors, and are [`ReadError::reason`] after the
/// path, so the two never say it differently.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{}: {}", path.display(), self.reason(ANY_FILE))]
    Open { path: PathBuf, source: io::Error },
    /// A FIFO, a device, a socket or a directory: limber reads only
    /// regular files.
    #[error("{}: {}", path.display(), self.reason(ANY_FILE))]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: {}", path.display(), self.reason(ANY_FILE))]
    TooBig { path: PathBuf, limit: u64 },
    #[error("{}: {}", path.display(), self.reason(ANY_FILE))]
    Read { path: PathBuf, source: io::Error },
}

/// What a file is called when the caller does not say what it holds.
const ANY_FILE: &str = "a file limber reads";

impl ReadError {
    /// What went wrong without the path, for a diagnostic that shows the
    /// path already; `what` names the kind of file ("a routine").
    pub fn reason(&self, what: &str) -> String {
        match self {
            ReadError::Open { source, .. } => format!("cannot open: {source}"),
            ReadError::NotRegular { kind, .. } => {
                format!("not a regular file but {kind}; limber reads only regular files")
            }
            ReadError::TooBig { limit, .. } => {
                format!("larger than the {limit} bytes {what} may have")
            }
            ReadError::Read { source, .. } => format!("cannot read: {source}"),
        }
    }

    /// The file is not there (the only error callers commonly expect).
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Open { source, .. } if source.kind() == io::ErrorKind::NotFound)
    }

    pub fn path(&self) -> &Path {
        match self {
            ReadError::Open { path, .. }
            | ReadError::NotRegular { path, .. }
            | ReadError::TooBig { path, .. }
            | ReadError::Read { path, .. } => path,
        }
    }
}

impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> io::Error {
        let kind = match &e {
            ReadError::Open { source, .. } | ReadError::Read { source, .. } => source.kind(),
            ReadError::NotRegular { .. } | ReadError::TooBig { .. } => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, e.to_string())
    }
}

/// What a file's type is, in words, for [`ReadError::NotRegular`].
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO with no writer would block the open itself; a terminal
        // device would too. Regular files ignore the flag.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// The whole of the regular file at `path` (links followed), if it holds at
/// most `cap` bytes.
pub fn read_capped(path: &Path, cap: usize) -> Result<Vec<u8>, ReadError> {
    let file = open(path).map_err(|source| ReadError::Open {
        path: path.to_path_buf(),
        source,
    })?;
    // fstat on the open descriptor: what was opened is what is checked.
    let meta = file.metadata().map_err(|source| ReadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    let too_big = || ReadError::TooBig {
        path: path.to_path_buf(),
        limit: cap as u64,
    };
    if meta.len() > cap as u64 {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while it is read: one byte more than allowed is
    // enough to know.
    file.take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|source| ReadError::Read {
            path: path.to_path_buf(),
            source,
        })?;
    if bytes.len() > cap {
        return Err(too_big());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn reads_a_small_file_and_refuses_one_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_capped(&f, 5).unwrap(), b"12345");
        let e = read_capped(&f, 4).unwrap_err();
        assert!(matches!(e, ReadError::TooBig { limit: 4, .. }), "{e}");
        assert!(e.to_string().contains(&f.display().to_string()));
        // The message is the reason after the path: one text, said once.
        assert_eq!(
            e.to_string(),
            format!("{}: {}", f.display(), e.reason(ANY_FILE))
        );
        assert_eq!(
            e.reason("a routine"),
            "larger than the 4 bytes a routine may have"
        );
        let missing = read_capped(&dir.path().join("none"), 4).unwrap_err();
        assert!(missing.is_not_found());
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_capped(dir.path(), 10).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular { .. }), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_dev_zero_are_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let start = Instant::now();
        let e = read_capped(&fifo, 10).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read_capped(&link, 10).unwrap_err();
        assert!(e.to_string().contains("character device"), "{e}");
        assert!(start.elapsed() < Duration::from_secs(1));
    }
}
