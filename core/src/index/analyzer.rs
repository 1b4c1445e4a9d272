//! Tokenizers for the index. Their input is already in search form (see
//! `text::normalize::search_form`), so they only cut.
//!
//! - `gf_bigram`: every pair of adjacent characters, at consecutive positions. A phrase of n ≥ 2
//!   characters occurs in a text exactly when its bigrams occur at consecutive positions, so a
//!   phrase query on this field is a substring test. (tantivy's own `NgramTokenizer` puts every
//!   gram at position 0, which makes phrase queries useless.)
//! - `gf_unigram`: every character that is not white space: the path for one-character queries
//!   (the index feeds it each text's distinct characters).
//! - `gf_words`: words (see `segment`: jieba's dictionary and the legal terms), for ranking by
//!   title.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::segment;

/// Whether a word is worth indexing or querying: it has a letter, digit or ideograph.
pub fn is_word(w: &str) -> bool {
    w.chars().any(char::is_alphanumeric)
}

/// The words of a text in search form, in order, without punctuation or spaces.
pub fn words(text: &str) -> Vec<&str> {
    segment::cut(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|w| is_word(w))
        .collect()
}

/// Adjacent character pairs at consecutive positions.
#[derive(Clone, Default)]
pub struct BigramTokenizer {
    token: Token,
}

/// The tokens [`BigramTokenizer`] cuts from one text.
pub struct BigramStream<'a> {
    text: &'a str,
    /// Byte offsets of the characters still to start a bigram.
    chars: std::str::CharIndices<'a>,
    prev: Option<(usize, char)>,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        self.token.reset();
        let mut chars = text.char_indices();
        let prev = chars.next();
        BigramStream {
            text,
            chars,
            prev,
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, _)) = self.prev else {
            return false;
        };
        let Some((next_start, next)) = self.chars.next() else {
            self.prev = None;
            return false;
        };
        let end = next_start + next.len_utf8();
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += 1;
        self.prev = Some((next_start, next));
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Every character that is not white space.
#[derive(Clone, Default)]
pub struct UnigramTokenizer {
    token: Token,
}

/// The tokens [`UnigramTokenizer`] cuts from one text.
pub struct UnigramStream<'a> {
    chars: std::str::CharIndices<'a>,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for UnigramTokenizer {
    type TokenStream<'a> = UnigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> UnigramStream<'a> {
        self.token.reset();
        UnigramStream {
            chars: text.char_indices(),
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for UnigramStream<'_> {
    fn advance(&mut self) -> bool {
        for (start, c) in self.chars.by_ref() {
            if c.is_whitespace() {
                continue;
            }
            self.token.text.clear();
            self.token.text.push(c);
            self.token.offset_from = start;
            self.token.offset_to = start + c.len_utf8();
            self.token.position = self.position;
            self.token.position_length = 1;
            self.position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Words (punctuation and spaces dropped).
#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

/// The tokens [`WordTokenizer`] cuts from one text.
pub struct WordStream<'a> {
    words: std::vec::IntoIter<(usize, usize)>,
    text: &'a str,
    position: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        let spans: Vec<(usize, usize)> = segment::cut(text)
            .into_iter()
            .filter(|t| is_word(t.text))
            .map(|t| (t.start, t.end))
            .collect();
        WordStream {
            words: spans.into_iter(),
            text,
            position: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((start, end)) = self.words.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(&self.text[start..end]);
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.position;
        self.token.position_length = 1;
        self.position += 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The tokenizer names the schema refers to.
pub const BIGRAM: &str = "gf_bigram";
/// The name of the one-character tokenizer, for queries of a single character.
pub const UNIGRAM: &str = "gf_unigram";
/// The name of the word tokenizer, used to rank by title.
pub const WORDS: &str = "gf_words";

/// Registers the tokenizers on an index.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(BIGRAM, BigramTokenizer::default());
    manager.register(UNIGRAM, UnigramTokenizer::default());
    manager.register(WORDS, WordTokenizer::default());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens<T: Tokenizer>(mut t: T, text: &str) -> Vec<(String, usize)> {
        let mut stream = t.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let tok = stream.token();
            assert_eq!(&text[tok.offset_from..tok.offset_to], tok.text);
            out.push((tok.text.clone(), tok.position));
        }
        out
    }

    #[test]
    fn bigrams_sit_at_consecutive_positions() {
        assert_eq!(
            tokens(BigramTokenizer::default(), "罚款 2元"),
            vec![
                ("罚款".to_owned(), 0),
                ("款 ".to_owned(), 1),
                (" 2".to_owned(), 2),
                ("2元".to_owned(), 3)
            ]
        );
        assert!(tokens(BigramTokenizer::default(), "罚").is_empty());
        assert!(tokens(BigramTokenizer::default(), "").is_empty());
    }

    #[test]
    fn unigrams_skip_white_space() {
        let t = tokens(UnigramTokenizer::default(), "罚 款\n");
        assert_eq!(t, vec![("罚".to_owned(), 0), ("款".to_owned(), 1)]);
    }

    #[test]
    fn words_keep_legal_terms_whole() {
        let w = words("制定行政裁量权基准，依法处以罚款。");
        assert!(w.contains(&"行政裁量权基准"), "{w:?}");
        assert!(w.contains(&"罚款"), "{w:?}");
        assert!(!w.iter().any(|x| x.contains('，')));
    }
}
