//! Shared by the hostile-input tests.

/// Byte sequences from the fixtures that crossread itself never writes.
pub const INJECTED: &[&[u8]] = &[
    b"\x1b]52",
    b"\x1b]8;",
    b"\x1b]0;",
    b"\x1bP",
    b"\x1b_",
    b"\x1b[21t",
    b"\x1b[5i",
    b"\x1b[31;1m",
    b"\xc2\x9b",
    b"\xc2\x9d",
    b"\xc2\x9c",
    b"\x00",
    b"\x7f",
    b"\x07",
    b"\xe2\x80\xae",
    b"\xe2\x81\xa6",
    b"PWNED",
    b"[31;1mALERT",
    b"ZWNobyBQV05FRA",
];

pub fn assert_clean_output(what: &str, bytes: &[u8]) {
    for seq in INJECTED {
        assert!(
            !bytes.windows(seq.len()).any(|w| w == *seq),
            "{what}: output contains {:?}",
            String::from_utf8_lossy(seq)
        );
    }
}
