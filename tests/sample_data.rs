//! The sample data of `deploy/sample-data` covers what the demo promises, and imports.

use crate::support::{Backend, TestNode};
use serde_json::Value;
use std::collections::HashSet;

const REGIONS: [(&str, &str); 7] = [
    ("tuscany", "it"),
    ("mazovia", "pl"),
    ("lapland", "fi"),
    ("leeds", "en"),
    ("slovenia", "sl"),
    ("castilla-leon", "es"),
    ("catalonia", "ca"),
];

fn file(region: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../deploy/sample-data/{region}.json"))
}

#[test]
fn every_region_has_varied_realistic_records() {
    let mut ids = HashSet::new();
    for (region, language) in REGIONS {
        let records: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(file(region)).unwrap()).unwrap();
        let of = |kind: &str| records.iter().filter(|r| r["kind"] == kind).collect::<Vec<_>>();
        let (cases, instruments) = (of("case_study"), of("policy_instrument"));
        assert!(cases.len() >= 12, "{region}: {} case studies", cases.len());
        assert!((2..=3).contains(&instruments.len()), "{region}: {} instruments", instruments.len());
        let types: HashSet<&str> =
            instruments.iter().map(|r| r["content"]["instrument_type"].as_str().unwrap()).collect();
        assert!(types.contains("erdf-programme") && types.contains("regional-strategy"), "{region}: {types:?}");
        let themes: HashSet<&str> = cases
            .iter()
            .flat_map(|r| r["content"]["themes"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()))
            .collect();
        assert_eq!(themes.len(), 4, "{region}: themes {themes:?}");
        let interventions: HashSet<&str> =
            cases.iter().map(|r| r["content"]["intervention"].as_str().unwrap()).collect();
        assert_eq!(interventions.len(), 2, "{region}");
        for r in &records {
            assert_eq!(r["content"]["language"], language, "{region}: {}", r["id"]);
            assert!(ids.insert(r["id"].as_str().unwrap().to_string()), "duplicate id {}", r["id"]);
            let english = &r["content"]["translations"]["en"];
            if language == "en" {
                assert!(english.is_null());
            } else {
                assert!(
                    english["title"].is_string() && english["summary"].is_string(),
                    "{region}: {} lacks English",
                    r["id"]
                );
            }
        }
    }
}

#[tokio::test]
async fn every_sample_file_imports_into_its_region() {
    for (region, _) in REGIONS {
        let node = TestNode::start_with(Backend::Sqlite, region, &[]).await;
        let out = node.smarty(&["import", file(region).to_str().unwrap()]);
        assert!(out.status.success(), "{region}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
