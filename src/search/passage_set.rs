//! A set of passage ids, as bits: what the index's term results are
//! combined with (and, or, and-not) before any passage is looked at.

/// A set of passage ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageSet {
    bits: Vec<u64>,
}

impl PassageSet {
    pub fn empty(n: usize) -> Self {
        Self {
            bits: vec![0; n.div_ceil(64)],
        }
    }

    pub fn full(n: usize) -> Self {
        let mut s = Self {
            bits: vec![!0; n.div_ceil(64)],
        };
        if !n.is_multiple_of(64)
            && let Some(last) = s.bits.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        s
    }

    pub fn insert(&mut self, i: u32) {
        self.bits[i as usize / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: u32) -> bool {
        self.bits
            .get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn and(&mut self, o: &Self) {
        self.bits.iter_mut().zip(&o.bits).for_each(|(a, b)| *a &= b);
    }

    pub fn or(&mut self, o: &Self) {
        self.bits.iter_mut().zip(&o.bits).for_each(|(a, b)| *a |= b);
    }

    pub fn and_not(&mut self, o: &Self) {
        self.bits
            .iter_mut()
            .zip(&o.bits)
            .for_each(|(a, b)| *a &= !b);
    }

    pub fn len(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|&w| w == 0)
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits
            .iter()
            .enumerate()
            .flat_map(|(i, &w)| set_bits(w).map(move |b| (i * 64 + b) as u32))
    }
}

/// The places of the bits set in `word`, lowest first.
pub(super) fn set_bits(mut word: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let j = word.trailing_zeros() as usize;
            word &= word - 1;
            j
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_set_ops() {
        let mut a = PassageSet::full(70);
        assert_eq!(a.len(), 70);
        let mut b = PassageSet::empty(70);
        b.insert(3);
        b.insert(69);
        a.and(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [3, 69]);
        assert!(a.contains(69) && !a.contains(4));
    }
}
