//! The handout as one self-contained HTML page, its poses as inline SVG.

use std::fmt::Write as _;

use maud::{Markup, PreEscaped, html};

use super::handout::{Fact, Handout, HandoutPicture};
use crate::core::pose::{HEIGHT, Ink, Shape, extent};
use crate::core::sanitize::visible_lines;

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
fn svg(o: &mut String, id: &str, p: &HandoutPicture) {
    let y = |v: f64| HEIGHT - v;
    let stroke = |ink: Ink| match ink {
        Ink::Body => "#111",
        Ink::Worked => "#c0392b",
        Ink::Helper => "#2471a3",
        Ink::Prop => "#888",
        Ink::Band => "#8e44ad",
        Ink::Motion => "#1e8449",
        Ink::Target => "#e74c3c",
    };
    let title = html_escape(&p.title);
    // Framed to what the pose covers, as on the session screen, so a
    // figure lying on the floor is drawn as large as a standing one is.
    let (lo, hi) = extent(&p.shapes);
    let (w, h) = (hi.0 - lo.0, hi.1 - lo.1);
    let width = 180.0_f64;
    let height = (width * h / w).min(width * 1.5);
    let _ = writeln!(o, "<figure>");
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{:.1} {:.1} {w:.1} {h:.1}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-labelledby=\"{id}\"><title id=\"{id}\">{title}</title>",
        lo.0,
        y(hi.1)
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
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"{} stroke-linecap=\"round\"/>",
                from.0,
                y(from.1),
                to.0,
                y(to.1),
                stroke(ink),
                match ink {
                    Ink::Band | Ink::Motion => "1.2\"",
                    // The muscle's outline, thin, so the arrow inside it shows.
                    Ink::Target => "1.6\"",
                    _ => "2.4\"",
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

fn html_facts(facts: &[Fact]) -> Markup {
    html! {
        dl { @for (label, value) in facts { dt { (shown(label)) } dd { (shown(value)) } } }
    }
}

/// Text as the page shows it, through [`html_escape`], the one escaping
/// of the handout (its pictures' titles use it too).
fn shown(text: &str) -> PreEscaped<String> {
    PreEscaped(html_escape(text))
}

/// Escaped text with its line breaks kept as `<br>`.
fn lines(text: &str) -> Markup {
    html! {
        @for (i, line) in text.trim().lines().enumerate() {
            @if i > 0 { br; "\n" }
            (shown(line))
        }
    }
}

/// A list under a heading, left out when empty.
fn list(heading: &str, items: &[String]) -> Markup {
    html! {
        @if !items.is_empty() {
            h2 { (shown(heading)) }
            ul { @for item in items { li { (shown(item)) } } }
        }
    }
}

/// The handout as one self-contained HTML page with print styles, through
/// the template engine; the poses are drawn by [`svg`].
pub fn html(h: &Handout) -> String {
    let poses = |i: usize, pictures: &[HandoutPicture]| {
        let mut o = String::new();
        for (n, p) in pictures.iter().enumerate() {
            svg(&mut o, &format!("pose-{}-{n}", i + 1), p);
        }
        PreEscaped(o)
    };
    let page = html! {
        html lang=(h.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (shown(&h.title)) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (shown(&h.title)) }
                    @for d in &h.description { p { (lines(d)) } }
                    (html_facts(&h.facts))
                }
                (list(&h.equipment_heading, &h.equipment))
                (list(&h.safety_heading, &h.safety))
                h2 { (shown(&h.steps_heading)) }
                @for (i, step) in h.steps.iter().enumerate() {
                    section.step {
                        h3 { (shown(&step.title)) }
                        @if !step.instructions.trim().is_empty() { p { (lines(&step.instructions)) } }
                        @if !step.pictures.is_empty() { div.poses { (poses(i, &step.pictures)) } }
                        (html_facts(&step.facts))
                        @if !step.cues.is_empty() {
                            p { strong { (shown(&step.cues_label)) ":" } }
                            ul { @for cue in &step.cues { li { (shown(cue)) } } }
                        }
                    }
                }
                @for (heading, notes) in &h.care {
                    h2 { (shown(heading)) }
                    ul { @for note in notes { li { (shown(note)) } } }
                }
                footer { (shown(&h.footer)) }
            }
        }
    };
    // The doctype on a line of its own, as readers of the source expect.
    format!("<!DOCTYPE html>\n{}\n", page.into_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_covers_text_and_attributes() {
        assert_eq!(
            html_escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
