//! `search --lines`: every line of a stream is a passage. The stream is read
//! block by block into one reused buffer (no copy of the whole input is
//! made or kept), each block's lines are decoded, sanitised and matched on
//! every core, and only the matching lines are kept.
//!
//! The answers are those of decoding the whole input at once (invalid
//! UTF-8 replaced), splitting it as [`str::lines`] does, sanitising every
//! line and matching it with [`super::match_passage`] (a test checks it):
//! only the work differs. Most lines are rejected without being looked at
//! one by one: when the query requires a group of plain fuzzy terms, the
//! places where one of them may start are searched for across a whole
//! piece ([`Gate`]), and a line with none that is plain, clean text cannot
//! match.

use std::borrow::Cow;
use std::io::{self, Read};

use rayon::prelude::*;

use super::matcher::{Passage, StartFinder, anchor_commonness, plain_and_clean};
use super::query::MatchKind;
use super::query::Query;
use crate::corpus::sanitize_cow;

/// Bytes read at a time (a longer line grows the buffer to hold it).
const BLOCK: usize = 1 << 21;

/// Bytes per unit of parallel work (a piece ends at a line break). Each
/// piece is validated, split into lines and matched by one task, so only
/// the read itself is serial.
const PIECE: usize = 1 << 17;

/// A matching line: its index (from 0), score and sanitised text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHit {
    pub line: usize,
    pub score: i64,
    pub text: String,
}

/// What [`scan_lines`] found: the matching lines in input order, and how
/// many bytes it read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineScan {
    pub hits: Vec<LineHit>,
    pub bytes: u64,
}

/// The lines of `reader` that match `q`, in order. While one block is
/// matched the next is read (two buffers), so the read overlaps the work.
pub fn scan_lines<R: Read + Send>(mut reader: R, q: &Query) -> io::Result<LineScan> {
    let order = check_order(q);
    let mut cur = vec![0u8; BLOCK];
    let mut next = vec![0u8; BLOCK];
    let mut scan = LineScan::default();
    let mut first_line = 0;
    // Bytes in `cur`: the unfinished line carried over, then what was read.
    let (mut filled, mut eof, read) = fill(&mut reader, &mut cur, 0)?;
    scan.bytes += read;
    loop {
        // The complete lines: up to the last line break, or all at the end.
        let end = match (eof, memchr::memrchr(b'\n', &cur[..filled])) {
            (true, _) => filled,
            (false, Some(p)) => p + 1,
            (false, None) => {
                // One line longer than the buffer: room for more of it.
                cur.resize(cur.len() * 2, 0);
                let (f, e, read) = fill(&mut reader, &mut cur, filled)?;
                (filled, eof) = (f, e);
                scan.bytes += read;
                continue;
            }
        };
        // The unfinished line starts the next buffer.
        let carry = filled - end;
        if next.len() < cur.len() {
            next.resize(cur.len(), 0);
        }
        next[..carry].copy_from_slice(&cur[end..filled]);
        let block = &cur[..end];
        let (read, found) = if eof {
            (Ok((carry, true, 0)), match_block(block, q, &order))
        } else {
            rayon::join(
                || fill(&mut reader, &mut next, carry),
                || match_block(block, q, &order),
            )
        };
        for (lines, hits) in found {
            scan.hits.extend(hits.into_iter().map(|mut h| {
                h.line += first_line;
                h
            }));
            first_line += lines;
        }
        if eof {
            return Ok(scan);
        }
        let (f, e, read) = read?;
        (filled, eof) = (f, e);
        scan.bytes += read;
        std::mem::swap(&mut cur, &mut next);
    }
}

/// Reads into `buf` after its first `filled` bytes until it is full or the
/// input ends: (bytes in `buf`, the input ended, bytes read).
fn fill<R: Read>(
    reader: &mut R,
    buf: &mut [u8],
    mut filled: usize,
) -> io::Result<(usize, bool, u64)> {
    let mut read = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => return Ok((filled, true, read)),
            Ok(n) => {
                filled += n;
                read += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok((filled, false, read))
}

/// The matching lines of a block of whole lines, piece by piece on every
/// core: per piece, its line count and its hits numbered within it.
fn match_block(block: &[u8], q: &Query, order: &[usize]) -> Vec<(usize, Vec<LineHit>)> {
    let mut pieces = Vec::new();
    piece_ranges(block, &mut pieces);
    let gate = Gate::of(q, order);
    pieces
        .par_iter()
        .map(|&(ps, pe)| {
            let piece = &block[ps..pe];
            // Validated once (nearly always valid); else line by line.
            let valid = simdutf8::basic::from_utf8(piece).ok();
            let mut ranges = Vec::new();
            line_ranges(piece, &mut ranges);
            // Lines holding a start of the gate's terms; the others are
            // rejected if plain and clean. Only on valid text (so a line
            // is its bytes).
            let started = match (&gate, valid) {
                (Some(g), Some(_)) => Some(g.started_lines(piece, &ranges)),
                _ => None,
            };
            let hits = ranges
                .iter()
                .enumerate()
                .filter_map(|(line, &(s, e))| {
                    // Plain and clean, when known: such a line is matched
                    // as it is, without sanitising or looking again.
                    let quiet = match (&started, valid) {
                        (Some(started), Some(text)) => {
                            let quiet = plain_and_clean(&text[s..e]);
                            if quiet && !started[line] {
                                return None;
                            }
                            quiet
                        }
                        _ => false,
                    };
                    match_line(line_text(piece, valid, s, e), quiet, q, order)
                        .map(|(score, text)| LineHit { line, score, text })
                })
                .collect();
            (ranges.len(), hits)
        })
        .collect()
}

/// The query's group checked first, when it is one a line can be rejected
/// by on bytes: every term fuzzy, not negated, of ASCII letters and digits.
/// A plain, clean line (see [`plain_and_clean`]) where none of them can
/// start a match fails the group, so the query.
struct Gate<'q>(Vec<StartFinder<'q>>);

impl<'q> Gate<'q> {
    fn of(q: &'q Query, order: &[usize]) -> Option<Self> {
        let group = &q.groups[*order.first()?];
        let finders: Option<Vec<StartFinder>> = group
            .iter()
            .map(|t| {
                (t.kind == MatchKind::Fuzzy && !t.negated)
                    .then(|| StartFinder::new(&t.needle, t.case_sensitive))
                    .flatten()
            })
            .collect();
        finders.filter(|f| !f.is_empty()).map(Self)
    }

    /// Per line of `piece` (`ranges`), whether a term may start a match in
    /// it. Searched across the piece: after a start, from the next line.
    /// Each line's starts are among those found in it as part of the
    /// piece (what precedes a line only adds starts), so none is missed.
    fn started_lines(&self, piece: &[u8], ranges: &[(usize, usize)]) -> Vec<bool> {
        let mut started = vec![false; ranges.len()];
        for finder in &self.0 {
            let (mut from, mut line) = (0, 0);
            while let Some(p) = finder.first(&piece[from..]) {
                let at = from + p;
                while line + 1 < ranges.len() && ranges[line + 1].0 <= at {
                    line += 1;
                }
                started[line] = true;
                match ranges.get(line + 1) {
                    Some(&(next, _)) => from = next,
                    None => break,
                }
            }
        }
        started
    }
}

/// `block` cut into pieces of about [`PIECE`] bytes, each ending just after
/// a line break (the last at the block's end): lines never straddle two.
fn piece_ranges(block: &[u8], pieces: &mut Vec<(usize, usize)>) {
    pieces.clear();
    let mut start = 0;
    while start < block.len() {
        let target = start + PIECE;
        let end = if target >= block.len() {
            block.len()
        } else {
            memchr::memchr(b'\n', &block[target..]).map_or(block.len(), |p| target + p + 1)
        };
        pieces.push((start, end));
        start = end;
    }
}

/// The byte ranges of the lines of `block` as [`str::lines`] splits them
/// (a final line break ends the last line; `\r\n` counts as one).
fn line_ranges(block: &[u8], ranges: &mut Vec<(usize, usize)>) {
    ranges.clear();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', block) {
        let stop = if end > start && block[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        ranges.push((start, stop));
        start = end + 1;
    }
    if start < block.len() {
        ranges.push((start, block.len()));
    }
}

/// The order to check a query's groups in to reject a line: the group
/// whose fuzzy terms are anchored on the rarest bytes first (a fuzzy term
/// is the cheapest to reject); then the others, in query order.
fn check_order(q: &Query) -> Vec<usize> {
    let cost = |g: &[super::query::Term]| {
        g.iter()
            .map(|t| match (t.kind, t.negated) {
                (MatchKind::Fuzzy, false) => anchor_commonness(&t.needle),
                _ => usize::MAX,
            })
            .max()
            .unwrap_or(usize::MAX)
    };
    let mut order: Vec<usize> = (0..q.groups.len()).collect();
    order.sort_by_key(|&g| cost(&q.groups[g]));
    order
}

/// The text of the line `block[s..e]`: borrowed from `valid` (the block as
/// text, if it is valid UTF-8), else decoded with invalid bytes replaced.
fn line_text<'a>(block: &'a [u8], valid: Option<&'a str>, s: usize, e: usize) -> Cow<'a, str> {
    // Line ends sit on ASCII bytes, so slicing valid text is safe.
    match valid.and_then(|t| t.get(s..e)) {
        Some(t) => Cow::Borrowed(t),
        None => String::from_utf8_lossy(&block[s..e]),
    }
}

/// One decoded line: its score and sanitised text, if it matches. `quiet`:
/// the line is known to be plain and clean (see [`plain_and_clean`]).
/// Whether it matches is decided first when there are several groups (in
/// `order`, each term at its first match); only a match is scored.
fn match_line(
    decoded: Cow<'_, str>,
    quiet: bool,
    q: &Query,
    order: &[usize],
) -> Option<(i64, String)> {
    let clean = if quiet {
        decoded
    } else {
        sanitize_cow(&decoded).0
    };
    let mut passage = if quiet {
        Passage::with_plain(&clean, true)
    } else {
        Passage::new(&clean)
    };
    // One group: scoring it is deciding it.
    let matches = order.len() < 2
        || order.iter().all(|&g| {
            q.groups[g]
                .iter()
                .any(|t| passage.term_matches(t, None) != t.negated)
        });
    if !matches {
        return None;
    }
    // The score as `match_passage` gives it.
    let score = if q.is_empty() {
        0
    } else {
        passage.query_score(q)?
    };
    Some((score, clean.into_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scan;

    /// The reference: the whole input decoded, split, sanitised and
    /// scanned at once.
    fn reference(input: &[u8], q: &Query) -> Vec<LineHit> {
        let text = String::from_utf8_lossy(input);
        let lines: Vec<String> = text
            .lines()
            .map(|l| sanitize_cow(l).0.into_owned())
            .collect();
        scan(q, &lines)
            .into_iter()
            .map(|h| LineHit {
                line: h.passage as usize,
                score: h.score,
                text: lines[h.passage as usize].clone(),
            })
            .collect()
    }

    /// The reference without any fast path: every term scored on the
    /// folded line ([`Passage::term_score_reference`]), a group by its best
    /// term, negated terms inverted, the query by the sum of its groups.
    fn slow_reference(input: &[u8], q: &Query) -> Vec<LineHit> {
        let text = String::from_utf8_lossy(input);
        text.lines()
            .map(|l| sanitize_cow(l).0.into_owned())
            .enumerate()
            .filter_map(|(line, clean)| {
                let mut passage = Passage::new(&clean);
                let mut score = 0;
                for group in &q.groups {
                    let best = group
                        .iter()
                        .filter_map(|t| match passage.term_score_reference(t) {
                            Some(s) if !t.negated => Some(s),
                            None if t.negated => Some(0),
                            _ => None,
                        })
                        .max();
                    score += best?;
                }
                Some(LineHit {
                    line,
                    score,
                    text: clean,
                })
            })
            .collect()
    }

    /// A reader handing out at most `step` bytes per call, as a pipe may.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(out.len()).min(self.data.len());
            out[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    const INPUT: &[u8] = b"The mayor spoke at noon.\r\n\
        Rain all week in Z\xc3\xbcrich.\n\
        \n\
        bad \xe2\x82\n\
        \x1b[31mred\x1b[0m mayoral race\n\
        tab\there \xff mayor\r\n\
        last line, no break\r";

    #[test]
    fn agrees_with_decoding_splitting_and_scanning_the_whole_input() {
        for query in [
            "mayor", "zurich", "", "'red", "!mayor", "line$", "bad", "^tab",
        ] {
            let q = Query::parse(query);
            let got = scan_lines(INPUT, &q).expect("in memory");
            assert_eq!(got.hits, reference(INPUT, &q), "{query:?}");
            assert_eq!(got.bytes, INPUT.len() as u64);
        }
    }

    /// Many pieces (each matched by its own task): line numbers run on
    /// across pieces, and a piece with invalid UTF-8 falls back alone.
    #[test]
    fn lines_numbered_across_pieces() {
        let mut input = Vec::new();
        while input.len() < 5 * PIECE {
            input.extend_from_slice(INPUT);
            input.push(b'\n');
            input.extend_from_slice(b"a mayor of no note, line after line\r\n");
        }
        for query in ["mayor", "zurich", "'red", "line$"] {
            let q = Query::parse(query);
            let got = scan_lines(&input[..], &q).expect("in memory");
            assert_eq!(got.hits, reference(&input, &q), "{query:?}");
        }
    }

    #[test]
    fn lines_split_across_reads_and_longer_than_the_buffer() {
        let mut input = INPUT.to_vec();
        // A line twice the block, then more lines after it.
        input.extend(std::iter::repeat_n(b'x', 2 * BLOCK));
        input.extend_from_slice(b" mayor\nthe mayor again\n");
        let q = Query::parse("mayor");
        let want = reference(&input, &q);
        for step in [1 << 16, 4093, BLOCK + 3] {
            let got = scan_lines(Trickle { data: &input, step }, &q).expect("in memory");
            assert_eq!(got.hits, want, "step {step}");
        }
        assert_eq!(want.last().map(|h| h.line), Some(7));
    }

    /// Lines a byte-level rejection could get wrong: a match that only
    /// sanitising makes (an escape sequence inside the word), one that only
    /// folding makes (`ü`), typographic punctuation around it, a tab, a
    /// bidi control, and a case-sensitive term.
    #[test]
    fn the_gate_rejects_only_lines_that_cannot_match() {
        let input = "plain trump here\n\
            tr\x1b[0mump joined by the sanitiser\n\
            Tr\u{fc}mp folded\n\
            \u{201c}trump\u{201d} \u{2014} quoted\n\
            tab\ttrump\n\
            bidi \u{202e}trump\n\
            nothing to see\n\
            Trump capitalised, tiktok and court\n\
            tr ump split\n"
            .as_bytes();
        for query in [
            "trump",
            "Trump",
            "trump court",
            "tiktok | trump",
            "trump !court",
            "'trump",
            "trmp",
        ] {
            let q = Query::parse(query);
            let got = scan_lines(input, &q).expect("in memory");
            assert_eq!(got.hits, reference(input, &q), "{query:?}");
        }
        let got = scan_lines(input, &Query::parse("trump")).expect("in memory");
        let lines: Vec<usize> = got.hits.iter().map(|h| h.line).collect();
        assert_eq!(lines, [0, 1, 2, 3, 4, 5, 7]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Random lines of words near the queries, typographic and foldable
        /// characters, controls and escape sequences: the same hits as
        /// decoding, sanitising and matching every line.
        #[test]
        fn agrees_with_the_reference_on_random_lines(
            words in proptest::collection::vec(0usize..WORDS.len(), 0..400),
            breaks in proptest::collection::vec(0usize..12, 0..400),
            query in 0usize..QUERIES.len(),
        ) {
            let mut input = String::new();
            for (i, &w) in words.iter().enumerate() {
                input.push_str(WORDS[w]);
                input.push(if breaks.get(i) == Some(&0) { '\n' } else { ' ' });
            }
            let q = Query::parse(QUERIES[query]);
            let got = scan_lines(input.as_bytes(), &q).expect("in memory");
            let want = reference(input.as_bytes(), &q);
            proptest::prop_assert_eq!(&got.hits, &want);
            proptest::prop_assert_eq!(got.hits, slow_reference(input.as_bytes(), &q));
        }
    }

    const WORDS: &[&str] = &[
        "trump",
        "Trump",
        "tr\x1b[1mump",
        "tr\u{fc}mp",
        "\u{201c}trump\u{201d}",
        "trumpet",
        "tru",
        "mp",
        "t",
        "rump",
        "red",
        "Rednot",
        "rednote",
        "red-not",
        "r\u{e9}dnot",
        "note",
        "court",
        "Court",
        "ban",
        "refugee",
        "\u{2014}",
        "\t",
        "\r",
        "\u{202e}",
        "\x7f",
        "\u{85}",
        "sarah",
        "foth",
        "sarahfoth",
        "tiktok",
        "tik",
        "tok",
        "Z\u{fc}rich",
        "caf\u{e9}",
        "a",
        "the",
    ];

    const QUERIES: &[&str] = &[
        "trump",
        "Trump",
        "rednot",
        "sarah foth",
        "sarahfoth",
        "refugee ban court",
        "tiktok | trump",
        "trump !court",
        "'trump",
        "court$",
        "^red",
        "tkt",
    ];
}
