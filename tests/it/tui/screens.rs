//! Every screen and state, drawn into a TestBackend at 80x24, 120x40 and
//! the minimum 40x12, with a fixed clock: `cargo insta review` shows changes.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::common::coach;
use limber::core::clock::Mono;
use limber::core::lang::Lang;
use limber::core::record::LogLine;
use limber::core::routine::Side;
use limber::core::session::State;
use limber::shell::keymap::{Action, Ctx};
use limber::shell::options::Start;
use limber::store::history::sample;
use limber::store::routines::{Loaded, Origin, builtin, load_file};
use limber::tui::app::App;
use limber::tui::screen::Screen;
use limber::tui::view;

/// The id of tests/fixtures/routines/short.ron.
const SHORT: &str = "short";

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (40, 12)];

fn library(lang: Lang) -> limber::store::routines::Library {
    let mut routines = builtin(lang);
    let short = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/short.ron");
    let routine = load_file(&short, None).expect("short test routine loads");
    routines.push(Loaded::new(routine, Origin::File(short)));
    limber::store::routines::Library {
        routines,
        broken: Vec::new(),
    }
}

/// Forty sessions of each routine over the years up to today.
fn lines() -> Vec<LogLine> {
    sample::years(40, coach::today(), 7)
}

fn app(lang: Lang, acknowledged: bool) -> App {
    let app = coach::coach(lang, library(lang), acknowledged);
    coach::with_log(app, &lines(), &coach::afternoon())
}

fn at(secs_tenths: u64) -> Mono {
    Mono::from_millis(secs_tenths * 100)
}

fn draw(app: &App, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| _ = view::draw(app, f)).unwrap();
    terminal.backend().to_string()
}

fn snap(name: &str, app: &App) {
    for size in SIZES {
        let screen = draw(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

/// Presses `actions` at time `now`.
fn press(app: &mut App, actions: &[Action], now: Mono) {
    for a in actions {
        let outs = app.update(*a, now);
        coach::serve(app, outs, &lines());
    }
}

/// Starts the short routine at time zero.
fn short_session() -> App {
    let mut app = app(Lang::En, true);
    let start = Start {
        routine: SHORT.to_string(),
        side: Some(Side::Right),
        variant: None,
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    app
}

#[test]
fn safety_notice_on_first_run() {
    snap("safety", &app(Lang::En, false));
}

#[test]
fn home_lists_routines_with_counts() {
    let mut app = app(Lang::En, true);
    press(&mut app, &[Action::Down], Mono::ZERO);
    snap("home", &app);
}

#[test]
fn setup_for_the_massage_with_variant_and_pain() {
    let mut app = app(Lang::En, true);
    press(
        &mut app,
        &[
            Action::Down,
            Action::Confirm,
            Action::Variant,
            Action::Right,
            Action::Pain(4),
        ],
        Mono::ZERO,
    );
    snap("setup_massage_gentle", &app);
}

#[test]
fn session_get_ready() {
    let mut app = short_session();
    app.tick(at(3));
    snap("session_get_ready", &app);
}

#[test]
fn session_timed_work_with_cue() {
    let mut app = short_session();
    app.tick(at(15));
    snap("session_work", &app);
}

#[test]
fn session_paused_says_so_in_words() {
    let mut app = short_session();
    app.tick(at(15));
    press(&mut app, &[Action::TogglePause], at(15));
    app.tick(at(100));
    let screen = draw(&app, (80, 24));
    assert!(screen.contains("PAUSED"), "{screen}");
    snap("session_paused", &app);
}

#[test]
fn session_hold_on_one_side_and_switch() {
    let mut app = short_session();
    // get ready 1 s, timed 2 s, get ready 1 s, hold 1 s (left, rep 1).
    app.tick(at(45));
    snap("session_hold_left", &app);
    // hold, rest, hold: then switch to the right side.
    app.tick(at(75));
    snap("session_switch_side", &app);
}

#[test]
fn session_waits_for_the_user_on_a_manual_step() {
    let mut app = short_session();
    // n skips the timed step, then each side of the hold in turn.
    press(&mut app, &[Action::Next, Action::Next, Action::Next], at(1));
    app.tick(at(25));
    let screen = draw(&app, (80, 24));
    assert!(
        screen.contains("Press Enter when you are ready"),
        "{screen}"
    );
    // At 80 columns not every hint fits: the key the step waits for does.
    let footer = screen.lines().last().unwrap().trim_matches('"');
    assert!(footer.starts_with("Enter ready"), "{footer}");
    snap("session_manual", &app);

    // The same step in Russian.
    let mut app = self::app(Lang::Ru, true);
    let start = Start {
        routine: SHORT.to_string(),
        side: Some(Side::Right),
        variant: None,
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    press(&mut app, &[Action::Next, Action::Next, Action::Next], at(1));
    app.tick(at(25));
    snap("ru_session_manual", &app);
}

#[test]
fn overlays_help_quit_and_stop_reason() {
    let mut app = short_session();
    app.tick(at(15));
    press(&mut app, &[Action::Help], at(15));
    snap("overlay_help", &app);
    press(&mut app, &[Action::Back, Action::Quit], at(15));
    snap("overlay_quit", &app);
    press(&mut app, &[Action::No, Action::Stop], at(15));
    snap("overlay_stop_reason", &app);
}

#[test]
fn finish_after_a_complete_session() {
    let mut app = short_session();
    // Answer the manual step when it comes (Enter would also end a
    // get-ready early); run far past the end.
    for tenth in 0..200 {
        app.tick(at(tenth));
        if let Screen::Session(r) = app.screen()
            && matches!(r.session().state(), State::Waiting { .. })
        {
            press(&mut app, &[Action::Confirm], at(tenth));
        }
    }
    assert_eq!(app.ctx(), Ctx::Finish);
    press(&mut app, &[Action::Pain(2), Action::Note], at(200));
    for c in "felt easier".chars() {
        press(&mut app, &[Action::Char(c)], at(200));
    }
    press(&mut app, &[Action::Confirm], at(200));
    let screen = draw(&app, (80, 24));
    assert!(screen.contains("Session complete"), "{screen}");
    snap("finish_complete", &app);
}

#[test]
fn finish_after_stopping_for_pain() {
    let mut app = short_session();
    app.tick(at(45));
    press(&mut app, &[Action::Stop, Action::StopPain], at(45));
    let screen = draw(&app, (80, 24));
    assert!(screen.contains("Session stopped"), "{screen}");
    snap("finish_stopped", &app);
}

/// Every step skipped with n: the session ran to the end, but it is
/// "completed with skips", and the screen says why it does not count.
#[test]
fn finish_with_skips_in_both_languages() {
    for lang in Lang::ALL {
        let mut app = app(lang, true);
        let start = Start {
            routine: SHORT.to_string(),
            side: Some(Side::Right),
            variant: None,
            pain: Some(3),
            pain_after: None,
            note: None,
        };
        app.start(&start, Mono::ZERO);
        for i in 0..20 {
            if app.ctx() != Ctx::Session {
                break;
            }
            press(&mut app, &[Action::Next], at(i));
        }
        assert_eq!(app.ctx(), Ctx::Finish);
        let screen = draw(&app, (80, 24));
        let s = limber::i18n::Strings::load(lang);
        assert!(screen.contains(&s.finish_with_skips), "{screen}");
        let name = format!("finish_with_skips_{}", lang.code());
        snap(&name, &app);
    }
}

/// h on home asks the shell for the selected routine's sessions and
/// stays home until they come: the coach reads no log itself.
#[test]
fn history_is_asked_of_the_shell_for_the_selected_routine() {
    let mut app = app(Lang::En, true);
    app.update(Action::Down, Mono::ZERO);
    let id = app.shared.library.routines[1].routine.id.clone();
    let outs = app.update(Action::History, Mono::ZERO);
    assert_eq!(outs, [limber::tui::screen::Out::LoadSessions(id.clone())]);
    assert!(matches!(app.screen(), Screen::Home(_)));
    coach::serve(&mut app, outs, &lines());
    let Screen::History(history) = app.screen() else {
        panic!("the history screen opens on the sessions")
    };
    assert_eq!(history.routine, id);
    assert!(!history.view.sessions.is_empty());
    assert!(history.view.sessions.iter().all(|s| s.routine.id == id));
}

#[test]
fn history_screen() {
    let mut app = app(Lang::En, true);
    press(&mut app, &[Action::History, Action::Down], Mono::ZERO);
    snap("history", &app);
}

#[test]
fn history_screen_in_russian() {
    let mut app = app(Lang::Ru, true);
    press(&mut app, &[Action::History, Action::Down], Mono::ZERO);
    let screen = draw(&app, (80, 24));
    assert!(screen.contains("Серия      10 дней подряд"), "{screen}");
    assert!(screen.contains("▶ 23.11.2026 16:02 прекращён"), "{screen}");
    snap("ru_history", &app);
}

#[test]
fn too_small_a_terminal_asks_to_enlarge() {
    let app = short_session();
    let screen = draw(&app, (30, 8));
    assert!(screen.contains("enlarge"), "{screen}");
    insta::assert_snapshot!("enlarge_30x8", screen);
}

#[test]
fn russian_screens() {
    let mut app = app(Lang::Ru, false);
    snap("ru_safety", &app);
    press(&mut app, &[Action::Confirm], Mono::ZERO);
    snap("ru_home", &app);
    press(&mut app, &[Action::Confirm], Mono::ZERO);
    snap("ru_setup", &app);
    press(&mut app, &[Action::Confirm], Mono::ZERO);
    app.tick(Mono::ZERO + Duration::from_millis(10_500));
    snap("ru_session", &app);
}

#[test]
fn reload_shows_broken_files_and_keeps_the_working_ones() {
    let mut app = app(Lang::En, true);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.ron"),
        "Routine(id: \"mine\", version: 1, lang: \"en\", title: \"Mine\",\n  schedule: (), steps: [])\n",
    )
    .unwrap();
    app.reload(limber::store::routines::load_library(
        Lang::En,
        Some(dir.path()),
    ));
    assert_eq!(app.shared.library.routines.len(), 2, "built-ins still load");
    let screen = draw(&app, (120, 40));
    assert!(
        screen.contains("mine.ron:2:24: a routine needs at least one step"),
        "{screen}"
    );
    assert!(screen.contains("Piriformis exercises"), "{screen}");
}

#[test]
fn home_writes_the_next_course_date_as_each_language_does() {
    let pause_ends = NaiveDate::from_ymd_opt(2026, 12, 23).unwrap();
    for (lang, want) in [
        (Lang::En, "next course from 2026-12-23"),
        (Lang::Ru, "следующий курс с 23.12.2026"),
    ] {
        let mut app = app(lang, true);
        app.shared.stats.insert(
            "piriformis-massage".into(),
            limber::tui::screen::home::Stats {
                today: 0,
                course_done: None,
                next_course: Some(pause_ends),
                next_due: Some(limber::core::due::Due::CourseFrom(pause_ends)),
                too_soon: None,
            },
        );
        let screen = draw(&app, (120, 40));
        assert!(screen.contains(want), "{lang:?}: no `{want}` in\n{screen}");
    }
}

/// The built-in stretch, for a patient affected on the right, in `lang`.
fn stretch_session(lang: Lang) -> App {
    let mut app = app(lang, true);
    let start = Start {
        routine: "piriformis-stretch".to_string(),
        side: Some(Side::Right),
        variant: None,
        pain: None,
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    if matches!(app.screen(), Screen::Setup(_)) {
        press(&mut app, &[Action::Confirm], Mono::ZERO);
    }
    app
}

/// The knee-across hold "as long as possible": past its 30 s minimum
/// (115-145 s on the left leg) it counts up, and the finish screen says
/// how long each leg held.
#[test]
fn hold_counting_up_and_finish_with_the_time_held_in_both_languages() {
    for (lang, name) in [(Lang::En, ""), (Lang::Ru, "ru_")] {
        let mut app = stretch_session(lang);
        // The pain questions after the pushes and each hold are answered
        // at once (Enter: no score was given before, so none is logged).
        coach::tick_answering(&mut app, at(0), at(1870));
        snap(&format!("{name}session_hold_counting_up"), &app);
        // Enter lets go at 1:12 on the left; the right leg holds 0:43.
        press(&mut app, &[Action::Confirm], at(1870));
        coach::answer_pain(&mut app, at(1870));
        coach::tick_answering(&mut app, at(1870), at(2400));
        press(&mut app, &[Action::TogglePause], at(2400));
        coach::answer_pain(&mut app, at(2400));
        coach::tick_answering(&mut app, at(2400), at(20_000));
        snap(&format!("{name}finish_with_time_held"), &app);
    }
}

/// The built-in exercise routine for a patient whose `affected` leg it
/// is, run until `want` holds for the current phase (checked every 0.1 s).
fn stretch_until(
    lang: Lang,
    affected: Side,
    want: impl Fn(&limber::core::plan::Phase, &str) -> bool,
) -> App {
    let mut app = app(lang, true);
    let start = Start {
        routine: "piriformis-stretch".to_string(),
        side: Some(affected),
        variant: None,
        pain: Some(3),
        pain_after: None,
        note: None,
    };
    app.start(&start, Mono::ZERO);
    for t in 0..100_000 {
        if let Screen::Session(r) = app.screen()
            && let Some((_, p)) = r.session().current()
            && want(p, &r.plan().steps()[p.step].id)
        {
            // A second into the phase, so the clock is not at its edge.
            app.tick(at(t + 10));
            return app;
        }
        app.tick(at(t + 1));
        coach::answer_pain(&mut app, at(t + 1));
    }
    panic!("the phase never came");
}

const POSE_SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];

fn snap_pose(name: &str, app: &App) {
    for size in POSE_SIZES {
        let screen = draw(app, size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), screen);
    }
}

/// The knee-across hold with its picture beside or under the digits, on
/// the left leg and mirrored on the right, in both languages.
#[test]
fn session_shows_the_pose_mirrored_for_the_right_leg() {
    use limber::core::plan::PhaseKind;
    for lang in Lang::ALL {
        for side in [Side::Left, Side::Right] {
            let app = stretch_until(lang, Side::Left, |p, step| {
                step == "knee-across" && p.kind == PhaseKind::Hold && p.side == Some(side)
            });
            let name = format!("{}_pose_knee_across_{side:?}", lang.code()).to_lowercase();
            snap_pose(&name, &app);
        }
    }
}

/// Push and Relax have different pictures: the screen changes with the
/// beat, and only with it.
#[test]
fn session_switches_to_the_beats_pose() {
    use limber::core::plan::PhaseKind;
    let push = stretch_until(Lang::En, Side::Left, |p, step| {
        step == "knee-pushes"
            && matches!(p.kind, PhaseKind::Beat { .. })
            && p.beat.is_some_and(|b| b.n == 1)
    });
    let relax = stretch_until(Lang::En, Side::Left, |p, step| {
        step == "knee-pushes"
            && matches!(p.kind, PhaseKind::Beat { .. })
            && p.beat.is_some_and(|b| b.n == 2)
    });
    let braille = |screen: &str| -> String {
        screen
            .chars()
            .filter(|c| ('\u{2801}'..='\u{28ff}').contains(c))
            .collect()
    };
    let (a, b) = (draw(&push, (120, 40)), draw(&relax, (120, 40)));
    assert!(!braille(&a).is_empty(), "no picture:\n{a}");
    assert_ne!(braille(&a), braille(&b), "Push and Relax look the same");
    insta::assert_snapshot!("en_pose_knee_pushes_relax_120x40", b);
}

/// The step's cues belong to its working beats: "Push hard with the
/// working knee" is on screen while a knee pushes, gone during Relax, and
/// the second cue takes its turn in the next rep; in both languages.
#[test]
fn cues_belong_to_their_beat() {
    use limber::core::plan::PhaseKind;
    for (lang, first, second) in [
        (
            Lang::En,
            "Push hard with the working knee",
            "Breathe out as you push",
        ),
        (
            Lang::Ru,
            "Сильно давите рабочим коленом",
            "Давите на выдохе",
        ),
    ] {
        let at = |beat: u32, rep: u32| {
            let app = stretch_until(lang, Side::Left, |p, step| {
                step == "knee-pushes"
                    && matches!(p.kind, PhaseKind::Beat { .. })
                    && p.beat.is_some_and(|b| b.n == beat)
                    && p.rep.is_some_and(|r| r.n == rep)
            });
            draw(&app, (120, 40))
        };
        let push = at(1, 1);
        assert!(
            push.contains(first),
            "{lang:?}: no cue while pushing:\n{push}"
        );
        let relax = at(2, 1);
        assert!(
            !relax.contains(first) && !relax.contains(second),
            "{lang:?}: a push cue during Relax:\n{relax}"
        );
        let next = at(3, 2);
        assert!(
            next.contains(second),
            "{lang:?}: the second cue never comes:\n{next}"
        );
    }
}

/// A journal on a fresh log in `dir`, its check passed, so each save
/// writes at once.
fn journal_in(dir: &Path) -> limber::shell::journal::Journal {
    let mut journal = limber::shell::journal::Journal::new(Some(dir));
    journal.start_check();
    assert!(journal.wait_checked(), "a fresh log passes its check");
    journal
}

/// The sessions in the log of `journal`.
fn logged(
    journal: &limber::shell::journal::Journal,
) -> Vec<limber::core::progress::SessionSummary> {
    let history = journal.history().expect("the log is open");
    history.sessions(None, None).expect("the log reads")
}

/// The session's runner holds its events until the coach saves after the
/// frame: the finish screen comes first, then the end is written. The
/// pain score given on the finish screen is written once, after that
/// screen has closed.
#[test]
fn the_finish_is_shown_before_its_end_is_written_and_its_feedback_outlives_it() {
    use limber::core::progress::SessionOutcome;
    use limber::core::record::StopReason;
    let dir = tempfile::tempdir().unwrap();
    let mut journal = journal_in(dir.path());
    let mut app = short_session();
    app.tick(at(45));
    press(&mut app, &[Action::Stop, Action::StopPain], at(45));
    assert_eq!(app.ctx(), Ctx::Finish);
    assert!(logged(&journal).is_empty(), "written before the frame");
    assert!(app.save(&mut journal), "the end changes home's figures");
    let sessions = logged(&journal);
    assert_eq!(sessions.len(), 1);
    assert_eq!(
        sessions[0].outcome,
        SessionOutcome::Stopped(StopReason::Pain)
    );
    assert_eq!(sessions[0].pain_before, Some(3));
    assert_eq!(sessions[0].pain_after, None);

    press(&mut app, &[Action::Pain(7), Action::Confirm], at(46));
    assert_eq!(app.ctx(), Ctx::Home);
    assert_eq!(
        logged(&journal)[0].pain_after,
        None,
        "written before the frame"
    );
    assert!(
        app.save(&mut journal),
        "the feedback of a closed finish screen"
    );
    assert_eq!(logged(&journal)[0].pain_after, Some(7));
    assert!(!app.save(&mut journal), "nothing is written twice");
}

/// Ctrl-C and the signals that end the coach go through the session's
/// runner: Ctrl-C stops the session (kept, "other"), TERM, QUIT and HUP
/// abandon it; the finish screen gets the outcome, the coach quits with
/// the signal's exit code, and the first signal is the one it exits with.
#[test]
fn a_signal_ends_the_session_through_its_runner_and_sets_the_exit() {
    use limber::core::record::{Outcome, StopReason};
    use limber::shell::exit::Exit;
    use limber::shell::input::Sig;
    use limber::tui::screen::Out;
    let outcome = |app: &App| match app.screen() {
        Screen::Finish(f) => f.results.outcome,
        _ => panic!("not on the finish screen"),
    };
    let mut app = short_session();
    app.tick(at(45));
    // Stop and continue are the terminal's: the session runs on.
    for sig in [Sig::Stop, Sig::Continue] {
        assert_eq!(app.signal(sig, at(45)), [], "{sig:?}");
        assert_eq!(app.ctx(), Ctx::Session, "{sig:?}");
    }
    let outs = app.update(Action::Interrupt, at(45));
    assert_eq!(outs.last(), Some(&Out::Quit));
    assert_eq!(outcome(&app), Some(Outcome::Stopped(StopReason::Other)));
    assert_eq!(app.exit(), Some(Exit::Interrupted));
    // After the end a signal ends no session again, and the exit stays.
    app.signal(Sig::Terminate, at(46));
    assert_eq!(outcome(&app), Some(Outcome::Stopped(StopReason::Other)));
    assert_eq!(app.exit(), Some(Exit::Interrupted));

    for (sig, exit) in [
        (Sig::Terminate, Exit::Terminated),
        (Sig::Quit, Exit::Quit),
        (Sig::Hangup, Exit::HungUp),
    ] {
        let mut app = short_session();
        app.tick(at(45));
        // Behind the quit question as well: the signal does not wait.
        press(&mut app, &[Action::Quit], at(45));
        let outs = app.signal(sig, at(45));
        assert_eq!(outs.last(), Some(&Out::Quit), "{sig:?}");
        assert_eq!(outcome(&app), Some(Outcome::Abandoned), "{sig:?}");
        assert_eq!(app.exit(), Some(exit));
        assert_eq!(app.overlay(), None, "{sig:?}: the question went with it");
    }
}

/// Yes to "quit?" abandons the session and leaves the coach with it; a
/// stop keeps the coach open on the finish screen, for pain after.
#[test]
fn yes_to_quit_leaves_the_coach_and_a_stop_stays_for_the_finish() {
    use limber::core::record::Outcome;
    use limber::tui::screen::Out;
    let mut app = short_session();
    app.tick(at(45));
    press(&mut app, &[Action::Quit], at(45));
    let outs = app.update(Action::Yes, at(45));
    assert!(outs.contains(&Out::Quit), "{outs:?}");
    match app.screen() {
        Screen::Finish(f) => assert_eq!(f.results.outcome, Some(Outcome::Abandoned)),
        _ => panic!("not on the finish screen"),
    }
    assert_eq!(app.exit(), None, "no signal ended it");

    let mut app = short_session();
    app.tick(at(45));
    press(&mut app, &[Action::Stop], at(45));
    let outs = app.update(Action::StopOther, at(45));
    assert!(!outs.contains(&Out::Quit), "{outs:?}");
    assert_eq!(app.ctx(), Ctx::Finish);
}

/// The session header's first line at 80x24, trailing spaces cut.
fn header(app: &App) -> String {
    let screen = draw(app, (80, 24));
    let first = screen.lines().next().unwrap_or_default();
    first.trim_matches('"').trim_end().to_string()
}

/// The header names the step as a step ("step 2 of 5"), so it is not read
/// as a rep count; a hold of one rep has no rep counter, a step of five
/// counts its reps. Both languages.
#[test]
fn the_header_names_step_and_rep_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Ru, "ru")] {
        let mut app = stretch_session(lang);
        app.tick(at(100));
        let many = header(&app);
        coach::tick_answering(&mut app, at(100), at(1870));
        let one = header(&app);
        assert!(!one.contains(" 1 "), "{one}");
        insta::assert_snapshot!(format!("header_{name}"), format!("{many}\n{one}"));
    }
}

/// The knee pushes ask for pain (`ask_pain`): at 90 s they end and the
/// session pauses on the question, which names the step and what Enter
/// keeps (the pain before, 3); the footer has the keys. A 7 is more than
/// the pain-monitoring model accepts: the session stays paused and says
/// so. Both languages, 80x24 and 120x40.
#[test]
fn the_pain_question_after_a_step_and_too_much_pain_in_both_languages() {
    for (lang, name) in [(Lang::En, "en"), (Lang::Ru, "ru")] {
        let mut app = app(lang, true);
        let start = Start {
            routine: "piriformis-stretch".to_string(),
            side: Some(Side::Right),
            variant: None,
            pain: Some(3),
            pain_after: None,
            note: None,
        };
        app.start(&start, Mono::ZERO);
        app.tick(at(900));
        assert_eq!(app.ctx(), Ctx::StepPain, "{lang:?}");
        // The clock stands still behind the question.
        app.tick(at(1500));
        for size in [(80, 24), (120, 40)] {
            let screen = draw(&app, size);
            insta::assert_snapshot!(
                format!("{name}_pain_question_{}x{}", size.0, size.1),
                screen
            );
        }
        app.update(Action::Pain(7), at(1500));
        assert_eq!(app.ctx(), Ctx::Session);
        for size in [(80, 24), (120, 40)] {
            let screen = draw(&app, size);
            insta::assert_snapshot!(
                format!("{name}_pain_too_much_{}x{}", size.0, size.1),
                screen
            );
        }
    }
}
