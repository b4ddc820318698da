//! Deterministic hashing for features: FNV-1a for text (the same on every
//! machine and run, unlike the standard library's randomly keyed hasher)
//! and a pass-through hasher for tables keyed by such hashes.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// 64-bit FNV-1a: deterministic on every machine and run, unlike the
/// standard library's randomly keyed hasher.
pub(crate) fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h = Fnv::default();
    for part in parts {
        h.write_part(part);
    }
    h.finish()
}

/// [`fnv`] fed one part at a time.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(crate) fn write_part(&mut self, part: &[u8]) {
        let mut h = self.0;
        for &b in part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        self.0 = h.wrapping_mul(0x0100_0000_01b3);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

/// A hasher for keys that are already well-mixed 64-bit hashes.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(b) ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // One multiply spreads any key's bits to the top, which the table's
        // probing uses.
        self.0 = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;
