//! A fuzz harness run by `cargo test`, for a bounded time: the routine
//! loader, the settings reader and the log's line reader with the import
//! behind it get random bytes and mutated copies of a seed corpus
//! (`tests/fixtures/fuzz/{routines,settings,log}/`: real files, and
//! truncated, garbled, deeply nested, huge-numbered, non-UTF-8 and
//! control-character variants). Whatever the bytes, each must answer
//! without a panic and quickly.
//!
//! Each target stops drawing new inputs after [`BUDGET`], so the whole
//! harness costs a few seconds however fast the machine; a failing case is
//! saved by proptest in `tests/proptest-regressions/fuzz.txt` and replayed
//! first on every later run. Add a file to a seed directory to make the
//! harness start from it.

use std::fs;
use std::path::Path;
use std::sync::{LazyLock, OnceLock};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use limber::cli::history::{Filter, table};
use limber::cli::report::report;
use limber::core::lang::Lang;
use limber::core::parse::parse_routine;
use limber::core::progress::{Target, progress};
use limber::core::validate::validate;
use limber::store::history::{self, History};
use limber::store::routines::{Loaded, Origin};
use limber::store::settings;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// How long each target keeps drawing new inputs.
const BUDGET: Duration = Duration::from_millis(1500);

/// The longest one input may take, in a debug build on a loaded machine:
/// far above a slow answer, far below a hang.
const CASE_LIMIT: Duration = Duration::from_secs(3);

/// The files of `tests/fixtures/fuzz/<dir>`, sorted by name.
fn seeds(dir: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(dir);
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "{}: too few seeds", dir.display());
    paths.iter().map(|p| fs::read(p).unwrap()).collect()
}

static ROUTINES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| seeds("routines"));
static SETTINGS: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| seeds("settings"));
static LOG: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| seeds("log"));

/// Whether the target whose clock is `start` has used its time; the first
/// call starts the clock.
fn spent(start: &OnceLock<Instant>) -> bool {
    start.get_or_init(Instant::now).elapsed() > BUDGET
}

/// Runs `f` on `bytes` and fails if it took too long.
fn timed(name: &str, bytes: &[u8], f: impl FnOnce(&[u8])) -> Result<(), TestCaseError> {
    let start = Instant::now();
    f(bytes);
    let took = start.elapsed();
    prop_assert!(
        took < CASE_LIMIT,
        "{name}: {} bytes took {took:?}",
        bytes.len()
    );
    Ok(())
}

/// Byte strings that tend to matter to the readers: brackets, quotes,
/// separators, numbers past every integer type, escapes, broken UTF-8.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b",",
    b":",
    b"\n",
    b"\r\n",
    b"/*",
    b"//",
    b"\\u{202e}",
    b"\\u0000",
    b"\x1b]2;x\x07",
    b"\xe2\x80\xae",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"-",
    b"0",
    b"4294967296",
    b"18446744073709551616",
    b"1e999",
    b"-1",
    b"null",
    b"\"99999999h\"",
    b"[[[[[[[[[[[[[[[[",
    b"Some(",
    b"9999-12-31T23:59:59+14:00",
    b"0000-01-01T00:00:00-12:00",
];

/// A change to a seed: what a hand edit, a bad disk or a hostile file
/// could do.
#[derive(Clone, Debug)]
enum Mutation {
    Flip {
        at: usize,
        mask: u8,
    },
    Truncate {
        at: usize,
    },
    Delete {
        at: usize,
        len: usize,
    },
    Duplicate {
        at: usize,
        len: usize,
    },
    Token {
        at: usize,
        which: usize,
    },
    /// A piece of another seed, put in at `at`.
    Splice {
        at: usize,
        seed: usize,
        from: usize,
        len: usize,
    },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<usize>(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<usize>(), 1..64usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        3 => (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, which)| Mutation::Token { at, which }),
        2 => (any::<usize>(), any::<usize>(), any::<usize>(), 1..256usize)
            .prop_map(|(at, seed, from, len)| Mutation::Splice { at, seed, from, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation, seeds: &[Vec<u8>]) {
    let n = bytes.len();
    let insert = |bytes: &mut Vec<u8>, at: usize, piece: &[u8]| {
        let at = at % (bytes.len() + 1);
        bytes.splice(at..at, piece.iter().copied());
    };
    match *m {
        Mutation::Token { at, which } => insert(bytes, at, TOKENS[which]),
        Mutation::Splice {
            at,
            seed,
            from,
            len,
        } => {
            let other = &seeds[seed % seeds.len()];
            if !other.is_empty() {
                let from = from % other.len();
                insert(bytes, at, &other[from..(from + len).min(other.len())]);
            }
        }
        _ if n == 0 => {}
        Mutation::Flip { at, mask } => bytes[at % n] ^= mask,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Delete { at, len } => {
            let at = at % n;
            bytes.drain(at..(at + len).min(n));
        }
        Mutation::Duplicate { at, len } => {
            let at = at % n;
            let copy = bytes[at..(at + len).min(n)].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}

/// Random bytes, a seed as it is, or a seed changed a few times.
fn input(seeds: &'static LazyLock<Vec<Vec<u8>>>) -> impl Strategy<Value = Vec<u8>> {
    let count = seeds.len();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        1 => (0..count).prop_map(move |i| seeds[i].clone()),
        6 => (0..count, prop::collection::vec(mutation(), 1..10)).prop_map(move |(i, ms)| {
            let mut bytes = seeds[i].clone();
            for m in &ms {
                apply(&mut bytes, m, seeds);
            }
            bytes
        }),
    ]
}

/// The loader answers with a routine the checks accept, whose plan can be
/// measured, or with diagnostics that render against the file.
fn load_routine(bytes: &[u8]) {
    match parse_routine(bytes) {
        Ok(routine) => {
            assert_eq!(validate(&routine), []);
            let loaded = Loaded::new(routine, Origin::BuiltIn);
            for v in 0..=loaded.routine.variants.len() {
                let _ = loaded.length(v);
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let src = String::from_utf8_lossy(bytes);
            for d in &diagnostics {
                d.render("fuzz.ron", &src);
            }
        }
    }
}

/// `settings.json` holding `bytes`: read to settings or a reported
/// problem; a damaged file is moved aside, never lost; what is saved next
/// reads back as it was.
fn load_settings(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("settings.json");
    fs::write(&file, bytes).unwrap();
    let (loaded, problem) = settings::load(dir.path());
    if let Some(settings::SettingsError::Damaged { kept, .. }) = &problem {
        let kept = kept.as_ref().expect("moved aside");
        assert_eq!(fs::read(kept).unwrap(), bytes, "the damaged file is kept");
        assert!(!file.exists());
    }
    settings::save(dir.path(), &loaded).unwrap();
    let (again, problem) = settings::load(dir.path());
    assert!(problem.is_none(), "{problem:?}");
    assert_eq!(again, loaded);
}

/// The log's lines read and imported into a store in memory, as
/// `limber log import` and `report --log` do, then summed up and printed.
fn import_log(bytes: &[u8]) {
    let read = history::parse(bytes);
    let lines = bytes.split(|&b| b == b'\n').count();
    for p in &read.problems {
        assert!(p.line_no >= 1 && p.line_no <= lines, "{p:?}");
    }
    let store = History::in_memory().unwrap();
    let imported = store.import(&read.lines).unwrap();
    assert_eq!(imported.added + imported.present, read.lines.len());
    let again = store.import(&read.lines).unwrap();
    assert_eq!(
        again.added, 0,
        "an import twice adds nothing the second time"
    );
    let sessions = store.sessions(None, None).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let targets: Vec<Target> = store
        .routine_ids()
        .unwrap()
        .iter()
        .map(|id| Target::fallback(id))
        .collect();
    for t in &targets {
        let p = progress(&sessions, t, today);
        let _ = (p.adherence(7), p.adherence(30));
    }
    let filter = Filter {
        since: None,
        routine: None,
    };
    let _ = table(&sessions, &filter, Lang::En);
    let _ = report(&sessions, &targets, &[], today, Lang::Ru);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn routine_loader(bytes in input(&ROUTINES)) {
        static START: OnceLock<Instant> = OnceLock::new();
        if !spent(&START) {
            timed("routine", &bytes, load_routine)?;
        }
    }

    #[test]
    fn settings_reader(bytes in input(&SETTINGS)) {
        static START: OnceLock<Instant> = OnceLock::new();
        if !spent(&START) {
            timed("settings", &bytes, load_settings)?;
        }
    }

    #[test]
    fn log_reader_and_import(bytes in input(&LOG)) {
        static START: OnceLock<Instant> = OnceLock::new();
        if !spent(&START) {
            timed("log", &bytes, import_log)?;
        }
    }
}

/// Every seed as it is, whatever the budget left for the random ones.
#[test]
fn every_seed_as_it_is() {
    for bytes in ROUTINES.iter() {
        load_routine(bytes);
    }
    for bytes in SETTINGS.iter() {
        load_settings(bytes);
    }
    for bytes in LOG.iter() {
        import_log(bytes);
    }
}
