//! Compare view: one speaker's quotes from every source, one under another,
//! with grouped paraphrases side by side and their similarity.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::centered;
use crate::text::count;
use crate::tui::app::{App, Document};
use crate::tui::event::Action;
use crate::tui::keymap::{Mode, hint};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame<'_>, app: &App, doc: &Document, theme: &Theme, area: Rect) {
    let Some(s) = app.active_speaker else { return };
    let sp = &doc.analysis.speakers[s];
    let style = doc.slot(Some(s)).map_or(theme.name, |k| theme.speaker(k));
    let mut lines: Vec<Line<'_>> = Vec::new();
    if !sp.roles.is_empty() {
        lines.push(Line::styled(sp.roles.join("; "), theme.dim));
        lines.push(Line::raw(""));
    }
    for &a in &sp.articles {
        let article = &doc.story.articles[a];
        lines.push(Line::styled(
            format!("{} {}", a + 1, article.label),
            theme.header,
        ));
        for &q in sp
            .quotes
            .iter()
            .filter(|&&q| doc.analysis.quotes[q].article == a)
        {
            let quote = &doc.analysis.quotes[q];
            let mark = quote
                .group
                .map(|g| format!(" [group {}]", g + 1))
                .unwrap_or_default();
            lines.push(Line::from(vec![
                Span::styled(format!("  “{}”", quote.text), style),
                Span::styled(format!("  ¶{}{mark}", quote.paragraph + 1), theme.dim),
            ]));
        }
        lines.push(Line::raw(""));
    }
    // Groups touching this speaker: every member, whoever the source credits.
    let groups: Vec<usize> = {
        let mut g: Vec<usize> = sp
            .quotes
            .iter()
            .filter_map(|&q| doc.analysis.quotes[q].group)
            .collect();
        g.sort_unstable();
        g.dedup();
        g
    };
    for g in groups {
        let group = &doc.analysis.groups[g];
        let differ = if group.attributions_differ {
            ", attributed differently"
        } else if group.named_in_one_only {
            ", named in one source only"
        } else {
            ""
        };
        lines.push(Line::styled(
            format!(
                "group {} — {:?}, similarity {:.2}{differ}",
                g + 1,
                group.kind,
                group.similarity
            )
            .to_lowercase(),
            theme.header,
        ));
        for &q in &group.quotes {
            let quote = &doc.analysis.quotes[q];
            let who = doc
                .analysis
                .speaker_name(quote)
                .map(String::from)
                .or(quote.descriptor.clone())
                .unwrap_or_default();
            // A speaker no cue names is shown as inferred.
            let who = if quote.basis.is_inferred() {
                format!("{who} (inferred)")
            } else {
                who
            };
            let label = &doc.story.articles[quote.article].label;
            lines.push(Line::from(vec![
                Span::styled(format!("  {label}: "), theme.dim),
                Span::styled(format!("“{}”", quote.text), style),
                Span::styled(format!(" — {who}"), theme.dim),
            ]));
        }
        lines.push(Line::raw(""));
    }
    let rect = centered(area, 100, area.height);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(
                " {} — {} in {} ({}/{} scroll, {} copy, {}) ",
                sp.name,
                count(sp.quotes.len(), "quote", "quotes"),
                count(sp.articles.len(), "source", "sources"),
                hint(Mode::Compare, Action::CompareScroll(1)),
                hint(Mode::Compare, Action::CompareScroll(-1)),
                hint(Mode::Compare, Action::CompareCopy),
                hint(Mode::Compare, Action::Close),
            ),
            style,
        ));
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.compare_scroll.min(u16::MAX as usize) as u16, 0));
    frame.render_widget(para, rect);
}
