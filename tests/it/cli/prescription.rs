//! Signed prescriptions through the real binary (issue 26): the
//! physiotherapist's key and bundle, checked by the `minisign` tool; the
//! patient's import, each refusal in its own words; the whole journey to
//! the physiotherapist's report.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::cli::{self, Run};

const QUICK: &str = include_str!("../../fixtures/routines/pty-quick.ron");

/// The `minisign` tool (Debian package `minisign`), installed if missing:
/// the test fails, never skips, without it.
fn minisign() -> &'static str {
    let found = || {
        Command::new("minisign")
            .arg("-v")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !found() {
        let installed = Command::new("apt-get")
            .args(["install", "-y", "minisign"])
            .env("DEBIAN_FRONTEND", "noninteractive")
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            installed && found(),
            "the minisign tool is needed: apt-get install -y minisign"
        );
    }
    "minisign"
}

/// One person's limber: routines, data and configuration (the key) of their own.
struct Person {
    _tmp: tempfile::TempDir,
    routines: PathBuf,
    data: PathBuf,
    config: PathBuf,
    files: PathBuf,
}

impl Person {
    fn new() -> Person {
        let tmp = tempfile::tempdir().unwrap();
        let p = Person {
            routines: tmp.path().join("routines"),
            data: tmp.path().join("data"),
            config: tmp.path().join("config"),
            files: tmp.path().join("files"),
            _tmp: tmp,
        };
        for d in [&p.routines, &p.data, &p.config, &p.files] {
            fs::create_dir(d).unwrap();
        }
        p
    }

    /// A physiotherapist with a key and the quick routine to prescribe.
    fn physio() -> Person {
        let p = Person::new();
        fs::write(p.routines.join("pty-quick.ron"), QUICK).unwrap();
        let r = p.run(&["key", "new", "--no-password"], "");
        assert_eq!(r.code, 0, "{}", r.stderr);
        p
    }

    fn run(&self, args: &[&str], input: &str) -> Run {
        let mut cmd = cli::command(&self.routines, &self.data);
        cmd.env("XDG_CONFIG_HOME", &self.config)
            .env("XDG_STATE_HOME", self.data.join("state"))
            .args(args);
        cli::run(cmd, input)
    }

    fn key_dir(&self) -> PathBuf {
        self.config.join("limber").join("key")
    }

    /// The public key as `minisign -P` takes it.
    fn public(&self) -> String {
        let text = fs::read_to_string(self.key_dir().join("limber.pub")).unwrap();
        text.lines().nth(1).unwrap().to_string()
    }

    /// `limber prescribe pty-quick` for patient A.B. into `name`.
    fn prescribe(&self, name: &str) -> PathBuf {
        let out = self.files.join(name);
        let r = self.run(
            &[
                "prescribe",
                "pty-quick",
                "--patient",
                "A.B.",
                "--physio",
                "Dr Ivanova",
                "--contact",
                "clinic@example.org",
                "--side",
                "left",
                "-o",
                out.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        out
    }

    fn import(&self, file: &Path, answer: &str) -> Run {
        self.run(&["prescription", "import", file.to_str().unwrap()], answer)
    }
}

fn tar(dir: &Path, args: &[&str]) {
    let ok = Command::new("tar")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap()
        .success();
    assert!(ok, "tar {args:?}");
}

#[test]
fn a_bundle_signed_by_limber_verifies_with_the_minisign_tool() {
    let tool = minisign();
    let physio = Person::physio();
    let file = physio.prescribe("rx.tar");
    let out = tempfile::tempdir().unwrap();
    let listed = Command::new("tar").arg("-tf").arg(&file).output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout),
        "prescription.ron\nprescription.ron.minisig\n"
    );
    tar(out.path(), &["-xf", file.to_str().unwrap()]);
    let verified = Command::new(tool)
        .args(["-Vm", "prescription.ron", "-P", &physio.public()])
        .current_dir(out.path())
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(verified.status.success(), "{said}");
    assert!(said.contains("limber prescription rx-"), "{said}");
    // The tool's strictest check (prehashed only) passes too.
    let strict = Command::new(tool)
        .args(["-V", "-H", "-m", "prescription.ron", "-P", &physio.public()])
        .current_dir(out.path())
        .status()
        .unwrap();
    assert!(strict.success());
}

#[test]
fn the_secret_key_is_private_and_never_printed() {
    use std::os::unix::fs::PermissionsExt;
    let p = Person::new();
    let made = p.run(&["key", "new", "--no-password"], "");
    assert_eq!(made.code, 0, "{}", made.stderr);
    let secret = fs::read_to_string(p.key_dir().join("limber.key")).unwrap();
    let secret_line = secret.lines().nth(1).unwrap();
    let mode = |f: &Path| fs::metadata(f).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&p.key_dir().join("limber.key")), 0o600);
    assert_eq!(mode(&p.key_dir()), 0o700);
    let shown = p.run(&["key", "show"], "");
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    for r in [&made, &shown] {
        assert!(!r.stdout.contains(secret_line) && !r.stderr.contains(secret_line));
        assert!(r.stdout.contains(&p.public()), "{}", r.stdout);
        assert!(r.stdout.contains("Fingerprint: "), "{}", r.stdout);
    }
    // A second `key new` never replaces the pair.
    let again = p.run(&["key", "new", "--no-password"], "");
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("never replaced"), "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(p.key_dir().join("limber.key")).unwrap(),
        secret
    );
}

#[test]
fn a_bundle_the_minisign_tool_signed_is_accepted_prehashed_or_legacy() {
    let tool = minisign();
    let physio = Person::physio();
    let file = physio.prescribe("rx.tar");
    for legacy in [false, true] {
        let work = tempfile::tempdir().unwrap();
        tar(work.path(), &["-xf", file.to_str().unwrap()]);
        fs::remove_file(work.path().join("prescription.ron.minisig")).unwrap();
        // limber's secret key is in minisign's format: the tool signs with it.
        let key = physio.key_dir().join("limber.key");
        let mut sign = Command::new(tool);
        sign.args([
            "-S",
            "-W",
            "-s",
            key.to_str().unwrap(),
            "-m",
            "prescription.ron",
        ])
        .current_dir(work.path());
        if legacy {
            sign.arg("-l");
        }
        assert!(sign.status().unwrap().success());
        tar(
            work.path(),
            &[
                "-cf",
                "tool.tar",
                "prescription.ron",
                "prescription.ron.minisig",
            ],
        );
        let patient = Person::new();
        let r = patient.import(&work.path().join("tool.tar"), "y\n");
        assert_eq!(r.code, 0, "legacy {legacy}: {}", r.stderr);
        assert!(
            r.stdout.contains("Installed: prescription rx-"),
            "{}",
            r.stdout
        );
    }
}

/// `file` with one byte of its payload changed: a letter of the routine's
/// title, so the archive and the RON stay whole.
fn flipped(file: &Path, to: &Path) {
    let mut bytes = fs::read(file).unwrap();
    let at = bytes
        .windows(9)
        .position(|w| w == b"PTY quick")
        .expect("the title in the payload");
    bytes[at] = b'Q';
    fs::write(to, bytes).unwrap();
}

#[test]
fn a_changed_file_another_key_an_older_version_and_a_cut_file_are_each_refused() {
    let physio = Person::physio();
    let v1 = physio.prescribe("v1.tar");
    let v2 = physio.prescribe("v2.tar");
    let patient = Person::new();
    let first = patient.import(&v2, "y\n");
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(first.stdout.contains("will be trusted"), "{}", first.stdout);
    let show = || patient.run(&["prescription", "show"], "").stdout;
    let before = show();
    assert!(before.contains("version 2"), "{before}");

    let changed = physio.files.join("changed.tar");
    flipped(&physio.prescribe("v3.tar"), &changed);
    let r = patient.import(&changed, "y\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("was changed after it was signed"),
        "{}",
        r.stderr
    );

    let other = Person::physio();
    let r = patient.import(&other.prescribe("other.tar"), "y\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("not with the key you trust") && r.stderr.contains("--trust-new-key"),
        "{}",
        r.stderr
    );

    let r = patient.import(&v1, "y\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("version 1, older than version 2"),
        "{}",
        r.stderr
    );

    let cut = physio.files.join("cut.tar");
    let bytes = fs::read(physio.files.join("v3.tar")).unwrap();
    fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = patient.import(&cut, "y\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("not a complete prescription file"),
        "{}",
        r.stderr
    );

    // Four different messages, and nothing changed.
    assert_eq!(show(), before);
}

#[test]
fn a_new_key_is_trusted_only_after_the_question() {
    let physio = Person::physio();
    let patient = Person::new();
    assert_eq!(patient.import(&physio.prescribe("v1.tar"), "y\n").code, 0);
    let other = Person::physio();
    let file = other.prescribe("new-key.tar");
    let args = [
        "prescription",
        "import",
        file.to_str().unwrap(),
        "--trust-new-key",
    ];
    let no = patient.run(&args, "n\n");
    assert_eq!(no.code, 1, "{}", no.stdout);
    assert!(
        no.stdout.contains("The signing key changes"),
        "{}",
        no.stdout
    );
    let yes = patient.run(&args, "y\ny\n");
    assert_eq!(yes.code, 0, "{}", yes.stderr);
    // From then on the new key is the one trusted.
    let r = patient.import(&physio.prescribe("old-key.tar"), "y\n");
    assert!(
        r.stderr.contains("not with the key you trust"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_prescription_file_is_checked_by_validate() {
    let physio = Person::physio();
    let file = physio.prescribe("rx.tar");
    let r = physio.run(&["validate", file.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("(prescription rx-"), "{}", r.stdout);
    assert!(r.stdout.contains("pty-quick"), "{}", r.stdout);
}

/// Physio: key, prescription. Patient: import, a session in plain mode,
/// the log exported. Physio: the report names the version the session
/// ran under. Then a second version, its changes in words, and a rollback.
#[test]
fn the_journey_from_the_physiotherapist_to_the_patient_and_back() {
    let physio = Person::physio();
    let v1 = physio.prescribe("v1.tar");
    let patient = Person::new();
    let imported = patient.import(&v1, "y\n");
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(
        imported
            .stdout
            .contains("from Dr Ivanova (clinic@example.org)"),
        "{}",
        imported.stdout
    );
    // The patient has no pty-quick of their own: it comes from the prescription.
    let ran = patient.run(&["run", "pty-quick", "--plain"], "");
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let export = patient.files.join("log.jsonl");
    let exported = patient.run(&["log", "export", "-o", export.to_str().unwrap()], "");
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let log = fs::read_to_string(&export).unwrap();
    let first = log.lines().next().unwrap();
    assert!(first.contains("\"label\":\"A.B.\""), "{first}");
    assert!(log.contains("\"prescription\":{\"id\":\"rx-"), "{log}");
    let id = log
        .split("\"prescription\":{\"id\":\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();

    let report = physio.run(&["report", "--log", export.to_str().unwrap()], "");
    assert_eq!(report.code, 0, "{}", report.stderr);
    let section = report
        .stdout
        .split("### Prescriptions")
        .nth(1)
        .unwrap_or_else(|| panic!("no prescriptions section:\n{}", report.stdout));
    let row = section
        .lines()
        .find(|l| l.contains(&id))
        .unwrap_or_else(|| panic!("no row for {id}:\n{section}"));
    let cells: Vec<&str> = row.split('|').map(str::trim).collect();
    assert_eq!(&cells[1..4], [id.as_str(), "1", "1"], "{row}");

    // Version 2 holds longer: the patient reads the change before saying yes.
    fs::write(
        physio.routines.join("pty-quick.ron"),
        QUICK.replace("reps: 2", "reps: 3"),
    )
    .unwrap();
    let v2 = physio.prescribe("v2.tar");
    let r = patient.import(&v2, "y\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("version 2"), "{}", r.stdout);
    assert!(
        r.stdout.contains("«Hold»: 2 × 0.3 s hold → 3 × 0.3 s hold"),
        "{}",
        r.stdout
    );
    let back = patient.run(&["prescription", "rollback"], "");
    assert_eq!(back.code, 0, "{}", back.stderr);
    assert!(back.stdout.contains("version 1"), "{}", back.stdout);
    let shown = patient.run(&["prescription", "show"], "");
    assert!(
        shown.stdout.contains("version 1") && shown.stdout.contains("Previous: version 2"),
        "{}",
        shown.stdout
    );
}

/// A prescribed routine is not edited: the change would no longer be what
/// was signed. The editor is never started, and nothing is installed.
#[test]
fn a_prescribed_routine_is_not_edited() {
    let physio = Person::physio();
    let patient = Person::new();
    assert_eq!(patient.import(&physio.prescribe("v1.tar"), "y\n").code, 0);
    let mut cmd = cli::command(&patient.routines, &patient.data);
    cmd.env("XDG_CONFIG_HOME", &patient.config)
        .env("XDG_STATE_HOME", patient.data.join("state"))
        .env("EDITOR", "false")
        .args(["edit", "pty-quick"]);
    let r = cli::run(cmd, "");
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr
            .contains("pty-quick is part of the prescription Dr Ivanova signed (version 1)"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read_dir(&patient.routines).unwrap().count(), 0);
}
