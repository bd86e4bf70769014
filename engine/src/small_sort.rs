//! A stable sort for the short lists this project sorts (a page of movies,
//! a connection's sections, a tab's recovery copies, the secrets to mask).
//!
//! `slice::sort_by` is fast on long lists, but each element type gets its own
//! copy of its quick and merge sorts, about 3 KB of wasm apiece. These lists
//! hold tens of items, where insertion sort is as quick and a few hundred
//! bytes. Stable: equal items keep their order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]) == Ordering::Greater {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// [`sort_by`] on a key.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard library's stable sort, ties included.
        #[test]
        fn sorts_as_std_does(items in proptest::collection::vec((0u8..6, any::<u16>()), 0..60)) {
            let mut ours = items.clone();
            let mut std = items;
            sort_by_key(&mut ours, |(k, _)| *k);
            std.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(ours, std);
        }
    }
}
