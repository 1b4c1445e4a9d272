//! Nearest names: which of the names a registry holds a mistyped one probably meant, as
//! `git` suggests commands.

/// The edit distance between two strings, counted in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The names closest to `query` (at most `n`, nearest first), among those within a third of
/// its length in edit distance (at least one edit), or holding it or held by it.
pub fn nearest<'a>(
    query: &str,
    names: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let len = query.chars().count();
    let limit = (len / 3).max(1);
    let mut scored: Vec<(usize, &str)> = names
        .into_iter()
        .filter(|name| !name.is_empty())
        .filter_map(|name| {
            let d = distance(query, name);
            let related = name.contains(query) || query.contains(name);
            (d <= limit || related).then_some((d, name))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(n).map(|(_, name)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_count_characters() {
        assert_eq!(distance("合同同", "合同"), 1);
        assert_eq!(distance("行政规范性文件", "行政规范文件"), 1);
        assert_eq!(distance("", "ab"), 2);
        assert_eq!(distance("abc", "abc"), 0);
    }

    #[test]
    fn the_nearest_names_come_first() {
        let names = ["合同", "行政规范性文件", "地方性法规", "法律"];
        assert_eq!(nearest("合同同", names, 3), ["合同"]);
        assert_eq!(nearest("规范性文件", names, 3), ["行政规范性文件"]);
        assert!(nearest("完全不同的东西", names, 3).is_empty());
    }
}
