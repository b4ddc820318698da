//! Writes the deterministic synthetic corpus in the formats crossread loads.
//!
//! cargo run --release --example gen_corpus -- --articles 10000 --out /tmp/corpus
//!
//! DIR/articles.jsonl   every article, one JSON object per line
//! DIR/lines.txt        one passage (paragraph) per line, for fzf comparisons
//! DIR/mixed/           a sample as story JSON, .txt and .md files

use std::fs;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;
use serde_json::json;

#[derive(Parser)]
struct Args {
    /// How many articles.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Output folder (created).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

fn main() -> std::io::Result<()> {
    let args = Args::parse();
    let story = crossread::synth::story(args.articles, args.seed);
    fs::create_dir_all(args.out.join("mixed"))?;

    let mut jsonl = BufWriter::new(fs::File::create(args.out.join("articles.jsonl"))?);
    let mut lines = BufWriter::new(fs::File::create(args.out.join("lines.txt"))?);
    let mut passages = 0;
    for a in &story.articles {
        let doc = json!({ "id": a.id, "title": a.title, "paragraphs": a.paragraphs });
        writeln!(jsonl, "{doc}")?;
        for p in &a.paragraphs {
            writeln!(lines, "{p}")?;
            passages += 1;
        }
    }
    jsonl.flush()?;
    lines.flush()?;

    let sample = &story.articles[..story.articles.len().min(30)];
    let (json_part, rest) = sample.split_at(sample.len() / 3);
    let story_json = json!({ "id": "sample", "title": "Synthetic sample", "articles": json_part });
    fs::write(
        args.out.join("mixed/story.json"),
        serde_json::to_string_pretty(&story_json)?,
    )?;
    for (i, a) in rest.iter().enumerate() {
        let title = a.title.clone().unwrap_or_default();
        let body = a.paragraphs.join("\n\n");
        let (name, text) = if i % 2 == 0 {
            (format!("{}.txt", a.id), format!("{title}\n\n{body}\n"))
        } else {
            (format!("{}.md", a.id), format!("# {title}\n\n{body}\n"))
        };
        fs::write(args.out.join("mixed").join(name), text)?;
    }
    let bytes: usize = story.articles.iter().map(|a| a.text_len()).sum();
    eprintln!(
        "wrote {} articles, {passages} passages, {:.1} MB of text to {}",
        story.articles.len(),
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}
