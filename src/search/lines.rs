//! `search --lines`: every line of a stream is a passage. The stream is read
//! block by block into one reused buffer (no copy of the whole input is
//! made or kept), each block's lines are decoded, sanitised and matched on
//! every core, and only the matching lines are kept.
//!
//! The answers are those of decoding the whole input at once (invalid
//! UTF-8 replaced), splitting it as [`str::lines`] does, sanitising every
//! line and matching it with [`super::match_passage`] (a test checks it):
//! only the work differs.

use std::borrow::Cow;
use std::io::{self, Read};

use rayon::prelude::*;

use super::matcher::{Passage, anchor_commonness};
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
    pieces
        .par_iter()
        .map(|&(ps, pe)| {
            let piece = &block[ps..pe];
            // Validated once (nearly always valid); else line by line.
            let valid = std::str::from_utf8(piece).ok();
            let mut ranges = Vec::new();
            line_ranges(piece, &mut ranges);
            let hits = ranges
                .iter()
                .enumerate()
                .filter_map(|(line, &(s, e))| {
                    match_line(piece, valid, s, e, q, order).map(|(score, text)| LineHit {
                        line,
                        score,
                        text,
                    })
                })
                .collect();
            (ranges.len(), hits)
        })
        .collect()
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

/// One line (`block[s..e]`): its score and sanitised text, if it matches.
/// `valid` is the block as text, if it is valid UTF-8. Whether it matches
/// is decided first when there are several groups (in `order`, each term
/// at its first match); only a match is scored.
fn match_line(
    block: &[u8],
    valid: Option<&str>,
    s: usize,
    e: usize,
    q: &Query,
    order: &[usize],
) -> Option<(i64, String)> {
    // Line ends sit on ASCII bytes, so slicing valid text is safe.
    let decoded = match valid.and_then(|t| t.get(s..e)) {
        Some(t) => Cow::Borrowed(t),
        None => String::from_utf8_lossy(&block[s..e]),
    };
    let (clean, _) = sanitize_cow(&decoded);
    let mut passage = Passage::new(&clean);
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
}
