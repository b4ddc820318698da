//! Colour policy, one function for both faces: colour only on a terminal,
//! never with `NO_COLOR` (or `CLICOLOR=0`, `TERM=dumb`), always with
//! `CLICOLOR_FORCE`. The rules are anstream's, which clap follows too.
//!
//! Imports nothing of the project.

use std::io;

/// Whether output written to stdout should have colour.
pub fn stdout_has_color() -> bool {
    anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
}
