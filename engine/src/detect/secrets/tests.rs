use super::*;

fn scanner() -> SecretScanner {
    SecretScanner::compile(&RedactionRules::default()).unwrap()
}

#[test]
fn compiles() {
    let s = scanner();
    assert!(s.max_match_len() >= 16384);
}
