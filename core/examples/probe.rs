use guifan::index::{SearchIndex, SearchOptions};
fn main() {
    let corpus = std::path::Path::new("/work/shared/corpus/laws.jsonl");
    let dir = std::path::Path::new("/tmp/probe-reg");
    let fresh = !dir.exists();
    let mut reg = guifan::Registry::open(dir).unwrap();
    let index = SearchIndex::open(&reg).unwrap();
    if fresh { index.import_file(&mut reg, corpus, &mut |_| {}).unwrap(); }
    let q = std::env::args().nth(1).unwrap();
    let snippets = std::env::args().nth(2).is_none();
    let opts = SearchOptions { limit: 10, snippets, ..SearchOptions::default() };
    let r = index.search(&reg, &q, &opts).unwrap();
    println!("total {}", r.total);
    let t = std::time::Instant::now();
    for _ in 0..2000 { index.search(&reg, &q, &opts).unwrap(); }
    println!("{:?} per search", t.elapsed() / 2000);
}
