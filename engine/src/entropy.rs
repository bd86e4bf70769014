//! The injected random source. The app passes the browser's cryptographic
//! generator; tests and benchmarks pass [`SeededEntropy`].

/// Anything that can fill bytes with randomness.
pub trait Entropy {
    fn fill(&mut self, bytes: &mut [u8]);
}

/// A deterministic generator (SplitMix64) for tests and benchmarks. Not for secrets.
#[derive(Clone, Debug)]
pub struct SeededEntropy(u64);

impl SeededEntropy {
    pub fn new(seed: u64) -> Self {
        SeededEntropy(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Entropy for SeededEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

/// `n` random bytes as lowercase hex (2n digits).
pub fn hex(entropy: &mut dyn Entropy, n: usize) -> String {
    let mut bytes = vec![0u8; n];
    entropy.fill(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
