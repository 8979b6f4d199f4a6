//! OAI-PMH's error conditions (section 3.6): answered with HTTP 200 and an `<error>`
//! element whose `code` a harvester acts on.

/// An error code of the specification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    BadArgument,
    BadResumptionToken,
    BadVerb,
    CannotDisseminateFormat,
    IdDoesNotExist,
    NoRecordsMatch,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::BadArgument => "badArgument",
            Code::BadResumptionToken => "badResumptionToken",
            Code::BadVerb => "badVerb",
            Code::CannotDisseminateFormat => "cannotDisseminateFormat",
            Code::IdDoesNotExist => "idDoesNotExist",
            Code::NoRecordsMatch => "noRecordsMatch",
        }
    }
}

/// An error condition and what a person reading the response is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OaiError {
    pub code: Code,
    pub message: String,
}

impl OaiError {
    pub fn new(code: Code, message: impl Into<String>) -> OaiError {
        OaiError { code, message: message.into() }
    }

    pub fn bad_argument(message: impl Into<String>) -> OaiError {
        OaiError::new(Code::BadArgument, message)
    }

    /// Whether the response echoes the request's arguments: not for a request whose
    /// arguments are in question (section 3.2).
    pub fn echoes_arguments(&self) -> bool {
        !matches!(self.code, Code::BadVerb | Code::BadArgument)
    }
}
