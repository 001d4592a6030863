//! A deterministic xorshift generator shared by the randomised tests.

pub(crate) struct TestRng(u64);

impl TestRng {
    /// Starts from `state` as given (it must not be 0).
    pub(crate) fn new(state: u64) -> TestRng {
        TestRng(state)
    }

    /// The next number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// `count` pieces picked at random, joined: random texts built from chosen hard cases.
    pub(crate) fn join(&mut self, pieces: &[&str], count: usize) -> String {
        (0..count)
            .map(|_| pieces[self.below(pieces.len())])
            .collect()
    }
}
