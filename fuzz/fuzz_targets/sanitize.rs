//! The sanitiser leaves no control, C1 or bidi character, and is idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (clean, _) = crossread::corpus::sanitize(&text);
    for c in clean.chars() {
        assert!(!crossread::corpus::is_unsafe_char(c), "{c:?} survived");
    }
    let (again, report) = crossread::corpus::sanitize(&clean);
    assert_eq!(again, clean);
    assert!(report.is_clean());
});
