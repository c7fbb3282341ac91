//! The loader reads files that people edit by hand: whatever the bytes,
//! it must answer with a routine or diagnostics, never a panic, a hang or a
//! stack overflow, and every diagnostic must point inside the file.

use std::time::{Duration, Instant};

use limber::core::parse::{MAX_BYTES, parse_routine};
use limber::core::validate::validate;
use limber::store::routines::BUILTIN;
use proptest::prelude::*;

/// Runs the loader and checks what it says about `bytes` makes sense.
fn check(bytes: &[u8]) {
    match parse_routine(bytes) {
        // What the loader accepts, the checks accept.
        Ok(routine) => assert_eq!(validate(&routine), []),
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty());
            let src = String::from_utf8_lossy(bytes);
            let lines: Vec<&str> = src.split('\n').collect();
            for d in &diagnostics {
                assert!(!d.message.is_empty());
                let line = lines
                    .get(d.pos.line.wrapping_sub(1))
                    .unwrap_or_else(|| panic!("{d:?} is past the last line"));
                assert!(
                    d.pos.col >= 1 && d.pos.col <= line.chars().count() + 1,
                    "{d:?} is past the end of its line {line:?}"
                );
                d.render("f.ron", &src);
            }
        }
    }
}

/// A change a hand edit (or a bad disk) could make to a file.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Truncate { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Bytes that matter to RON, so insertions often reach past the lexer.
    let interesting = prop::sample::select(b"()[]{}:,\"'/*#r-0123456789 \n\xd0\xff".to_vec());
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        (any::<usize>(), prop::collection::vec(interesting, 1..8))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len();
    if n == 0 {
        return;
    }
    match *m {
        Mutation::Flip { at, mask } => bytes[at % n] ^= mask,
        Mutation::Truncate { at } => bytes.truncate(at % n),
        Mutation::Insert { at, bytes: ref ins } => {
            let at = at % (n + 1);
            bytes.splice(at..at, ins.iter().copied());
        }
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes);
    }

    #[test]
    fn ron_like_text_never_panics(text in r#"[ \n()\[\]{}:,"'/*#a-zA-Z0-9_.-]{0,400}"#) {
        check(text.as_bytes());
    }

    #[test]
    fn mutated_builtins_never_panic(
        which in 0..BUILTIN.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = BUILTIN[which].2.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check(&bytes);
    }
}

/// In a debug build even a slow answer is far below this; a hang is not.
const QUICK: Duration = Duration::from_secs(5);

fn answers_quickly_with_an_error(name: &str, bytes: &[u8]) {
    let start = Instant::now();
    let result = parse_routine(bytes);
    let took = start.elapsed();
    let diagnostics = result.err().unwrap_or_else(|| panic!("{name} loaded"));
    assert!(!diagnostics.is_empty(), "{name}");
    assert!(took < QUICK, "{name} took {took:?}");
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let mut bytes = BUILTIN[0].2.as_bytes().to_vec();
    bytes.resize(MAX_BYTES + 1, b' ');
    answers_quickly_with_an_error("huge", &bytes);
    let d = parse_routine(&bytes).unwrap_err();
    assert_eq!(
        d[0].message,
        format!(
            "the file is {} bytes; a routine file may be at most {MAX_BYTES} bytes",
            MAX_BYTES + 1
        )
    );
}

#[test]
fn a_file_just_under_the_size_limit_still_loads_quickly() {
    // A long comment is legal, and walking it must stay linear.
    let routine = BUILTIN[0].2;
    let filler = MAX_BYTES - routine.len() - 8;
    let text = format!("/* {} */\n{routine}", "x".repeat(filler));
    assert!(text.len() <= MAX_BYTES);
    let start = Instant::now();
    parse_routine(text.as_bytes()).unwrap();
    assert!(start.elapsed() < QUICK);
}

#[test]
fn ten_thousand_open_brackets_are_an_error_not_a_stack_overflow() {
    let deep = |open: &str, close: &str| format!("{}{}", open.repeat(10_000), close.repeat(10_000));
    let unknown_field = |value: &str| {
        BUILTIN[0].2.replacen(
            "kind: Hold(duration: \"30s\", up_to: \"3m\")",
            &format!("kind: Hold(duration: \"30s\", up_to: \"3m\", x: {value})"),
            1,
        )
    };
    for (name, text) in [
        ("[ alone", "[".repeat(10_000)),
        ("( alone", "(".repeat(10_000)),
        ("[] balanced", deep("[", "]")),
        ("() balanced", deep("(", ")")),
        (
            "[ as the routine id",
            format!("Routine(id: {}", "[".repeat(10_000)),
        ),
        (
            "Some( as get_ready",
            format!("Routine(get_ready: {}", "Some(".repeat(10_000)),
        ),
        // Ignored values are the one place ron walks nesting it has no type for.
        ("[ in an ignored field", unknown_field(&"[".repeat(10_000))),
        ("() in an ignored field", unknown_field(&deep("(", ")"))),
        (
            "/* nested comments",
            format!("/*{}\nRoutine(", "/*".repeat(10_000)),
        ),
    ] {
        answers_quickly_with_an_error(name, text.as_bytes());
    }
}
