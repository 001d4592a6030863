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
    // Two equal separators (3-2-4), or none: the bare form is only read after its keyword.
    let seps: Vec<u8> = candidate.bytes().filter(|b| !b.is_ascii_digit()).collect();
    if !(seps.is_empty() || (seps.len() == 2 && seps[0] == seps[1])) {
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
    // An ascending run of 9 digits (`1234-5678-9012`) is a placeholder, not a number.
    if digits.windows(9).any(|w| {
        w.windows(2)
            .all(|p| p[1] == if p[0] == b'9' { b'0' } else { p[0] + 1 })
    }) {
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

/// National identifiers and account numbers validated after their regex matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    /// US ABA routing transit number: 9 digits, weights 3-7-1, prefix ranges of the Fed.
    AbaRouting,
    /// Bitcoin legacy address (base58check, version 0x00 or 0x05).
    BitcoinBase58,
    /// Bitcoin segwit address (BIP 173 bech32 for v0, BIP 350 bech32m for v1+).
    BitcoinBech32,
    /// Bitcoin private key in wallet import format: base58check of 0x80 (mainnet) or 0xEF
    /// (testnet), the 32-byte key and 0x01 when the public key is compressed.
    BitcoinWif,
    /// Ethereum address, 0x + 40 hex (not all one digit).
    Ethereum,
    /// US ITIN: 9XX-XX-XXXX with the IRS group ranges.
    UsItin,
    /// UK NHS number: 10 digits, mod 11.
    UkNhs,
    /// UK National Insurance number: prefix letters, 6 digits, suffix A-D.
    UkNino,
    /// Canadian SIN: 9 digits, Luhn, first digit not 0 or 8.
    CaSin,
    /// Spanish DNI/NIF (8 digits + letter) or NIE (X/Y/Z + 7 digits + letter), mod 23.
    EsNif,
    /// Italian codice fiscale: 16 characters, control character.
    ItFiscalCode,
    /// Indian Aadhaar: 12 digits, first 2-9, Verhoeff.
    InAadhaar,
    /// Indian PAN: AAAAA9999A with a holder-type fourth letter.
    InPan,
    /// Singapore NRIC/FIN (S, T, F, G series): checksum letter.
    SgNric,
    /// Australian tax file number: 9 digits, weighted mod 11.
    AuTfn,
    /// Australian business number: 11 digits, weighted mod 89.
    AuAbn,
    /// Australian Medicare card number: 10 digits (+ optional IRN), first 2-6, weighted mod 10.
    AuMedicare,
    /// German tax identification number (Steuer-IdNr): 11 digits, ISO 7064 MOD 11,10 check
    /// digit and the digit-distribution rule.
    DeTaxId,
    /// German tax id found after its keyword: check digit only.
    DeTaxIdInContext,
    /// A number found after a keyword (passport, driver licence): at least 5 digits, not one
    /// digit repeated, not an ascending run.
    KeywordNumber,
    /// A bare phone number after its keyword.
    Phone,
    /// Finnish henkilötunnus: DDMMYY, century sign, individual number 002-899, check character
    /// (the nine digits mod 31 index `0123456789ABCDEFHJKLMNPRSTUVWXY`).
    FiHetu,
    /// Korean resident registration number (gender digit 1-4, 9, 0) or foreigner registration
    /// number (5-8), same layout: YYMMDD + 7 digits, weights 2..9,2..5, check (11 - sum mod 11)
    /// mod 10.
    KrRrn,
    /// The hyphen form, with the check digit unless the holder was born from 2020 (numbers
    /// assigned from October 2020 have random digits there).
    KrRrnHyphen,
    /// Date and gender/century digit only (after a keyword, or opt-in): numbers re-issued since
    /// October 2020 carry no check digit whatever the birth year.
    KrRrnLoose,
    /// Korean business registration number: 10 digits, weights 1,3,7,1,3,7,1,3,5.
    KrBrn,
    /// Korean driver's licence: 12 digits, region 11-28.
    KrDriverLicense,
    /// Thai national id: 13 digits, first 1-8, weights 13..2 mod 11.
    ThTnin,
    /// Turkish T.C. kimlik no: 11 digits, first not 0, two check digits.
    TrTckn,
    /// Polish PESEL: 11 digits, YYMMDD with century in the month, weights 1,3,7,9 mod 10.
    PlPesel,
    /// Swedish personnummer / samordningsnummer: (YY)YYMMDD[-+]NNNC, Luhn over the 10 digits.
    SePersonnummer,
    /// Swedish organisationsnummer: 10 digits, third digit at least 2, Luhn.
    SeOrgNr,
    /// German VAT id (USt-IdNr): DE + 9 digits, ISO 7064 MOD 11,10.
    DeVatId,
    /// German pension insurance number (Rentenversicherungsnummer): area, DDMMYY, initial letter,
    /// serial, check digit.
    DeSvnr,
    /// German health insurance number (KVNR): letter + 8 digits + check digit.
    DeKvnr,
    /// German Personalausweis / Reisepass serial: 9 characters from the ICAO alphabet without
    /// vowels (CFGHJKLMNPRTVWXYZ and digits), first a letter.
    DeDocument,
    /// German lifelong physician number (LANR): 6 digits, check digit (weights 4,9), 2 digits.
    DeLanr,
    /// German Betriebsstättennummer (BSNR): 9 digits, first two a KV region code.
    DeBsnr,
    /// Indian GSTIN: state code, PAN, entity digit, Z, mod-36 check character.
    InGstin,
    /// Indian GSTIN, structure only (state code, PAN shape, entity, Z).
    InGstinShape,
    /// US Medicare Beneficiary Identifier: 11 characters with per-position classes.
    UsMbi,
    /// US National Provider Identifier: 10 digits, Luhn with the 80840 prefix.
    UsNpi,
    /// Australian company number: 9 digits, weights 8..1, complement mod 10.
    AuAcn,
    /// Italian partita IVA: 11 digits, Luhn-style check, office code 001-100 or 120-121, 888, 999.
    ItVat,
    /// UK driving licence number (DVLA): surname, decade, month (+5 for women), day, year,
    /// initials, digit, two check characters.
    UkDrivingLicence,
    /// MAC-48 address: six hex pairs with one separator style, or three dotted hex quads.
    Mac,
    /// A calendar date in a numeric or month-name form, with a valid month and day.
    Date,
    /// An identifier found after its keyword: at least 4 digits, not one repeated digit (a
    /// weaker `KeywordNumber` for formats with letters).
    KeywordCode,
    /// German postcode: 01001-99998.
    DePlz,
    /// UK registration mark with the DVLA letter and age-identifier rules.
    UkVehicle,
    /// UK postcode with the Royal Mail letter rules for each position of the outward and
    /// inward codes.
    UkPostcode,
    /// A number plate found after its keyword: a UK mark is judged by the DVLA rules, a
    /// Turkish-shaped one whose letters are a month abbreviation (`15 MAR 2025`) is a date.
    VehiclePlate,
    /// A date after a birth keyword: a calendar date (`Date`) or a four-digit year 1900-2099.
    BirthDate,
    /// A capitalised name in a name field: not a type name (`String`) or a placeholder.
    PersonName,
    /// A structure-only match (the regex is the whole rule; used by opt-in families).
    Shape,
}

fn digit_values(s: &str) -> Vec<u32> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| u32::from(b - b'0'))
        .collect()
}

/// The separators of `s` (non-alphanumerics) are all the same byte, or there are none.
fn one_separator_style(s: &str) -> bool {
    let mut seps = s.bytes().filter(|b| !b.is_ascii_alphanumeric());
    match seps.next() {
        None => true,
        Some(first) => seps.all(|b| b == first),
    }
}

fn all_same(d: &[u32]) -> bool {
    d.iter().all(|&x| Some(&x) == d.first())
}

fn weighted(d: &[u32], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(a, b)| a * b).sum()
}

/// Validate a candidate of the given kind (the regex already fixed its shape).
pub fn valid_id(kind: IdKind, candidate: &str) -> bool {
    // Dates mix separators (`May 1st, 1977`) and repeat digits (`2000-01-01`); a structure-only
    // rule's regex is the whole rule (URLs, names).
    match kind {
        IdKind::Date => return valid_date(candidate),
        IdKind::BirthDate => {
            let year = candidate.len() == 4
                && candidate.bytes().all(|b| b.is_ascii_digit())
                && (1900..=2099).contains(&candidate.parse::<u32>().unwrap_or(0));
            return year || valid_date(candidate);
        }
        IdKind::Shape => return true,
        IdKind::PersonName => return valid_person_name(candidate),
        // German plates mix a hyphen and a space (`K-AB 1234`).
        IdKind::VehiclePlate => return valid_plate(candidate),
        _ => {}
    }
    if !one_separator_style(candidate) {
        return false;
    }
    let d = digit_values(candidate);
    // Synthetic fillers (`10000000145`) pass weighted checksums often, and round numbers in prose
    // (amounts, counters) are made of them: in a candidate of digits and separators only, one
    // digit making up more than 60 % of the number is not an issued identifier. A candidate with
    // letters in its structure (a country prefix, a series or control letter: `DE999999995`,
    // `1111111G`) is not a round number; its own check decides.
    let dominant = (0..10).any(|x| d.iter().filter(|&&y| y == x).count() * 10 > d.len() * 6);
    let lettered = candidate.bytes().any(|b| b.is_ascii_alphabetic());
    if dominant && d.len() >= 7 && !lettered {
        return false;
    }
    match kind {
        IdKind::AbaRouting => {
            let prefix = d.first().zip(d.get(1)).map(|(a, b)| a * 10 + b);
            d.len() == 9
                && matches!(prefix, Some(0..=12 | 21..=32 | 61..=72 | 80))
                && !all_same(&d)
                && weighted(&d, &[3, 7, 1, 3, 7, 1, 3, 7, 1]) % 10 == 0
        }
        IdKind::BitcoinBase58 => valid_base58check_address(candidate),
        IdKind::BitcoinWif => valid_wif(candidate),
        IdKind::BitcoinBech32 => valid_segwit_address(candidate),
        IdKind::Ethereum => {
            let hex = candidate.get(2..).unwrap_or("");
            hex.len() == 40
                && hex.bytes().all(|b| b.is_ascii_hexdigit())
                && hex.bytes().filter(|&b| b == hex.as_bytes()[0]).count() < 20
        }
        IdKind::UsItin => {
            let group = d.get(3).zip(d.get(4)).map(|(a, b)| a * 10 + b);
            d.len() == 9
                && d[0] == 9
                && matches!(group, Some(50..=65 | 70..=88 | 90..=92 | 94..=99))
                && !all_same(&d[5..])
        }
        IdKind::UkNhs => {
            if d.len() != 10 || all_same(&d) {
                return false;
            }
            let r = 11 - weighted(&d, &[10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11;
            let check = if r == 11 { 0 } else { r };
            check != 10 && check == d[9]
        }
        IdKind::UkNino => valid_nino(candidate),
        IdKind::CaSin => d.len() == 9 && d[0] != 0 && d[0] != 8 && !all_same(&d) && luhn_values(&d),
        IdKind::EsNif => valid_es_nif(candidate),
        IdKind::ItFiscalCode => valid_it_fiscal_code(candidate),
        IdKind::InAadhaar => {
            d.len() == 12 && d[0] >= 2 && !all_same(&d) && verhoeff(&d) && {
                // UIDAI does not issue palindromic numbers.
                let rev: Vec<u32> = d.iter().rev().copied().collect();
                rev != d
            }
        }
        IdKind::InPan => {
            let b = candidate.as_bytes();
            b.len() == 10
                && b[..5].iter().all(u8::is_ascii_uppercase)
                && b"ABCFGHJLPT".contains(&b[3])
                && b[5..9].iter().all(u8::is_ascii_digit)
                && b[9].is_ascii_uppercase()
                && !all_same(&d)
        }
        IdKind::SgNric => valid_sg_nric(candidate),
        IdKind::AuTfn => {
            d.len() == 9 && !all_same(&d) && weighted(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]) % 11 == 0
        }
        IdKind::AuAbn => {
            if d.len() != 11 || d[0] == 0 || all_same(&d) {
                return false;
            }
            let mut v = d.clone();
            v[0] -= 1;
            weighted(&v, &[10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]) % 89 == 0
        }
        IdKind::AuMedicare => {
            (10..=11).contains(&d.len())
                && (2..=6).contains(&d[0])
                && d[9] != 0
                && weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == d[8]
        }
        IdKind::DeTaxId => de_tax_id_check(&d) && de_tax_id_distribution(&d),
        IdKind::DeTaxIdInContext => de_tax_id_check(&d),
        IdKind::Phone => valid_phone(candidate),
        IdKind::KeywordNumber => {
            d.len() >= 5 && !all_same(&d) && !d.windows(2).all(|w| w[1] == (w[0] + 1) % 10)
        }
        IdKind::FiHetu => valid_fi_hetu(candidate),
        IdKind::KrRrn => kr_rrn(&d, candidate, true),
        IdKind::KrRrnHyphen => candidate.contains('-') && kr_rrn(&d, candidate, true),
        IdKind::KrRrnLoose => {
            kr_rrn(&d, candidate, false) && {
                let y = num(&d[..2]);
                !(matches!(d[6], 3 | 4 | 7 | 8) && y > 30)
            }
        }
        IdKind::KrBrn => {
            if d.len() != 10 || all_same(&d) {
                return false;
            }
            let s = weighted(&d, &[1, 3, 7, 1, 3, 7, 1, 3, 5]) + d[8] * 5 / 10;
            (10 - s % 10) % 10 == d[9]
        }
        IdKind::KrDriverLicense => {
            let region = d.first().zip(d.get(1)).map(|(a, b)| a * 10 + b);
            d.len() == 12 && matches!(region, Some(11..=28)) && !all_same(&d[4..])
        }
        IdKind::ThTnin => {
            // Digits 2-3: the province code of the registering office (10-96).
            if d.len() != 13 || !(1..=8).contains(&d[0]) || !(10..=96).contains(&num(&d[1..3])) {
                return false;
            }
            let s = weighted(&d, &[13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
            (11 - s % 11) % 10 == d[12]
        }
        IdKind::TrTckn => {
            if d.len() != 11 || d[0] == 0 {
                return false;
            }
            let odd = d[0] + d[2] + d[4] + d[6] + d[8];
            let even = d[1] + d[3] + d[5] + d[7];
            (odd * 7 + 100 - even) % 10 == d[9] && d[..10].iter().sum::<u32>() % 10 == d[10]
        }
        IdKind::PlPesel => valid_pesel(&d),
        IdKind::SePersonnummer => valid_se_personnummer(&d),
        IdKind::SeOrgNr => d.len() == 10 && d[2] >= 2 && !all_same(&d) && luhn_values(&d),
        IdKind::DeVatId => d.len() == 9 && d[0] != 0 && iso7064_mod11_10(&d),
        IdKind::DeSvnr => valid_de_svnr(candidate),
        IdKind::DeKvnr => valid_de_kvnr(candidate),
        IdKind::DeDocument => {
            let b = candidate.as_bytes();
            b.len() == 9
                && b"CFGHJKLMNPRTVWXYZ".contains(&b[0].to_ascii_uppercase())
                && b.iter().all(|c| {
                    c.is_ascii_digit() || b"CFGHJKLMNPRTVWXYZ".contains(&c.to_ascii_uppercase())
                })
                && d.len() >= 4
        }
        IdKind::DeLanr => {
            d.len() == 9
                && !all_same(&d[..6])
                && (10 - weighted(&d[..6], &[4, 9, 4, 9, 4, 9]) % 10) % 10 == d[6]
        }
        IdKind::DeBsnr => {
            let kv = d.first().zip(d.get(1)).map(|(a, b)| a * 10 + b);
            d.len() == 9
                && matches!(
                    kv,
                    Some(
                        1..=3
                        | 6
                        | 17
                        | 20
                        | 31
                        | 35
                        | 38
                        | 46..=47
                        | 51..=53
                        | 55
                        | 60..=68
                        | 71..=73
                        | 78..=79
                        | 83
                        | 85
                        | 88
                        | 93
                        | 98
                        | 99,
                    )
                )
                && !all_same(&d[2..])
        }
        IdKind::InGstin => valid_in_gstin(candidate, true),
        IdKind::InGstinShape => valid_in_gstin(candidate, false),
        IdKind::UsMbi => valid_us_mbi(candidate),
        IdKind::UsNpi => {
            if d.len() != 10 || !matches!(d[0], 1 | 2) {
                return false;
            }
            let mut v = vec![8, 0, 8, 4, 0];
            v.extend_from_slice(&d);
            luhn_values(&v)
        }
        IdKind::AuAcn => {
            d.len() == 9
                && !all_same(&d)
                && (10 - weighted(&d, &[8, 7, 6, 5, 4, 3, 2, 1]) % 10) % 10 == d[8]
        }
        IdKind::ItVat => {
            let office = d.get(7..10).map(|o| o[0] * 100 + o[1] * 10 + o[2]);
            d.len() == 11
                && matches!(office, Some(1..=100 | 120 | 121 | 888 | 999))
                && luhn_values(&d)
        }
        IdKind::UkDrivingLicence => valid_uk_driving_licence(candidate),
        IdKind::Mac => valid_mac(candidate),
        IdKind::Date => valid_date(candidate),
        IdKind::KeywordCode => d.len() >= 4 && !all_same(&d),
        IdKind::Shape => true,
        IdKind::DePlz => d.len() == 5 && (1001..=99998).contains(&num(&d)),
        IdKind::UkVehicle => valid_uk_vehicle(candidate),
        IdKind::UkPostcode => valid_uk_postcode(candidate),
        IdKind::VehiclePlate => valid_plate(candidate),
        IdKind::BirthDate | IdKind::PersonName => true,
    }
}

/// Day and month form a date (February up to 29; the year is not known everywhere).
fn day_month_ok(day: u32, month: u32) -> bool {
    let max = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=max).contains(&day)
}

fn num(d: &[u32]) -> u32 {
    d.iter().fold(0, |a, &b| a * 10 + b)
}

/// ISO 7064 MOD 11,10 over all digits, check digit last.
fn iso7064_mod11_10(d: &[u32]) -> bool {
    let Some((&check, body)) = d.split_last() else {
        return false;
    };
    let mut product = 10;
    for &x in body {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    (11 - product) % 10 == check
}

/// Finnish HETU (Väestörekisterikeskus / DVV): DDMMYY, century sign (`+` 1800s, `-` `Y` `X` `W`
/// `V` `U` 1900s, `A`-`F` 2000s), individual number 002-999, check character.
fn valid_fi_hetu(candidate: &str) -> bool {
    const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
    let b = candidate.as_bytes();
    if b.len() != 11 || !b"+-ABCDEFYXWVU".contains(&b[6]) {
        return false;
    }
    let digits: Vec<u32> = b[..6]
        .iter()
        .chain(&b[7..10])
        .filter(|c| c.is_ascii_digit())
        .map(|&c| u32::from(c - b'0'))
        .collect();
    if digits.len() != 9 {
        return false;
    }
    let individual = num(&digits[6..]);
    // 002-899 permanent codes, 900-999 temporary ones.
    if !(2..=999).contains(&individual) || !day_month_ok(num(&digits[..2]), num(&digits[2..4])) {
        return false;
    }
    let n = u64::from(num(&digits));
    CHECK[(n % 31) as usize] == b[10]
}

/// Korean RRN / FRN: YYMMDD, a gender/century digit, and (when `check`) the weighted check digit
/// of the 13th position.
fn kr_rrn(d: &[u32], candidate: &str, check: bool) -> bool {
    if d.len() != 13 || !day_month_ok(num(&d[4..6]), num(&d[2..4])) {
        return false;
    }
    // The hyphen, when present, separates the date from the rest.
    if candidate.find('-').is_some_and(|i| i != 6) {
        return false;
    }
    // Numbers assigned from October 2020 (births from 2020: century digits 3, 4, 7, 8) carry
    // random digits instead of the check digit; older ones must pass it.
    let recent = matches!(d[6], 3 | 4 | 7 | 8) && num(&d[..2]) >= 20;
    // Century digits 9 and 0 (born 1800-1899) belong to no living holder.
    if !(1..=8).contains(&d[6]) {
        return false;
    }
    if !check {
        return !all_same(&d[7..]);
    }
    if recent {
        return !all_same(&d[7..]);
    }
    let s = weighted(d, &[2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5]);
    (11 - s % 11) % 10 == d[12]
}

/// PESEL (Ministry of Digital Affairs): YYMMDD with the century added to the month (+80 1800s,
/// +0 1900s, +20 2000s, +40 2100s, +60 2200s), serial, weights 1,3,7,9 mod 10.
fn valid_pesel(d: &[u32]) -> bool {
    if d.len() != 11 {
        return false;
    }
    let month = num(&d[2..4]) % 20;
    if !day_month_ok(num(&d[4..6]), month) {
        return false;
    }
    let s = weighted(d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]);
    (10 - s % 10) % 10 == d[10]
}

/// Swedish personnummer (Skatteverket): 10 or 12 digits, date (day + 60 for a
/// samordningsnummer), Luhn over the last 10.
fn valid_se_personnummer(d: &[u32]) -> bool {
    let ten = match d.len() {
        10 => d,
        12 if matches!(num(&d[..2]), 18..=20) => &d[2..],
        _ => return false,
    };
    let day = num(&ten[4..6]);
    let day = if day > 60 { day - 60 } else { day };
    day_month_ok(day, num(&ten[2..4])) && !all_same(&ten[6..]) && luhn_values(ten)
}

/// Rentenversicherungsnummer (DRV, VKVV §2): area 2 digits, DDMMYY, the surname's initial,
/// serial 2 digits, check digit: the initial as its alphabet position (2 digits), weights
/// 2,1,2,5,7,1,2,1,2,1,2,1, digit sums of the products, mod 10.
fn valid_de_svnr(candidate: &str) -> bool {
    let b: Vec<u8> = candidate
        .bytes()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if b.len() != 12 || !b[8].is_ascii_alphabetic() {
        return false;
    }
    let mut v: Vec<u32> = Vec::with_capacity(13);
    for (i, &c) in b[..12].iter().enumerate() {
        if i == 8 {
            let pos = u32::from(c.to_ascii_uppercase() - b'A') + 1;
            v.push(pos / 10);
            v.push(pos % 10);
        } else if c.is_ascii_digit() {
            v.push(u32::from(c - b'0'));
        } else {
            return false;
        }
    }
    // A birth day above 50 marks a second series for the same date and area.
    let day = num(&v[2..4]);
    if !day_month_ok(if day > 50 { day - 50 } else { day }, num(&v[4..6])) {
        return false;
    }
    let w = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
    let s: u32 = v[..12]
        .iter()
        .zip(w)
        .map(|(a, b)| {
            let p = a * b;
            p / 10 + p % 10
        })
        .sum();
    s % 10 == v[12]
}

/// Krankenversichertennummer (GKV-Spitzenverband): a letter, 8 digits, check digit: the letter
/// as its alphabet position (2 digits) then the 8 digits, weights 1,2 alternating, digit sums of
/// the products, mod 10.
fn valid_de_kvnr(candidate: &str) -> bool {
    let b = candidate.as_bytes();
    if b.len() != 10 || !b[0].is_ascii_alphabetic() || !b[1..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let pos = u32::from(b[0].to_ascii_uppercase() - b'A') + 1;
    let mut v = vec![pos / 10, pos % 10];
    v.extend(b[1..9].iter().map(|&c| u32::from(c - b'0')));
    if all_same(&v[2..]) {
        return false;
    }
    let s: u32 = v
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let p = x * if i % 2 == 0 { 1 } else { 2 };
            p / 10 + p % 10
        })
        .sum();
    s % 10 == u32::from(b[9] - b'0')
}

/// GSTIN (CBIC): 2-digit state code (01-38, 97, 99), the holder's PAN, entity number 1-9/A-Z,
/// `Z`, and a check character (base-36 digits, factors 1,2 alternating, sum of quotient and
/// remainder by 36).
fn valid_in_gstin(candidate: &str, check: bool) -> bool {
    let b: Vec<u8> = candidate.bytes().map(|c| c.to_ascii_uppercase()).collect();
    if b.len() != 15 || !b[..2].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let state = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let pan_shape = b[2..7].iter().all(u8::is_ascii_uppercase)
        && b[7..11].iter().all(u8::is_ascii_digit)
        && b[11].is_ascii_uppercase();
    if !matches!(state, 1..=38 | 97 | 99) || !pan_shape || b[12] == b'0' || b[13] != b'Z' {
        return false;
    }
    if !check {
        return true;
    }
    let val = |c: u8| match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Z' => Some(u32::from(c - b'A') + 10),
        _ => None,
    };
    let mut sum = 0;
    for (i, &c) in b[..14].iter().enumerate() {
        let Some(v) = val(c) else { return false };
        let p = v * if i % 2 == 0 { 1 } else { 2 };
        sum += p / 36 + p % 36;
    }
    let c = (36 - sum % 36) % 36;
    val(b[14]) == Some(c)
}

/// MBI (CMS): C A AN N A AN N A A N N, where C is 1-9 and A a letter other than S L O I B Z;
/// dashes optional after the 4th and 7th characters.
fn valid_us_mbi(candidate: &str) -> bool {
    let b: Vec<u8> = candidate
        .bytes()
        .filter(|&c| c != b'-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if b.len() != 11 {
        return false;
    }
    let alpha = |c: u8| c.is_ascii_uppercase() && !b"SLOIBZ".contains(&c);
    let num = |c: u8| c.is_ascii_digit();
    let an = |c: u8| num(c) || alpha(c);
    (b'1'..=b'9').contains(&b[0])
        && alpha(b[1])
        && an(b[2])
        && num(b[3])
        && alpha(b[4])
        && an(b[5])
        && num(b[6])
        && alpha(b[7])
        && alpha(b[8])
        && num(b[9])
        && num(b[10])
}

/// DVLA driving licence number: 5 surname characters (9-padded), decade digit, month (51-62 for
/// women), day, year digit, 2 initials (9-padded), an arbitrary digit, 2 check characters.
fn valid_uk_driving_licence(candidate: &str) -> bool {
    let b = candidate.as_bytes();
    if b.len() != 16
        || !b[..5].iter().all(|c| c.is_ascii_uppercase() || *c == b'9')
        || !b[0].is_ascii_uppercase()
    {
        return false;
    }
    let dig = |i: usize| {
        b.get(i)
            .filter(|c| c.is_ascii_digit())
            .map(|&c| u32::from(c - b'0'))
    };
    let (Some(m1), Some(m2), Some(d1), Some(d2)) = (dig(6), dig(7), dig(8), dig(9)) else {
        return false;
    };
    let month = (m1 % 5) * 10 + m2;
    day_month_ok(d1 * 10 + d2, month) && dig(5).is_some() && dig(10).is_some() && dig(13).is_some()
}

/// DVLA registration marks: current format (2001-): memory tag (no I, Q, Z), age identifier
/// (March: 02-26, September: 51-75), three random letters (no I, Q); prefix (1983-2001) and
/// suffix (1963-1983) formats: the year letter is not I, O, Q, U or Z.
fn valid_uk_vehicle(candidate: &str) -> bool {
    let b: Vec<u8> = candidate
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    let bad_year = |c: u8| b"IOQUZ".contains(&c);
    if b.len() == 7 && digits == 2 && b[2].is_ascii_digit() {
        let age = u32::from(b[2] - b'0') * 10 + u32::from(b[3] - b'0');
        return !b[..2].iter().any(|c| b"IQZ".contains(c))
            && matches!(age, 2..=26 | 51..=75)
            && !b[4..].iter().any(|c| b"IQ".contains(c));
    }
    match (b.first(), b.last()) {
        (Some(&first), _)
            if first.is_ascii_uppercase() && b.get(1).is_some_and(u8::is_ascii_digit) =>
        {
            !bad_year(first)
        }
        (_, Some(&last))
            if last.is_ascii_uppercase() && b.len() >= 5 && b[b.len() - 2].is_ascii_digit() =>
        {
            !bad_year(last)
        }
        _ => false,
    }
}

/// UK postcodes (Royal Mail Programmers' Address File guide; ONS postcode directory notes):
/// outward code A9, A99, AA9, AA99, A9A or AA9A, inward code 9AA. First position not Q V X,
/// second letter not I J Z, third-position letter from A-H J K P S T U W, fourth-position
/// letter from A B E H M N P R V W X Y, inward letters not C I K M O V.
fn valid_uk_postcode(candidate: &str) -> bool {
    let b: Vec<u8> = candidate.bytes().filter(|c| *c != b' ').collect();
    if !(5..=7).contains(&b.len())
        || !b
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let (out, inw) = b.split_at(b.len() - 3);
    let inward_ok = inw[0].is_ascii_digit()
        && inw[1..]
            .iter()
            .all(|c| c.is_ascii_uppercase() && !b"CIKMOV".contains(c));
    let alpha = |c: &u8| c.is_ascii_uppercase();
    let digit = |c: &u8| c.is_ascii_digit();
    let outward_ok = match out {
        [a, d] => alpha(a) && digit(d),
        [a, d, e] if alpha(a) && digit(d) => digit(e) || b"ABCDEFGHJKPSTUW".contains(e),
        [a, b2, d] => alpha(a) && alpha(b2) && digit(d) && !b"IJZ".contains(b2),
        [a, b2, d, e] => {
            alpha(a)
                && alpha(b2)
                && !b"IJZ".contains(b2)
                && digit(d)
                && (digit(e) || b"ABEHMNPRVWXY".contains(e))
        }
        _ => false,
    };
    outward_ok && inward_ok && !b"QVX".contains(&out[0])
}

/// A name field's value: none of its words is a type name of a programming language, a schema
/// word or a stand-in (`String`, `Optional`, `Required`, `John Doe`, `Your Name`).
fn valid_person_name(candidate: &str) -> bool {
    const NOT_NAMES: [&str; 24] = [
        "string",
        "str",
        "text",
        "optional",
        "option",
        "none",
        "null",
        "nil",
        "varchar",
        "char",
        "column",
        "field",
        "required",
        "unknown",
        "name",
        "first",
        "last",
        "your",
        "doe",
        "example",
        "placeholder",
        "test",
        "user",
        "sample",
    ];
    candidate
        .split([' ', '-'])
        .all(|w| !NOT_NAMES.contains(&w.to_ascii_lowercase().as_str()))
}

/// A number plate after its keyword (the regex fixed one of the national shapes).
fn valid_plate(candidate: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    let compact: String = candidate.chars().filter(|c| c.is_alphanumeric()).collect();
    let b = compact.as_bytes();
    let letters: String = compact.chars().filter(|c| c.is_alphabetic()).collect();
    let digits = b.iter().filter(|c| c.is_ascii_digit()).count();
    if digits == 0 || letters.is_empty() || MONTHS.contains(&letters.as_str()) {
        return false;
    }
    // DVLA current format: two letters, two digits, three letters.
    let uk_current = b.len() == 7
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit)
        && b[4..].iter().all(u8::is_ascii_uppercase);
    !uk_current || valid_uk_vehicle(candidate)
}

/// MAC-48 (IEEE 802): `xx:xx:xx:xx:xx:xx` or `xx-xx-...` with one separator, or `xxxx.xxxx.xxxx`;
/// not all zeros or all `f`.
fn valid_mac(candidate: &str) -> bool {
    let hex: Vec<u8> = candidate
        .bytes()
        .filter(u8::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    hex.len() == 12 && !hex.iter().all(|&c| c == hex[0])
}

/// A date: `Y-M-D` (ISO 8601, optionally with a time), `D/M/Y`, `M/D/Y`, `D.M.Y`, `M/Y`, `M/D`,
/// or a form with an English month name; the numbers must make a date in at least one reading.
fn valid_date(candidate: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = candidate.to_ascii_lowercase();
    let named = MONTHS
        .iter()
        .position(|m| lower.contains(m))
        .map(|i| i as u32 + 1);
    let parts: Vec<u32> = lower
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse::<u32>().unwrap_or(u32::MAX))
        .collect();
    let day_ok = |d: u32| (1..=31).contains(&d);
    let year_ok = |y: u32| y <= 99 || (1000..=2199).contains(&y);
    match (named, parts.as_slice()) {
        (Some(_), [d]) => day_ok(*d) || year_ok(*d),
        (Some(m), [a, b]) => {
            (day_month_ok(*a, m) || day_month_ok(*b, m)) && (year_ok(*a) || year_ok(*b))
        }
        (None, [a, b]) => {
            // M/Y or M/D (2 parts): a month first.
            (1..=12).contains(a) && (day_ok(*b) || (1000..=2199).contains(b))
        }
        (None, [a, b, c, ..]) => {
            if *a >= 1000 {
                (1000..=2199).contains(a) && day_month_ok(*c, *b)
            } else {
                year_ok(*c) && (day_month_ok(*a, *b) || day_month_ok(*b, *a))
            }
        }
        _ => false,
    }
}

fn luhn_values(d: &[u32]) -> bool {
    let bytes: Vec<u8> = d.iter().map(|&x| x as u8).collect();
    luhn(&bytes)
}

/// The Verhoeff check (dihedral group D5), check digit last.
pub fn verhoeff(d: &[u32]) -> bool {
    const MUL: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const PERM: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let mut c = 0usize;
    for (i, &digit) in d.iter().rev().enumerate() {
        let p = PERM[i % 8][(digit % 10) as usize];
        c = usize::from(MUL[c][usize::from(p)]);
    }
    !d.is_empty() && c == 0
}

/// UK NINO: two prefix letters (HMRC: first not D F I Q U V, second not D F I O Q U V, and not
/// BG GB KN NK NT TN ZZ), six digits, suffix A-D; one letter case; spaces only between pairs.
fn valid_nino(candidate: &str) -> bool {
    let compact: Vec<u8> = candidate.bytes().filter(|&b| b != b' ').collect();
    if compact.len() != 9 {
        return false;
    }
    let letters: Vec<u8> = compact
        .iter()
        .copied()
        .filter(u8::is_ascii_alphabetic)
        .collect();
    if !(letters.iter().all(u8::is_ascii_uppercase) || letters.iter().all(u8::is_ascii_lowercase)) {
        return false;
    }
    let up: Vec<u8> = compact.iter().map(u8::to_ascii_uppercase).collect();
    let (a, b) = (up[0], up[1]);
    if b"DFIQUV".contains(&a) || b"DFIOQUV".contains(&b) || !a.is_ascii_uppercase() {
        return false;
    }
    if [*b"BG", *b"GB", *b"KN", *b"NK", *b"NT", *b"TN", *b"ZZ"].contains(&[a, b]) {
        return false;
    }
    up[2..8].iter().all(u8::is_ascii_digit) && (b'A'..=b'D').contains(&up[8])
}

/// Spanish DNI/NIF (7-8 digits, zero-padded to 8) or NIE (X/Y/Z = 0/1/2 + 7 digits), control
/// letter `TRWAGMYFPDXBNJZSQVHLCKE`[n mod 23] (Real Decreto 1553/2005, Orden INT/2058/2008).
fn valid_es_nif(candidate: &str) -> bool {
    const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";
    let up: Vec<u8> = candidate
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_uppercase())
        .collect();
    let Some((&last, body)) = up.split_last() else {
        return false;
    };
    let (prefix, digits) = match body.first() {
        Some(b'X') => (0u8, &body[1..]),
        Some(b'Y') => (1, &body[1..]),
        Some(b'Z') => (2, &body[1..]),
        _ => (0, body),
    };
    let nie = body.first().is_some_and(u8::is_ascii_alphabetic);
    let len_ok = if nie {
        digits.len() == 7
    } else {
        (7..=8).contains(&digits.len())
    };
    if !len_ok || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = digits
        .iter()
        .fold(u64::from(prefix), |a, &b| a * 10 + u64::from(b - b'0'));
    n > 0 && LETTERS[(n % 23) as usize] == last
}

/// Italian codice fiscale (DM 23/12/1976): 6 letters, year, month letter, day, place, control
/// character from the odd/even position tables; digits may be replaced by LMNPQRSTUV (omocodia).
fn valid_it_fiscal_code(candidate: &str) -> bool {
    const ODD: [u32; 26] = [
        1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24,
        23,
    ];
    let b = candidate.as_bytes();
    if b.len() != 16
        || !(b.iter().all(|c| !c.is_ascii_lowercase()) || b.iter().all(|c| !c.is_ascii_uppercase()))
    {
        return false;
    }
    let up: Vec<u8> = b.iter().map(u8::to_ascii_uppercase).collect();
    let mut sum = 0u32;
    for (i, &c) in up[..15].iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A'),
            _ => return false,
        };
        sum += if i % 2 == 0 { ODD[v as usize] } else { v };
    }
    u32::from(up[15]) == u32::from(b'A') + sum % 26
}

/// Singapore NRIC/FIN, S/T (citizens, PRs) and F/G (foreigners) series: weights 2,7,6,5,4,3,2,
/// +4 for T and G, remainder mod 11 indexes the check-letter table of the series.
fn valid_sg_nric(candidate: &str) -> bool {
    let b: Vec<u8> = candidate.bytes().map(|c| c.to_ascii_uppercase()).collect();
    if b.len() != 9 || !b[1..8].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b[1..8].iter().map(|&c| u32::from(c - b'0')).collect();
    let mut sum = weighted(&d, &[2, 7, 6, 5, 4, 3, 2]);
    if matches!(b[0], b'T' | b'G') {
        sum += 4;
    }
    let table: &[u8; 11] = match b[0] {
        b'S' | b'T' => b"JZIHGFEDCBA",
        b'F' | b'G' => b"XWUTRQPNMLK",
        _ => return false,
    };
    table[(sum % 11) as usize] == b[8]
}

/// ISO 7064 MOD 11,10 check digit of the German Steuer-IdNr (BZSt), first digit not 0.
fn de_tax_id_check(d: &[u32]) -> bool {
    if d.len() != 11 || d[0] == 0 {
        return false;
    }
    let mut product = 10;
    for &x in &d[..10] {
        let mut sum = (x + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = (11 - product) % 10;
    check == d[10]
}

/// Steuer-IdNr digit distribution (BZSt): in the first ten digits exactly one digit occurs more
/// than once, two or three times (three not all adjacent); every other digit at most once.
fn de_tax_id_distribution(d: &[u32]) -> bool {
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[(x % 10) as usize] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&i| counts[i] > 1).collect();
    if repeated.len() != 1 || counts[repeated[0]] > 3 {
        return false;
    }
    let r = repeated[0] as u32;
    !d[..10].windows(3).any(|w| w.iter().all(|&x| x == r))
}

const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// The payload of a base58check string (its bytes without the 4-byte checksum), when the
/// checksum — the first 4 bytes of the double SHA-256 of the payload — holds.
fn base58check_payload(candidate: &str) -> Option<Vec<u8>> {
    let mut bytes: Vec<u8> = Vec::with_capacity(38);
    for c in candidate.bytes() {
        let v = BASE58.iter().position(|&x| x == c)?;
        let mut carry = v as u32;
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        while carry > 0 {
            bytes.insert(0, (carry & 0xff) as u8);
            carry >>= 8;
        }
    }
    let zeros = candidate.bytes().take_while(|&c| c == b'1').count();
    let mut full = vec![0u8; zeros];
    full.extend(bytes.iter().skip_while(|&&b| b == 0));
    let split = full.len().checked_sub(4)?;
    let (payload, check) = full.split_at(split);
    (sha256(&sha256(payload))[..4] == *check).then(|| payload.to_vec())
}

/// Bitcoin P2PKH (`1...`, version 0x00) or P2SH (`3...`, version 0x05) address: base58 decoding
/// to 25 bytes whose last 4 are the double SHA-256 checksum of the first 21.
fn valid_base58check_address(candidate: &str) -> bool {
    base58check_payload(candidate).is_some_and(|p| p.len() == 21 && matches!(p[0], 0x00 | 0x05))
}

/// Bitcoin WIF private key: version 0x80 or 0xEF, 32 key bytes, then 0x01 for a compressed
/// key (`5...`/`9...` uncompressed, `K...`/`L...`/`c...` compressed).
fn valid_wif(candidate: &str) -> bool {
    base58check_payload(candidate).is_some_and(|p| {
        matches!(p.first(), Some(0x80 | 0xEF))
            && (p.len() == 33 || (p.len() == 34 && p[33] == 0x01))
    })
}

/// Segwit address (BIP 173 / BIP 350): HRP `bc` or `tb`, one case, bech32 checksum for
/// witness version 0, bech32m for versions 1-16, program length 2-40 bytes (20 or 32 for v0).
fn valid_segwit_address(candidate: &str) -> bool {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GEN: [u32; 5] = [
        0x3b6a_57b2,
        0x2650_8e6d,
        0x1ea1_19fa,
        0x3d42_33dd,
        0x2a14_62b3,
    ];
    if !(candidate.bytes().all(|b| !b.is_ascii_uppercase())
        || candidate.bytes().all(|b| !b.is_ascii_lowercase()))
    {
        return false;
    }
    let lower = candidate.to_ascii_lowercase();
    let Some((hrp, data)) = lower.rsplit_once('1') else {
        return false;
    };
    if !matches!(hrp, "bc" | "tb") || data.len() < 7 || lower.len() > 90 {
        return false;
    }
    let mut values = Vec::with_capacity(data.len());
    for c in data.bytes() {
        match CHARSET.iter().position(|&x| x == c) {
            Some(v) => values.push(v as u32),
            None => return false,
        }
    }
    let mut chk: u32 = 1;
    let hrp_values = hrp
        .bytes()
        .map(|c| u32::from(c) >> 5)
        .chain(std::iter::once(0))
        .chain(hrp.bytes().map(|c| u32::from(c) & 31));
    for v in hrp_values.chain(values.iter().copied()) {
        let top = chk >> 25;
        chk = ((chk & 0x01ff_ffff) << 5) ^ v;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
    }
    let version = values[0];
    let expected = if version == 0 { 1 } else { 0x2bc8_30a3 };
    if chk != expected || version > 16 {
        return false;
    }
    // Witness program: 5-bit groups after the version, minus the 6-character checksum.
    let prog_bits = (values.len() - 7) * 5;
    let prog_len = prog_bits / 8;
    (2..=40).contains(&prog_len) && (version != 0 || prog_len == 20 || prog_len == 32)
}

/// SHA-256 (FIPS 180-4), for base58check.
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    let mut out = [0u8; 32];
    for (i, word) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&word.to_be_bytes());
    }
    out
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
        assert!(valid_ssn("536228726"), "no separators (after its keyword)");
        assert!(!valid_ssn("536-228726"), "one separator");
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
        assert!(!valid_phone("1234-5678-9012"), "ascending placeholder");
        assert!(valid_email("jane.doe+x@mail.example.org"));
        assert!(valid_email("a@xn--80ak6aa92e.xn--p1ai"));
        assert!(!valid_email("jane..doe@example.org"));
        assert!(!valid_email("jane@localhost"));
        assert!(!valid_email("jane@example.c0m"));
    }

    #[test]
    fn sha256_known_vectors() {
        let hex = |b: [u8; 32]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        assert_eq!(
            hex(sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn aba_routing_3_7_1() {
        assert!(valid_id(IdKind::AbaRouting, "021000021"));
        assert!(valid_id(IdKind::AbaRouting, "1110-0061-4"));
        assert!(valid_id(IdKind::AbaRouting, "325070359"));
        assert!(!valid_id(IdKind::AbaRouting, "021000022"), "check digit");
        assert!(
            !valid_id(IdKind::AbaRouting, "421000029"),
            "prefix 42 unused"
        );
        assert!(
            !valid_id(IdKind::AbaRouting, "1110-0061.4"),
            "mixed separators"
        );
    }

    #[test]
    fn bitcoin_wif_keys() {
        // The key 0x01..0x20, uncompressed, compressed and testnet compressed.
        for wif in [
            "5HpjKrb7dH5kKQQzmbjB87Mxova7mek5bXUTWfndcX6tBoqUwzm",
            "KwFfpDsaF7yxCELuyrH9gP5XL7TAt5b9HPWC1xCQbmrxvhJgMQHb",
            "cMcfH8sRgBgDMfpBNG6H3haaxLkaYXgqMRef8Nev6tWyBSNr6c3n",
        ] {
            assert!(valid_id(IdKind::BitcoinWif, wif), "{wif}");
        }
        // One character changed, one dropped, an address.
        assert!(!valid_id(
            IdKind::BitcoinWif,
            "KwFfpDsaF7yxCELuyrH9gP5XL7TAt5b9HPWC1xCQbmrxvhJgMQH2"
        ));
        assert!(!valid_id(
            IdKind::BitcoinWif,
            "KwFfpDsaF7yxCELuyrH9gP5XL7TAt5b9HPWC1xCQbmrxvhJgMQH"
        ));
        assert!(!valid_id(
            IdKind::BitcoinWif,
            "1PTRzncWZ79xqrti6Hwmm7VhLR7XTv8xVV"
        ));
    }

    #[test]
    fn bitcoin_addresses() {
        assert!(valid_id(
            IdKind::BitcoinBase58,
            "1PTRzncWZ79xqrti6Hwmm7VhLR7XTv8xVV"
        ));
        assert!(valid_id(
            IdKind::BitcoinBase58,
            "34Zq1mXHbSkm4KaT5DC8nvEMsiSvqxqAi3"
        ));
        assert!(!valid_id(
            IdKind::BitcoinBase58,
            "1PTRzncWZ79xqrti6Hwmm7VhLR7XTv8xVW"
        ));
        assert!(!valid_id(
            IdKind::BitcoinBase58,
            "1PTRzncWZ79xqrti6Hwmm7VhLR7XTv8xV"
        ));
        assert!(valid_id(
            IdKind::BitcoinBech32,
            "bc1q38dutcpjamx9fz0r7gsweakn2ahqksqtalevqd"
        ));
        assert!(valid_id(
            IdKind::BitcoinBech32,
            "BC1Q38DUTCPJAMX9FZ0R7GSWEAKN2AHQKSQTALEVQD"
        ));
        assert!(valid_id(
            IdKind::BitcoinBech32,
            "bc1pk6035lymc2cxthd6m7ygs8vrtzrhalwye3qr2ca6lq5nz65lmlns443cxz"
        ));
        assert!(!valid_id(
            IdKind::BitcoinBech32,
            "bc1q38dutcpjamx9fz0r7gsweakn2ahqksqtalevqe"
        ));
        assert!(!valid_id(
            IdKind::BitcoinBech32,
            "bc1Q38dutcpjamx9fz0r7gsweakn2ahqksqtalevqd"
        ));
        assert!(valid_id(
            IdKind::Ethereum,
            "0x52908400098527886E0F7030069857D2E4169EE7"
        ));
        assert!(!valid_id(
            IdKind::Ethereum,
            "0x0000000000000000000000000000000000000000"
        ));
    }

    #[test]
    fn us_itin_groups() {
        assert!(valid_id(IdKind::UsItin, "912-70-1234"));
        assert!(valid_id(IdKind::UsItin, "900 94 2381"));
        assert!(!valid_id(IdKind::UsItin, "912-89-1234"), "group 89 unused");
        assert!(
            !valid_id(IdKind::UsItin, "812-70-1234"),
            "area starts with 9"
        );
    }

    #[test]
    fn uk_nhs_and_nino() {
        assert!(valid_id(IdKind::UkNhs, "943 476 5919"));
        assert!(valid_id(IdKind::UkNhs, "485-777-3457"));
        assert!(!valid_id(IdKind::UkNhs, "943 476 5918"));
        assert!(valid_id(IdKind::UkNino, "AB 12 34 56 C"));
        assert!(valid_id(IdKind::UkNino, "jk123456a"));
        assert!(
            !valid_id(IdKind::UkNino, "QQ 12 34 56 C"),
            "Q never a prefix letter"
        );
        assert!(
            !valid_id(IdKind::UkNino, "GB 12 34 56 C"),
            "GB not allocated"
        );
        assert!(!valid_id(IdKind::UkNino, "AB 12 34 56 E"), "suffix A-D");
        assert!(!valid_id(IdKind::UkNino, "Ab 12 34 56 c"), "mixed case");
    }

    #[test]
    fn canadian_sin_luhn() {
        assert!(valid_id(IdKind::CaSin, "276 814 233"));
        assert!(valid_id(IdKind::CaSin, "519-372-643"));
        assert!(!valid_id(IdKind::CaSin, "276 814 234"), "Luhn");
        assert!(
            !valid_id(IdKind::CaSin, "046 454 286"),
            "0 is never issued (the docs' sample)"
        );
    }

    #[test]
    fn spanish_nif_nie() {
        assert!(valid_id(IdKind::EsNif, "48217395B"));
        assert!(valid_id(IdKind::EsNif, "07351862-g"));
        assert!(valid_id(IdKind::EsNif, "X3926815W"));
        assert!(valid_id(IdKind::EsNif, "Y4401728W"));
        assert!(valid_id(IdKind::EsNif, "Z0812634A"));
        assert!(!valid_id(IdKind::EsNif, "48217395C"));
        assert!(!valid_id(IdKind::EsNif, "X3926815A"));
    }

    #[test]
    fn italian_fiscal_code() {
        assert!(valid_id(IdKind::ItFiscalCode, "RSSMRA85T10A562S"));
        assert!(valid_id(IdKind::ItFiscalCode, "BNCGPP72M41H501Z"));
        assert!(!valid_id(IdKind::ItFiscalCode, "RSSMRA85T10A562T"));
    }

    #[test]
    fn aadhaar_verhoeff_and_pan() {
        assert!(verhoeff(&[2, 3, 6, 3]));
        assert!(!verhoeff(&[2, 3, 6, 4]));
        assert!(valid_id(IdKind::InAadhaar, "4918 2736 4507"));
        assert!(valid_id(IdKind::InAadhaar, "739201846557"));
        assert!(!valid_id(IdKind::InAadhaar, "4918 2736 4508"));
        assert!(valid_id(IdKind::InPan, "BKTPS4821Q"));
        assert!(
            !valid_id(IdKind::InPan, "BKTXS4821Q"),
            "fourth letter is a holder type"
        );
    }

    #[test]
    fn singapore_nric() {
        assert!(valid_id(IdKind::SgNric, "S8234561B"));
        assert!(valid_id(IdKind::SgNric, "T0312458J"));
        assert!(valid_id(IdKind::SgNric, "F7654321Q"));
        assert!(valid_id(IdKind::SgNric, "G3141592L"));
        assert!(!valid_id(IdKind::SgNric, "S8234561C"));
        assert!(!valid_id(IdKind::SgNric, "A8234561B"));
    }

    #[test]
    fn australian_numbers() {
        assert!(valid_id(IdKind::AuTfn, "876 543 210"));
        assert!(valid_id(IdKind::AuTfn, "465321186"));
        assert!(!valid_id(IdKind::AuTfn, "465321187"));
        assert!(valid_id(IdKind::AuAbn, "53 004 085 616"));
        assert!(valid_id(IdKind::AuAbn, "18123456789"));
        assert!(
            !valid_id(IdKind::AuAbn, "10000000145"),
            "synthetic: mostly zeros"
        );
        assert!(!valid_id(IdKind::AuAbn, "54 004 085 616"));
        assert!(valid_id(IdKind::AuMedicare, "2950 12348 1"));
        assert!(valid_id(IdKind::AuMedicare, "4123567821"));
        assert!(!valid_id(IdKind::AuMedicare, "2950 12349 1"));
        assert!(
            !valid_id(IdKind::AuMedicare, "7950 12348 1"),
            "first digit 2-6"
        );
    }

    #[test]
    fn german_tax_id() {
        assert!(valid_id(IdKind::DeTaxId, "86095742719"));
        assert!(!valid_id(IdKind::DeTaxId, "86095742718"), "check digit");
        // Check digit right, but no repeated digit: only accepted after a keyword.
        assert!(!valid_id(IdKind::DeTaxId, "12345678903"));
        assert!(valid_id(IdKind::DeTaxIdInContext, "12345678903"));
        assert!(
            !valid_id(IdKind::DeTaxId, "47152216031"),
            "two digits repeated"
        );
    }

    #[test]
    fn keyword_numbers() {
        assert!(valid_id(IdKind::KeywordNumber, "A38102765"));
        assert!(!valid_id(IdKind::KeywordNumber, "123456789"));
        assert!(!valid_id(IdKind::KeywordNumber, "000000000"));
    }
    #[test]
    fn national_ids_with_check_digits() {
        // Synthetic values built from each documented algorithm; one changed character fails.
        for (kind, good, bad) in [
            (IdKind::FiHetu, "250387-123Y", "250387-123X"),
            (IdKind::FiHetu, "250387A123Y", "250387G123Y"),
            (IdKind::KrRrnHyphen, "850612-2817347", "850612-2817348"),
            (IdKind::KrRrnLoose, "850612-2817348", "851312-2817348"),
            (IdKind::KrBrn, "214-86-93058", "214-86-93059"),
            (IdKind::ThTnin, "3104829573612", "3104829573613"),
            (IdKind::TrTckn, "38471926550", "38471926551"),
            (IdKind::PlPesel, "82071537294", "82071537295"),
            (IdKind::SePersonnummer, "19780423-5260", "19780423-5261"),
            (IdKind::SeOrgNr, "556123-4567", "551123-4567"),
            (IdKind::DeVatId, "DE284613976", "DE284613977"),
            (IdKind::DeSvnr, "65170583M042", "65170583M043"),
            (IdKind::DeKvnr, "K403851725", "K403851726"),
            (IdKind::DeLanr, "473918247", "473918347"),
            (IdKind::InGstin, "29BKTPS4821Q1ZY", "29BKTPS4821Q1ZX"),
            (IdKind::UsMbi, "3HK7-RU2-WX48", "3HK7-RU2-WS48"),
            (IdKind::UsNpi, "1746239510", "1746239511"),
            (IdKind::AuAcn, "004085616", "004085617"),
            (IdKind::ItVat, "48271630153", "48271630154"),
            (
                IdKind::UkDrivingLicence,
                "MORGA753116SM9IJ",
                "MORGA753916SM9IJ",
            ),
            (IdKind::Mac, "3c:22:fb:9a:41:07", "3c:22:fb-9a:41:07"),
            (IdKind::Date, "2024-02-29", "2024-02-30"),
            (IdKind::Date, "May 21st, 1987", "May 41st, 1987"),
            (IdKind::UkVehicle, "LB07 SEO", "LB00 SEO"),
            (IdKind::DePlz, "50667", "00999"),
            (IdKind::UkPostcode, "EH3 9QR", "EH3 9QC"),
            (IdKind::UkPostcode, "SE17 4WP", "VE17 4WP"),
            (IdKind::UkPostcode, "N1C 4AG", "N1I 4AG"),
            (IdKind::UkPostcode, "KT22 7PA", "KZ22 7PA"),
            (IdKind::VehiclePlate, "LB07 SEO", "LB00 SEO"),
            (IdKind::VehiclePlate, "06 KLM 482", "06 MAR 482"),
            (IdKind::VehiclePlate, "K-AB 1234", "K-AB-CD"),
            (IdKind::BirthDate, "1984", "1874"),
            (IdKind::BirthDate, "3 April 1984", "33 April 1984"),
            (IdKind::PersonName, "Okafor", "String"),
            (IdKind::PersonName, "Amara Okafor", "Jane Doe"),
        ] {
            assert!(valid_id(kind, good), "{kind:?} {good}");
            assert!(!valid_id(kind, bad), "{kind:?} {bad}");
        }
        // Korean numbers from 1800-born holders do not exist; births from 2020 carry no check.
        assert!(!valid_id(IdKind::KrRrnHyphen, "051102-9234110"));
        assert!(valid_id(IdKind::KrRrnHyphen, "210304-3817265"));
        // The loose (no check digit) form applies the same century rule.
        assert!(!valid_id(IdKind::KrRrnLoose, "850612-9817348"));
        assert!(!valid_id(IdKind::KrRrnLoose, "850612-0817348"));
        assert!(valid_id(IdKind::KrRrnLoose, "850612-1817348"));
    }
}
