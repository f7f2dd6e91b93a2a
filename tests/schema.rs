//! The published JSON Schema for positions files agrees with the reader:
//! the same keys and values, the example files validate, and what the
//! reader rejects the schema rejects too.

use serde_json::{json, Value};
use std::path::Path;
use treaty_lsp::positions::{self, ElementLevel, Group, Stance};

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/positions.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema file"))
        .expect("schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("a valid draft-07 schema")
}

/// TOML to JSON as TOML editors see it: dates become strings.
fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

fn schema_errors(toml_text: &str) -> Vec<String> {
    let value: toml::Value = toml::from_str(toml_text).expect("valid TOML");
    validator()
        .iter_errors(&to_json(&value))
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v["properties"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !k.starts_with('$'))
        .cloned()
        .collect();
    k.sort();
    k
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn strings(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn the_schema_names_the_keys_and_values_the_reader_takes() {
    let s = schema();
    assert_eq!(
        keys(&s["properties"]["source"]),
        sorted(positions::SOURCE_KEYS)
    );
    assert_eq!(
        keys(&s["definitions"]["position"]),
        sorted(positions::POSITION_KEYS)
    );
    assert_eq!(
        keys(&s["definitions"]["change"]),
        sorted(positions::CHANGE_KEYS)
    );
    assert_eq!(
        strings(&s["definitions"]["change"]["properties"]["action"]["enum"]),
        sorted(positions::ACTIONS)
    );
    assert_eq!(
        strings(&s["definitions"]["position"]["properties"]["stance"]["enum"]),
        sorted(&Stance::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>())
    );
    assert_eq!(
        strings(&s["properties"]["source"]["properties"]["group"]["enum"]),
        sorted(&Group::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>())
    );
    assert_eq!(
        strings(&s["definitions"]["change"]["properties"]["element"]["enum"]),
        sorted(
            &ElementLevel::ALL
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        )
    );
}

const GOOD: &str = r#"#:schema ../schemas/positions.schema.json
[source]
stakeholder = "Microsoft"
group = "industry"
date = 2023-01-09
draft = "A/AC.291/16"

[[position]]
target = "Article 5, paragraph 1"
stance = "amend"
summary = "drop applicable"
line = 57
[[position.change]]
action = "delete-text"
find = "applicable"
[[position.change]]
action = "insert-text"
after = "human rights law"
text = ", including the ICCPR"

[[position]]
target = "Article 45, paragraph 1"
stance = "insert"
summary = "notice to users"
[[position.change]]
action = "insert-element"
element = "subparagraph"
number = "c"
text = "Users have a right to know."

[[position]]
target = "Articles 30 to 34"
stance = "delete"
summary = "no new crimes"
[[position.change]]
action = "delete"
"#;

#[test]
fn a_good_file_passes_both() {
    assert_eq!(schema_errors(GOOD), Vec::<String>::new());
    assert_eq!(positions::read(GOOD).problems, vec![]);
}

#[test]
fn what_the_reader_rejects_the_schema_rejects() {
    let bad = [
        // unknown key
        GOOD.replace("group = \"industry\"", "grup = \"industry\""),
        // a value not in the list
        GOOD.replace("stance = \"delete\"", "stance = \"remove\""),
        // a key the action does not take
        GOOD.replace("action = \"delete\"", "action = \"delete\"\nfind = \"x\""),
        // insert-text with no place
        GOOD.replace("after = \"human rights law\"\n", ""),
        // a missing required key
        GOOD.replace("summary = \"no new crimes\"\n", ""),
        // a blank target
        GOOD.replace("target = \"Articles 30 to 34\"", "target = \" \""),
        // line 0
        GOOD.replace("line = 57", "line = 0"),
    ];
    for text in bad {
        assert!(
            !positions::read(&text).problems.is_empty(),
            "reader accepts:\n{text}"
        );
        assert!(!schema_errors(&text).is_empty(), "schema accepts:\n{text}");
    }
}

#[test]
fn the_example_positions_files_validate() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/cybercrime-convention/positions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the example's positions folder") {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".positions.toml") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("#:schema ../../../schemas/positions.schema.json"),
            "{}",
            path.display()
        );
        assert_eq!(
            schema_errors(&text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        assert_eq!(
            positions::read(&text).problems,
            vec![],
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert_eq!(seen, 3, "one positions file per submission");
}
