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

    /// A badge: black on yellow, whatever the terminal's own colours, so
    /// it reads on light and dark themes alike (reversed yellow would be
    /// white on yellow on a light theme); reversed without colour.
    pub fn paused(&self) -> Style {
        self.badge(Color::Yellow)
    }

    /// The PREVIEW badge: black on cyan, as [`Theme::paused`].
    pub fn preview(&self) -> Style {
        self.badge(Color::Cyan)
    }

    fn badge(&self, background: Color) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(background)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
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

    #[test]
    fn badges_set_both_colours_so_any_theme_keeps_their_contrast() {
        let theme = Theme { color: true };
        for badge in [theme.paused(), theme.preview()] {
            assert_eq!(badge.fg, Some(Color::Black));
            assert!(matches!(badge.bg, Some(Color::Yellow | Color::Cyan)));
            assert!(!badge.add_modifier.contains(Modifier::REVERSED));
        }
    }
}
