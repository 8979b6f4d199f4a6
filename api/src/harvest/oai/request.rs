//! An OAI-PMH request's arguments, checked as the specification (section 3.1.1) requires:
//! each verb's required, optional and exclusive arguments, none repeated, none unknown.

use super::error::{Code, OaiError};
use super::token::Token;
use chrono::{NaiveDate, NaiveDateTime};

/// A request's verb and arguments, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verb {
    Identify,
    ListMetadataFormats { identifier: Option<String> },
    ListSets,
    ListIdentifiers(List),
    ListRecords(List),
    GetRecord { identifier: String, prefix: String },
}

/// A list request: its selection and, resumed, where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub token: Token,
    /// Whether the request resumed a list (a `resumptionToken`).
    pub resumed: bool,
}

/// The request's arguments as given (verb included), which the response echoes.
pub type Arguments = Vec<(String, String)>;

/// Reads a request's arguments, from the query string or the form body.
pub fn parse(pairs: &str) -> Result<(Verb, Arguments), OaiError> {
    let mut args: Arguments = Vec::new();
    for (key, value) in form_urlencoded::parse(pairs.as_bytes()) {
        if args.iter().any(|(k, _)| *k == key) {
            let code = if key == "verb" { Code::BadVerb } else { Code::BadArgument };
            return Err(OaiError::new(code, format!("The argument {key} is repeated.")));
        }
        args.push((key.into_owned(), value.into_owned()));
    }
    let get = |name: &str| args.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let verb = get("verb").ok_or_else(|| OaiError::new(Code::BadVerb, "The request has no verb."))?;
    let allowed: &[&str] = match verb.as_str() {
        "Identify" => &[],
        "ListMetadataFormats" => &["identifier"],
        "ListSets" => &["resumptionToken"],
        "ListIdentifiers" | "ListRecords" => &["metadataPrefix", "from", "until", "set", "resumptionToken"],
        "GetRecord" => &["identifier", "metadataPrefix"],
        other => return Err(OaiError::new(Code::BadVerb, format!("{other:?} is not an OAI-PMH verb."))),
    };
    if let Some((unknown, _)) = args.iter().find(|(k, _)| k != "verb" && !allowed.contains(&k.as_str())) {
        return Err(OaiError::bad_argument(format!("{unknown} is not an argument of {verb}.")));
    }
    let parsed = match verb.as_str() {
        "Identify" => Verb::Identify,
        "ListMetadataFormats" => Verb::ListMetadataFormats { identifier: get("identifier") },
        "ListSets" => match get("resumptionToken") {
            // Every set is in the first answer: this node never issues a token for sets.
            Some(_) => return Err(OaiError::new(Code::BadResumptionToken, "This node issues no tokens for ListSets.")),
            None => Verb::ListSets,
        },
        "GetRecord" => {
            let identifier =
                get("identifier").ok_or_else(|| OaiError::bad_argument("GetRecord needs an identifier."))?;
            let prefix =
                get("metadataPrefix").ok_or_else(|| OaiError::bad_argument("GetRecord needs a metadataPrefix."))?;
            Verb::GetRecord { identifier, prefix }
        }
        list => {
            let parsed_list = match get("resumptionToken") {
                Some(token) => {
                    if args.len() > 2 {
                        return Err(OaiError::bad_argument("resumptionToken is an exclusive argument: give it alone."));
                    }
                    let token = Token::decode(&token).ok_or_else(|| {
                        OaiError::new(Code::BadResumptionToken, "The resumption token is not one this node issued.")
                    })?;
                    List { token, resumed: true }
                }
                None => List { token: fresh(&get)?, resumed: false },
            };
            if list == "ListRecords" { Verb::ListRecords(parsed_list) } else { Verb::ListIdentifiers(parsed_list) }
        }
    };
    Ok((parsed, args))
}

/// A list's start from its arguments.
fn fresh(get: &dyn Fn(&str) -> Option<String>) -> Result<Token, OaiError> {
    let prefix = get("metadataPrefix")
        .ok_or_else(|| OaiError::bad_argument("metadataPrefix is required (or a resumptionToken)."))?;
    let from = get("from").map(|v| Bound::parse("from", &v)).transpose()?;
    let until = get("until").map(|v| Bound::parse("until", &v)).transpose()?;
    if let (Some(f), Some(u)) = (&from, &until) {
        if f.seconds != u.seconds {
            return Err(OaiError::bad_argument("from and until must have the same granularity."));
        }
        if f.start() > u.end() {
            return Err(OaiError::bad_argument("from is later than until."));
        }
    }
    Ok(Token {
        prefix,
        set: get("set"),
        from: from.map(|b| b.start()),
        until: until.map(|b| b.end()),
        after: 0,
        cursor: 0,
    })
}

/// A `from` or `until` date, at day or second granularity (`2026-12-01`,
/// `2026-12-01T10:15:00Z`).
struct Bound {
    at: NaiveDateTime,
    seconds: bool,
}

impl Bound {
    fn parse(name: &str, value: &str) -> Result<Bound, OaiError> {
        let bad = || {
            OaiError::bad_argument(format!(
                "{name} {value:?} is not a UTC date (YYYY-MM-DD) or time (YYYY-MM-DDThh:mm:ssZ)."
            ))
        };
        match value.len() {
            10 => {
                let day = NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| bad())?;
                Ok(Bound { at: day.and_hms_opt(0, 0, 0).ok_or_else(bad)?, seconds: false })
            }
            20 => {
                let at = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%SZ").map_err(|_| bad())?;
                Ok(Bound { at, seconds: true })
            }
            _ => Err(bad()),
        }
    }

    /// The first instant the bound admits, in the store's timestamp form.
    fn start(&self) -> String {
        self.at.format("%Y-%m-%dT%H:%M:%S.000000Z").to_string()
    }

    /// The last instant the bound admits (the whole day, or the whole second).
    fn end(&self) -> String {
        let last = if self.seconds { self.at } else { self.at + chrono::Duration::seconds(86_399) };
        last.format("%Y-%m-%dT%H:%M:%S.999999Z").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(query: &str) -> Code {
        parse(query).unwrap_err().code
    }

    #[test]
    fn each_verb_s_arguments_are_checked() {
        assert_eq!(parse("verb=Identify").unwrap().0, Verb::Identify);
        assert_eq!(code(""), Code::BadVerb);
        assert_eq!(code("verb=Nonsense"), Code::BadVerb);
        assert_eq!(code("verb=Identify&verb=Identify"), Code::BadVerb);
        assert_eq!(code("verb=Identify&set=x"), Code::BadArgument);
        assert_eq!(code("verb=ListRecords"), Code::BadArgument);
        assert_eq!(code("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc"), Code::BadArgument);
        assert_eq!(code("verb=GetRecord&metadataPrefix=oai_dc"), Code::BadArgument);
        assert_eq!(code("verb=ListRecords&resumptionToken=zzz"), Code::BadResumptionToken);
        assert_eq!(code("verb=ListSets&resumptionToken=x"), Code::BadResumptionToken);
        let token = Token { prefix: "oai_dc".into(), set: None, from: None, until: None, after: 7, cursor: 3 };
        let resumed = parse(&format!("verb=ListRecords&resumptionToken={}", token.encode())).unwrap().0;
        assert_eq!(resumed, Verb::ListRecords(List { token: token.clone(), resumed: true }));
        let with_more = format!("verb=ListRecords&resumptionToken={}&metadataPrefix=oai_dc", token.encode());
        assert_eq!(code(&with_more), Code::BadArgument, "the token is exclusive");
    }

    #[test]
    fn dates_are_days_or_seconds_in_utc_of_one_granularity() {
        let Verb::ListIdentifiers(list) =
            parse("verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-12-01&until=2026-12-02").unwrap().0
        else {
            panic!("a list")
        };
        assert_eq!(list.token.from.as_deref(), Some("2026-12-01T00:00:00.000000Z"));
        assert_eq!(list.token.until.as_deref(), Some("2026-12-02T23:59:59.999999Z"));
        let Verb::ListIdentifiers(list) =
            parse("verb=ListIdentifiers&metadataPrefix=oai_dc&until=2026-12-01T10:15:00Z").unwrap().0
        else {
            panic!("a list")
        };
        assert_eq!(list.token.until.as_deref(), Some("2026-12-01T10:15:00.999999Z"));
        for bad in [
            "from=2026-12-01&until=2026-12-02T00:00:00Z",
            "from=2026-12-02&until=2026-12-01",
            "from=2026-13-01",
            "from=2026-12-01T10:15:00+01:00",
            "from=2026-12-01T10:15:00.5Z",
            "until=yesterday",
        ] {
            assert_eq!(code(&format!("verb=ListRecords&metadataPrefix=oai_dc&{bad}")), Code::BadArgument, "{bad}");
        }
    }
}
