//! `limber routines`: what limber loads, how long it takes, when, from where.

use crate::cli::error::Error;
use crate::shell::exit::Exit;
use std::io::{self, Write};

use super::table::{Column, render};

use crate::core::plan;
use crate::core::routine::{CourseCount, Routine};
use crate::core::sanitize::visible;
use crate::i18n::durations;
use crate::i18n::{CliStrings, Lang, Strings, fill};
use crate::store::routines::{Library, Origin};

/// "4x a day, 4 h apart, course of 12 then 30 days off" / "4 раза в день,
/// интервал 4 ч; курс — 12 сеансов, затем перерыв 30 дней".
fn schedule(r: &Routine, s: &CliStrings, lang: Lang) -> String {
    let mut per_day = s
        .routines_per_day
        .of(lang, u64::from(r.schedule.times_per_day));
    if let Some(interval) = r.schedule.interval {
        let time = crate::i18n::durations::words(
            interval.0,
            &crate::i18n::Strings::load(lang),
            &crate::i18n::Formats::load(lang),
        );
        per_day.push_str(", ");
        per_day.push_str(&fill(&s.routines_interval, &[("time", &time)]));
    }
    match &r.schedule.course {
        None => per_day,
        Some(c) => {
            let course = fill(
                &s.routines_course,
                &[
                    (
                        "sessions",
                        &match c.count {
                            CourseCount::Sessions => {
                                s.routines_course_sessions.of(lang, u64::from(c.sessions))
                            }
                            CourseCount::Days => crate::i18n::clinic::clinic(lang)
                                .course_days_with
                                .count(lang, u64::from(c.sessions)),
                        },
                    ),
                    (
                        "days",
                        &s.routines_course_days.of(lang, u64::from(c.pause_days)),
                    ),
                ],
            );
            fill(
                &s.routines_schedule,
                &[("per_day", &per_day), ("course", &course)],
            )
        }
    }
}

/// One row per routine; broken files after, with their first problem.
pub fn run(ctx: &mut crate::cli::context::Context) -> Result<Exit, Error> {
    let width = ctx.out.width();
    list(
        ctx.library.get(),
        ctx.lang,
        width,
        &mut ctx.out,
        &mut ctx.err,
    )?;
    Ok(Exit::Done)
}

/// How each column gives way on a narrow terminal: the schedule, title,
/// source and id are clipped; then the title goes (the id names the
/// routine too), then the source.
const COLUMNS: [Column; 5] = [
    Column::clip(16),
    Column::clip(12).then_drop(1),
    Column::FIXED,
    Column::clip(24),
    Column::clip(10).then_drop(2),
];

fn list(
    library: &Library,
    lang: Lang,
    width: Option<usize>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<()> {
    let s = CliStrings::load(lang);
    let ui = Strings::load(lang);
    let rows: Vec<Vec<String>> = library
        .routines
        .iter()
        .map(|l| {
            let r = &l.routine;
            let length = durations::length(plan::length(r, None), &ui);
            let mut id = r.id.clone();
            if !r.variants.is_empty() {
                let names: Vec<&str> = r.variants.iter().map(|v| v.id.as_str()).collect();
                id.push_str(&format!(" [{}]", names.join(", ")));
            }
            let source = match &l.origin {
                Origin::BuiltIn => s.routines_builtin.clone(),
                Origin::File(path) => path.display().to_string(),
            };
            // Titles, ids and paths come from files: shown, never obeyed.
            vec![
                visible(&id).into_owned(),
                visible(&r.title).into_owned(),
                length,
                schedule(r, &s, lang),
                visible(&source).into_owned(),
            ]
        })
        .collect();
    let header = s.routines_header.each_ref().map(String::as_str);
    // Columns by the width the terminal gives each character: a wide one
    // (CJK, emoji) takes two cells, a combining accent none.
    out.write_all(render(&header, &rows, &COLUMNS, width).as_bytes())?;
    for broken in &library.broken {
        let path = broken.path.display().to_string();
        for d in &broken.diagnostics {
            let problem = d.headline(&path);
            writeln!(err, "{}", fill(&s.not_loaded, &[("problem", &problem)]))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::parse::parse_routine;
    use crate::store::routines::{BUILTIN, Loaded};
    use std::time::Duration;
    use unicode_width::UnicodeWidthStr;

    fn library(titles: &[&str]) -> Library {
        let text = BUILTIN[0].2;
        let routine = parse_routine(text.as_bytes()).unwrap();
        let routines = titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let mut r = routine.clone();
                r.id = format!("r{i}");
                r.title = title.to_string();
                Loaded::new(r, Origin::BuiltIn)
            })
            .collect();
        Library {
            routines,
            broken: Vec::new(),
        }
    }

    fn listing(library: &Library, lang: Lang) -> String {
        let mut out = Vec::new();
        list(library, lang, None, &mut out, &mut Vec::new()).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The display column at which `needle` starts in `line`.
    fn column(line: &str, needle: &str) -> usize {
        let at = line
            .find(needle)
            .unwrap_or_else(|| panic!("no {needle:?} in {line:?}"));
        line[..at].width()
    }

    #[test]
    fn wide_and_combining_characters_keep_the_columns_aligned() {
        let titles = [
            "Plain",
            "体操とストレッチ",    // wide: two cells each
            "Cafe\u{301} stretch", // "Café" with a combining accent
            "🧘 Yoga e\u{308}",    // an emoji and "ë" decomposed
        ];
        let text = listing(&library(&titles), Lang::En);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + titles.len(), "{text}");
        let length = column(lines[0], "LENGTH");
        let schedule = column(lines[0], "SCHEDULE");
        let source = column(lines[0], "SOURCE");
        // The widest title, 16 cells, sets the column: the header's TITLE
        // plus 16 and two spaces.
        assert_eq!(length, column(lines[0], "TITLE") + 16 + 2, "{text}");
        for line in &lines[1..] {
            assert_eq!(column(line, "8:20"), length, "{text}");
            assert_eq!(column(line, "3x a day"), schedule, "{text}");
            assert_eq!(column(line, "built-in"), source, "{text}");
        }
    }

    #[test]
    fn russian_listing_counts_in_russian() {
        let library = crate::store::routines::load_library(crate::core::lang::Lang::Ru, None);
        let text = listing(&library, Lang::Ru);
        let header = text.lines().next().unwrap();
        assert!(header.starts_with("ID [ВАРИАНТЫ]"), "{header}");
        assert!(header.ends_with("ИСТОЧНИК"), "{header}");
        let massage = text
            .lines()
            .find(|l| l.starts_with("piriformis-massage"))
            .unwrap();
        assert!(
            massage.contains(
                "2 раза в день, интервал 4 ч; курс — не меньше 12 дней с сеансом, затем перерыв 30 дней"
            ),
            "{massage}"
        );
        assert!(massage.ends_with("встроенная"), "{massage}");
    }

    #[test]
    fn schedules_agree_with_their_numbers() {
        let mut r = parse_routine(BUILTIN[1].2.as_bytes()).unwrap();
        let (en, ru) = (CliStrings::load(Lang::En), CliStrings::load(Lang::Ru));
        assert_eq!(
            schedule(&r, &en, Lang::En),
            "2x a day, 4 h apart, course of at least 12 days with a session then 30 days off"
        );
        // The advised gap, when a routine gives one, in the same words.
        r.schedule.interval = Some(crate::core::duration::Dur(Duration::from_secs(90 * 60)));
        assert_eq!(
            schedule(&r, &ru, Lang::Ru),
            "2 раза в день, интервал 1 ч 30 мин; курс — не меньше 12 дней с сеансом, затем перерыв 30 дней"
        );
        r.schedule.interval = None;
        r.schedule.times_per_day = 1;
        let course = r.schedule.course.as_mut().unwrap();
        course.count = CourseCount::Sessions;
        course.sessions = 21;
        course.pause_days = 2;
        assert_eq!(
            schedule(&r, &en, Lang::En),
            "1x a day, course of at least 21 then 2 days off"
        );
        assert_eq!(
            schedule(&r, &ru, Lang::Ru),
            "1 раз в день; курс — не меньше 21 сеанса, затем перерыв 2 дня"
        );
    }
}
