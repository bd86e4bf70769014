//! The random source the engine gets: the browser's cryptographic generator.

use academy_engine::Entropy;

/// Whether the browser offers `crypto.getRandomValues` (the page says so when not).
pub fn crypto_available() -> bool {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    crypto.is_some_and(|c| c.get_random_values_with_u8_array(&mut [0u8; 1]).is_ok())
}

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

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn fills_with_fresh_random_bytes_past_the_64_kib_limit() {
        let mut a = vec![0u8; 70_000];
        let mut b = vec![0u8; 70_000];
        CryptoEntropy.fill(&mut a);
        CryptoEntropy.fill(&mut b);
        assert_ne!(a, b);
        assert!(a[65_536..].iter().any(|&x| x != 0), "the second chunk is filled too");
    }
}
