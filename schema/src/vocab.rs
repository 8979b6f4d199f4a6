//! Controlled vocabularies and the domain newtypes built from them.
//!
//! Each newtype has one fallible constructor (`parse`); serde deserialises through it, so a
//! value of the type is valid by construction.

use crate::fields::string_newtype;
use serde::Serialize;
use utoipa::ToSchema;

/// [`RegionCode::parse`]'s rule as a JSON Schema (ECMA-262) pattern.
const REGION_CODE_PATTERN: &str = "^[a-z][a-z-]{0,30}[a-z]$";
/// [`NutsCode::parse`]'s rule as a JSON Schema (ECMA-262) pattern.
const NUTS_CODE_PATTERN: &str = "^[A-Z]{2}[A-Z0-9]{0,3}$";

string_newtype!(
    /// A region's code: 2 to 32 lowercase ASCII letters and hyphens, neither starting nor
    /// ending with a hyphen (`leeds`, `castilla-leon`).
    RegionCode,
    "leeds",
    |s| s.pattern(Some(REGION_CODE_PATTERN))
);
string_newtype!(
    /// A NUTS (or ITL) territorial code: two capital letters (the country), then up to three
    /// digits or capital letters (`UKE4`, `ITI1`, `SI0`).
    NutsCode,
    "UKE4",
    |s| s.pattern(Some(NUTS_CODE_PATTERN))
);
string_newtype!(
    /// An ISO 639-1 two-letter language code, in lowercase (`en`, `it`, `pl`).
    LanguageCode,
    "en",
    |s| s.enum_values(Some(ISO_639_1.split(' ')))
);
string_newtype!(
    /// An active ISO 4217 currency code, in capitals (`EUR`, `GBP`, `PLN`).
    CurrencyCode,
    "EUR",
    |s| s.enum_values(Some(ISO_4217.split(' ')))
);

impl RegionCode {
    /// Accepts 2 to 32 lowercase ASCII letters or hyphens, with a letter at each end.
    pub fn parse(s: &str) -> Result<Self, String> {
        let ok = (2..=32).contains(&s.len())
            && s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-');
        if ok { Ok(Self(s.to_string())) } else { Err("must be 2 to 32 lowercase letters or hyphens".into()) }
    }
}

/// One of the four exchange themes of the SMARTY partnership (`GET /api/v1/themes` lists them
/// with their labels). Serialised as its code (`predictive-maintenance`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
#[schema(example = "predictive-maintenance")]
pub enum ThemeCode {
    /// `production-monitoring`
    ProductionMonitoring,
    /// `predictive-maintenance`
    PredictiveMaintenance,
    /// `vr-simulation`
    VrSimulation,
    /// `smart-logistics`
    SmartLogistics,
}

impl ThemeCode {
    /// Every theme, in the order the exchange lists them.
    pub const ALL: [ThemeCode; 4] = [
        ThemeCode::ProductionMonitoring,
        ThemeCode::PredictiveMaintenance,
        ThemeCode::VrSimulation,
        ThemeCode::SmartLogistics,
    ];

    /// The theme's code.
    pub fn as_str(&self) -> &'static str {
        match self {
            ThemeCode::ProductionMonitoring => "production-monitoring",
            ThemeCode::PredictiveMaintenance => "predictive-maintenance",
            ThemeCode::VrSimulation => "vr-simulation",
            ThemeCode::SmartLogistics => "smart-logistics",
        }
    }

    /// The theme of a code.
    pub fn parse(s: &str) -> Result<Self, String> {
        Self::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| {
            let codes: Vec<&str> = Self::ALL.iter().map(ThemeCode::as_str).collect();
            format!("unknown theme; expected one of {}", codes.join(", "))
        })
    }

    /// The theme's entry in [`THEMES`]: its label and description.
    pub fn info(self) -> &'static Theme {
        &THEMES[Self::ALL.iter().position(|t| *t == self).expect("every theme is listed")]
    }
}

impl std::fmt::Display for ThemeCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Read through [`ThemeCode::parse`], so an unknown code is refused with the codes known.
impl<'de> serde::Deserialize<'de> for ThemeCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<String> for ThemeCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl PartialEq<str> for ThemeCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl NutsCode {
    /// Accepts two capital ASCII letters followed by up to three digits or capital letters.
    pub fn parse(s: &str) -> Result<Self, String> {
        let b = s.as_bytes();
        let ok = (2..=5).contains(&b.len())
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..].iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
        if ok {
            Ok(Self(s.to_string()))
        } else {
            Err("must be a NUTS code: two capital letters, then up to three digits or capital letters".into())
        }
    }
}

impl LanguageCode {
    /// Accepts a code of the ISO 639-1 list, exactly as listed (lowercase).
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.len() == 2 && ISO_639_1.split(' ').any(|c| c == s) {
            Ok(Self(s.to_string()))
        } else {
            Err("must be an ISO 639-1 language code such as en, it or pl".into())
        }
    }
}

impl CurrencyCode {
    /// Accepts a code of the active ISO 4217 list, exactly as listed (capitals).
    pub fn parse(s: &str) -> Result<Self, String> {
        if s.len() == 3 && ISO_4217.split(' ').any(|c| c == s) {
            Ok(Self(s.to_string()))
        } else {
            Err("must be an ISO 4217 currency code such as EUR, GBP or PLN".into())
        }
    }
}

/// One exchange theme.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"code": "predictive-maintenance", "label": "Predictive modelling and maintenance",
    "description": "Using sensor data and models to anticipate failures and plan maintenance before breakdowns."}))]
pub struct Theme {
    /// Stable code, used in records' `themes` and in the `theme` filter of listings.
    pub code: ThemeCode,
    /// English label.
    pub label: &'static str,
    /// One line on what the theme covers.
    pub description: &'static str,
}

/// The four exchange themes of the SMARTY partnership.
pub const THEMES: [Theme; 4] = [
    Theme {
        code: ThemeCode::ProductionMonitoring,
        label: "Production performance monitoring systems",
        description: "Collecting and visualising shop-floor data to track output, quality and equipment effectiveness in real time.",
    },
    Theme {
        code: ThemeCode::PredictiveMaintenance,
        label: "Predictive modelling and maintenance",
        description: "Using sensor data and models to anticipate failures and plan maintenance before breakdowns.",
    },
    Theme {
        code: ThemeCode::VrSimulation,
        label: "Virtual reality and simulation technologies",
        description: "Digital twins, simulation and immersive tools for design, training and process planning.",
    },
    Theme {
        code: ThemeCode::SmartLogistics,
        label: "Smart logistics and network management",
        description: "Connected tracking, planning and coordination of goods and suppliers across value chains.",
    },
];

/// ISO 639-1 two-letter language codes.
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy \
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io \
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na \
nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss \
st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Active ISO 4217 currency codes.
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN \
BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD \
HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA \
MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF \
SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES \
VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nuts_codes() {
        for ok in ["UK", "UKE4", "ITI1", "SI0", "ES41", "FI1D", "PL9"] {
            assert!(NutsCode::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["", "U", "uk", "UKE412", "1KE", "UK-4", "UKé"] {
            assert!(NutsCode::parse(bad).is_err(), "{bad}");
        }
    }

    /// The example and, for closed lists, every listed value of a code's schema.
    fn schema_values<T: utoipa::PartialSchema>() -> Vec<String> {
        let schema = serde_json::to_value(T::schema()).unwrap();
        let listed = schema["enum"].as_array().cloned().unwrap_or_default();
        let values = listed.iter().chain([&schema["example"]]);
        values.map(|v| v.as_str().unwrap().to_string()).collect()
    }

    #[test]
    fn code_schemas_offer_only_valid_codes() {
        assert!(schema_values::<RegionCode>().iter().all(|c| RegionCode::parse(c).is_ok()));
        assert!(schema_values::<NutsCode>().iter().all(|c| NutsCode::parse(c).is_ok()));
        assert_eq!(schema_values::<ThemeCode>().len(), THEMES.len() + 1);
        assert!(schema_values::<ThemeCode>().iter().all(|c| ThemeCode::parse(c).is_ok()));
        assert!(schema_values::<LanguageCode>().iter().all(|c| LanguageCode::parse(c).is_ok()));
        assert!(schema_values::<CurrencyCode>().iter().all(|c| CurrencyCode::parse(c).is_ok()));
    }

    #[test]
    fn codes_reject_the_unknown() {
        assert!(ThemeCode::parse("smart-logistics").is_ok());
        assert!(ThemeCode::parse("blockchain").is_err());
        assert!(LanguageCode::parse("ca").is_ok());
        assert!(LanguageCode::parse("xx").is_err());
        assert!(CurrencyCode::parse("PLN").is_ok());
        assert!(CurrencyCode::parse("EURO").is_err());
        assert!(RegionCode::parse("castilla-leon").is_ok());
        assert!(RegionCode::parse("Leeds").is_err());
    }
}
