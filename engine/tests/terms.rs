//! One English term, one Indonesian translation: every `t("…", "…")`, `tf!("…", "…")` and
//! `msg("…", "…")` pair in the workspace's sources that uses a term of the glossary
//! ([`klaster_engine::terms::GLOSSARY`]) in English must use the glossary's Indonesian for it.

use std::path::{Path, PathBuf};

use klaster_engine::terms::GLOSSARY;

/// An English text and its Indonesian, where they are written.
#[derive(Debug)]
struct Pair {
    en: String,
    id: String,
    at: String,
}

/// A string literal's text starting at `s[0] == '"'`, and the bytes it spans. Escapes are
/// kept as the letter they escape; a line continuation (`\` at the end of a line) drops the
/// line break and the next line's indentation, as Rust does.
fn literal(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => match chars.next()? {
                (_, '\n') => while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {},
                (_, 'n') => out.push('\n'),
                (_, e) => out.push(e),
            },
            c => out.push(c),
        }
    }
    None
}

/// The two literals of a call's first two arguments, if they are plain string literals.
fn two_literals(s: &str) -> Option<(String, String)> {
    let s = s.trim_start();
    let (en, used) = literal(s.strip_prefix('"').map(|_| s)?)?;
    let rest = s[used..].trim_start().strip_prefix(',')?.trim_start();
    let (id, _) = literal(rest.strip_prefix('"').map(|_| rest)?)?;
    Some((en, id))
}

fn pairs_in(path: &Path, out: &mut Vec<Pair>) {
    let text = std::fs::read_to_string(path).unwrap();
    for call in ["t(", "tf!(", "msg("] {
        for (at, _) in text.match_indices(call) {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == ':') {
                continue;
            }
            if let Some((en, id)) = two_literals(&text[at + call.len()..]) {
                let line = text[..at].lines().count();
                out.push(Pair {
                    en,
                    id,
                    at: format!("{}:{line}", path.display()),
                });
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_pairs() -> Vec<Pair> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["engine/src", "src", "cli/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut pairs = Vec::new();
    for f in &files {
        pairs_in(f, &mut pairs);
    }
    pairs
}

/// Whether `text` holds `term` as whole words (not inside a longer word, nor a `--flag`).
fn has_term(text: &str, term: &str) -> bool {
    let text = text.to_lowercase();
    text.match_indices(term).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + term.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn every_term_has_one_translation() {
    let pairs = all_pairs();
    // The scan finds the sentences (hundreds of pairs), so a broken scanner cannot pass.
    assert!(pairs.len() > 500, "only {} pairs found", pairs.len());
    let mut wrong = Vec::new();
    for term in GLOSSARY {
        let uses: Vec<&Pair> = pairs.iter().filter(|p| has_term(&p.en, term.en)).collect();
        assert!(!uses.is_empty(), "“{}” is used nowhere: drop it", term.en);
        for p in uses {
            if !p.id.to_lowercase().contains(term.id) {
                wrong.push(format!(
                    "{}: “{}” is “{}” in the glossary, but: {} → {}",
                    p.at, term.en, term.id, p.en, p.id
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_scanner_reads_pairs_as_written() {
    assert_eq!(
        two_literals(
            r#" "a \"b\"", "c\
            d") "#
        ),
        Some(("a \"b\"".to_string(), "cd".to_string()))
    );
    assert!(has_term("The best cut-off", "cut-off"));
    assert!(!has_term("--features: x", "features"));
    assert!(!has_term("segmentation", "segment"));
}
