//! What loading routine and pose files shares: listing a folder's `.ron`
//! files, reading one through the safe reader, and the broken file with
//! everything wrong in it. Its own module so that routines (which need
//! poses) and poses do not import each other.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::core::diagnostic::Diagnostic;
use crate::core::parse::ron_options;
use crate::core::ron_spans::Pos;

use super::safe_file::read_capped;

/// A file that could not be loaded, with everything wrong in it.
#[derive(Clone, Debug)]
pub struct Broken {
    pub path: PathBuf,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Broken {
    /// Each diagnostic with its source line and caret, the first
    /// [`crate::core::diagnostic::MAX_SHOWN`] of them and a count of the rest.
    pub fn render(&self) -> String {
        let path = self.path.display().to_string();
        crate::core::diagnostic::render_all(&self.diagnostics, &path, &self.source)
    }
}

impl Broken {
    /// A file whose text `bytes` has the problems `diagnostics`.
    pub fn parsed(path: &Path, bytes: &[u8], diagnostics: Vec<Diagnostic>) -> Broken {
        Broken {
            path: path.to_path_buf(),
            source: String::from_utf8_lossy(bytes).into_owned(),
            diagnostics,
        }
    }
}

/// The bytes of the `.ron` file at `path`, at most `cap` of them, through
/// the safe reader; a file that cannot be read is broken at its first
/// line, the reason naming `what` it is ("a routine").
pub fn read_ron(path: &Path, cap: usize, what: &str) -> Result<Vec<u8>, Broken> {
    read_capped(path, cap).map_err(|e| Broken {
        path: path.to_path_buf(),
        source: String::new(),
        diagnostics: vec![Diagnostic::new(Pos { line: 1, col: 1 }, e.reason(what))],
    })
}

/// The `.ron` entries directly in `dir` that are not directories, sorted by
/// name. A FIFO or device named `*.ron` is listed too, so that loading it
/// reports it instead of skipping it silently. A missing directory holds no
/// routines.
pub fn routine_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        // `metadata` follows links without opening: it cannot block.
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron") && fs::metadata(p).is_ok_and(|m| !m.is_dir())
        })
        .collect();
    files.sort();
    Ok(files)
}

/// A built-in routine or pose, from the text embedded in the binary:
/// deserialized only, with the options every file is read with. The
/// checks a file gets (and the index of positions their messages need)
/// were most of what loading the built-ins cost before the first frame;
/// the built-ins pass them in the tests (`tests/it/core/builtin.rs` and
/// the tests below `store::routines` and `store::poses`), so here they
/// would only repeat at every start what the build already proved.
/// `None` would be a build defect: the caller leaves it out, never takes
/// the app down.
pub fn built_in<T: DeserializeOwned>(text: &str) -> Option<T> {
    ron_options().from_str(text).ok()
}
