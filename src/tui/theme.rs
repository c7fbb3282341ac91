//! Styles. Meaning never rests on colour alone: bold, reverse and words
//! carry it, so `NO_COLOR` loses nothing.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env(no_color: Option<&str>) -> Theme {
        Theme {
            color: no_color.is_none_or(str::is_empty),
        }
    }

    fn tint(&self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn title(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }

    pub fn clock(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Green)
    }

    pub fn paused(&self) -> Style {
        self.tint(
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Color::Yellow,
        )
    }

    pub fn warning(&self) -> Style {
        self.tint(Style::new().add_modifier(Modifier::BOLD), Color::Red)
    }

    pub fn gauge(&self) -> Style {
        self.tint(Style::new(), Color::Green)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_turns_colour_off() {
        assert!(Theme::from_env(None).color);
        assert!(Theme::from_env(Some("")).color);
        assert!(!Theme::from_env(Some("1")).color);
        assert_eq!(Theme::from_env(Some("1")).paused().fg, None);
    }
}
