//! The random source the engine gets: the browser's cryptographic generator.

use academy_engine::Entropy;

/// `crypto.getRandomValues`, in chunks of at most 64 KiB (the API's limit).
pub struct CryptoEntropy;

impl Entropy for CryptoEntropy {
    fn fill(&mut self, bytes: &mut [u8]) {
        let crypto = web_sys::window().and_then(|w| w.crypto().ok());
        for chunk in bytes.chunks_mut(65_536) {
            let filled = crypto.as_ref().is_some_and(|c| c.get_random_values_with_u8_array(chunk).is_ok());
            if !filled {
                // Only reachable where Web Crypto is missing; never panic.
                for b in chunk.iter_mut() {
                    *b = (js_sys::Math::random() * 256.0) as u8;
                }
            }
        }
    }
}
