//! File system faults made for real (we run as root): files made
//! immutable with `chattr +i`, and a disk that is full (a small tmpfs
//! mounted over a directory and filled).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `dir` and every file in it made immutable (`chattr +i`) until dropped:
/// nothing in it can be written, created, removed or renamed, as on a
/// read-only medium.
pub struct Immutable {
    paths: Vec<PathBuf>,
}

impl Immutable {
    pub fn set(dir: &Path) -> Immutable {
        let mut paths: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| fs::symlink_metadata(p).unwrap().is_file())
            .collect();
        paths.push(dir.to_path_buf());
        chattr("+i", &paths);
        Immutable { paths }
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        chattr("-i", &self.paths);
    }
}

fn chattr(flag: &str, paths: &[PathBuf]) {
    let out = Command::new("chattr")
        .arg(flag)
        .args(paths)
        .output()
        .expect("chattr (e2fsprogs) must be installed: apt-get install e2fsprogs");
    assert!(
        out.status.success(),
        "chattr {flag} failed (the file system must support it, ext4 does): {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A tmpfs of 256 KiB mounted over `dir` (its old content hidden), filled
/// to the last byte, so every write there fails with ENOSPC; unmounted
/// when dropped. `mode` is the mounted directory's mode.
pub struct FullDisk {
    dir: PathBuf,
}

impl FullDisk {
    pub fn mount(dir: &Path, mode: u32) -> FullDisk {
        fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size=256k,mode={mode:o}"),
                "tmpfs",
            ])
            .arg(dir)
            .output()
            .expect("mount");
        assert!(
            out.status.success(),
            "mounting a tmpfs needs root: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        FullDisk {
            dir: dir.to_path_buf(),
        }
    }

    /// Fills what is left, after the caller put its files there.
    pub fn fill(&self) {
        let mut f = fs::File::create(self.dir.join("filler")).unwrap();
        let block = [0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.write_all(&[0u8; 1]);
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}
