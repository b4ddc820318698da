//! From feature vectors to clusters: candidate pairs from an inverted index
//! over each article's rarest, heaviest features (never all pairs), exact
//! cosine for the candidates, then average-linkage merging on that sparse
//! graph until no two clusters are similar enough.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

/// A sparse unit vector: (feature id, weight), sorted by id.
pub(crate) type Vector = Vec<(u32, f32)>;

/// Dot product of two id-sorted sparse vectors.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Postings in one flat array (compressed sparse rows): feature id ->
/// the articles that have it, for features rare enough to be evidence.
pub(crate) struct Postings {
    offsets: Vec<u32>,
    docs: Vec<u32>,
}

impl Postings {
    pub(crate) fn build(vectors: &[Vector], df: &[u32], max_df: usize) -> Self {
        let usable = |f: u32| (2..=max_df).contains(&(df[f as usize] as usize));
        let mut offsets = vec![0u32; df.len() + 1];
        for v in vectors {
            for &(f, _) in v {
                if usable(f) {
                    offsets[f as usize + 1] += 1;
                }
            }
        }
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut docs = vec![0u32; *offsets.last().unwrap_or(&0) as usize];
        for (d, v) in vectors.iter().enumerate() {
            for &(f, _) in v {
                if usable(f) {
                    docs[fill[f as usize] as usize] = d as u32;
                    fill[f as usize] += 1;
                }
            }
        }
        Self { offsets, docs }
    }

    fn get(&self, f: u32) -> &[u32] {
        let (a, b) = (
            self.offsets[f as usize] as usize,
            self.offsets[f as usize + 1] as usize,
        );
        &self.docs[a..b]
    }
}

/// Settings for finding similar pairs.
pub(crate) struct PairOptions {
    /// How many of an article's heaviest indexed features look for partners.
    pub query_features: usize,
    /// How many best partners per article get an exact similarity.
    pub candidates: usize,
    /// Pairs below this similarity are not kept.
    pub min_similarity: f32,
}

/// Similar pairs (i < j, similarity), sorted. `adjust` may scale a pair's
/// cosine (dates far apart) before the cut.
pub(crate) fn similar_pairs(
    vectors: &[Vector],
    postings: &Postings,
    opts: &PairOptions,
    adjust: &(dyn Fn(usize, usize, f32) -> f32 + Sync),
) -> Vec<(u32, u32, f32)> {
    let n = vectors.len();
    let mut pairs: Vec<(u32, u32, f32)> = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0f32; n], Vec::<u32>::new()),
            |(acc, touched), i| {
                let v = &vectors[i];
                // The heaviest features that are in the index.
                let mut query: Vec<(u32, f32)> = v
                    .iter()
                    .copied()
                    .filter(|&(f, _)| !postings.get(f).is_empty())
                    .collect();
                query.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                query.truncate(opts.query_features);
                for &(f, w) in &query {
                    for &d in postings.get(f) {
                        if d as usize == i {
                            continue;
                        }
                        if acc[d as usize] == 0.0 {
                            touched.push(d);
                        }
                        acc[d as usize] += w;
                    }
                }
                let mut cands: Vec<(u32, f32)> =
                    touched.iter().map(|&d| (d, acc[d as usize])).collect();
                for &d in touched.iter() {
                    acc[d as usize] = 0.0;
                }
                touched.clear();
                let k = opts.candidates.min(cands.len());
                if k < cands.len() {
                    cands.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                    cands.truncate(k);
                }
                // A candidate whose rare features alone come nowhere near
                // the cut is not worth an exact similarity.
                cands
                    .into_iter()
                    .filter(|&(_, partial)| partial >= opts.min_similarity * 0.5)
                    .filter_map(|(d, _)| {
                        let j = d as usize;
                        let s = adjust(i, j, dot(v, &vectors[j]));
                        (s >= opts.min_similarity).then(|| (i.min(j) as u32, i.max(j) as u32, s))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten_iter()
        .collect();
    pairs.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    pairs.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    pairs
}

/// Hashes small integer keys with one multiplication (Fibonacci hashing).
#[derive(Default)]
struct IntHasher(u64);

impl Hasher for IntHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

type IntMap<V> = HashMap<u32, V, BuildHasherDefault<IntHasher>>;

/// A heap entry: average similarity, then the pair (smaller ids first on ties).
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u32, Reverse<(u32, u32)>);

/// Average-linkage agglomerative clustering over a sparse similarity graph
/// (absent pairs count as 0): repeatedly merges the two clusters with the
/// highest average pairwise similarity while it is at least `threshold`.
/// Deterministic: ties go to the smaller cluster ids. Returns each
/// article's cluster as lists of article indices (ascending), clusters in
/// order of their smallest member.
pub(crate) fn average_linkage(
    n: usize,
    pairs: &[(u32, u32, f32)],
    threshold: f32,
) -> Vec<Vec<u32>> {
    let mut nbr: Vec<IntMap<f32>> = (0..n).map(|_| IntMap::default()).collect();
    for &(a, b, s) in pairs {
        *nbr[a as usize].entry(b).or_default() += s;
        *nbr[b as usize].entry(a).or_default() += s;
    }
    let mut size = vec![1u32; n];
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let mut alive = vec![true; n];
    // Similarities are in [0, 1]; their f32 bit patterns order the same way.
    let key = |avg: f32| avg.max(0.0).to_bits();
    let mut heap: BinaryHeap<Entry> = pairs
        .iter()
        .filter(|p| p.2 >= threshold)
        .map(|&(a, b, s)| Entry(key(s), Reverse((a, b))))
        .collect();
    while let Some(Entry(k, Reverse((a, b)))) = heap.pop() {
        let (ai, bi) = (a as usize, b as usize);
        if !alive[ai] || !alive[bi] {
            continue;
        }
        let Some(&sum) = nbr[ai].get(&b) else {
            continue;
        };
        let avg = sum / (size[ai] as f32 * size[bi] as f32);
        if key(avg) != k {
            continue; // stale: a fresher entry for this pair exists
        }
        // Merge the smaller neighbourhood into the larger (ties: into a).
        let (keep, gone) = if nbr[bi].len() > nbr[ai].len() {
            (bi, ai)
        } else {
            (ai, bi)
        };
        let moved = std::mem::take(&mut nbr[gone]);
        nbr[keep].remove(&(gone as u32));
        for (x, s) in moved {
            if x as usize == keep {
                continue;
            }
            *nbr[keep].entry(x).or_default() += s;
            let xs = &mut nbr[x as usize];
            xs.remove(&(gone as u32));
            *xs.entry(keep as u32).or_default() += s;
        }
        alive[gone] = false;
        size[keep] += size[gone];
        let m = std::mem::take(&mut members[gone]);
        members[keep].extend(m);
        for (&x, &s) in &nbr[keep] {
            let avg = s / (size[keep] as f32 * size[x as usize] as f32);
            if avg >= threshold {
                let k = keep as u32;
                heap.push(Entry(key(avg), Reverse((k.min(x), k.max(x)))));
            }
        }
    }
    let mut out: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_unstable_by_key(|m| m[0]);
    out
}

/// The bars of [`two_phase`].
pub(crate) struct Bars {
    /// Clusters merge while their mean pairwise similarity is at least this.
    pub merge: f32,
    /// A short article's mean similarity to a story's members must be at
    /// least this to join it...
    pub attach: f32,
    /// ...and this many times its mean similarity to the next best story.
    pub margin: f32,
}

/// Links in two phases so that a short article (a headline and a line, a
/// feed item's summary, a page that is mostly furniture) may join a story
/// but never bridge two: first average linkage among the long articles
/// alone; then each short article joins the one story it is most similar
/// to (its mean similarity to the story's members), if that is at least
/// `attach` and `margin` times the next story's; the short articles left
/// over are linked among themselves (a feed of headlines is all short).
pub(crate) fn two_phase(
    n: usize,
    pairs: &[(u32, u32, f32)],
    short: &[bool],
    bars: &Bars,
) -> Vec<Vec<u32>> {
    let &Bars {
        merge: threshold,
        attach,
        margin,
    } = bars;
    let is_short = |i: u32| short.get(i as usize).copied().unwrap_or(false);
    let long_pairs: Vec<(u32, u32, f32)> = pairs
        .iter()
        .copied()
        .filter(|&(a, b, _)| !is_short(a) && !is_short(b))
        .collect();
    let mut groups = average_linkage(n, &long_pairs, threshold);
    // Each article's group (only long articles' groups matter here).
    let mut group_of = vec![u32::MAX; n];
    for (g, m) in groups.iter().enumerate() {
        for &i in m {
            group_of[i as usize] = g as u32;
        }
    }
    // Summed similarity of each short article to each long group.
    let mut sums: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for &(a, b, s) in pairs {
        for (x, y) in [(a, b), (b, a)] {
            if is_short(x) && !is_short(y) {
                let g = group_of[y as usize];
                let e = &mut sums[x as usize];
                match e.iter_mut().find(|(h, _)| *h == g) {
                    Some(slot) => slot.1 += s,
                    None => e.push((g, s)),
                }
            }
        }
    }
    let mut joins: Vec<(u32, u32)> = Vec::new();
    for (x, e) in sums.iter().enumerate() {
        let mut best: Option<(u32, f32)> = None;
        let mut second = 0.0f32;
        for &(g, s) in e {
            let avg = s / groups[g as usize].len() as f32;
            match best {
                Some((bg, b)) if avg > b || (avg == b && g < bg) => {
                    second = second.max(b);
                    best = Some((g, avg));
                }
                Some(_) => second = second.max(avg),
                None => best = Some((g, avg)),
            }
        }
        if let Some((g, b)) = best
            && b >= attach
            && b >= margin * second
        {
            joins.push((x as u32, g));
        }
    }
    let joined: Vec<bool> = {
        let mut j = vec![false; n];
        for &(x, _) in &joins {
            j[x as usize] = true;
        }
        j
    };
    // The short articles left over, linked among themselves.
    let rest_pairs: Vec<(u32, u32, f32)> = pairs
        .iter()
        .copied()
        .filter(|&(a, b, _)| {
            is_short(a) && is_short(b) && !joined[a as usize] && !joined[b as usize]
        })
        .collect();
    let rest = average_linkage(n, &rest_pairs, threshold);
    for &(x, g) in &joins {
        groups[g as usize].push(x);
    }
    let mut out: Vec<Vec<u32>> = groups
        .into_iter()
        .filter(|m| m.iter().any(|&i| !is_short(i)))
        .chain(
            rest.into_iter()
                .filter(|m| m.iter().all(|&i| is_short(i) && !joined[i as usize])),
        )
        .map(|mut m| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_unstable_by_key(|m| m[0]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_of_sparse_vectors() {
        assert_eq!(dot(&[(1, 0.5), (3, 0.5)], &[(0, 1.0), (3, 0.5)]), 0.25);
        assert_eq!(dot(&[], &[(0, 1.0)]), 0.0);
    }

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1 and 1-2 are close but 0-2 are not linked: after {0,1} merges,
        // 2's average to the pair is (0.8 + 0) / 2 = 0.4, below 0.5.
        let pairs = [(0, 1, 0.9), (1, 2, 0.8), (3, 4, 0.6)];
        assert_eq!(
            average_linkage(5, &pairs, 0.5),
            vec![vec![0, 1], vec![2], vec![3, 4]]
        );
        // With 0-2 also linked, all three join.
        let pairs = [(0, 1, 0.9), (0, 2, 0.6), (1, 2, 0.8)];
        assert_eq!(average_linkage(3, &pairs, 0.5), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_short_article_never_bridges_two_stories() {
        // 0-1 and 2-3 are two stories, barely related; 4 is short and as
        // close to both. Average linkage lets it join one and then bridge:
        // ((0.1 + 0.1) + 4 * 0.6) / 6 = 0.43 between the two.
        let pairs = [
            (0, 1, 0.5),
            (0, 2, 0.1),
            (0, 4, 0.6),
            (1, 3, 0.1),
            (1, 4, 0.6),
            (2, 3, 0.5),
            (2, 4, 0.6),
            (3, 4, 0.6),
        ];
        assert_eq!(average_linkage(5, &pairs, 0.13), vec![vec![0, 1, 2, 3, 4]]);
        let short = [false, false, false, false, true];
        let bars = Bars {
            merge: 0.13,
            attach: 0.13,
            margin: 1.5,
        };
        assert_eq!(
            two_phase(5, &pairs, &short, &bars),
            vec![vec![0, 1], vec![2, 3], vec![4]]
        );
        // Clearly closer to one story, it joins that one.
        let pairs = [
            (0, 1, 0.5),
            (0, 4, 0.6),
            (1, 4, 0.5),
            (2, 3, 0.5),
            (2, 4, 0.2),
        ];
        assert_eq!(
            two_phase(5, &pairs, &short, &bars),
            vec![vec![0, 1, 4], vec![2, 3]]
        );
        // Short articles alone (a feed of headlines) link among themselves.
        let all_short = [true; 3];
        assert_eq!(
            two_phase(3, &[(0, 1, 0.5), (1, 2, 0.05)], &all_short, &bars),
            vec![vec![0, 1], vec![2]]
        );
    }
}
