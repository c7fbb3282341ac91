//! Content rules of the second clinical review (issue 22,
//! CLINICAL-NOTES.md sections 1 and 4): what the patient reads alone on the
//! mat is safe. They check words, so they name the words each language
//! uses; a rewording that keeps the meaning may need a word added here.

use limber::core::parse::parse_routine;
use limber::core::routine::{Kind, Routine};
use limber::i18n::{ClinicStrings, Lang, Strings};
use limber::store::routines::BUILTIN;

use crate::common::texts::{all_steps, patient_texts, step_texts};

/// Every built-in routine, parsed, with its language.
fn routines() -> Vec<(Lang, String, Routine)> {
    BUILTIN
        .iter()
        .map(|&(code, name, text)| {
            let lang = match code {
                "en" => Lang::En,
                "ru" => Lang::Ru,
                other => panic!("no language {other}"),
            };
            let routine = parse_routine(text.as_bytes())
                .unwrap_or_else(|_| panic!("built-in {code}/{name} is invalid"));
            (lang, format!("{code}/{name}"), routine)
        })
        .collect()
}

#[test]
fn every_builtin_routine_has_pain_rules_that_propose_a_gentle_variant() {
    // W1: the exercises push hard and hold at the end of the range; pain
    // high before must propose something, a rise after must be flagged.
    for (_, label, r) in routines() {
        let pain = r
            .pain
            .clone()
            .unwrap_or_else(|| panic!("{label}: no pain rules"));
        assert_eq!(pain.propose_at, Some(6), "{label}");
        assert_eq!(pain.report_rise, Some(2), "{label}");
        let variant = pain
            .variant
            .unwrap_or_else(|| panic!("{label}: no variant"));
        assert!(
            r.variants.iter().any(|v| v.id == variant),
            "{label}: proposes `{variant}`, which it does not have"
        );
    }
}

#[test]
fn the_gentle_exercises_hold_without_count_up_and_push_lightly() {
    for (lang, label, r) in routines()
        .into_iter()
        .filter(|(.., r)| r.id == "piriformis-stretch")
    {
        let gentle = r
            .variants
            .iter()
            .find(|v| v.id == "gentle")
            .unwrap_or_else(|| panic!("{label}: no gentle variant"));
        let ids: Vec<&str> = gentle.steps.iter().map(|s| s.id.as_str()).collect();
        let main: Vec<&str> = r.steps.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, main, "{label}: the same exercises in the same order");
        for step in &gentle.steps {
            if let Kind::Hold {
                duration, up_to, ..
            } = &step.kind
            {
                assert_eq!(duration.0.as_secs(), 30, "{label}: {}", step.id);
                assert!(up_to.is_none(), "{label}: {} counts up", step.id);
            }
        }
        let (third, slack) = match lang {
            Lang::En => ("a third", "slack"),
            Lang::Ru => ("в треть силы", "провисала"),
        };
        let text = |id: &str| -> String {
            let s = gentle.steps.iter().find(|s| s.id == id).expect(id);
            step_texts(s).join("\n").to_lowercase()
        };
        assert!(text("knee-pushes").contains(third), "{label}");
        let band = gentle
            .steps
            .iter()
            .find(|s| s.id == "band-abduction")
            .expect("band");
        assert!(band.optional, "{label}: the band step can be left out");
        assert!(text("band-abduction").contains(slack), "{label}");
    }
}

/// How each language names the nerve sign: the symptom, and what to do.
fn nerve_words(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::En => ["shoot", "tingl", "move"],
        Lang::Ru => ["прострел", "покалыв", "смест"],
    }
}

#[test]
fn every_massage_step_that_presses_has_the_nerve_sign() {
    // U1: the thumb and the ball press over the sciatic nerve. Steps that
    // press are the ones whose picture shows the thumb or the ball on the
    // muscle, except the light finishing strokes.
    let pressing = [
        "massage-thumb",
        "massage-knots",
        "massage-bent-leg",
        "tennis-ball",
    ];
    let mut checked = 0;
    for (lang, label, r) in routines()
        .into_iter()
        .filter(|(.., r)| r.id == "piriformis-massage")
    {
        let light = match lang {
            Lang::En => "light strokes",
            Lang::Ru => "лёгкими поглаживаниями",
        };
        for step in all_steps(&r) {
            let text = step_texts(step).join("\n").to_lowercase();
            if !pressing.contains(&step.pose.as_deref().unwrap_or("")) || text.contains(light) {
                continue;
            }
            checked += 1;
            for word in nerve_words(lang) {
                assert!(
                    text.contains(word),
                    "{label}: step `{}` presses but has no nerve sign (`{word}`):\n{text}",
                    step.id
                );
            }
        }
        let safety = r.safety.join("\n").to_lowercase();
        for word in nerve_words(lang) {
            assert!(safety.contains(word), "{label}: no nerve sign in safety");
        }
    }
    // knots, warm-up, bent leg, circles, ball position and rolling, twice.
    assert_eq!(checked, 12);
}

/// Fails unless `notes` hold the urgent red flags, worded as same day or
/// emergency, in one note.
fn assert_urgent_flags(lang: Lang, label: &str, notes: &[String]) {
    let words: &[&str] = match lang {
        Lang::En => &[
            "urgent",
            "same day",
            "ambulance",
            "bladder",
            "bowels",
            "numbness between the legs",
            "quickly worsening weakness",
            "fever with back pain",
        ],
        Lang::Ru => &[
            "срочно",
            "в тот же день",
            "скорая",
            "мочеиспускания",
            "стула",
            "онемени",
            "промежност",
            "быстро нарастающ",
            "температуры вместе с болью в спине",
        ],
    };
    let note = notes
        .iter()
        .map(|n| n.to_lowercase())
        .find(|n| n.contains(words[0]))
        .unwrap_or_else(|| panic!("{label}: no urgent note: {notes:#?}"));
    for w in words {
        assert!(
            note.contains(w),
            "{label}: the urgent note lacks `{w}`: {note}"
        );
    }
}

#[test]
fn the_urgent_red_flags_are_in_every_safety_list_the_care_screen_and_the_notice() {
    // U4: shown before each session, on the self-care screen (and so in
    // the handout) and in the first-run notice.
    for (lang, label, r) in routines() {
        assert_urgent_flags(lang, &label, &r.safety);
    }
    for lang in [Lang::En, Lang::Ru] {
        let care = ClinicStrings::load(lang).care_doctor;
        assert_urgent_flags(lang, &format!("{lang:?} self-care"), &care);
        let notice = Strings::load(lang).safety_lines;
        assert_urgent_flags(lang, &format!("{lang:?} first-run notice"), &notice);
    }
}

#[test]
fn no_russian_text_says_lotus_or_physiotherapist() {
    // U3: the lotus loads the knee in torsion; W8: «физиотерапевт» is a
    // false friend (exercise is the «врач ЛФК»'s). Whole files, comments
    // too: a comment is where the next text is copied from.
    let mut files: Vec<(String, String)> = BUILTIN
        .iter()
        .filter(|b| b.0 == "ru")
        .map(|b| (format!("routines/ru/{}", b.1), b.2.to_string()))
        .collect();
    for (name, text) in [
        (
            "clinic.ron",
            include_str!("../../../assets/i18n/ru/clinic.ron"),
        ),
        ("ui.ron", include_str!("../../../assets/i18n/ru/ui.ron")),
        ("cli.ron", include_str!("../../../assets/i18n/ru/cli.ron")),
        (
            "history.ron",
            include_str!("../../../assets/i18n/ru/history.ron"),
        ),
        (
            "formats.ron",
            include_str!("../../../assets/i18n/ru/formats.ron"),
        ),
        (
            "template.ru.ron",
            include_str!("../../../assets/template.ru.ron"),
        ),
    ] {
        files.push((name.to_string(), text.to_string()));
    }
    for (name, text) in files {
        let t = text.to_lowercase();
        for word in ["лотос", "физиотерапевт"] {
            assert!(!t.contains(word), "{name} says `{word}`");
        }
    }
}

#[test]
fn no_english_patient_text_says_radiculitis() {
    // C5: not lay English; said as what the patient feels instead.
    let mut texts: Vec<(String, String)> = Vec::new();
    for (lang, label, r) in routines() {
        if lang == Lang::En {
            texts.extend(
                patient_texts(&r)
                    .into_iter()
                    .map(|t| (label.clone(), t.to_string())),
            );
        }
    }
    let care = ClinicStrings::load(Lang::En);
    for (_, notes) in care.care_sections() {
        texts.extend(notes.iter().map(|n| ("self-care".to_string(), n.clone())));
    }
    for n in Strings::load(Lang::En).safety_lines {
        texts.push(("first-run notice".into(), n));
    }
    for (label, t) in texts {
        assert!(!t.to_lowercase().contains("radiculitis"), "{label}: {t}");
    }
}

#[test]
fn cold_and_heat_come_with_a_dose_and_skin_precautions() {
    // U2 and W5: a dose, a cloth, not on numb or pale skin; and cold is
    // not advice for prevention, where the article says avoid chilling.
    for lang in [Lang::En, Lang::Ru] {
        let c = ClinicStrings::load(lang);
        let (dose, cloth, numb, cold) = match lang {
            Lang::En => (
                "10-15 minutes, at most 20",
                "through a cloth",
                "numb",
                "ice",
            ),
            Lang::Ru => ("10-15 минут, не больше 20", "через ткань", "онемела", "льд"),
        };
        let block = c.care_cold.join("\n").to_lowercase();
        for w in [dose, cloth, numb] {
            assert!(block.contains(w), "{lang:?}: no `{w}` in:\n{block}");
        }
        let prevention = c.care_prevention.join("\n").to_lowercase();
        assert!(!prevention.contains(cold), "{lang:?}: {prevention}");
    }
}

/// Every run of digits in `text`, in order.
fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_digit() {
            run.push(c);
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    out
}

/// Numbers a text writes as words, as digits, so that "Twenty minutes" and
/// «Двадцать минут» are compared too.
fn words_as_digits(text: &str) -> String {
    let mut t = text.to_lowercase();
    for (word, digit) in [
        ("twenty", "20"),
        ("двадцать", "20"),
        ("three days", "3 days"),
        ("трёх дней", "3 дней"),
        ("три дня", "3 дня"),
        ("twice a day", "2 a day"),
        ("два раза в день", "2 раза в день"),
        ("five", "5"),
        ("пять", "5"),
    ] {
        t = t.replace(word, digit);
    }
    t
}

#[test]
fn english_and_russian_texts_agree_on_every_number() {
    // The skeleton test in builtin.rs compares the numbers the engine
    // runs; this one compares the numbers the patient reads, text by text.
    let all = routines();
    let mut pairs: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    for (_, label, en) in all.iter().filter(|(lang, ..)| *lang == Lang::En) {
        let (_, _, ru) = all
            .iter()
            .find(|(lang, _, r)| *lang == Lang::Ru && r.id == en.id)
            .unwrap_or_else(|| panic!("no Russian {label}"));
        let own = |r: &Routine| patient_texts(r).into_iter().map(str::to_string).collect();
        pairs.push((label.clone(), own(en), own(ru)));
    }
    let (en, ru) = (ClinicStrings::load(Lang::En), ClinicStrings::load(Lang::Ru));
    for ((title, en), (_, ru)) in en.care_sections().into_iter().zip(ru.care_sections()) {
        pairs.push((format!("self-care `{title}`"), en.to_vec(), ru.to_vec()));
    }
    pairs.push((
        "first-run notice".into(),
        Strings::load(Lang::En).safety_lines,
        Strings::load(Lang::Ru).safety_lines,
    ));
    for (label, en, ru) in pairs {
        assert_eq!(en.len(), ru.len(), "{label}: not the same texts");
        for (e, r) in en.iter().zip(&ru) {
            assert_eq!(
                numbers(&words_as_digits(e)),
                numbers(&words_as_digits(r)),
                "{label}: en and ru disagree:\n{e}\n{r}"
            );
        }
    }
}

#[test]
fn the_massage_target_is_two_a_day_with_every_four_hours_as_the_ceiling() {
    // C6: "desirably every four hours" (000:213) is a ceiling, not 4 a day.
    for (lang, label, r) in routines()
        .into_iter()
        .filter(|(.., r)| r.id == "piriformis-massage")
    {
        assert_eq!(r.schedule.times_per_day, 2, "{label}");
        let interval = r.schedule.interval.expect("an interval").0.as_secs();
        assert_eq!(interval, 4 * 3600, "{label}");
        let ceiling = match lang {
            Lang::En => "at most every 4 hours",
            Lang::Ru => "не чаще чем каждые 4 часа",
        };
        assert!(
            r.description.contains(ceiling),
            "{label}: {}",
            r.description
        );
    }
}
