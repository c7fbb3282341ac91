//! The handout as one self-contained HTML page, its poses as inline SVG.

use std::fmt::Write as _;

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
