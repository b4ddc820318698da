//! Styles. Everything must stay distinguishable without colour: shared
//! speakers also get a letter badge (A, B, ...) in headers and gutters, and
//! the no-colour theme uses modifiers only. It sets no colour at all:
//! crossterm under NO_COLOR resets modifiers when it writes a colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorMode {
    /// No colour at all (NO_COLOR): bold, underline, reverse, italics.
    None,
    /// The 16 basic ANSI colours.
    Basic,
    /// 256 colours.
    Indexed,
}

impl ColorMode {
    /// From the environment: whether to colour at all is the policy both
    /// faces share ([`crate::color`]: NO_COLOR, TERM=dumb ...); how many
    /// colours, TERM / COLORTERM.
    pub fn detect() -> Self {
        if !crate::color::stdout_has_color() {
            return ColorMode::None;
        }
        let term = std::env::var("TERM").unwrap_or_default();
        let colorterm = std::env::var("COLORTERM").unwrap_or_default();
        if term.contains("256") || colorterm.contains("truecolor") || colorterm.contains("24bit") {
            ColorMode::Indexed
        } else {
            ColorMode::Basic
        }
    }
}

/// Letters for shared speakers, in order of reach.
pub const BADGES: &[char] = &['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'];

#[derive(Debug, Clone)]
pub struct Theme {
    pub mode: ColorMode,
    pub text: Style,
    pub header: Style,
    pub header_focused: Style,
    pub dim: Style,
    pub status: Style,
    pub warning: Style,
    /// Quotes whose speaker no other source quotes.
    pub quote: Style,
    /// Quoted terms that are not speech: plain text.
    pub term: Style,
    /// Names of speakers that are not shared.
    pub name: Style,
    /// Filter matches.
    pub matched: Style,
    pub selected_gutter: Style,
    pub scrollbar: Style,
    pub border: Style,
    speakers: Vec<Style>,
}

impl Theme {
    pub fn new(mode: ColorMode) -> Self {
        match mode {
            ColorMode::None => {
                // Modifiers only; each shared speaker a different combination.
                let speakers = vec![
                    Style::default().add_modifier(Modifier::BOLD),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    Style::default().add_modifier(Modifier::BOLD | Modifier::ITALIC),
                    Style::default().add_modifier(Modifier::UNDERLINED),
                    Style::default()
                        .add_modifier(Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED),
                    Style::default().add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
                ];
                Theme {
                    mode,
                    text: Style::default(),
                    header: Style::default().add_modifier(Modifier::BOLD),
                    header_focused: Style::default()
                        .add_modifier(Modifier::BOLD | Modifier::REVERSED),
                    dim: Style::default().add_modifier(Modifier::DIM),
                    status: Style::default().add_modifier(Modifier::REVERSED),
                    warning: Style::default().add_modifier(Modifier::BOLD | Modifier::REVERSED),
                    quote: Style::default().add_modifier(Modifier::ITALIC),
                    term: Style::default(),
                    name: Style::default().add_modifier(Modifier::BOLD),
                    matched: Style::default().add_modifier(Modifier::REVERSED),
                    selected_gutter: Style::default().add_modifier(Modifier::BOLD),
                    scrollbar: Style::default(),
                    border: Style::default().add_modifier(Modifier::DIM),
                    speakers,
                }
            }
            ColorMode::Basic | ColorMode::Indexed => {
                let palette: Vec<Color> = if mode == ColorMode::Indexed {
                    [39, 208, 41, 171, 220, 45, 203, 118]
                        .into_iter()
                        .map(Color::Indexed)
                        .collect()
                } else {
                    vec![
                        Color::LightBlue,
                        Color::LightRed,
                        Color::LightGreen,
                        Color::LightMagenta,
                        Color::Yellow,
                        Color::LightCyan,
                    ]
                };
                // Bold too, so 16-colour terminals with a dim palette still separate them.
                let speakers = palette
                    .iter()
                    .map(|&c| Style::default().fg(c).add_modifier(Modifier::BOLD))
                    .collect();
                Theme {
                    mode,
                    text: Style::default(),
                    header: Style::default().add_modifier(Modifier::BOLD),
                    header_focused: Style::default()
                        .fg(Color::Black)
                        .bg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                    dim: Style::default().fg(Color::DarkGray),
                    status: Style::default().fg(Color::Black).bg(Color::Gray),
                    warning: Style::default().fg(Color::Black).bg(Color::Yellow),
                    quote: Style::default()
                        .fg(Color::Yellow)
                        .add_modifier(Modifier::ITALIC),
                    term: Style::default(),
                    name: Style::default().add_modifier(Modifier::BOLD),
                    matched: Style::default().fg(Color::Black).bg(Color::Yellow),
                    selected_gutter: Style::default()
                        .fg(Color::Cyan)
                        .add_modifier(Modifier::BOLD),
                    scrollbar: Style::default().fg(Color::DarkGray),
                    border: Style::default().fg(Color::DarkGray),
                    speakers,
                }
            }
        }
    }

    /// Style of shared speaker slot `slot` (quotes, names, badges).
    pub fn speaker(&self, slot: usize) -> Style {
        self.speakers[slot % self.speakers.len()]
    }

    pub fn badge(slot: usize) -> char {
        BADGES.get(slot).copied().unwrap_or('*')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_colour_theme_uses_no_colours() {
        let t = Theme::new(ColorMode::None);
        let styles = [
            t.text,
            t.header,
            t.header_focused,
            t.dim,
            t.status,
            t.warning,
            t.quote,
            t.name,
            t.matched,
            t.border,
        ];
        for s in styles.iter().chain(t.speakers.iter()) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
    }

    #[test]
    fn speaker_styles_differ_without_colour() {
        let t = Theme::new(ColorMode::None);
        for i in 0..t.speakers.len() {
            for j in 0..i {
                assert_ne!(t.speaker(i), t.speaker(j));
            }
            assert_ne!(t.speaker(i), t.quote);
        }
    }
}
