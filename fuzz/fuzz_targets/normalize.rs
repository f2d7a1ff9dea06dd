//! Feeds arbitrary bytes to the France Travail normaliser: it must never panic, and an offer
//! it accepts must keep its invariants (ordered salary bounds, id prefix).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let seen_at = chrono::DateTime::<chrono::Utc>::from_timestamp(1_700_000_000, 0).unwrap();
    if let Ok(offer) = jobmarket_francetravail::normalize::normalize_json(text, seen_at) {
        assert!(offer.id.as_str().starts_with("francetravail:"));
        if let (Some(min), Some(max)) = (offer.salary.min_annual_eur, offer.salary.max_annual_eur) {
            assert!(min <= max, "salary bounds out of order");
        }
    }
});
