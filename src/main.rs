//! crossread binary: parse arguments, load the story, dispatch.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use crossread::cli::{self, Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`crossread list | head -1`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crossread: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> io::Result<u8> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let code = match cli.command {
        Some(Command::List { input, json }) => {
            let outcome = input.load();
            cli::report_diagnostics(&outcome);
            cli::list(&mut out, &outcome.story, json)?;
            outcome.exit_code()
        }
        Some(Command::Check { input }) => {
            let outcome = input.load();
            let problems = cli::check(&mut out, &outcome)?;
            if outcome.story.articles.is_empty() {
                2
            } else {
                i32::from(problems)
            }
        }
        Some(Command::Quotes {
            input,
            speaker,
            json,
        }) => {
            let outcome = input.load();
            cli::report_diagnostics(&outcome);
            let analysis = crossread::analysis::analyze(&outcome.story);
            let found = cli::quotes(
                &mut out,
                &outcome.story,
                &analysis,
                speaker.as_deref(),
                json,
            )?;
            if !found {
                eprintln!(
                    "crossread: no speaker matches '{}'",
                    speaker.unwrap_or_default()
                );
                out.flush()?;
                return Ok(1);
            }
            outcome.exit_code()
        }
        Some(Command::Search {
            query,
            input,
            lines,
            limit,
            json,
        }) => {
            if let Some(file) = lines {
                // The same size-limited reader as every other input.
                let opts = crossread::corpus::LoadOptions {
                    max_file_size: input.max_file_size,
                };
                let text = match crossread::corpus::read_text(&file, &opts) {
                    Ok(t) => t,
                    Err(d) => {
                        eprintln!("crossread: {d}");
                        return Ok(2);
                    }
                };
                // Lines are sanitised in parallel, borrowed when already clean.
                let clean = crossread::corpus::sanitized_lines(&text);
                let passages: Vec<&str> = clean.iter().map(|c| c.as_ref()).collect();
                let found = cli::search(&mut out, &query, &passages, &|_| None, limit, json)?;
                out.flush()?;
                return Ok(u8::from(found == 0));
            }
            let outcome = input.load();
            cli::report_diagnostics(&outcome);
            let story = &outcome.story;
            let (texts, origin) = crossread::search::story_passages(story);
            let label = |i: usize| {
                let (a, p) = origin[i];
                Some((story.articles[a].id.clone(), p))
            };
            let found = cli::search(&mut out, &query, &texts, &label, limit, json)?;
            if found == 0 {
                1.max(outcome.exit_code())
            } else {
                outcome.exit_code()
            }
        }
        Some(Command::Speakers { input, json }) => {
            let outcome = input.load();
            cli::report_diagnostics(&outcome);
            let analysis = crossread::analysis::analyze(&outcome.story);
            cli::speakers(&mut out, &outcome.story, &analysis, json)?;
            outcome.exit_code()
        }
        None if io::stdout().is_terminal() => {
            drop(out);
            let input = cli.input.clone();
            let describe = match input.paths.len() {
                0 => "loading the bundled story".to_string(),
                1 => format!("loading {}", input.paths[0].display()),
                n => format!("loading {n} paths"),
            };
            let opts = crossread::tui::terminal::ReaderOptions {
                mouse: cli.reader.mouse,
                clipboard: !cli.reader.no_clipboard,
            };
            let code = crossread::tui::terminal::run(describe, move || input.load(), opts)?;
            return Ok(u8::try_from(code).unwrap_or(2));
        }
        // Not a terminal (a pipe, a script): print what loaded instead.
        None => {
            let outcome = cli.input.load();
            cli::report_diagnostics(&outcome);
            if !outcome.story.articles.is_empty() {
                cli::list(&mut out, &outcome.story, false)?;
            }
            outcome.exit_code()
        }
    };
    out.flush()?;
    Ok(u8::try_from(code).unwrap_or(2))
}
