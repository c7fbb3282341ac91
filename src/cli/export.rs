//! `limber export`: a routine as a printable handout, in Markdown or HTML.
//!
//! The handout is built once as plain data ([`Handout`]) in the routine's
//! own language, then written out by [`markdown`] or [`html`], so both
//! formats always say the same thing.

use std::fmt::Write as _;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use clap::ValueEnum;

use super::context::Context;
use super::error::Error;
use super::suggest::{file_error, unknown_routine, unknown_variant};
use crate::core::lang::Lang;
use crate::core::plan::{Phase, PlanError, expand};
use crate::core::pose::{Catalog, HEIGHT, Ink, Shape};
use crate::core::routine::{CourseCount, Kind, Routine, Side, Sides, Step};
use crate::core::sanitize::visible_lines;
use crate::i18n::{CliStrings, ClinicStrings, Formats, Strings, durations, fill};
use crate::shell::exit::Exit;
use crate::store::routines::{load_file_with, poses_for_file};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown
    Md,
    /// One self-contained HTML page, ready to print
    Html,
}

impl Format {
    /// `--format`, else what the output file's extension says, else Markdown.
    pub fn choose(format: Option<Format>, output: Option<&Path>) -> Format {
        format.unwrap_or_else(|| {
            let ext = output
                .and_then(|p| p.extension())
                .map(|e| e.to_string_lossy().to_lowercase());
            match ext.as_deref() {
                Some("html" | "htm") => Format::Html,
                _ => Format::Md,
            }
        })
    }
}

/// A labelled value: "Total time: 14 min".
pub type Fact = (String, String);

/// Everything a handout says, in the routine's language.
#[derive(Clone, Debug, PartialEq)]
pub struct Handout {
    pub lang: Lang,
    pub title: String,
    /// The routine's description, then the variant's.
    pub description: Vec<String>,
    pub facts: Vec<Fact>,
    pub equipment_heading: String,
    pub equipment: Vec<String>,
    pub safety_heading: String,
    pub safety: Vec<String>,
    /// The self-care notes of both articles, one heading a section.
    pub care: Vec<(String, Vec<String>)>,
    pub steps_heading: String,
    pub steps: Vec<HandoutStep>,
    pub footer: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct HandoutStep {
    /// "1. Knee pushes".
    pub title: String,
    pub instructions: String,
    pub facts: Vec<Fact>,
    pub cues_label: String,
    pub cues: Vec<String>,
    pub pictures_label: String,
    /// The step's pose, then each beat's own, as drawn for the side.
    pub pictures: Vec<Picture>,
}

/// A pose as the handout draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub id: String,
    /// What it shows, in words, in the routine's language.
    pub title: String,
    pub shapes: Vec<Shape>,
}

/// The pictures of a step, each pose once: the step's, then its beats'.
fn pictures(step: &Step, side: Option<Side>, poses: &Catalog, lang: Lang) -> Vec<Picture> {
    let mut ids: Vec<&str> = step.pose.as_deref().into_iter().collect();
    if let Kind::Reps { tempo, .. } = &step.kind {
        ids.extend(tempo.iter().filter_map(|b| b.pose.as_deref()));
    }
    let mut out: Vec<Picture> = Vec::new();
    for id in ids {
        if out.iter().any(|p| p.id == id) {
            continue;
        }
        if let Some(pose) = poses.get(id) {
            out.push(Picture {
                id: id.to_string(),
                title: pose.title_in(lang.code()).to_string(),
                shapes: pose.shapes(side),
            });
        }
    }
    out
}

/// The language of a routine's texts.
fn lang_of(routine: &Routine) -> Lang {
    match routine.lang.as_str() {
        "ru" => Lang::Ru,
        _ => Lang::En,
    }
}

fn side_name(s: &Strings, side: Side) -> &str {
    match side {
        Side::Left => &s.side_left,
        Side::Right => &s.side_right,
        Side::Both => &s.side_both,
    }
}

/// Which legs a step is done on, in words; `None` for `Sides::None`.
fn sides_text(s: &Strings, sides: Sides, affected: Option<Side>) -> Option<String> {
    Some(match (sides, affected) {
        (Sides::None, _) => return None,
        (Sides::Each, _) => s.export_sides_each.clone(),
        (Sides::Affected | Sides::AffectedFirst, Some(Side::Both)) => s.export_sides_both.clone(),
        (Sides::Affected, None) => s.export_sides_affected.clone(),
        (Sides::AffectedFirst, None) => s.export_sides_affected_first.clone(),
        (Sides::Affected, Some(a)) => fill(&s.export_side_only, &[("side", side_name(s, a))]),
        (Sides::AffectedFirst, Some(a)) => fill(
            &s.export_side_then,
            &[
                ("first", side_name(s, a)),
                ("second", side_name(s, a.other())),
            ],
        ),
    })
}

/// What the clock does in a step: the label and the numbers.
fn kind_fact(s: &Strings, lang: Lang, kind: &Kind) -> Fact {
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, s, &f);
    let sets = |parts: &mut Vec<String>, sets: u32, set_rest: Duration| {
        if sets > 1 {
            parts.push(s.sets.count(lang, sets.into()));
            if !set_rest.is_zero() {
                parts.push(fill(&s.export_rest_between_sets, &[("time", &t(set_rest))]));
            }
        }
    };
    match kind {
        Kind::Timed { duration } => (s.phase_work.clone(), t(duration.0)),
        Kind::Manual => (s.export_timer.clone(), s.export_manual.clone()),
        Kind::Hold {
            duration,
            reps,
            rest,
            sets: n_sets,
            set_rest,
            up_to,
        } => {
            let mut parts = vec![match up_to {
                Some(up_to) => fill(
                    &s.export_hold_up_to,
                    &[("min", &t(duration.0)), ("max", &t(up_to.0))],
                ),
                None => t(duration.0),
            }];
            if *reps > 1 {
                parts.push(s.reps.count(lang, (*reps).into()));
                if !rest.is_zero() {
                    parts.push(fill(&s.export_rest_between_reps, &[("time", &t(rest.0))]));
                }
            }
            sets(&mut parts, *n_sets, set_rest.0);
            (s.phase_hold.clone(), parts.join(", "))
        }
        Kind::Reps {
            count,
            tempo,
            sets: n_sets,
            set_rest,
        } => {
            let beats: Vec<String> = tempo
                .iter()
                .map(|b| format!("{} {}", b.label, t(b.duration.0)))
                .collect();
            let mut parts = vec![format!(
                "{} ({})",
                s.reps.count(lang, (*count).into()),
                beats.join(", ")
            )];
            sets(&mut parts, *n_sets, set_rest.0);
            (s.export_reps.clone(), parts.join("; "))
        }
    }
}

/// The handout for `routine` (or one of its variants). With `affected`,
/// steps for the affected leg name the leg.
pub fn handout(
    routine: &Routine,
    variant: Option<&str>,
    affected: Option<Side>,
) -> Result<Handout, PlanError> {
    handout_with(routine, variant, affected, &crate::store::poses::builtin())
}

/// [`handout`] with the poses the routine may name.
pub fn handout_with(
    routine: &Routine,
    variant: Option<&str>,
    affected: Option<Side>,
    poses: &Catalog,
) -> Result<Handout, PlanError> {
    let lang = lang_of(routine);
    let s = Strings::load(lang);
    let plan = expand(routine, variant, affected.unwrap_or(Side::Left))?;
    let affected = affected.filter(|_| routine.sided);
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, &s, &f);

    let mut description = vec![routine.description.clone()];
    let mut facts = Vec::new();
    let total = t(plan.total());
    let manual = plan.steps().iter().any(|st| st.kind == Kind::Manual);
    facts.push((
        s.export_total.clone(),
        if manual {
            fill(&s.export_total_manual, &[("time", &total)])
        } else {
            total
        },
    ));
    let schedule = &routine.schedule;
    let mut when = s
        .times_a_day
        .count(lang, schedule.times_per_day.into())
        .to_string();
    if let Some(interval) = schedule.interval {
        when.push_str(", ");
        when.push_str(&fill(&s.export_interval, &[("time", &t(interval.0))]));
    }
    facts.push((s.export_schedule.clone(), when));
    let clinic = ClinicStrings::load(lang);
    if let Some(course) = &schedule.course {
        let (value, sessions) = match course.count {
            CourseCount::Sessions => (
                &s.export_course_value,
                s.sessions.count(lang, course.sessions.into()),
            ),
            CourseCount::Days => (
                &clinic.export_course_days,
                clinic.course_days_with.count(lang, course.sessions.into()),
            ),
        };
        facts.push((
            s.export_course.clone(),
            fill(
                value,
                &[
                    ("sessions", &sessions),
                    ("days", &s.days.count(lang, course.pause_days.into())),
                ],
            ),
        ));
    }
    // What the setup screen and the finish screen say about pain, for the
    // patient away from the screen.
    let mut pain = Vec::new();
    let rules = routine.pain.clone().unwrap_or_default();
    if let (Some(at), Some(v)) = (
        rules.propose_at,
        rules
            .variant
            .as_deref()
            .and_then(|id| routine.variants.iter().find(|v| v.id == id)),
    ) {
        pain.push(fill(
            &clinic.export_pain_propose,
            &[("pain", &at.to_string()), ("variant", &v.title)],
        ));
    }
    if let Some(rise) = rules.report_rise {
        let rise = clinic.points.count(lang, rise.into());
        pain.push(fill(&clinic.export_pain_rise, &[("rise", &rise)]));
    }
    if !pain.is_empty() {
        facts.push((clinic.export_pain.clone(), pain.join("; ")));
    }
    if let Some(v) = variant.and_then(|id| routine.variants.iter().find(|v| v.id == id)) {
        facts.push((s.setup_variant.clone(), v.title.clone()));
        description.push(v.description.clone());
    }
    if let Some(a) = affected {
        facts.push((s.setup_side.clone(), side_name(&s, a).to_string()));
    }
    description.retain(|d| !d.trim().is_empty());

    let steps = plan
        .steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // A hold "as long as possible" counts its minimum, as the
            // total does.
            let time: Duration = plan.phases()[plan.step_phases(i)]
                .iter()
                .map(Phase::planned)
                .sum();
            let last = i + 1 == plan.steps().len();
            HandoutStep {
                title: format!("{}. {}", i + 1, step.title),
                instructions: step.instructions.clone(),
                facts: step_facts(routine, step, last, time, affected, &s, lang),
                cues_label: s.export_cues.clone(),
                cues: step.cues.clone(),
                pictures_label: s.export_pictures.clone(),
                // Drawn for the leg the step works, the left when both.
                pictures: pictures(
                    step,
                    match step.sides {
                        Sides::Affected | Sides::AffectedFirst => affected,
                        _ => None,
                    },
                    poses,
                    lang,
                ),
            }
        })
        .collect();
    Ok(Handout {
        lang,
        title: routine.title.clone(),
        description,
        facts,
        equipment_heading: s.export_equipment.clone(),
        // The variant's and each step's own equipment too, the step named.
        equipment: routine
            .equipment_for(variant)
            .into_iter()
            .map(|(e, step)| match step {
                Some(step) => fill(
                    &clinic.setup_equipment_for,
                    &[("item", s.equipment(e)), ("step", &step.title)],
                ),
                None => s.equipment(e).to_string(),
            })
            .collect(),
        safety_heading: s.setup_safety.clone(),
        safety: routine.safety.clone(),
        care: clinic
            .care_sections()
            .iter()
            .map(|(heading, notes)| {
                (
                    format!("{}: {}", clinic.care_title, heading),
                    notes.to_vec(),
                )
            })
            .collect(),
        steps_heading: s.export_steps.clone(),
        steps,
        footer: fill(
            &s.export_footer,
            &[
                ("id", &routine.id),
                ("version", &routine.version.to_string()),
            ],
        ),
    })
}

/// A step's facts in the order a session runs them.
fn step_facts(
    routine: &Routine,
    step: &Step,
    last: bool,
    time: Duration,
    affected: Option<Side>,
    s: &Strings,
    lang: Lang,
) -> Vec<Fact> {
    let f = Formats::load(lang);
    let t = |d: Duration| durations::words(d, s, &f);
    let mut facts = Vec::new();
    if let Some(sides) = sides_text(s, step.sides, affected) {
        facts.push((s.export_sides.clone(), sides));
    }
    let get_ready = step.get_ready.unwrap_or(routine.get_ready).0;
    if !get_ready.is_zero() {
        facts.push((s.export_get_ready.clone(), t(get_ready)));
    }
    facts.push(kind_fact(s, lang, &step.kind));
    let two_sides = matches!(step.sides, Sides::Each | Sides::AffectedFirst);
    if two_sides && !routine.switch_side.is_zero() {
        facts.push((s.export_switch_side.clone(), t(routine.switch_side.0)));
    }
    if !last && !step.rest_after.is_zero() {
        facts.push((s.export_rest_after.clone(), t(step.rest_after.0)));
    }
    facts.push((s.export_step_time.clone(), t(time)));
    facts
}

/// Escapes text for Markdown: characters that would format, link or open
/// HTML are backslash-escaped, and a line never starts a heading or list.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    // Control characters and bidi overrides are shown, never written raw.
    for c in visible_lines(text).chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
            || (line_start && matches!(c, '#' | '-' | '+'))
        {
            out.push('\\');
        }
        out.push(c);
        line_start = c == '\n' || (line_start && c == ' ');
    }
    out
}

/// Text on one Markdown line (a list item or heading): line breaks become
/// spaces so they cannot end the item.
fn md_inline(text: &str) -> String {
    md_escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A Markdown paragraph keeping the text's line breaks.
fn md_paragraph(text: &str) -> String {
    text.trim()
        .lines()
        .map(|l| md_escape(l.trim()))
        .collect::<Vec<_>>()
        .join("  \n")
}

/// The handout as Markdown.
pub fn markdown(h: &Handout) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md_inline(&h.title));
    for d in &h.description {
        let _ = writeln!(o, "{}\n", md_paragraph(d));
    }
    for (label, value) in &h.facts {
        let _ = writeln!(o, "- **{}:** {}", md_inline(label), md_inline(value));
    }
    for (heading, items) in [
        (&h.equipment_heading, &h.equipment),
        (&h.safety_heading, &h.safety),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n## {}\n", md_inline(heading));
        for item in items {
            let _ = writeln!(o, "- {}", md_inline(item));
        }
    }
    let _ = writeln!(o, "\n## {}", md_inline(&h.steps_heading));
    for step in &h.steps {
        let _ = writeln!(o, "\n### {}\n", md_inline(&step.title));
        if !step.instructions.trim().is_empty() {
            let _ = writeln!(o, "{}\n", md_paragraph(&step.instructions));
        }
        for (label, value) in &step.facts {
            let _ = writeln!(o, "- **{}:** {}", md_inline(label), md_inline(value));
        }
        if !step.cues.is_empty() {
            let _ = writeln!(o, "- **{}:**", md_inline(&step.cues_label));
            for cue in &step.cues {
                let _ = writeln!(o, "  - {}", md_inline(cue));
            }
        }
        if !step.pictures.is_empty() {
            let _ = writeln!(o, "- **{}:**", md_inline(&step.pictures_label));
            for p in &step.pictures {
                let _ = writeln!(o, "  - `{}`: {}", md_inline(&p.id), md_inline(&p.title));
            }
        }
    }
    for (heading, notes) in &h.care {
        let _ = writeln!(o, "\n## {}\n", md_inline(heading));
        for note in notes {
            let _ = writeln!(o, "- {}", md_inline(note));
        }
    }
    let _ = writeln!(o, "\n---\n\n*{}*", md_inline(&h.footer));
    o
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Control characters and bidi overrides are shown, never written raw.
    for c in visible_lines(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text with its line breaks kept as `<br>`.
fn html_lines(text: &str) -> String {
    text.trim()
        .lines()
        .map(html_escape)
        .collect::<Vec<_>>()
        .join("<br>\n")
}

const CSS: &str = "\
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.45; color: #111;
  max-width: 44em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.8em; margin: 0 0 .3em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #888; margin-top: 1.6em; }
h3 { font-size: 1.1em; margin: 0 0 .4em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .5em 0; }
dt { font-weight: bold; }
dd { margin: 0; }
ul { margin: .3em 0; }
section.step { border: 1px solid #bbb; border-radius: 6px; padding: .7em 1em; margin: .8em 0;
  break-inside: avoid; page-break-inside: avoid; }
section.step p { margin: .3em 0; }
div.poses { display: flex; flex-wrap: wrap; gap: 1em; margin: .4em 0; }
div.poses figure { margin: 0; max-width: 180px; }
div.poses figcaption { font-size: .85em; color: #333; }
footer { margin-top: 2em; font-size: .85em; color: #555; }
@page { margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
";

/// A pose as inline SVG: lines and circles, no external files, with its
/// words as the accessible `<title>` and a caption.
fn svg(o: &mut String, id: &str, p: &Picture) {
    let y = |v: f64| HEIGHT - v;
    let stroke = |ink: Ink| match ink {
        Ink::Body => "#111",
        Ink::Worked => "#c0392b",
        Ink::Helper => "#2471a3",
        Ink::Prop => "#888",
        Ink::Band => "#8e44ad",
        Ink::Motion => "#1e8449",
    };
    let title = html_escape(&p.title);
    let _ = writeln!(o, "<figure>");
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"-52 -2 104 104\" width=\"180\" height=\"180\" role=\"img\" aria-labelledby=\"{id}\"><title id=\"{id}\">{title}</title>"
    );
    for shape in &p.shapes {
        let _ = match *shape {
            Shape::Rect { min, max, ink } => writeln!(
                o,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#eee\" stroke=\"{}\" stroke-width=\"0.8\"/>",
                min.0,
                y(max.1),
                max.0 - min.0,
                max.1 - min.1,
                stroke(ink)
            ),
            Shape::Line { from, to, ink } => writeln!(
                o,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\"/>",
                from.0,
                y(from.1),
                to.0,
                y(to.1),
                stroke(ink),
                if matches!(ink, Ink::Band | Ink::Motion) {
                    "1.2"
                } else {
                    "2.4"
                }
            ),
            Shape::Circle { at, r, ink } => writeln!(
                o,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{:.1}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"2\"/>",
                at.0,
                y(at.1),
                r,
                if ink == Ink::Prop { "#fff" } else { "none" },
                stroke(ink)
            ),
        };
    }
    let _ = writeln!(o, "</svg>");
    let _ = writeln!(o, "<figcaption>{title}</figcaption>");
    let _ = writeln!(o, "</figure>");
}

fn html_facts(o: &mut String, facts: &[Fact]) {
    let _ = writeln!(o, "<dl>");
    for (label, value) in facts {
        let _ = writeln!(
            o,
            "<dt>{}</dt><dd>{}</dd>",
            html_escape(label),
            html_escape(value)
        );
    }
    let _ = writeln!(o, "</dl>");
}

/// The handout as one self-contained HTML page with print styles.
pub fn html(h: &Handout) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "<!DOCTYPE html>");
    let _ = writeln!(o, "<html lang=\"{}\">", h.lang.code());
    let _ = writeln!(o, "<head>");
    let _ = writeln!(o, "<meta charset=\"utf-8\">");
    let _ = writeln!(
        o,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    );
    let _ = writeln!(o, "<title>{}</title>", html_escape(&h.title));
    let _ = writeln!(o, "<style>\n{CSS}</style>");
    let _ = writeln!(o, "</head>");
    let _ = writeln!(o, "<body>");
    let _ = writeln!(o, "<header>");
    let _ = writeln!(o, "<h1>{}</h1>", html_escape(&h.title));
    for d in &h.description {
        let _ = writeln!(o, "<p>{}</p>", html_lines(d));
    }
    html_facts(&mut o, &h.facts);
    let _ = writeln!(o, "</header>");
    for (heading, items) in [
        (&h.equipment_heading, &h.equipment),
        (&h.safety_heading, &h.safety),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<h2>{}</h2>", html_escape(heading));
        let _ = writeln!(o, "<ul>");
        for item in items {
            let _ = writeln!(o, "<li>{}</li>", html_escape(item));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<h2>{}</h2>", html_escape(&h.steps_heading));
    for (i, step) in h.steps.iter().enumerate() {
        let _ = writeln!(o, "<section class=\"step\">");
        let _ = writeln!(o, "<h3>{}</h3>", html_escape(&step.title));
        if !step.instructions.trim().is_empty() {
            let _ = writeln!(o, "<p>{}</p>", html_lines(&step.instructions));
        }
        if !step.pictures.is_empty() {
            let _ = writeln!(o, "<div class=\"poses\">");
            for (n, p) in step.pictures.iter().enumerate() {
                svg(&mut o, &format!("pose-{}-{n}", i + 1), p);
            }
            let _ = writeln!(o, "</div>");
        }
        html_facts(&mut o, &step.facts);
        if !step.cues.is_empty() {
            let _ = writeln!(
                o,
                "<p><strong>{}:</strong></p>",
                html_escape(&step.cues_label)
            );
            let _ = writeln!(o, "<ul>");
            for cue in &step.cues {
                let _ = writeln!(o, "<li>{}</li>", html_escape(cue));
            }
            let _ = writeln!(o, "</ul>");
        }
        let _ = writeln!(o, "</section>");
    }
    for (heading, notes) in &h.care {
        let _ = writeln!(o, "<h2>{}</h2>", html_escape(heading));
        let _ = writeln!(o, "<ul>");
        for note in notes {
            let _ = writeln!(o, "<li>{}</li>", html_escape(note));
        }
        let _ = writeln!(o, "</ul>");
    }
    let _ = writeln!(o, "<footer>{}</footer>", html_escape(&h.footer));
    let _ = writeln!(o, "</body>");
    let _ = writeln!(o, "</html>");
    o
}

/// What `limber export` was asked for.
pub struct Request<'a> {
    /// A routine id, or a path to a `.ron` file.
    pub routine: &'a str,
    pub variant: Option<&'a str>,
    /// `--side`; without it, the configuration file's.
    pub side: Option<Side>,
    pub format: Option<Format>,
    pub output: Option<&'a Path>,
}

/// Finds the routine, builds the handout and writes it to `output`, or to
/// standard output when there is none.
pub fn run(ctx: &mut Context, req: &Request) -> Result<Exit, Error> {
    let s = CliStrings::load(ctx.lang);
    let err = &mut ctx.err;
    let as_path = Path::new(req.routine);
    let (routine, poses) = if req.routine.ends_with(".ron") && as_path.is_file() {
        let poses = poses_for_file(as_path);
        match load_file_with(as_path, &poses) {
            Ok(r) => (r, poses),
            Err(broken) => {
                write!(err, "{}", broken.render())?;
                writeln!(err, "{}", s.export_has_mistakes)?;
                return Ok(Exit::Usage);
            }
        }
    } else {
        let library = ctx.library.get();
        match library.find(req.routine) {
            Some(l) => (l.routine.clone(), l.poses.clone()),
            None => {
                writeln!(
                    err,
                    "{}",
                    unknown_routine(&s, "export", req.routine, library)
                )?;
                let name = format!("{}.ron", req.routine);
                for b in &library.broken {
                    if b.path
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy() == name)
                    {
                        let path = b.path.display().to_string();
                        writeln!(err, "{}", fill(&s.export_not_loaded, &[("path", &path)]))?;
                    }
                }
                return Ok(Exit::Usage);
            }
        }
    };
    let handout = match handout_with(&routine, req.variant, req.side.or(ctx.config.side), &poses) {
        Ok(h) => h,
        Err(PlanError::UnknownVariant(v)) => {
            writeln!(err, "{}", unknown_variant(&s, "export", &routine, &v))?;
            return Ok(Exit::Usage);
        }
        Err(e) => {
            writeln!(err, "limber export: {e}")?;
            return Ok(Exit::Usage);
        }
    };
    let text = match Format::choose(req.format, req.output) {
        Format::Md => markdown(&handout),
        Format::Html => html(&handout),
    };
    match req.output {
        Some(path) => {
            if let Err(e) = fs::write(path, text) {
                let (message, exit) = file_error(&s, "export", path, &e);
                writeln!(err, "{message}")?;
                return Ok(exit);
            }
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(Exit::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_leaves_no_markup() {
        assert_eq!(md_escape("a *b* _c_ `d`"), r"a \*b\* \_c\_ \`d\`");
        assert_eq!(md_escape("<script>"), r"\<script\>");
        assert_eq!(md_escape("# not a heading"), r"\# not a heading");
        assert_eq!(md_escape("- not\n- a list"), "\\- not\n\\- a list");
        assert_eq!(md_escape("knee-across"), "knee-across");
        assert_eq!(md_inline("two\nlines"), "two lines");
    }

    #[test]
    fn html_escaping_covers_text_and_attributes() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn format_follows_the_output_file() {
        assert_eq!(Format::choose(None, None), Format::Md);
        assert_eq!(
            Format::choose(None, Some(Path::new("a.HTML"))),
            Format::Html
        );
        assert_eq!(
            Format::choose(Some(Format::Md), Some(Path::new("a.html"))),
            Format::Md
        );
    }
}
