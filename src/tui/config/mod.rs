//! The reader's configuration file: `$XDG_CONFIG_HOME/crossread/config.toml`
//! (else `~/.config/crossread/config.toml`) or `--config PATH`. A file
//! lists only what it changes: keys merged over the keymap's defaults (as
//! yazi and gitui do), theme colours, columns, zoom width, mouse, clipboard
//! and hyperlinks. A bad file is one error naming the file, line and key;
//! the reader then starts with the defaults.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use super::app::DEFAULT_ZOOM_WIDTH;
use super::keymap::{Key, Keymap, Override, Section, refused};

/// The settings a config file gives (defaults where it says nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Columns shown at start (None: as many as fit).
    pub columns: Option<usize>,
    pub zoom_width: usize,
    pub mouse: bool,
    pub clipboard: bool,
    pub hyperlinks: bool,
    /// Rebound actions and their keys, in the file's order (reading first).
    pub keys: Vec<Override>,
    pub colors: Colors,
}

/// Theme colours a config file may set (unset: the theme's own).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Colors {
    pub quote: Option<Color>,
    pub matched: Option<Color>,
    pub focused: Option<Color>,
    pub current: Option<Color>,
    pub dim: Option<Color>,
    pub border: Option<Color>,
    pub speakers: Vec<Color>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            columns: None,
            zoom_width: DEFAULT_ZOOM_WIDTH,
            mouse: false,
            clipboard: true,
            hyperlinks: true,
            keys: Vec::new(),
            colors: Colors::default(),
        }
    }
}

impl Settings {
    /// The keymap these settings make.
    pub fn keymap(&self) -> Keymap {
        Keymap::with_overrides(&self.keys)
    }
}

/// A config file that could not be used: which file, line and key, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(key) = &self.key {
            write!(f, "{key}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Where the config file is looked for when `--config` is not given.
pub fn default_path() -> Option<PathBuf> {
    // `$XDG_CONFIG_HOME` (absolute) or its default under `$HOME` on Linux.
    let dir = dirs::config_dir()?;
    Some(dir.join("crossread").join("config.toml"))
}

/// Reads the settings: from `path` if given (it must exist), else from the
/// default place if a file is there, else the defaults.
pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
    let (path, required) = match path {
        Some(p) => (p.to_path_buf(), true),
        None => match default_path() {
            Some(p) => (p, false),
            None => return Ok(Settings::default()),
        },
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default());
        }
        Err(e) => {
            return Err(ConfigError {
                path,
                line: None,
                key: None,
                message: format!("cannot read: {e}"),
            });
        }
    };
    parse(&text).map_err(|(span, key, message)| ConfigError {
        line: span.map(|s| line_of(&text, s.start)),
        path,
        key,
        message,
    })
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    reader: ReaderFile,
    #[serde(default)]
    theme: ThemeFile,
    #[serde(default)]
    keys: toml::Table,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReaderFile {
    columns: Option<Spanned<usize>>,
    zoom_width: Option<Spanned<usize>>,
    mouse: Option<bool>,
    clipboard: Option<bool>,
    hyperlinks: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    quote: Option<Spanned<String>>,
    matched: Option<Spanned<String>>,
    focused: Option<Spanned<String>>,
    current: Option<Spanned<String>>,
    dim: Option<Spanned<String>>,
    border: Option<Spanned<String>>,
    speakers: Option<Vec<Spanned<String>>>,
}

type ParseError = (Option<Range<usize>>, Option<String>, String);

/// The settings in a config file's text, or where and why it is wrong.
pub fn parse_text(text: &str) -> Result<Settings, String> {
    parse(text).map_err(|(span, key, message)| {
        let line = span.map(|s| format!("line {}: ", line_of(text, s.start)));
        let key = key.map(|k| format!("{k}: ")).unwrap_or_default();
        format!("{}{key}{message}", line.unwrap_or_default())
    })
}

fn parse(text: &str) -> Result<Settings, ParseError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        // serde names the field in its message; toml knows where, and so
        // in which table.
        let key = message
            .split('`')
            .nth(1)
            .filter(|_| message.starts_with("unknown field"))
            .map(
                |field| match e.span().and_then(|s| table_at(text, s.start)) {
                    Some(table) => format!("{table}.{field}"),
                    None => field.to_string(),
                },
            );
        (e.span(), key, message)
    })?;
    let mut s = Settings::default();
    let r = file.reader;
    if let Some(c) = r.columns {
        s.columns = match *c.get_ref() {
            0 => None,
            n if n <= 64 => Some(n),
            _ => {
                return Err((
                    Some(c.span()),
                    Some("reader.columns".into()),
                    "at most 64 (0: as many as fit)".into(),
                ));
            }
        };
    }
    if let Some(w) = r.zoom_width {
        if !(20..=1000).contains(w.get_ref()) {
            return Err((
                Some(w.span()),
                Some("reader.zoom_width".into()),
                "a width from 20 to 1000 cells".into(),
            ));
        }
        s.zoom_width = *w.get_ref();
    }
    s.mouse = r.mouse.unwrap_or(s.mouse);
    s.clipboard = r.clipboard.unwrap_or(s.clipboard);
    s.hyperlinks = r.hyperlinks.unwrap_or(s.hyperlinks);

    let t = file.theme;
    let color = |name: &str, v: &Option<Spanned<String>>| -> Result<Option<Color>, ParseError> {
        v.as_ref().map(|v| parse_color(name, v)).transpose()
    };
    s.colors = Colors {
        quote: color("quote", &t.quote)?,
        matched: color("matched", &t.matched)?,
        focused: color("focused", &t.focused)?,
        current: color("current", &t.current)?,
        dim: color("dim", &t.dim)?,
        border: color("border", &t.border)?,
        speakers: t
            .speakers
            .iter()
            .flatten()
            .map(|v| parse_color("speakers", v))
            .collect::<Result<_, _>>()?,
    };

    // `[keys]`: reading actions, and a table per other section.
    for (name, value) in &file.keys {
        match value {
            toml::Value::Table(table) => {
                let Some(section) = Section::named(name) else {
                    let known: Vec<&str> = Section::ALL[1..].iter().map(|s| s.table()).collect();
                    return Err((
                        span_of(text, &format!("keys.{name}"), name)
                            .or_else(|| span_of(text, "keys", name)),
                        Some(format!("keys.{name}")),
                        format!("no such section (sections: {})", known.join(", ")),
                    ));
                };
                for (name, value) in table {
                    s.keys.push(parse_override(text, section, name, value)?);
                }
            }
            _ => s
                .keys
                .push(parse_override(text, Section::Reading, name, value)?),
        }
    }
    Ok(s)
}

/// One `action = key or [keys]` line of section `section`.
fn parse_override(
    text: &str,
    section: Section,
    name: &str,
    value: &toml::Value,
) -> Result<Override, ParseError> {
    let table = section.table();
    let key_path = format!("{table}.{name}");
    let span = || span_of(text, table, name);
    let Some(action) = section.action(name) else {
        let known: Vec<&str> = section.actions().iter().map(|(n, _)| *n).collect();
        let sections = if section == Section::Reading {
            let names: Vec<&str> = Section::ALL[1..].iter().map(|s| s.table()).collect();
            format!("; other modes in [{}]", names.join("], ["))
        } else {
            String::new()
        };
        return Err((
            span(),
            Some(key_path),
            format!("no such action (actions: {}{sections})", known.join(", ")),
        ));
    };
    let written: Vec<&str> = match value {
        toml::Value::String(k) => vec![k.as_str()],
        toml::Value::Array(ks) => ks.iter().filter_map(toml::Value::as_str).collect(),
        _ => Vec::new(),
    };
    let keys: Option<Vec<Key>> = written.iter().map(|k| Key::parse(k)).collect();
    let count = match value {
        toml::Value::Array(ks) => ks.len(),
        _ => 1,
    };
    match keys {
        Some(keys) if !keys.is_empty() && keys.len() == count => {
            if let Some(why) = keys.iter().find_map(|&k| refused(section, k)) {
                return Err((span(), Some(key_path), why));
            }
            Ok(Override {
                section,
                action,
                keys,
            })
        }
        _ => Err((
            span(),
            Some(key_path),
            format!(
                "{value} is not a key or a list of keys (j, Ctrl-d, space, Esc, Enter, Tab, S-Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Del, Backspace)"
            ),
        )),
    }
}

fn parse_color(name: &str, v: &Spanned<String>) -> Result<Color, ParseError> {
    Color::from_str(v.get_ref()).map_err(|_| {
        (
            Some(v.span()),
            Some(format!("theme.{name}")),
            format!(
                "'{}' is not a colour (a name such as yellow or light-blue, #rrggbb, or 0-255)",
                v.get_ref()
            ),
        )
    })
}

/// The `[table]` whose section holds byte `offset`.
fn table_at(text: &str, offset: usize) -> Option<String> {
    text[..offset.min(text.len())].lines().rev().find_map(|l| {
        let t = l.trim();
        t.strip_prefix('[')?
            .strip_suffix(']')
            .map(|n| n.trim().to_string())
    })
}

/// Where `name` is set in table `[table]` (the table's values are not
/// spanned): the first line after the table header starting with it.
fn span_of(text: &str, table: &str, name: &str) -> Option<Range<usize>> {
    let header = text.find(&format!("[{table}]"))?;
    let mut offset = header;
    for line in text[header..].lines() {
        let t = line.trim_start();
        if t.starts_with(name) && t[name.len()..].trim_start().starts_with('=') {
            return Some(offset..offset + line.len());
        }
        offset += line.len() + 1;
    }
    Some(header..header + table.len() + 2)
}

/// Every setting with its default, commented: what `crossread config
/// --default` prints, ready to copy and edit.
pub fn default_text() -> String {
    let keymap = Keymap::default();
    let mut keys = String::new();
    for &section in Section::ALL {
        if section != Section::Reading {
            keys.push_str(&format!(
                "\n[{}]\n# {}.\n",
                section.table(),
                section.about()
            ));
        }
        for (name, action) in section.actions() {
            let all = keymap.keys_of(section, *action);
            let list: Vec<String> = all.iter().map(|k| format!("{:?}", k.name())).collect();
            keys.push_str(&format!("# {name} = [{}]\n", list.join(", ")));
        }
    }
    let reading = Section::Reading.about();
    format!(
        "# crossread configuration: $XDG_CONFIG_HOME/crossread/config.toml (else
# ~/.config/crossread/config.toml), or crossread --config PATH.
# List only what you change; everything else keeps its default.

[reader]
# columns = 0          # columns shown at start; 0: as many as fit (36+ cells each)
# zoom_width = {DEFAULT_ZOOM_WIDTH}     # widest text when a column is zoomed (z), centred
# mouse = false        # wheel scrolling and click-to-focus (--mouse)
# clipboard = true     # y and u copy with OSC 52 (--no-clipboard turns it off)
# hyperlinks = true    # URLs as OSC 8 links (never on the linux console)

[theme]
# Colours: a name (yellow, light-blue, dark-gray…), #rrggbb, or 0-255.
# NO_COLOR still turns every colour off.
# quote = \"yellow\"     # quotes of speakers no other source quotes
# matched = \"yellow\"   # filter matches (background)
# focused = \"cyan\"     # the focused column's header (background)
# current = \"cyan\"     # the ▶ mark of the current quote
# dim = \"dark-gray\"    # secondary text
# border = \"dark-gray\" # separators and borders
# speakers = [\"39\", \"208\", \"41\", \"171\", \"220\", \"45\", \"203\", \"118\"]  # shared speakers A, B, C…

[keys]
# An action = a key or a list of keys. A key given to an action is taken
# from any other action of the same mode. The help (?) shows your keys.
# Keys: a character, space, Ctrl-x, Esc, Enter, Tab, S-Tab, Up, Down, Left,
# Right, PgUp, PgDn, Home, End, Del, Backspace. Ctrl-c (quit) and Ctrl-z
# (suspend) work everywhere and are not rebound; in a prompt, characters
# are typed, so its keys are Ctrl- or named keys.
# {reading}.
{keys}"
    )
}

#[cfg(test)]
mod tests;
