//! Numbers as legal drafting writes them: Arabic, Roman, letters, and the
//! Latin suffixes of inserted provisions (`bis`, `ter`, ... `quindecies`).

use super::tree::{Key, LabelStyle};

/// Latin multiplicative suffixes, in order: `5bis` comes after `5`.
pub const LATIN_SUFFIXES: &[&str] = &[
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
    "undecies",
    "duodecies",
    "terdecies",
    "quaterdecies",
    "quindecies",
    "sexdecies",
    "septdecies",
    "octodecies",
    "novodecies",
    "vicies",
];

pub fn is_latin_suffix(word: &str) -> bool {
    LATIN_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Position of a Latin suffix (1 for `bis`), 0 when none.
pub fn suffix_rank(word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    if word.eq_ignore_ascii_case("nonies") {
        return 8; // a variant spelling of novies
    }
    LATIN_SUFFIXES
        .iter()
        .position(|s| s.eq_ignore_ascii_case(word))
        .map_or(0, |p| if p >= 8 { p } else { p + 1 })
}

/// Value of a Roman numeral (either case), `None` when `s` is not one.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 12 {
        return None;
    }
    let digit = |c: char| match c.to_ascii_lowercase() {
        'i' => Some(1),
        'v' => Some(5),
        'x' => Some(10),
        'l' => Some(50),
        'c' => Some(100),
        'd' => Some(500),
        'm' => Some(1000),
        _ => None,
    };
    let lower = s.chars().all(|c| c.is_ascii_lowercase());
    let upper = s.chars().all(|c| c.is_ascii_uppercase());
    if !lower && !upper {
        return None;
    }
    // at most 12 ASCII letters (checked above): no allocation
    let mut values = [0u32; 12];
    for (i, c) in s.chars().enumerate() {
        values[i] = digit(c)?;
    }
    let values = &values[..s.len()];
    let mut total = 0;
    for (i, &v) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(&next) if next > v => total -= v as i64,
            _ => total += v as i64,
        }
    }
    let total = u32::try_from(total).ok().filter(|&t| t > 0)?;
    // only canonical spellings count ("IIII" and "VX" are not numerals)
    is_roman_spelling(total, s.as_bytes()).then_some(total)
}

/// Whether `written` is `to_roman(n)` (either case), without building it.
fn is_roman_spelling(mut n: u32, mut written: &[u8]) -> bool {
    for &(v, r) in ROMAN_TABLE {
        while n >= v {
            let r = r.as_bytes();
            if written.len() < r.len() || !written[..r.len()].eq_ignore_ascii_case(r) {
                return false;
            }
            written = &written[r.len()..];
            n -= v;
        }
    }
    written.is_empty()
}

const ROMAN_TABLE: &[(u32, &str)] = &[
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
];

pub fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for &(v, s) in ROMAN_TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The letter after `key` in a lettered list (`a` -> `b`, `z` -> `aa`).
pub fn next_letter(key: &str) -> Option<String> {
    let c = key.chars().next()?;
    if !c.is_ascii_alphabetic() || key.chars().any(|r| r != c) {
        return None;
    }
    if c == 'z' || c == 'Z' {
        let a = if c == 'z' { 'a' } else { 'A' };
        return Some(std::iter::repeat_n(a, key.len() + 1).collect());
    }
    let n = (c as u8 + 1) as char;
    Some(std::iter::repeat_n(n, key.len()).collect())
}

/// Whether `next` is [`next_letter`] of `prev`, without building it.
pub fn is_next_letter(prev: &str, next: &str) -> bool {
    let (Some(&p), Some(&n)) = (prev.as_bytes().first(), next.as_bytes().first()) else {
        return false;
    };
    if !p.is_ascii_alphabetic() || prev.bytes().any(|b| b != p) || next.bytes().any(|b| b != n) {
        return false;
    }
    match p {
        b'z' => n == b'a' && next.len() == prev.len() + 1,
        b'Z' => n == b'A' && next.len() == prev.len() + 1,
        _ => n == p + 1 && next.len() == prev.len(),
    }
}

/// Splits a key into its base and Latin suffix: `5bis` -> (`5`, `bis`).
pub fn split_suffix(key: &str) -> (&str, &str) {
    let bytes = key.as_bytes();
    // every suffix ends in `s` or `r`: most keys (`5`, `a`, `iv`) end here
    if !matches!(bytes.last(), Some(b's' | b'S' | b'r' | b'R')) {
        return (key, "");
    }
    for s in LATIN_SUFFIXES.iter().rev() {
        if key.len() > s.len() && bytes[key.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes()) {
            let cut = key.len() - s.len();
            if key.is_char_boundary(cut) {
                return (&key[..cut], &key[cut..]);
            }
        }
    }
    (key, "")
}

/// Normalises a number as written into a key: drops spaces, hyphens,
/// brackets and dots, lowercases Latin suffixes (`3 bis` -> `3bis`,
/// `(c bis)` -> `cbis`, `11-ter` -> `11ter`).
pub fn normalise_key(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    for c in written.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    let (base, suffix) = split_suffix(&out);
    if suffix.is_empty() {
        out
    } else {
        format!("{}{}", base, suffix.to_ascii_lowercase())
    }
}

/// [`normalise_key`] into an inline [`Key`] (no allocation for short keys).
pub fn normalise_to_key(written: &str) -> Key {
    let mut out = Key::default();
    for c in written.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        }
    }
    let base = split_suffix(&out).0.len();
    out.as_mut_str()[base..].make_ascii_lowercase();
    out
}

/// The comparable value of a numeric key (`5bis` -> (5, 1)), for checking
/// order; `None` for keys that are not numbers.
pub fn ordinal(key: &str) -> Option<(u32, usize, String)> {
    let (base, suffix) = split_suffix(key);
    let digits_end = base
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(base.len());
    if digits_end > 0 {
        let n: u32 = base[..digits_end].parse().ok()?;
        let letter = base[digits_end..].to_ascii_lowercase();
        if letter.chars().count() > 1 {
            return None;
        }
        return Some((n, suffix_rank(suffix), letter));
    }
    if let Some(v) = roman_value(base) {
        return Some((v, suffix_rank(suffix), String::new()));
    }
    let mut chars = base.chars();
    let c = chars.next()?;
    if c.is_ascii_alphabetic() && chars.all(|d| d == c) {
        let n = (c.to_ascii_lowercase() as u32 - 'a' as u32 + 1) + 26 * (base.len() as u32 - 1);
        return Some((n, suffix_rank(suffix), String::new()));
    }
    None
}

/// The comparable value of a label of a known style: letters as letters
/// (`c` is 3, not the Roman 100), Roman numerals as numbers.
pub fn ordinal_in_style(key: &str, style: Option<LabelStyle>) -> Option<(u32, usize, String)> {
    let (base, suffix) = split_suffix(key);
    match style {
        Some(LabelStyle::LowerAlpha | LabelStyle::UpperAlpha | LabelStyle::DoubleAlpha) => {
            let mut chars = base.chars();
            let c = chars.next()?;
            if !c.is_ascii_alphabetic() || !chars.all(|d| d == c) {
                return None;
            }
            let n = (c.to_ascii_lowercase() as u32 - 'a' as u32 + 1) + 26 * (base.len() as u32 - 1);
            Some((n, suffix_rank(suffix), String::new()))
        }
        Some(LabelStyle::LowerRoman | LabelStyle::UpperRoman) => {
            Some((roman_value(base)?, suffix_rank(suffix), String::new()))
        }
        _ => ordinal(key),
    }
}

/// The styles a label may be written in: none, one, or two (`i` is a
/// letter or a Roman one); inline, as labels are read by the thousand.
#[derive(Clone, Copy, Debug)]
pub struct LabelStyles {
    styles: [LabelStyle; 2],
    len: usize,
}

impl LabelStyles {
    fn of(styles: &[LabelStyle]) -> LabelStyles {
        let mut out = LabelStyles {
            styles: [LabelStyle::Decimal; 2],
            len: styles.len().min(2),
        };
        out.styles[..out.len].copy_from_slice(&styles[..out.len]);
        out
    }
}

impl std::ops::Deref for LabelStyles {
    type Target = [LabelStyle];
    fn deref(&self) -> &[LabelStyle] {
        &self.styles[..self.len]
    }
}

/// The styles a subdivision label could have; two when ambiguous (`(i)`
/// is the ninth letter or the first Roman numeral).
pub fn label_styles(key: &str, parenthesised: bool) -> LabelStyles {
    let (base, _) = split_suffix(key);
    if base.is_empty() {
        return LabelStyles::of(&[]);
    }
    if base.chars().all(|c| c.is_ascii_digit()) {
        return LabelStyles::of(&[if parenthesised {
            LabelStyle::ParenDecimal
        } else {
            LabelStyle::Decimal
        }]);
    }
    if base.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        // `5a`: an inserted paragraph
        return LabelStyles::of(&[if parenthesised {
            LabelStyle::ParenDecimal
        } else {
            LabelStyle::Decimal
        }]);
    }
    let lower = base.chars().all(|c| c.is_ascii_lowercase());
    let upper = base.chars().all(|c| c.is_ascii_uppercase());
    let single = base.len() == 1;
    let repeated = base.chars().all(|c| base.starts_with(c));
    let roman_ivx = base
        .chars()
        .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x'))
        && roman_value(base).is_some();
    let (alpha, roman, double) = if lower {
        (
            LabelStyle::LowerAlpha,
            LabelStyle::LowerRoman,
            LabelStyle::DoubleAlpha,
        )
    } else if upper {
        (
            LabelStyle::UpperAlpha,
            LabelStyle::UpperRoman,
            LabelStyle::DoubleAlpha,
        )
    } else {
        return LabelStyles::of(&[]);
    };
    if single {
        if roman_ivx {
            LabelStyles::of(&[alpha, roman])
        } else {
            LabelStyles::of(&[alpha])
        }
    } else if roman_ivx {
        LabelStyles::of(&[roman])
    } else if repeated {
        LabelStyles::of(&[double])
    } else {
        LabelStyles::of(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("IIII"), None);
        assert_eq!(roman_value("Iv"), None);
        assert_eq!(roman_value("MCMLXIX"), Some(1969));
        assert_eq!(roman_value("abc"), None);
    }

    #[test]
    fn keys() {
        assert_eq!(normalise_key("3 bis"), "3bis");
        assert_eq!(normalise_key("93bis"), "93bis");
        assert_eq!(normalise_key("c BIS"), "cbis");
        assert_eq!(normalise_key("11-ter"), "11ter");
        assert_eq!(normalise_key("(a)"), "a");
    }

    #[test]
    fn order() {
        assert!(ordinal("5").unwrap() < ordinal("5bis").unwrap());
        assert!(ordinal("5bis").unwrap() < ordinal("5ter").unwrap());
        assert!(ordinal("5ter").unwrap() < ordinal("6").unwrap());
        assert!(ordinal("b").unwrap() < ordinal("c").unwrap());
        assert!(ordinal("z").unwrap() < ordinal("aa").unwrap());
        assert_eq!(ordinal("XI").unwrap().0, 11);
    }

    #[test]
    fn styles() {
        use LabelStyle::*;
        assert_eq!(*label_styles("1", false), [Decimal]);
        assert_eq!(*label_styles("1", true), [ParenDecimal]);
        assert_eq!(*label_styles("a", true), [LowerAlpha]);
        assert_eq!(*label_styles("i", true), [LowerAlpha, LowerRoman]);
        assert_eq!(*label_styles("iv", true), [LowerRoman]);
        assert_eq!(*label_styles("aa", true), [DoubleAlpha]);
        assert_eq!(*label_styles("cbis", true), [LowerAlpha]);
        assert_eq!(next_letter("h").as_deref(), Some("i"));
        assert_eq!(next_letter("z").as_deref(), Some("aa"));
        for prev in ["a", "h", "z", "Z", "aa", "zz", "Y", "ab", "1", "", "é"] {
            for next in ["b", "i", "aa", "AA", "bb", "aaa", "Z", "ac", "2", "", "ê"] {
                let want = next_letter(prev).as_deref() == Some(next);
                assert_eq!(is_next_letter(prev, next), want, "{prev} -> {next}");
            }
        }
    }

    #[test]
    fn every_latin_suffix_ends_in_s_or_r() {
        // split_suffix turns away keys ending in anything else at once
        for s in LATIN_SUFFIXES {
            assert!(s.ends_with(['s', 'r']), "{s}");
        }
    }
}
