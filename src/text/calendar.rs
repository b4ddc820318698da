//! Calendar words: the English weekday and month names, one list for every
//! engine (story features drop weekdays as too common to tell events apart
//! and read month names in dates; quote analysis never takes them for
//! people). Imports nothing of the project.

/// Weekday names, lower case, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month names, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// True for a weekday name, any case ("Tuesday").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| d.eq_ignore_ascii_case(word))
}

/// The month (1-12) a full name or its first three letters name, any case
/// ("March", "mar", "SEP"); None otherwise.
pub fn month_number(word: &str) -> Option<u32> {
    let n = if word.len() == 3 {
        MONTHS
            .iter()
            .position(|m| m[..3].eq_ignore_ascii_case(word))
    } else {
        MONTHS.iter().position(|m| m.eq_ignore_ascii_case(word))
    };
    n.map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_and_months() {
        assert!(is_weekday("Tuesday") && is_weekday("sunday"));
        assert!(!is_weekday("tues") && !is_weekday("today"));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("sep"), Some(9));
        assert_eq!(month_number("DEC"), Some(12));
        assert_eq!(month_number("may"), Some(5));
        assert_eq!(month_number("sept"), None);
        assert_eq!(month_number("marchs"), None);
        assert_eq!(month_number(""), None);
    }
}
