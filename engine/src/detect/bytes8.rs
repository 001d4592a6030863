//! Eight bytes at a time in one `u64` (SWAR): per-byte tests with no branch per byte, for the
//! passes that skip long stretches of ordinary text.

const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `x` (read little-endian) that lies in `lo..=hi`, an ASCII range.
/// The sums and differences work on the low seven bits, so no carry or borrow crosses a byte;
/// bytes of 0x80 and above never count.
#[inline(always)]
pub(crate) const fn in_range_bits(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGHS;
    let at_least_lo = low + ONES * (0x80 - lo as u64);
    let at_most_hi = ONES * (0x80 + hi as u64) - low;
    at_least_lo & at_most_hi & !x & HIGHS
}

/// The high bit of each byte of `x` equal to `c`, an ASCII byte (the zero-byte test on `x ^ c`:
/// fewer steps than `in_range_bits(x, c, c)`).
#[inline(always)]
pub(crate) const fn eq_bits(x: u64, c: u8) -> u64 {
    let t = x ^ (ONES * c as u64);
    !(((t & !HIGHS) + !HIGHS) | t) & HIGHS
}

/// Index of the byte whose high bit is the lowest set bit of `bits` (a mask from above).
#[inline(always)]
const fn first_byte(bits: u64) -> usize {
    (bits.trailing_zeros() / 8) as usize
}

/// How many of the eight bytes of `x` (read little-endian) lead with bytes in `lo..=hi`, an
/// ASCII range: 8 when all of them are.
#[inline(always)]
pub(crate) const fn leading_in_range(x: u64, lo: u8, hi: u8) -> usize {
    first_byte(!in_range_bits(x, lo, hi) & HIGHS)
}

/// The first `n` bytes of `w` (little-endian), the others zero; all of them from eight on.
#[inline(always)]
pub(crate) fn low_bytes(w: u64, n: usize) -> u64 {
    let dropped = 8 - n.min(8) as u32;
    w & u64::MAX.checked_shr(8 * dropped).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position, against the plain comparison, for ranges at the ends
    /// of ASCII and in between.
    #[test]
    fn in_range_bits_marks_exactly_the_bytes_in_range() {
        for (lo, hi) in [
            (b'0', b'9'),
            (b'a', b'z'),
            (0, 0x7f),
            (0x7f, 0x7f),
            (0, 0),
            (b' ', b' '),
        ] {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    // The other bytes take values around the range's edges.
                    let fill = [lo.wrapping_sub(1), hi.wrapping_add(1), 0xff, lo][pos % 4];
                    let mut bytes = [fill; 8];
                    bytes[pos] = b;
                    let got = in_range_bits(u64::from_le_bytes(bytes), lo, hi);
                    for (k, &c) in bytes.iter().enumerate() {
                        let want = (lo..=hi).contains(&c);
                        assert_eq!(got >> (8 * k + 7) & 1 == 1, want, "{lo}..={hi} byte {c:#x}");
                    }
                    assert_eq!(got & !HIGHS, 0);
                }
            }
        }
    }

    #[test]
    fn eq_bits_marks_exactly_the_equal_bytes() {
        for c in [b' ', 0, 0x7f, b'a'] {
            for b in 0..=255u8 {
                for pos in 0..8 {
                    let mut bytes = [c ^ 0x80; 8];
                    bytes[pos] = b;
                    let got = eq_bits(u64::from_le_bytes(bytes), c);
                    let want = if b == c { 0x80u64 << (8 * pos) } else { 0 };
                    assert_eq!(got, want, "{c:#x} {b:#x} at {pos}");
                }
            }
        }
    }

    #[test]
    fn low_bytes_keeps_the_first_n_bytes() {
        let w = u64::from_le_bytes(*b"abcdefgh");
        for n in 0..12 {
            let mut kept = [0u8; 8];
            kept[..n.min(8)].copy_from_slice(&b"abcdefgh"[..n.min(8)]);
            assert_eq!(low_bytes(w, n), u64::from_le_bytes(kept), "{n}");
        }
    }

    #[test]
    fn first_byte_is_the_lowest_marked_byte() {
        for k in 0..8 {
            let bits = (0x80u64 << (8 * k)) | 0x8000_0000_0000_0000;
            assert_eq!(first_byte(bits), k);
        }
    }

    #[test]
    fn leading_in_range_counts_the_leading_bytes_in_range() {
        for (text, want) in [
            (b"abcdefgh", 8),
            (b"abc defg", 3),
            (b"Abcdefgh", 0),
            (b"abcdefg\xc3", 7),
        ] {
            assert_eq!(
                leading_in_range(u64::from_le_bytes(*text), b'a', b'z'),
                want
            );
        }
    }
}
