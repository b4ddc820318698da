//! Counts in words: `1 source`, `3 sources`, `0 errors` — never
//! `source(s)`. One helper for both faces' messages.

/// `n` and the noun, singular for exactly one: `count(1, "source",
/// "sources")` is `1 source`, `count(0, …)` is `0 sources`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_for_exactly_one() {
        assert_eq!(count(1, "source", "sources"), "1 source");
        assert_eq!(count(0, "source", "sources"), "0 sources");
        assert_eq!(count(2, "match", "matches"), "2 matches");
    }
}
