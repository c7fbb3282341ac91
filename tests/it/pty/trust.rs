//! A session a patient in pain can stop in any keyboard layout, questions
//! that hold the clock, and nothing entered lost (the real binary).

use std::time::{Duration, Instant};

use crate::common::pty::{Env, Pty, events, outcome, the_end};

#[test]
fn in_a_russian_layout_ы_opens_the_stop_question_and_з_records_pain() {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(
        &env,
        &["--lang", "ru", "run", "pty-long", "--pain", "2"],
        100,
        30,
    );
    t.wait_text("Sit still · шаг 1 из 2");
    let footer = t.wait_text("s/ы");
    assert!(footer.contains("n/т"), "{footer}");
    t.send_str("ы");
    let question = t.wait_text("Почему вы останавливаетесь?");
    assert!(question.contains("p (з)"), "{question}");
    t.send_str("з");
    t.wait_text("Боль сейчас (0-10)");
    t.send_str("q");
    assert!(t.wait_exit().success());
    t.assert_terminal_restored();
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "stopped");
    assert_eq!(end["outcome"]["reason"], "pain", "{end}");
}

/// Every question (and help) pauses the session while it is open, and only
/// closing it lets the clock run again: the log's active time leaves out
/// the time the questions were open.
#[test]
fn the_countdown_stands_still_while_each_question_is_open() {
    const OPEN: Duration = Duration::from_millis(1500);
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 100, 30);
    t.wait_text("Sit still · step 1 of 2");
    let began = Instant::now();
    let questions = [
        ("?", "Keys", "\x1b"),
        ("s", "Why are you stopping?", "\x1b"),
        ("q", "Leave this session?", "n"),
        // Caps Lock: S still opens the stop question.
        ("S", "Why are you stopping?", "\x1b"),
    ];
    for (open, shown, close) in questions {
        t.send_str(open);
        let screen = t.wait_text(shown);
        assert!(screen.contains("PAUSED"), "{screen}");
        std::thread::sleep(OPEN);
        t.send_str(close);
        t.wait_gone(shown);
        // Closed: the session runs again, as it did before.
        t.wait_gone("PAUSED");
    }
    t.send_str("q");
    t.wait_text("Leave this session?");
    t.send_str("y");
    t.wait_exit();
    let elapsed = began.elapsed();
    let log = env.history();
    let end = the_end(&log);
    assert_eq!(outcome(end), "abandoned");
    let paused = Duration::from_millis(end["paused_ms"].as_u64().unwrap());
    let active = Duration::from_millis(end["active_ms"].as_u64().unwrap());
    assert!(paused >= OPEN * 4, "paused {paused:?}: {end}");
    assert!(
        active + OPEN * 4 <= elapsed,
        "active {active:?} counts time a question was open (ran {elapsed:?}): {end}"
    );
}

#[test]
fn q_on_the_finish_screen_keeps_the_pain_score_and_h_shows_it_at_once() {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 100, 30);
    t.wait_text("Sit still · step 1 of 2");
    t.send_str("s");
    t.wait_text("Why are you stopping?");
    t.send_str("o");
    t.wait_text("Pain now (0-10)");
    t.send_str("7");
    t.send_str("\t");
    t.send_str("stiff today");
    t.send_str("\r");
    // Enter saves and goes home; the history screen shows what was saved.
    t.send_str("\r");
    t.wait_text("Routines");
    t.send(b"\x1b[B\x1b[B");
    t.send_str("h");
    // At once, without a restart: the pain after and the note.
    let history = t.wait_text("stiff today");
    assert!(history.contains("PTY long"), "{history}");
    t.send(b"\x1b");
    t.wait_text("Routines");
    let log = env.history();
    let feedback = events(&log, "feedback");
    assert_eq!(feedback.len(), 1, "{log:?}");
    assert_eq!(feedback[0]["pain_after"], 7);
    t.send_str("q");
    assert!(t.wait_exit().success());

    // Now leave the finish screen with q, with a pain score typed in.
    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "2"], 100, 30);
    t.wait_text("Sit still · step 1 of 2");
    t.send_str("s");
    t.wait_text("Why are you stopping?");
    t.send_str("p");
    t.wait_text("Pain now (0-10)");
    t.send_str("4");
    t.send_str("q");
    assert!(t.wait_exit().success());
    let log = env.history();
    let feedback = events(&log, "feedback");
    assert_eq!(feedback.len(), 2, "{log:?}");
    assert_eq!(feedback[1]["pain_after"], 4, "q kept the score on screen");
}

/// `limber run` without `--pain` opens the setup screen: the pain now,
/// what is needed; a digit and Enter start the session, and the score is
/// in the log.
#[test]
fn a_direct_start_asks_the_pain_first_unless_it_is_given() {
    let env = Env::new(&["pty-long"]);
    env.acknowledge_safety();
    env.checked_in_today();
    let mut t = Pty::spawn(&env, &["run", "pty-long"], 100, 30);
    let setup = t.wait_text("Pain now (0-10)");
    assert!(!setup.contains("Sit still · step 1 of 2"), "{setup}");
    t.send_str("6");
    t.send_str("\r");
    t.wait_text("Sit still · step 1 of 2");
    t.send(b"\x03");
    assert_eq!(t.wait_exit().exit_code(), 130);
    let log = env.history();
    let started = events(&log, "session_started");
    assert_eq!(started[0]["pain_before"], 6, "{log:?}");

    let mut t = Pty::spawn(&env, &["run", "pty-long", "--pain", "4"], 100, 30);
    t.wait_text("Sit still · step 1 of 2");
    t.send(b"\x03");
    t.wait_exit();
    let log = env.history();
    let started = events(&log, "session_started");
    assert_eq!(started[1]["pain_before"], 4, "{log:?}");
}

/// Twelve completed massages on the four days before today: the course is
/// over and its 30-day pause runs.
fn a_finished_massage_course(env: &Env) {
    use chrono::{Duration as Days, Local, TimeZone};
    use limber::store::history::History;
    use limber::store::history::sample::{Spec, routine_ref};
    let massage = routine_ref("piriformis-massage", 1);
    let today = Local::now().date_naive();
    let mut lines = Vec::new();
    // The massage course counts days with a session: twelve days, with
    // one session on the first eleven and two on the last, then a day
    // without one, which ends the course (yesterday).
    for day in 2..=13 {
        let hours: &[u32] = if day == 2 { &[9, 13] } else { &[9] };
        for &hour in hours {
            let date = today - Days::days(day);
            let at = Local
                .from_local_datetime(&date.and_hms_opt(hour, 0, 0).unwrap())
                .earliest()
                .unwrap()
                .fixed_offset();
            lines.extend(Spec::new(&massage, &format!("c{day}-{hour}"), at).lines());
        }
    }
    let opened = History::open(&env.data()).unwrap();
    opened.history.import(&lines).unwrap();
}

#[test]
fn a_massage_in_the_course_pause_says_it_will_not_count_and_asks() {
    let env = Env::new(&[]);
    env.acknowledge_safety();
    env.checked_in_today();
    a_finished_massage_course(&env);
    let mut t = Pty::spawn(&env, &["run", "piriformis-massage", "--pain", "2"], 100, 30);
    t.wait_text("The course is over");
    t.send_str("n");
    t.wait_gone("The course is over");
    let setup = t.wait_text("Pain now (0-10)");
    assert!(!setup.contains("Get ready"), "no session began: {setup}");
    t.send_str("\r");
    t.wait_text("The course is over");
    t.send_str("y");
    t.wait_text("Get ready");
    t.send(b"\x03");
    t.wait_exit();
    let log = env.history();
    let started = events(&log, "session_started");
    assert_eq!(started.len(), 14, "one session more than the course");

    // Plain mode from a script says it too, and goes on.
    let mut child = env
        .command(&["run", "piriformis-massage", "--plain", "--pain", "1"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    let mut seen = Vec::new();
    let said = loop {
        match rx.recv_timeout(Duration::from_secs(10)) {
            Ok(line) if line.contains("The course is over: the next one may start from") => {
                break true;
            }
            Ok(line) => seen.push(line),
            Err(_) => break false,
        }
    };
    let going_on = rx.recv_timeout(Duration::from_secs(10)).is_ok();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(said, "{seen:?}");
    assert!(going_on, "the session goes on after the notice");
}

/// A log that refuses every write (on a full disk): the session still ends on its finish screen, the failure is on
/// that screen in words, and at exit the session is in a rescue file.
#[cfg(target_os = "linux")]
#[test]
fn a_log_that_refuses_the_session_says_so_on_the_finish_screen() {
    let env = Env::new(&["pty-quick"]);
    env.acknowledge_safety();
    let settings = std::fs::read(env.data().join("settings.json")).unwrap();
    let disk = crate::common::faults::FullDisk::mount(&env.data(), 0o700);
    std::fs::write(env.data().join("settings.json"), settings).unwrap();
    disk.fill();
    let mut t = Pty::spawn(&env, &["run", "pty-quick", "--pain", "2"], 100, 30);
    t.wait_all(&["Session complete", "Could not write to the log"]);
    t.send_str("q");
    t.wait_exit();
    let rescued: Vec<_> = std::fs::read_dir(env.state())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|name| name.starts_with("limber-unsaved-"))
        .collect();
    assert_eq!(rescued.len(), 1, "{rescued:?}");
}
