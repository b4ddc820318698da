//! Moving text with the terminal's scroll region: a ratatui backend
//! wrapper ([`ScrollRegion`]) that keeps a shadow of what is physically on
//! the screen. Before a frame the loop may announce that a band of rows
//! moved by whole lines ([`Scroll`], from the zoomed column); the wrapper
//! then sets the region (DECSTBM), deletes or inserts the lines (DL/IL,
//! which xterm, tmux, screen and the Linux console all have), shifts its
//! shadow the same way, and writes only the cells where the frame differs
//! from the shifted shadow. Whatever is announced, the screen ends up
//! exactly as the frame: the scroll is used only when it writes fewer
//! bytes than plain cell updates. Which terminals get it: [`supported`].

use std::io::{self, Write};
use std::ops::Range;

use ratatui::backend::{Backend, ClearType, CrosstermBackend, TestBackend, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellWidth};
use ratatui::layout::{Position, Rect, Size};

/// The environment switch: `on` or `off` overrides the `TERM` rule.
pub const SWITCH: &str = "CROSSREAD_SCROLL_REGION";

/// Rows `rows` (screen rows, top first, end exclusive) moved by `lines`:
/// positive when the text moved up (reading on, as `j` does), negative
/// when it moved down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scroll {
    pub rows: Range<u16>,
    pub lines: i32,
}

/// A backend that can be told, before a frame, that a band of rows moved.
pub trait Announce {
    fn announce(&mut self, scroll: Option<Scroll>);
}

/// Tests draw on `TestBackend`, which has no terminal to scroll.
impl Announce for TestBackend {
    fn announce(&mut self, _: Option<Scroll>) {}
}

/// Whether to use scroll regions on a terminal: the switch ([`SWITCH`]:
/// `on`/`1`/`yes`/`true` or `off`/`0`/`no`/`false`) decides when set;
/// else `TERM` must name a family known to have DECSTBM and IL/DL (xterm
/// and the terminals that identify as it, tmux, screen, the Linux
/// console, rxvt, and a few others). Unset, `dumb`, plain `vt100` (no
/// IL/DL) or unknown: off, and the reader redraws rows as before.
pub fn supported(term: Option<&str>, switch: Option<&str>) -> bool {
    match switch.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
        Some("on" | "1" | "yes" | "true") => return true,
        Some("off" | "0" | "no" | "false") => return false,
        _ => {}
    }
    const FAMILIES: &[&str] = &[
        "xterm",
        "tmux",
        "screen",
        "linux",
        "rxvt",
        "alacritty",
        "foot",
        "kitty",
        "wezterm",
        "st",
        "konsole",
        "gnome",
        "vte",
        "putty",
        "mintty",
        "iterm",
        "contour",
        "ghostty",
        "vt102",
        "vt220",
        "vt320",
        "vt420",
        "vt520",
    ];
    let Some(term) = term.map(str::trim).filter(|t| !t.is_empty()) else {
        return false;
    };
    FAMILIES.iter().any(|f| {
        term.strip_prefix(f)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '.', '+']))
    })
}

/// [`supported`] for this process's environment.
pub fn supported_here() -> bool {
    let term = std::env::var("TERM").ok();
    let switch = std::env::var(SWITCH).ok();
    supported(term.as_deref(), switch.as_deref())
}

/// The wrapper. Off, it passes everything through untouched.
pub struct ScrollRegion<B> {
    inner: B,
    /// What is on the screen, when on; None when off.
    shadow: Option<Shadow>,
    /// The move announced for the next frame.
    pending: Option<Scroll>,
}

struct Shadow {
    screen: Buffer,
    /// False after an operation whose effect on the screen is not modelled
    /// (a partial clear): no scrolling until the next full clear.
    known: bool,
}

impl<B: Backend<Error = io::Error> + Write> ScrollRegion<B> {
    /// Wraps `inner`; `enabled` says whether the terminal has scroll
    /// regions ([`supported`]). The screen is taken to be blank, as
    /// ratatui takes it.
    pub fn new(inner: B, enabled: bool) -> io::Result<Self> {
        let shadow = if enabled {
            Some(Shadow {
                screen: Buffer::empty(area_of(inner.size()?)),
                known: true,
            })
        } else {
            None
        };
        Ok(Self {
            inner,
            shadow,
            pending: None,
        })
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }

    fn blank_shadow(&mut self) -> io::Result<()> {
        if let Some(shadow) = &mut self.shadow {
            shadow.screen = Buffer::empty(area_of(self.inner.size()?));
            shadow.known = true;
        }
        Ok(())
    }
}

impl<B> Announce for ScrollRegion<B> {
    fn announce(&mut self, scroll: Option<Scroll>) {
        self.pending = scroll;
    }
}

fn area_of(size: Size) -> Rect {
    Rect::new(0, 0, size.width, size.height)
}

/// Applies ratatui's updates to a screen; false if one falls outside it.
/// The cells a wide character covers are blank, as ratatui leaves them
/// in its own buffer (its updates never include them): so a covered cell
/// never keeps what was there before and reappears after a scroll.
fn apply(screen: &mut Buffer, updates: &[(u16, u16, &Cell)]) -> bool {
    let mut inside = true;
    for &(x, y, cell) in updates {
        match screen.cell_mut((x, y)) {
            Some(c) => *c = cell.clone(),
            None => inside = false,
        }
        let covered = cell.cell_width().saturating_sub(1);
        for dx in 1..=covered {
            if let Some(c) = screen.cell_mut((x.saturating_add(dx), y)) {
                *c = Cell::EMPTY;
            }
        }
    }
    inside
}

/// Moves the rows of `scroll` as the terminal does: by `lines` rows up
/// (down when negative), blank rows coming in at the other edge.
fn shift(screen: &mut Buffer, scroll: &Scroll) {
    let width = screen.area.width as usize;
    let (top, bottom) = (scroll.rows.start as usize, scroll.rows.end as usize);
    let band = &mut screen.content[top * width..bottom * width];
    let n = (scroll.lines.unsigned_abs() as usize).min(bottom - top) * width;
    if scroll.lines > 0 {
        band.rotate_left(n);
        let len = band.len();
        band[len - n..].fill(Cell::EMPTY);
    } else {
        band.rotate_right(n);
        band[..n].fill(Cell::EMPTY);
    }
}

/// The bytes that move the text: region, cursor to its top row, delete
/// (text up) or insert (text down) lines, region back to the whole
/// screen. The inserted rows are blank in the default colours: every
/// frame ratatui writes ends by resetting colours and attributes.
fn scroll_sequence(scroll: &Scroll) -> Vec<u8> {
    let top = scroll.rows.start + 1;
    let bottom = scroll.rows.end;
    let n = scroll.lines.unsigned_abs();
    let op = if scroll.lines > 0 { 'M' } else { 'L' };
    let count = if n == 1 { String::new() } else { n.to_string() };
    format!("\x1b[{top};{bottom}r\x1b[{top}H\x1b[{count}{op}\x1b[r").into_bytes()
}

/// Cell updates as ratatui hands them to a backend.
type Updates<'a> = Vec<(u16, u16, &'a Cell)>;

/// Counts bytes written.
struct Count(usize);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Joins updates on a row across short gaps: where the cells between two
/// updates are narrow, styled like the cell before them (no colour
/// change), and fewer bytes than the cursor move that would skip them,
/// writes them too (they are already on screen: `screen` is the frame).
/// A scrolled-in row then goes out as one run, not a move per word.
fn fill_gaps<'a>(updates: &[(u16, u16, &'a Cell)], screen: &'a Buffer) -> Updates<'a> {
    let mut filled = Vec::with_capacity(updates.len());
    let mut last: Option<(u16, u16, &Cell)> = None;
    for &(x, y, cell) in updates {
        if let Some((lx, ly, lcell)) = last {
            let from = lx.saturating_add(lcell.cell_width().max(1));
            if ly == y && from < x {
                let gap: Option<Vec<&Cell>> = (from..x)
                    .map(|gx| {
                        screen
                            .cell((gx, y))
                            .filter(|g| g.cell_width() == 1 && same_style(g, lcell))
                    })
                    .collect();
                let move_cost = 4 + digits(y.saturating_add(1)) + digits(x.saturating_add(1));
                if let Some(gap) =
                    gap.filter(|g| g.iter().map(|c| c.symbol().len()).sum::<usize>() < move_cost)
                {
                    filled.extend((from..x).zip(gap).map(|(gx, g)| (gx, y, g)));
                }
            }
        }
        filled.push((x, y, cell));
        last = Some((x, y, cell));
    }
    filled
}

/// Decimal digits of `n` (as a cursor move writes it).
fn digits(n: u16) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.underline_color == b.underline_color
}

/// What drawing `updates` costs on the wire, as crossterm writes cells.
fn cost(updates: &[(u16, u16, &Cell)]) -> usize {
    let mut count = Count(0);
    let _ = CrosstermBackend::new(&mut count).draw(updates.iter().copied());
    count.0
}

impl<B: Backend<Error = io::Error> + Write> ScrollRegion<B> {
    /// The scroll, if it is worth doing: a sound band inside the screen,
    /// on a screen whose content is known, writing fewer bytes than the
    /// plain updates. Returns the sequence and the cells to write after it.
    fn plan<'a>(
        shadow: &Shadow,
        desired: &'a Buffer,
        scroll: &Scroll,
        plain: &[(u16, u16, &Cell)],
    ) -> Option<(Vec<u8>, Updates<'a>)> {
        let area = shadow.screen.area;
        let sound = shadow.known
            && desired.area == area
            && scroll.lines != 0
            && scroll.rows.start < scroll.rows.end
            && scroll.rows.end <= area.height
            && (scroll.lines.unsigned_abs() as usize) < scroll.rows.len();
        if !sound {
            return None;
        }
        let mut moved = shadow.screen.clone();
        shift(&mut moved, scroll);
        let after = fill_gaps(&moved.diff(desired), desired);
        let sequence = scroll_sequence(scroll);
        (sequence.len() + cost(&after) < cost(plain)).then_some((sequence, after))
    }
}

impl<B: Backend<Error = io::Error> + Write> Backend for ScrollRegion<B> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let scroll = self.pending.take();
        let Some(shadow) = &mut self.shadow else {
            return self.inner.draw(content);
        };
        let updates: Updates<'_> = content.collect();
        let Some(scroll) = scroll.filter(|_| !updates.is_empty()) else {
            shadow.known &= apply(&mut shadow.screen, &updates);
            let filled = fill_gaps(&updates, &shadow.screen);
            let written = self.inner.draw(filled.into_iter());
            shadow.known &= written.is_ok();
            return written;
        };
        let mut desired = shadow.screen.clone();
        let inside = apply(&mut desired, &updates);
        let plain = fill_gaps(&updates, &desired);
        let planned = if inside {
            Self::plan(shadow, &desired, &scroll, &plain)
        } else {
            None
        };
        let written = match planned {
            Some((sequence, after)) => self
                .inner
                .write_all(&sequence)
                .and_then(|()| self.inner.draw(after.into_iter())),
            None => self.inner.draw(plain.into_iter()),
        };
        shadow.screen = desired;
        // A failed write leaves the screen unknown.
        shadow.known &= inside && written.is_ok();
        written
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        if let Some(shadow) = &mut self.shadow {
            shadow.known = false;
        }
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()?;
        self.blank_shadow()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        match clear_type {
            ClearType::All => self.blank_shadow()?,
            _ => {
                if let Some(shadow) = &mut self.shadow {
                    shadow.known = false;
                }
            }
        }
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

#[cfg(test)]
mod tests;
