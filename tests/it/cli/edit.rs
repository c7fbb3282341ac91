//! `limber edit`, driven through the real binary with scripted editors.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use limber::store::routines::BUILTIN;

use crate::common::cli::{self, Run, run};

const STRETCH: &str = "piriformis-stretch";

fn builtin(lang: &str, id: &str) -> &'static str {
    BUILTIN
        .iter()
        .find(|&&(l, name, _)| l == lang && name == format!("{id}.ron"))
        .map(|&(_, _, text)| text)
        .unwrap()
}

/// The sed command that raises `text`'s version by one, so the test does
/// not break each time a built-in's version moves.
fn bump_version(text: &str) -> String {
    let at = text.find("    version: ").unwrap() + "    version: ".len();
    let n: u32 = text[at..].split(',').next().unwrap().parse().unwrap();
    format!("s/version: {n},/version: {},/", n + 1)
}

/// A routines directory, a data directory and room for editor scripts,
/// all in one temporary directory.
struct Sandbox {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    routines: PathBuf,
    data: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        Sandbox {
            routines: root.join("routines"),
            data: root.join("data"),
            root,
            _tmp: tmp,
        }
    }

    fn installed(&self, id: &str) -> PathBuf {
        self.routines.join(format!("{id}.ron"))
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.routines.join(name)).unwrap()
    }

    /// Names in the routines directory, sorted.
    fn listing(&self) -> Vec<String> {
        let mut names: Vec<String> = match fs::read_dir(&self.routines) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => vec![],
        };
        names.sort();
        names
    }

    /// An executable shell script in the sandbox; `$f` is the file to edit
    /// (the last argument), and every call appends its arguments to `args.log`.
    fn script(&self, name: &str, body: &str) -> PathBuf {
        let path = self.root.join(name);
        let log = self.root.join("args.log");
        fs::write(
            &path,
            format!(
                "#!/bin/sh\nfor f; do :; done\necho \"$*\" >> '{}'\n{body}\n",
                log.display()
            ),
        )
        .unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// An editor that applies sed expressions to the file.
    fn sed(&self, exprs: &[&str]) -> PathBuf {
        let args: String = exprs.iter().map(|e| format!(" -e '{e}'")).collect();
        self.script(
            "sed-editor",
            &format!("sed{args} \"$f\" > \"$f.new\" && mv \"$f.new\" \"$f\""),
        )
    }

    /// An editor whose n-th call replaces the file with `texts[n-1]`, after
    /// keeping what it was given as `seen<n>.ron`.
    fn sequence(&self, texts: &[&str]) -> PathBuf {
        for (i, t) in texts.iter().enumerate() {
            fs::write(self.root.join(format!("step{}.ron", i + 1)), t).unwrap();
        }
        let dir = self.root.display();
        self.script(
            "sequence-editor",
            &format!(
                "n=$(cat '{dir}/count' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{dir}/count'\n\
                 cp \"$f\" '{dir}/seen'$n.ron\ncp '{dir}/step'$n.ron \"$f\""
            ),
        )
    }

    fn calls(&self) -> Vec<String> {
        fs::read_to_string(self.root.join("args.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = cli::command(&self.routines, &self.data);
        cmd.args(args);
        cmd
    }

    /// `limber edit` with `editor` as $EDITOR and `input` on stdin.
    fn edit(&self, args: &[&str], editor: &Path, input: &str) -> Run {
        let mut cmd = self.command(&[&["edit"], args].concat());
        cmd.env("EDITOR", editor);
        run(cmd, input)
    }

    fn routines(&self) -> Run {
        run(self.command(&["routines"]), "")
    }
}

/// 1-based number of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_valid_edit_of_a_builtin_is_installed_with_a_backup() {
    let sb = Sandbox::new();
    let editor = sb.sed(&[
        "s/title: \"Piriformis exercises\"/title: \"Piriformis exercises for Anna\"/",
        "s/version: 5,/version: 6,/",
    ]);
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Installed"), "{}", r.stdout);
    let installed = sb.read("piriformis-stretch.ron");
    assert!(installed.contains("Piriformis exercises for Anna"));
    assert!(installed.contains("version: 6,"));
    // The backup is the built-in text the edit started from.
    assert_eq!(
        sb.read("piriformis-stretch.ron.bak"),
        builtin("en", STRETCH)
    );
    assert_eq!(
        sb.listing(),
        ["piriformis-stretch.ron", "piriformis-stretch.ron.bak"],
        "no temporary files are left behind"
    );
    // The editor worked on a temporary copy, not the installed file.
    let calls = sb.calls();
    assert_eq!(calls.len(), 1);
    assert!(calls[0].ends_with("piriformis-stretch.ron"), "{calls:?}");
    assert!(!calls[0].starts_with(&sb.routines.display().to_string()));

    let listed = sb.routines();
    assert_eq!(listed.code, 0);
    let row = listed
        .stdout
        .lines()
        .find(|l| l.starts_with(STRETCH))
        .unwrap();
    assert!(row.contains("Piriformis exercises for Anna"), "{row}");
    assert!(row.contains(&sb.installed(STRETCH).display().to_string()));
    assert!(row.contains("8:20"), "{row}");
    assert!(
        listed.stderr.is_empty(),
        "the backup is not loaded: {}",
        listed.stderr
    );

    // A second edit keeps the first as the backup; the new hold shows in
    // the routine's length (15 s more on each side).
    let editor = sb.sed(&[
        "s/kind: Hold(duration: \"30s\", up_to/kind: Hold(duration: \"45s\", up_to/",
        "s/version: 6,/version: 7,/",
    ]);
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.read("piriformis-stretch.ron.bak"), installed);
    let row = sb.routines().stdout;
    let row = row.lines().find(|l| l.starts_with(STRETCH)).unwrap();
    assert!(row.contains("8:50"), "{row}");
}

#[test]
fn an_invalid_edit_is_rejected_with_diagnostics_and_the_old_routine_stays() {
    let sb = Sandbox::new();
    fs::create_dir_all(&sb.routines).unwrap();
    let old =
        builtin("en", STRETCH).replace("title: \"Piriformis exercises\"", "title: \"Old title\"");
    fs::write(sb.installed(STRETCH), &old).unwrap();
    let editor = sb.sed(&[
        "0,/reps: 3, rest/s//reps: 0, rest/",
        "s/kind: Hold(duration: \"30s\", up_to/kind: Hold(duration: \"0s\", up_to/",
    ]);
    let r = sb.edit(&[STRETCH], &editor, "k\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    let path = sb.installed(STRETCH).display().to_string();
    let edited = old.replacen("reps: 3, rest", "reps: 0, rest", 1).replace(
        "Hold(duration: \"30s\", up_to",
        "Hold(duration: \"0s\", up_to",
    );
    let hold = line_of(&edited, "duration: \"0s\"");
    let reps = line_of(&edited, "reps: 0");
    assert!(
        r.stderr
            .contains(&format!("{path}:{hold}:34: a hold must be more than zero")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains(&format!("{path}:{reps}:47: reps must be at least 1")),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("^"),
        "the source line and caret are shown"
    );
    assert!(r.stderr.contains("2 problems"));
    assert!(
        r.stderr
            .contains("[e]dit again, [k]eep the previous version, [s]ave as draft")
    );
    assert!(r.stderr.contains("Kept the previous version"));
    assert_eq!(sb.read("piriformis-stretch.ron"), old, "nothing installed");
    assert_eq!(
        sb.listing(),
        ["piriformis-stretch.ron"],
        "no backup, no draft"
    );
    let listed = sb.routines();
    assert!(listed.stdout.contains("Old title"), "{}", listed.stdout);
}

#[test]
fn end_of_input_keeps_the_builtin_and_leaves_no_copy() {
    let sb = Sandbox::new();
    let editor = sb.sed(&["s/sides: Each/sides: Both/"]);
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown sides value `Both`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("Kept the built-in routine `piriformis-stretch`")
    );
    assert!(sb.listing().is_empty(), "{:?}", sb.listing());
    let listed = sb.routines().stdout;
    let row = listed.lines().find(|l| l.starts_with(STRETCH)).unwrap();
    assert!(row.ends_with("built-in"), "{row}");
}

#[test]
fn a_draft_is_saved_beside_the_routine_and_never_loaded() {
    let sb = Sandbox::new();
    let editor = sb.sed(&["s/sides: Each/sides: Both/"]);
    // An answer limber does not know is asked again.
    let r = sb.edit(&[STRETCH], &editor, "maybe\ns\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("Please answer e, k or s."));
    let draft = sb.routines.join("piriformis-stretch.ron.draft");
    assert!(
        r.stderr.contains(&draft.display().to_string()),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read_to_string(&draft).unwrap(),
        builtin("en", STRETCH).replace("sides: Each", "sides: Both")
    );
    assert_eq!(sb.listing(), ["piriformis-stretch.ron.draft"]);

    let listed = sb.routines();
    let row = listed
        .stdout
        .lines()
        .find(|l| l.starts_with(STRETCH))
        .unwrap();
    assert!(row.ends_with("built-in"), "{row}");
    assert!(listed.stderr.is_empty(), "{}", listed.stderr);
    let validate = run(sb.command(&["validate"]), "");
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(!validate.stdout.contains("draft"));

    // The next edit mentions the draft.
    let unchanged = sb.script("no-op", "true");
    let r = sb.edit(&[STRETCH], &unchanged, "");
    assert_eq!(r.code, 0);
    assert!(
        r.stderr.contains("a draft from an earlier edit"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("edit --draft piriformis-stretch"),
        "{}",
        r.stderr
    );
}

#[test]
fn editing_carries_on_from_a_draft_and_installs_it() {
    let sb = Sandbox::new();
    fs::create_dir_all(&sb.routines).unwrap();
    let original = builtin("en", STRETCH);
    let draft_text = original.replace("sides: Each", "sides: Both");
    let draft = sb.routines.join("piriformis-stretch.ron.draft");
    fs::write(&draft, &draft_text).unwrap();
    let fixed = draft_text.replace("sides: Both", "sides: AffectedFirst");
    let editor = sb.sequence(&[&fixed]);
    let r = sb.edit(&["--draft", STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(sb.root.join("seen1.ron")).unwrap(),
        draft_text,
        "the editor starts from the draft"
    );
    assert_eq!(sb.read("piriformis-stretch.ron"), fixed);
    assert_eq!(sb.read("piriformis-stretch.ron.bak"), original);
    assert!(!draft.exists(), "an installed draft is removed");

    let r = sb.edit(&["--draft", STRETCH], &editor, "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("there is no draft"), "{}", r.stderr);
    assert_eq!(sb.read("piriformis-stretch.ron"), fixed);
}

#[test]
fn edit_again_starts_from_the_invalid_text_and_can_then_install() {
    let sb = Sandbox::new();
    let original = builtin("en", STRETCH);
    let invalid = original.replace("reps: 3, rest", "reps: 0, rest");
    let fixed = original.replace("reps: 3, rest", "reps: 2, rest");
    let editor = sb.sequence(&[&invalid, &fixed]);
    let r = sb.edit(&[STRETCH], &editor, "e\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.calls().len(), 2);
    assert_eq!(
        fs::read_to_string(sb.root.join("seen1.ron")).unwrap(),
        original
    );
    assert_eq!(
        fs::read_to_string(sb.root.join("seen2.ron")).unwrap(),
        invalid
    );
    assert_eq!(sb.read("piriformis-stretch.ron"), fixed);
    assert_eq!(sb.read("piriformis-stretch.ron.bak"), original);
    // The version was not raised: installed, with a reminder.
    assert!(r.stdout.contains("the version is still 5"), "{}", r.stdout);
}

#[test]
fn an_unchanged_file_installs_nothing() {
    let sb = Sandbox::new();
    let editor = sb.script("no-op", "true");
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("No changes"));
    assert!(sb.listing().is_empty(), "{:?}", sb.listing());

    fs::create_dir_all(&sb.routines).unwrap();
    fs::write(sb.installed(STRETCH), builtin("en", STRETCH)).unwrap();
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0);
    assert_eq!(sb.listing(), ["piriformis-stretch.ron"], "no backup");
}

#[test]
fn visual_wins_and_an_editor_with_arguments_runs_through_the_shell() {
    let sb = Sandbox::new();
    let editor = sb.sed(&["s/version: 5,/version: 6,/"]);
    let mut cmd = sb.command(&["edit", STRETCH]);
    cmd.env("VISUAL", format!("{} --wait", editor.display()))
        .env("EDITOR", "false");
    let r = run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let calls = sb.calls();
    assert_eq!(calls.len(), 1);
    assert!(calls[0].starts_with("--wait "), "{calls:?}");
    assert!(sb.read("piriformis-stretch.ron").contains("version: 6,"));
}

#[test]
fn a_failing_editor_installs_nothing() {
    let sb = Sandbox::new();
    let editor = sb.script("crashing-editor", "echo '// changed' >> \"$f\"\nexit 3");
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("exited with status 3"), "{}", r.stderr);
    assert!(sb.listing().is_empty());
}

#[test]
fn changing_the_id_is_refused() {
    let sb = Sandbox::new();
    let editor = sb.sed(&["s/id: \"piriformis-stretch\"/id: \"anna-stretch\"/"]);
    let r = sb.edit(&[STRETCH], &editor, "k\n");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("the id changed from `piriformis-stretch` to `anna-stretch`"),
        "{}",
        r.stderr
    );
    assert!(sb.listing().is_empty());
}

#[test]
fn a_russian_builtin_is_copied_in_russian() {
    let sb = Sandbox::new();
    let editor = sb.sed(&[&bump_version(builtin("ru", "piriformis-massage"))]);
    let mut cmd = sb.command(&["--lang", "ru", "edit", "piriformis-massage"]);
    cmd.env("EDITOR", &editor);
    let r = run(cmd, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        sb.read("piriformis-massage.ron.bak"),
        builtin("ru", "piriformis-massage")
    );
    assert!(sb.read("piriformis-massage.ron").contains("lang: \"ru\""));
}

#[test]
fn a_broken_user_file_is_edited_not_replaced_by_the_builtin() {
    let sb = Sandbox::new();
    fs::create_dir_all(&sb.routines).unwrap();
    let broken = builtin("en", STRETCH).replace("reps: 3, rest", "reps: 0, rest");
    fs::write(sb.installed(STRETCH), &broken).unwrap();
    let editor = sb.sed(&["s/reps: 0, rest/reps: 4, rest/"]);
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.read("piriformis-stretch.ron.bak"), broken);
    assert!(sb.read("piriformis-stretch.ron").contains("reps: 4, rest"));
    let listed = sb.routines();
    assert!(listed.stderr.is_empty(), "{}", listed.stderr);
}

#[test]
fn an_unknown_routine_is_a_usage_error() {
    let sb = Sandbox::new();
    let editor = sb.script("no-op", "true");
    let r = sb.edit(&["hip-basics"], &editor, "");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no routine `hip-basics`"), "{}", r.stderr);
    assert!(r.stderr.contains("new hip-basics"));
    assert!(sb.calls().is_empty(), "the editor never ran");
}

/// The ```ron blocks of the worked example in docs/ROUTINE_FORMAT.md.
fn worked_example_blocks() -> Vec<String> {
    let doc = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/ROUTINE_FORMAT.md"
    ))
    .unwrap();
    let (_, section) = doc
        .split_once("## Worked example: adapting the exercise routine for a patient")
        .expect("the worked example is in docs/ROUTINE_FORMAT.md");
    section
        .split("```ron\n")
        .skip(1)
        .map(|b| b.split_once("```").unwrap().0.to_string())
        .collect()
}

/// `text` with the step whose id is `id` replaced by `block`, which must
/// be the whole `Step(...)`, indented as in the file.
fn replace_step(text: &str, id: &str, block: &str) -> String {
    let at = text.find(&format!("id: \"{id}\"")).unwrap();
    let start = text[..at].rfind("        Step(\n").unwrap();
    let end = at + text[at..].find("\n        ),\n").unwrap() + "\n        ),\n".len();
    format!("{}{block}{}", &text[..start], &text[end..])
}

#[test]
fn the_worked_example_in_the_docs_installs_and_says_what_limber_shows() {
    let blocks = worked_example_blocks();
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    let original = builtin("en", STRETCH);
    let mut edited = original.replace("    version: 5,\n", "    version: 6,\n");
    edited = replace_step(&edited, "knee-across", &blocks[0]);
    edited = replace_step(&edited, "figure-four", &blocks[1]);
    assert_ne!(edited, original);

    let sb = Sandbox::new();
    let r = sb.edit(&[STRETCH], &sb.sequence(&[&edited]), "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.read("piriformis-stretch.ron"), edited);
    let doc = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/ROUTINE_FORMAT.md"
    ))
    .unwrap();
    let home = sb.routines.display().to_string();
    let shown = |s: &str| s.replace(&home, "/home/anna/.config/limber/routines");
    assert!(doc.contains(&shown(r.stdout.trim())), "{}", r.stdout);

    let listed = shown(&sb.routines().stdout);
    let row = listed.lines().find(|l| l.starts_with(STRETCH)).unwrap();
    assert!(row.contains("8:10"), "{row}");
    assert!(doc.contains(&listed), "{listed}");

    let handout = run(sb.command(&["export", STRETCH, "--side", "right"]), "");
    assert!(
        handout
            .stdout
            .contains("- **Sides:** right side, then left")
    );
    assert!(handout.stdout.contains("- **Sides:** right side only"));

    // The mistake the docs show, with the line and column they show.
    let mistake = edited.replace(
        "kind: Hold(duration: \"45s\", up_to",
        "kind: Hold(duration: 45, up_to",
    );
    let sb = Sandbox::new();
    fs::create_dir_all(&sb.routines).unwrap();
    fs::write(sb.installed(STRETCH), &edited).unwrap();
    let r = sb.edit(&[STRETCH], &sb.sequence(&[&mistake]), "");
    assert_eq!(r.code, 1);
    let home = sb.routines.display().to_string();
    let shown = r
        .stderr
        .replace(&home, "/home/anna/.config/limber/routines");
    let shown = shown.split_once("What now?").unwrap().0;
    assert!(doc.contains(shown), "{shown}");
}

#[test]
fn nothing_is_written_to_the_routines_directory_while_the_editor_runs() {
    let sb = Sandbox::new();
    let editor = sb.script(
        "looking-editor",
        &format!(
            "ls -A '{}' > '{}/during' 2>/dev/null; echo '// Anna' >> \"$f\"",
            sb.routines.display(),
            sb.root.display()
        ),
    );
    let r = sb.edit(&[STRETCH], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let during = fs::read_to_string(sb.root.join("during")).unwrap_or_default();
    assert_eq!(during, "", "an interrupted edit would leave these behind");
    assert!(sb.read("piriformis-stretch.ron").ends_with("// Anna\n"));
}

#[test]
fn a_path_can_be_edited_directly() {
    let sb = Sandbox::new();
    let file = sb.root.join("anna-hip.ron");
    fs::write(&file, builtin("en", STRETCH)).unwrap();
    let editor = sb.sed(&["s/version: 5,/version: 6,/"]);
    let r = sb.edit(&[file.to_str().unwrap()], &editor, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(fs::read_to_string(&file).unwrap().contains("version: 6,"));
    assert_eq!(
        fs::read_to_string(sb.root.join("anna-hip.ron.bak")).unwrap(),
        builtin("en", STRETCH)
    );
    assert!(
        sb.listing().is_empty(),
        "the routines directory is not involved"
    );
}

#[test]
fn in_russian_the_prompt_and_messages_are_russian_and_russian_letters_answer() {
    fn ru<'a>(args: &[&'a str]) -> Vec<&'a str> {
        [&["--lang", "ru"], args].concat()
    }
    let sb = Sandbox::new();
    let editor = sb.sed(&["0,/reps: 3, rest/s//reps: 0, rest/"]);
    // An answer limber does not know is asked again; «с» saves a draft.
    let r = sb.edit(&ru(&[STRETCH]), &editor, "может быть\nс\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    let draft = sb.routines.join("piriformis-stretch.ron.draft");
    let edited = builtin("ru", STRETCH).replacen("reps: 3, rest", "reps: 0, rest", 1);
    let reps = line_of(&edited, "reps: 0");
    let path = sb.installed(STRETCH).display().to_string();
    for want in [
        // The diagnostic itself stays English.
        format!("{path}:{reps}:47: reps must be at least 1"),
        "В изменённой программе 1 ошибка; она не установлена.\n".into(),
        "Что дальше? [п]равить снова, [о]ставить прежнюю версию, \
         [с]охранить как черновик: может быть\nОтветьте п, о или с.\n"
            .into(),
        format!(
            "Правка сохранена как черновик в {}. Черновик не загружается: \
             по-прежнему используется встроенная программа «piriformis-stretch».",
            draft.display()
        ),
    ] {
        assert!(r.stderr.contains(&want), "no {want:?} in\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("What now?"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(&draft).unwrap(), edited);

    // The next edit mentions the draft; «о» keeps what is in use.
    let r = sb.edit(&ru(&[STRETCH]), &editor, "о\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(&format!(
            "Обратите внимание: в {} лежит черновик прошлой правки",
            draft.display()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("edit --draft piriformis-stretch`."));
    assert!(
        r.stderr.ends_with(
            "Ваша правка отменена; по-прежнему используется встроенная программа \
             «piriformis-stretch».\n"
        ),
        "{}",
        r.stderr
    );

    // «п» edits again; the fixed routine is installed, with a reminder to
    // raise the version.
    let fixed = builtin("ru", STRETCH).replace("reps: 3, rest", "reps: 2, rest");
    let editor = sb.sequence(&[&edited, &fixed]);
    let r = sb.edit(&ru(&["--draft", STRETCH]), &editor, "п\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(sb.read("piriformis-stretch.ron"), fixed);
    let installed = sb.installed(STRETCH).display().to_string();
    assert!(
        r.stdout.contains(&format!(
            "Установлено: {installed} («piriformis-stretch», версия 5); теперь вместо \
             встроенной программы используется ваша. Текст встроенной сохранён в {installed}.bak."
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("Черновик {} удалён.", draft.display())),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Обратите внимание: версия по-прежнему 5;"),
        "{}",
        r.stdout
    );
}

#[test]
fn english_letters_answer_in_russian_and_russian_in_english() {
    let sb = Sandbox::new();
    let editor = sb.sed(&["s/sides: Each/sides: Both/"]);
    let r = sb.edit(&["--lang", "ru", STRETCH], &editor, "k\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("Ваша правка отменена"), "{}", r.stderr);
    let r = sb.edit(&[STRETCH], &editor, "с\n");
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("Saved your edit as a draft"),
        "{}",
        r.stderr
    );
    assert_eq!(sb.listing(), ["piriformis-stretch.ron.draft"]);
}

#[test]
fn russian_errors_for_an_unknown_routine_and_a_missing_draft() {
    let sb = Sandbox::new();
    let editor = sb.script("no-op", "true");
    let r = sb.edit(&["--lang", "ru", "hip-basics"], &editor, "");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with(
            "limber edit: программы «hip-basics» нет; есть: piriformis-stretch, \
             piriformis-massage\nЧтобы создать новую программу, выполните `limber --routines "
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with(" new hip-basics`\n"), "{}", r.stderr);
    let r = sb.edit(&["--lang", "ru", "--draft", STRETCH], &editor, "");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("черновик сохраняется, если после правки с ошибками ответить «с»"),
        "{}",
        r.stderr
    );
    let r = sb.edit(&["--lang", "ru", STRETCH], &editor, "");
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "Изменений нет; ничего не установлено.\n");
    assert!(
        sb.calls().len() == 1,
        "the editor ran only for a known routine"
    );
}
