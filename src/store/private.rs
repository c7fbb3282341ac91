//! Files only their owner may read: health data is private by default.
//! Directories limber creates are 0700, files 0600 (on Unix; elsewhere the
//! platform's defaults).

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

/// Creates `dir` and any missing parents, each new one 0700, and flushes
/// each new entry into its parent so it survives a crash. An existing
/// directory is left as it is (it may be one the user chose and shares).
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut cur = Some(dir);
    while let Some(d) = cur.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        missing.push(d);
        cur = d.parent();
    }
    for d in missing.iter().rev() {
        let mut b = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        match b.create(d) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => continue,
            Err(e) => return Err(e),
        }
        if let Some(parent) = d.parent().filter(|p| !p.as_os_str().is_empty()) {
            sync_dir(parent)?;
        }
    }
    Ok(())
}

/// Opens `path` for writing, creating it 0600 if missing (never truncates).
/// A symlink at `path` is not followed (`O_NOFOLLOW`): the open fails, so
/// a link, dangling or not, never has a file made or written where it
/// points.
pub fn open_or_create(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// Creates a new file at `path`, 0600. Fails if anything is there already,
/// a symlink included (`O_CREAT | O_EXCL` never follows one), so nobody can
/// redirect the write or read it through a file planted in advance.
pub fn create_new(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Takes from group and others every right they have on `path`, a file or
/// directory of limber's that an earlier version made 0644 or 0755. A
/// symlink is left alone (its target may be anybody's); so is a path that
/// is already private, which is not written at all.
pub fn make_private(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::symlink_metadata(path)?;
        let mode = meta.permissions().mode();
        if !meta.file_type().is_symlink() && mode & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode & !0o077))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// True if `dir` is a directory that only its owner can enter (0700 or
/// stricter; always true off Unix), and not a symlink.
pub fn is_private_dir(dir: &Path) -> bool {
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return false;
    };
    if !meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o077 == 0
    }
    #[cfg(not(unix))]
    true
}

/// Writes `bytes` to a new file named `stem` + `.jsonl` (or `stem-2.jsonl`
/// and so on if taken) in the first of `dirs` that is private (created
/// 0700 if missing), else in a new 0700 directory of its own under the
/// temporary directory. The file is new, so a name known in advance cannot
/// be used to redirect it; no lock is needed, as nobody else writes it.
pub fn save_new(dirs: &[PathBuf], stem: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no place to save to");
    for dir in dirs {
        if let Err(e) = create_dir(dir) {
            last = e;
            continue;
        }
        if !is_private_dir(dir) {
            last = io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!("{} is readable by others", dir.display()),
            );
            continue;
        }
        match write_new_in(dir, stem, bytes) {
            Ok(path) => return Ok(path),
            Err(e) => last = e,
        }
    }
    // A directory of its own: mkdtemp makes it 0700 with a random name.
    let mut b = tempfile::Builder::new();
    b.prefix("limber-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o700));
    }
    match b.tempdir() {
        Ok(dir) => {
            let dir = dir.keep();
            write_new_in(&dir, stem, bytes)
        }
        Err(_) => Err(last),
    }
}

fn write_new_in(dir: &Path, stem: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    use std::io::Write as _;
    for n in 1..100 {
        let name = if n == 1 {
            format!("{stem}.jsonl")
        } else {
            format!("{stem}-{n}.jsonl")
        };
        let path = dir.join(name);
        match create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                sync_dir(dir)?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("{}: every name taken", dir.display()),
    ))
}

#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir).and_then(|d| d.sync_all())
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Writes `bytes` to a new file at `path`, 0600 ([`create_new`]: never over
/// anything already there).
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    create_new(path)?.write_all(bytes)
}

/// `$TMPDIR/<prefix>-<uid>`, a directory of this user's for scratch files
/// that a later run must find again (an edit a `kill -9` interrupted).
/// Created 0700; `None` when it is not a directory this user owns and only
/// this user can enter (someone else's, or a symlink planted in advance).
pub fn user_temp_dir(prefix: &str) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        // SAFETY: getuid has no preconditions and cannot fail.
        let uid = unsafe { libc::getuid() };
        let root = std::env::temp_dir().join(format!("{prefix}-{uid}"));
        let _ = fs::DirBuilder::new().mode(0o700).create(&root);
        let meta = fs::symlink_metadata(&root).ok()?;
        (meta.is_dir() && meta.uid() == uid && is_private_dir(&root)).then_some(root)
    }
    #[cfg(not(unix))]
    {
        let _ = prefix;
        None
    }
}
