//! Dates for stories: the day an article's date names, and back.

use crate::text::calendar;

/// Days since 1970-01-01 for dates written `YYYY-MM-DD…` (ISO 8601 / RFC
/// 3339) or `[Day, ]DD Mon YYYY…` (RFC 2822, as in RSS); None otherwise.
pub(crate) fn parse_day(date: &str) -> Option<i64> {
    let d = date.trim();
    let iso = || -> Option<(i64, u32, u32)> {
        let b = d.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        Some((
            d.get(0..4)?.parse().ok()?,
            d.get(5..7)?.parse().ok()?,
            d.get(8..10)?.parse().ok()?,
        ))
    };
    let rfc = || -> Option<(i64, u32, u32)> {
        let rest = d.split_once(',').map_or(d, |(_, r)| r);
        let mut it = rest.split_whitespace();
        let day: u32 = it.next()?.parse().ok()?;
        let m = calendar::month_number(it.next()?.get(0..3)?)?;
        let y: i64 = it.next()?.parse().ok()?;
        Some((y, m, day))
    };
    let (y, m, day) = iso().or_else(rfc)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) || !(1000..=9999).contains(&y) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// `YYYY-MM-DD` for days since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse() {
        assert_eq!(parse_day("1970-01-02"), Some(1));
        assert_eq!(
            parse_day("2024-03-01T10:00:00Z"),
            parse_day("Fri, 01 Mar 2024 10:00 GMT")
        );
        assert_eq!(
            parse_day("2024-03-01")
                .zip(parse_day("2024-02-28"))
                .map(|(a, b)| a - b),
            Some(2)
        );
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day("2024-13-01"), None);
    }
}
