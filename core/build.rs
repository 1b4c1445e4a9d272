//! Builds the segmenter's dictionary at compile time, so that no process spends time on it:
//! jieba's words and frequencies (`data/jieba-dict.txt`) with the project's legal terms
//! (`src/index/legal_terms.txt`, each given the frequency jieba's `add_word` would suggest, so
//! that it is cut whole), as a finite-state transducer from word to frequency. Writes
//! `words.fst` and `words.rs` (the total frequency and the longest word) to `OUT_DIR`; see
//! `src/index/segment.rs`.

use std::collections::HashMap;
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=data/jieba-dict.txt");
    println!("cargo::rerun-if-changed=src/index/legal_terms.txt");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));

    let dict = std::fs::read_to_string(root.join("data/jieba-dict.txt")).expect("jieba-dict.txt");
    let mut words = Dictionary::default();
    for line in dict.lines() {
        let mut parts = line.split_ascii_whitespace();
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            continue;
        };
        let freq: u64 = freq.parse().expect("a frequency");
        words.set(word, freq);
    }
    let terms =
        std::fs::read_to_string(root.join("src/index/legal_terms.txt")).expect("legal_terms.txt");
    for line in terms.lines() {
        let term = line.trim();
        if term.is_empty() || term.starts_with('#') {
            continue;
        }
        let freq = words.suggest_freq(term);
        words.set(term, freq);
    }

    let mut sorted: Vec<(&String, &u64)> = words.freq.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let mut builder = tantivy_fst::MapBuilder::memory();
    for (word, freq) in sorted {
        builder.insert(word.as_bytes(), *freq).expect("sorted keys");
    }
    let fst = builder.into_inner().expect("the dictionary's transducer");
    std::fs::write(out.join("words.fst"), fst).expect("write words.fst");
    std::fs::write(
        out.join("words.rs"),
        format!(
            "/// ln of the sum of every word's frequency.\n\
             const LOG_TOTAL: f64 = {:?};\n\
             /// The longest word, in characters.\n\
             const MAX_WORD_CHARS: usize = {};\n",
            (words.total as f64).ln(),
            words.max_chars
        ),
    )
    .expect("write words.rs");
}

#[derive(Default)]
struct Dictionary {
    freq: HashMap<String, u64>,
    total: u64,
    max_chars: usize,
}

impl Dictionary {
    fn set(&mut self, word: &str, freq: u64) {
        let old = self.freq.insert(word.to_owned(), freq).unwrap_or(0);
        self.total = self.total + freq - old;
        self.max_chars = self.max_chars.max(word.chars().count());
    }

    /// jieba's `suggest_freq`: enough for the word to beat the product of the parts it is cut
    /// into now, and never less than it has.
    fn suggest_freq(&self, word: &str) -> u64 {
        let log_total = (self.total as f64).ln();
        let log_freq: f64 = self
            .cut(word)
            .iter()
            .map(|w| (self.freq.get(w).copied().unwrap_or(1) as f64).ln() - log_total)
            .sum();
        let suggested = (log_freq + log_total).exp() as u64 + 1;
        suggested.max(self.freq.get(word).copied().unwrap_or(1))
    }

    /// The most probable cut of a string into dictionary words (jieba without its HMM).
    fn cut(&self, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let log_total = (self.total as f64).ln();
        let mut route = vec![(0.0f64, n); n + 1];
        for i in (0..n).rev() {
            let mut best = (f64::NEG_INFINITY, i + 1);
            for j in i + 1..=n.min(i + self.max_chars) {
                let piece: String = chars[i..j].iter().collect();
                let freq = match self.freq.get(&piece) {
                    Some(&f) => f,
                    None if j == i + 1 => 1,
                    None => continue,
                };
                let p = (freq as f64).ln() - log_total + route[j].0;
                if p > best.0 || (p == best.0 && j > best.1) {
                    best = (p, j);
                }
            }
            route[i] = best;
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            let j = route[i].1;
            out.push(chars[i..j].iter().collect());
            i = j;
        }
        out
    }
}
