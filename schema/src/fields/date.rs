//! Calendar dates.

use super::string_newtype;
use chrono::NaiveDate;
use utoipa::openapi::schema::{KnownFormat, SchemaFormat};

string_newtype!(
    /// A calendar date, `YYYY-MM-DD` (RFC 3339 `full-date`).
    IsoDate,
    "2021-03-01",
    |s| s.format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
);

impl IsoDate {
    /// Accepts exactly `YYYY-MM-DD` naming a day that exists (chrono alone also takes
    /// `2021-3-1` and `+2021-03-01`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        if shape && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() {
            Ok(Self(s.to_string()))
        } else {
            Err("must be a date, YYYY-MM-DD".into())
        }
    }

    /// The day.
    pub fn date(&self) -> NaiveDate {
        // Checked by `parse`, the only way in.
        NaiveDate::parse_from_str(&self.0, "%Y-%m-%d").unwrap_or_default()
    }

    /// The year, the first four digits.
    pub fn year(&self) -> i32 {
        self.0[..4].parse().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_in_the_one_form() {
        assert!(IsoDate::parse("2024-02-29").is_ok());
        for bad in ["2021-02-30", "2021-3-1", "+2021-03-01", "soon", "2021-03-01T00:00:00Z"] {
            assert!(IsoDate::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(IsoDate::parse("2021-03-01").unwrap().year(), 2021);
    }
}

/// [`HalfYear::parse`]'s rule as a JSON Schema (ECMA-262) pattern.
const HALF_YEAR_PATTERN: &str = "^(20[0-9]{2}|2100)-S[12]$";

string_newtype!(
    /// A half-year: `YYYY-S1` (January to June) or `YYYY-S2` (July to December), the year
    /// from 2000 to 2100. Half-years sort in time order.
    HalfYear,
    "2025-S2",
    |s| s.pattern(Some(HALF_YEAR_PATTERN))
);

impl HalfYear {
    /// Accepts what [`HalfYear`] describes.
    pub fn parse(s: &str) -> Result<Self, String> {
        // `get` and not slicing: a multi-byte character at byte 4 must be an error, not a panic.
        let ok = s.len() == 7
            && s.get(..4).and_then(|y| y.parse::<u16>().ok()).is_some_and(|y| (2000..=2100).contains(&y))
            && s.bytes().take(4).all(|b| b.is_ascii_digit())
            && matches!(s.get(4..), Some("-S1" | "-S2"));
        if ok { Ok(Self(s.to_string())) } else { Err("must be YYYY-S1 or YYYY-S2".into()) }
    }
}
