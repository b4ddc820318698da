//! Any bytes, as any supported format: no panic, and loaded text is clean.
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.json", "a.jsonl", "a.txt", "a.md", "a.html", "a.rss", "stdin",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    let out = crossread::corpus::load_bytes(name, bytes);
    for a in &out.story.articles {
        assert!(!a.paragraphs.is_empty());
        for p in a.paragraphs.iter().chain(a.title.iter()) {
            assert!(!p.chars().any(crossread::corpus::is_unsafe_char), "{p:?}");
        }
    }
    for d in &out.diagnostics {
        assert!(!d.to_string().contains('\n'));
    }
});
