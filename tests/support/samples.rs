//! Valid sample content to start each test from.

use serde_json::{Value, json};

pub fn case_study(title: &str) -> Value {
    json!({
        "title": title,
        "summary": "A shared service fitted vibration and energy sensors to older looms in family-run mills.",
        "description": "Kirklees Council and the University of Huddersfield set up a retrofit service for older looms. \
            Engineers fitted low-cost sensors and trained staff to read the dashboards.",
        "intervention": "direct",
        "themes": ["predictive-maintenance", "production-monitoring"],
        "language": "en",
        "main_institution": "University of Huddersfield",
        "location": {"nuts": "UKE4", "name": "Huddersfield, West Yorkshire"},
        "period": {"start": "2021-03-01", "end": "2024-02-29"},
        "resources_needed": "Two engineers for three years; about £40,000 of sensors.",
        "evidence_of_success": "Unplanned stoppages fell by a third in the first year.",
        "difficulties": "Older looms needed custom brackets.",
        "transfer_potential": "Any cluster of small mills with older machinery.",
        "keywords": ["retrofit", "textiles"],
        "links": ["https://example.org/retrofit"],
        "budget": {"amount": "480000", "currency": "GBP"},
        "funding_sources": ["ERDF", "Kirklees Council"],
        "contact": {"name": "Ruth Okafor", "email": "r.okafor@example.org"}
    })
}

pub fn policy_instrument(name: &str) -> Value {
    json!({
        "name": name,
        "description": "Investment priorities for SME competitiveness and innovation in West Yorkshire.",
        "instrument_type": "erdf-programme",
        "managing_authority": "West Yorkshire Combined Authority",
        "territory": "UKE4",
        "period": {"start": "2021-01-01", "end": "2027-12-31"},
        "language": "en",
        "budget": {"amount": 95000000, "currency": "GBP"},
        "themes": ["production-monitoring"],
        "url": "https://example.org/erdf"
    })
}

pub fn published(content: Value) -> Value {
    json!({"status": "published", "content": content})
}
