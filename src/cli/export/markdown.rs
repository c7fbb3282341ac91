//! The handout as Markdown.

use std::fmt::Write as _;

use super::handout::Handout;
use crate::cli::markdown::{inline as md_inline, paragraph as md_paragraph};

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
