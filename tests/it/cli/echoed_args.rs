//! Arguments quoted back in error messages (a routine id, a variant, a
//! path, a value clap refuses) are shown, never obeyed: an ESC or a bidi
//! override typed or pasted on the command line never reaches stderr raw.

use std::path::Path;

use crate::common::cli::limber;

const EVIL: &str = "x\x1b]2;pwned\x07\u{202E}y";

#[test]
fn arguments_in_error_messages_are_shown_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let routines = dir.path().join("routines");
    std::fs::create_dir(&routines).unwrap();
    let quick = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/pty-quick.ron");
    std::fs::copy(quick, routines.join("pty-quick.ron")).unwrap();
    let missing = dir.path().join(EVIL);
    let missing = missing.to_str().unwrap();
    let shown = "x\\x1b]2;pwned\\x07U+202Ey";
    // Values clap refuses: clap drops ANSI sequences itself, limber shows
    // the rest.
    let by_clap = "xU+202Ey";
    for (args, quoted) in [
        (&["run", EVIL][..], shown),
        (&["run", "pty-quick", "--variant", EVIL, "--plain"], shown),
        (&["preview", EVIL], shown),
        (&["export", EVIL], shown),
        (&["edit", EVIL], shown),
        (&["new", EVIL], shown),
        (&["validate", missing], shown),
        (&["log", "import", missing], shown),
        (&["run", "pty-quick", "--side", EVIL], by_clap),
        (&["history", "--since", EVIL], by_clap),
    ] {
        let r = limber(&routines, args);
        assert_ne!(r.code, 0, "{args:?}");
        assert_ne!(r.code, 101, "{args:?}: {}", r.stderr);
        assert!(
            !r.stderr.contains(['\x1b', '\x07', '\u{202E}']),
            "{args:?} echoed a control raw: {:?}",
            r.stderr
        );
        assert!(
            r.stderr.contains(quoted),
            "{args:?} did not quote the argument: {:?}",
            r.stderr
        );
    }
}
