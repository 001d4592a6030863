//! Validators for PII candidates: checksums and structural rules that a regex cannot express.
//! The candidates come from `secrets::SecretScanner`; these functions only say yes or no.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Payment card number: 13 to 19 digits once spaces and dashes are removed, one separator style,
/// a valid Luhn check digit, and not a run of one digit.
pub fn valid_card(candidate: &str) -> bool {
    let digits: Vec<u8> = candidate
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if !(13..=19).contains(&digits.len()) {
        return false;
    }
    let mut seps = candidate.bytes().filter(|b| !b.is_ascii_digit());
    if let Some(first) = seps.next() {
        if seps.any(|b| b != first) {
            return false;
        }
        // Printed card numbers group their digits 4-4-4-4(-3), 4-6-5 or 4-6-4.
        let groups: Vec<usize> = candidate.split(char::from(first)).map(str::len).collect();
        if groups[0] != 4 || groups.iter().any(|&g| !(3..=6).contains(&g)) {
            return false;
        }
    }
    if digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    luhn(&digits)
}

/// The Luhn (mod 10) check over digit values, check digit last.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, &d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum % 10 == 0
}

/// IBAN lengths per country (ISO 13616 registry, SWIFT release).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// IBAN: known country, that country's length, and the ISO 7064 mod-97 check equal to 1.
/// Spaces between characters are allowed (printed form).
pub fn valid_iban(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate.bytes().filter(|b| *b != b' ').collect();
    if compact.len() < 15 || !compact.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let Ok(country) = std::str::from_utf8(&compact[..2]) else {
        return false;
    };
    match IBAN_LENGTHS.iter().find(|(c, _)| *c == country) {
        Some(&(_, len)) if len == compact.len() => {}
        _ => return false,
    }
    if !compact[2..4].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut rem = 0u32;
    for &b in compact[4..].iter().chain(&compact[..4]) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// US SSN `AAA-GG-SSSS`: one separator style (dash, space or dot), area not 000, 666 or 9xx,
/// group not 00, serial not 0000 (SSA numbering rules).
pub fn valid_ssn(candidate: &str) -> bool {
    let digits: Vec<u8> = candidate
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits.len() != 9 {
        return false;
    }
    let seps: Vec<u8> = candidate.bytes().filter(|b| !b.is_ascii_digit()).collect();
    if seps.len() != 2 || seps[0] != seps[1] {
        return false;
    }
    let area = u32::from(digits[0]) * 100 + u32::from(digits[1]) * 10 + u32::from(digits[2]);
    let group = digits[3] * 10 + digits[4];
    let serial = digits[5..].iter().fold(0u32, |a, &d| a * 10 + u32::from(d));
    area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
}

/// IPv4 dotted quad (optionally `/prefix`), no leading zeros.
pub fn valid_ipv4(candidate: &str) -> bool {
    let (addr, prefix) = split_prefix(candidate);
    if let Some(p) = prefix {
        if !matches!(p.parse::<u8>(), Ok(0..=32)) {
            return false;
        }
    }
    if addr.split('.').any(|o| o.len() > 1 && o.starts_with('0')) {
        return false;
    }
    addr.parse::<Ipv4Addr>().is_ok()
}

/// IPv6 in any RFC 4291 text form (`::`, embedded IPv4), optionally `%zone` and `/prefix`.
/// The unspecified address `::` alone is not reported (it is everywhere in code).
pub fn valid_ipv6(candidate: &str) -> bool {
    let (addr, prefix) = split_prefix(candidate);
    if let Some(p) = prefix {
        if !matches!(p.parse::<u8>(), Ok(0..=128)) {
            return false;
        }
    }
    let addr = addr.split('%').next().unwrap_or(addr);
    if !addr.bytes().any(|b| b.is_ascii_hexdigit()) && prefix.is_none() {
        return false;
    }
    addr.parse::<Ipv6Addr>().is_ok()
}

fn split_prefix(s: &str) -> (&str, Option<&str>) {
    match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    }
}

/// Phone number: 7 to 15 digits (E.164 allows at most 15), one separator style between groups
/// (parentheses aside), and not one digit repeated.
pub fn valid_phone(candidate: &str) -> bool {
    let digits: Vec<u8> = candidate.bytes().filter(u8::is_ascii_digit).collect();
    let min = if candidate.starts_with('+') { 8 } else { 7 };
    if !(min..=15).contains(&digits.len()) {
        return false;
    }
    if digits.iter().all(|&d| d == digits[0]) {
        return false;
    }
    // "00" is the international call prefix, never the start of a national number.
    if candidate.starts_with("00") {
        return false;
    }
    let mut seps = candidate
        .bytes()
        .filter(|b| matches!(b, b'-' | b'.' | b'/'))
        .collect::<Vec<_>>();
    seps.dedup();
    seps.len() <= 1
}

/// E-mail: local part without leading/trailing/double dots, domain labels without edge dashes,
/// and a top-level domain of letters (or an IDN `xn--` label).
pub fn valid_email(candidate: &str) -> bool {
    let Some((local, domain)) = candidate.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return false;
    }
    if labels
        .iter()
        .any(|l| l.is_empty() || l.len() > 63 || l.starts_with('-') || l.ends_with('-'))
    {
        return false;
    }
    let tld = labels[labels.len() - 1];
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())) || tld.starts_with("xn--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_test_numbers_and_rejects_a_changed_digit() {
        assert!(valid_card("4242 4242 4242 4242"));
        assert!(valid_card("5105-1051-0510-5100"));
        assert!(valid_card("378282246310005"));
        assert!(!valid_card("4242 4242 4242 4241"));
        assert!(!valid_card("4242-4242 4242-4242"), "mixed separators");
        assert!(!valid_card("0000000000000000"), "one repeated digit");
        assert!(!valid_card("424242424242"), "too short");
        assert!(valid_card("3782 822463 10005"), "Amex 4-6-5");
        assert!(!valid_card("378282-246310005"), "not a card grouping");
    }

    #[test]
    fn iban_mod97_and_country_length() {
        assert!(valid_iban("DE89370400440532013000"));
        assert!(valid_iban("GB29 NWBK 6016 1331 9268 19"));
        assert!(valid_iban("NO9386011117947"));
        assert!(!valid_iban("DE89370400440532013001"), "check digits");
        assert!(
            !valid_iban("DE8937040044053201300"),
            "German IBANs have 22 characters"
        );
        assert!(!valid_iban("ZZ89370400440532013000"), "unknown country");
    }

    #[test]
    fn ssn_area_group_serial_rules() {
        assert!(valid_ssn("536-22-8726"));
        assert!(valid_ssn("536 22 8726"));
        assert!(!valid_ssn("000-22-8726"));
        assert!(!valid_ssn("666-22-8726"));
        assert!(!valid_ssn("912-22-8726"));
        assert!(!valid_ssn("536-00-8726"));
        assert!(!valid_ssn("536-22-0000"));
        assert!(!valid_ssn("536-22.8726"), "mixed separators");
        assert!(!valid_ssn("536228726"), "no separators");
    }

    #[test]
    fn ip_addresses() {
        assert!(valid_ipv4("203.0.113.9"));
        assert!(valid_ipv4("10.0.0.0/8"));
        assert!(!valid_ipv4("256.1.1.1"));
        assert!(!valid_ipv4("1.2.3.04"));
        assert!(valid_ipv6("2001:db8::1"));
        assert!(valid_ipv6("fe80::1%eth0"));
        assert!(valid_ipv6("::ffff:192.0.2.7"));
        assert!(!valid_ipv6("::"));
        assert!(!valid_ipv6("12:34:56"));
        assert!(!valid_ipv6("aa:bb:cc:dd:ee:ff"));
    }

    #[test]
    fn phones_and_emails() {
        assert!(valid_phone("+44 20 7946 0958"));
        assert!(valid_phone("(212) 555-0147"));
        assert!(!valid_phone("555-01"));
        assert!(!valid_phone("1111111111"));
        assert!(!valid_phone("212-555.0147"));
        assert!(!valid_phone("00000000560"));
        assert!(valid_email("jane.doe+x@mail.example.org"));
        assert!(valid_email("a@xn--80ak6aa92e.xn--p1ai"));
        assert!(!valid_email("jane..doe@example.org"));
        assert!(!valid_email("jane@localhost"));
        assert!(!valid_email("jane@example.c0m"));
    }
}
