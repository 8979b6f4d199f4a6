//! `GET|POST /oai`: the catalogue held by this node as an OAI-PMH 2.0 repository, for
//! library systems and aggregators. Every record ever published here is an item, live or
//! deleted; items are read in the store's change sequence, so a resumption token is a
//! position in it ([`token`]), and deletions are kept ([`sets`] for what a harvest can
//! select, [`metadata`] for what it gets).

mod error;
mod metadata;
mod request;
mod respond;
mod sets;
mod token;

use crate::auth::Reader;
use crate::error::{ApiError, blocking};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use error::{Code, OaiError};
use request::{List, Verb};
use respond::{Answer, Item};
use smarty_schema::store::{HarvestFilter, StoreError, StoredRecord};

/// Every item's identifier starts so, then `origin/id`: the same on every node that holds the
/// record, so an aggregator that harvests several nodes meets one item once.
pub const IDENTIFIER_PREFIX: &str = "oai:smarty:";

/// OAI-PMH's arguments, documented (the handler reads them itself, in the order given, to
/// refuse repeated and unknown ones as the specification requires).
///
/// The protocol answers a request it refuses (no verb, an unknown or repeated argument, a bad
/// date) with an OAI-PMH error in a 200 (its section 3.6), never a 4xx: a harvester reads the
/// error's code.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)] // states that unknown arguments are refused (as `badArgument`)
#[allow(dead_code, non_snake_case)] // documents the arguments; `request::parse` reads them
pub struct OaiArguments {
    /// `Identify`, `ListMetadataFormats`, `ListSets`, `ListIdentifiers`, `ListRecords` or
    /// `GetRecord`; without it, the answer is a `badVerb` error.
    #[param(example = "ListRecords")]
    #[schema(example = "ListRecords")]
    verb: Option<String>,
    /// An item's identifier: `oai:smarty:` + origin + `/` + record id.
    #[param(example = "oai:smarty:tuscany/0193e0a4-7c1e-7000-8000-000000000001")]
    identifier: Option<String>,
    /// `oai_dc` (Dublin Core) or `smarty_json` (the record's JSON).
    #[param(example = "oai_dc")]
    metadataPrefix: Option<String>,
    /// Items changed on this node at or after: `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (UTC).
    #[param(example = "2026-12-01")]
    from: Option<String>,
    /// Items changed on this node at or before, of the same granularity as `from`.
    #[param(example = "2026-12-31")]
    until: Option<String>,
    /// A set: `theme:CODE`, `region:CODE`, `kind:KIND`, or a parent (`theme`, `region`, `kind`).
    #[param(example = "theme:predictive-maintenance")]
    set: Option<String>,
    /// The token of the previous page, given alone (with `verb`). Tokens never expire.
    #[param(example = "eyJtIjoib2FpX2RjIiwiYSI6MTIzLCJjIjoxMDB9")]
    resumptionToken: Option<String>,
}

/// OAI-PMH 2.0
///
/// The catalogue this node holds, every region's published records, as an OAI-PMH 2.0
/// repository: `Identify`, `ListMetadataFormats`, `ListSets`, `ListIdentifiers`,
/// `ListRecords` and `GetRecord`, in `oai_dc` (Dublin Core) and `smarty_json` (the record
/// itself). Sets by theme, region and kind. Deleted and withdrawn records are kept as
/// deleted headers (`deletedRecord` is `persistent`). Datestamps are when a record last
/// changed on this node, at second granularity. Resumption tokens encode the position
/// reached and never expire; pages carry `completeListSize` and `cursor`. Errors are OAI-PMH
/// errors (`badArgument`, `badResumptionToken`, `badVerb`, `cannotDisseminateFormat`,
/// `idDoesNotExist`, `noRecordsMatch`) in a 200 answer, as the protocol requires.
#[utoipa::path(
    operation_id = "oai", tag = "harvest",
    params(OaiArguments),
    responses(
        (status = 200, description = "An OAI-PMH response (or OAI-PMH error)", content_type = "text/xml", body = String),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/oai")]
pub async fn get(state: web::Data<AppState>, _reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    answer(state, &req, req.query_string().to_string()).await
}

/// OAI-PMH 2.0, arguments in the body
///
/// The same requests as `GET /oai`, with the arguments as a form
/// (`application/x-www-form-urlencoded`), as the protocol allows for long requests.
#[utoipa::path(
    operation_id = "oaiPost", tag = "harvest",
    request_body(content = OaiArguments, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "An OAI-PMH response (or OAI-PMH error)", content_type = "text/xml", body = String),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is larger than 1 MiB", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 415, description = "The body is not a form", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[post("/oai")]
pub async fn post(
    state: web::Data<AppState>,
    _reader: Reader,
    req: HttpRequest,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let form = req.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok());
    if !form.is_some_and(|t| t.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded")) {
        return Err(ApiError::UnsupportedMediaType(
            "OAI-PMH requests by POST carry their arguments as application/x-www-form-urlencoded".into(),
        ));
    }
    let text = String::from_utf8(body.to_vec()).map_err(|_| ApiError::BadRequest("The form is not UTF-8".into()))?;
    answer(state, &req, text).await
}

/// The schema of `smarty_json`
///
/// The XML schema `ListMetadataFormats` names for `smarty_json`: one element holding the
/// record's JSON, whose own schema is this document's `Record`.
#[utoipa::path(
    operation_id = "oaiRecordSchema", tag = "harvest",
    responses((status = 200, description = "The XML schema", content_type = "text/xml", body = String)),
    security(())
)]
#[get("/oai/smarty_json.xsd")]
pub async fn record_schema() -> HttpResponse {
    HttpResponse::Ok().content_type("text/xml; charset=utf-8").body(metadata::SMARTY_JSON_XSD)
}

async fn answer(state: web::Data<AppState>, req: &HttpRequest, pairs: String) -> Result<HttpResponse, ApiError> {
    let base = state.base_url(req);
    let (outcome, args) = match request::parse(&pairs) {
        Ok((verb, args)) => {
            let (state, base) = (state.clone(), base.clone());
            let outcome = match blocking(move || Ok(execute(&state, &base, verb))).await? {
                Ok(answer) => Ok(answer),
                Err(Failure::Oai(e)) => Err(e),
                // The store failing is not the harvester's fault: a 500 it retries, not an
                // OAI-PMH error that says its request was wrong.
                Err(Failure::Store(e)) => return Err(e.into()),
            };
            (outcome, Some(args))
        }
        Err(e) => (Err(e), None),
    };
    let body = respond::document(&state, &base, args.as_deref(), outcome)
        .map_err(|e| ApiError::Internal(format!("writing an OAI-PMH response: {e}")))?;
    Ok(HttpResponse::Ok().content_type("text/xml; charset=utf-8").body(body))
}

/// Why a request has no answer: an OAI-PMH error, or the store's failure.
enum Failure {
    Oai(OaiError),
    Store(StoreError),
}

impl From<OaiError> for Failure {
    fn from(e: OaiError) -> Self {
        Failure::Oai(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

/// What a checked request answers, read from the store.
fn execute(state: &AppState, base: &str, verb: Verb) -> Result<Answer, Failure> {
    Ok(match verb {
        Verb::Identify => Answer::Identify { earliest: state.store.earliest_harvestable()? },
        Verb::ListMetadataFormats { identifier } => {
            if let Some(identifier) = identifier {
                item(state, &identifier)?;
            }
            Answer::Formats(metadata::formats(base))
        }
        Verb::ListSets => Answer::Sets(sets::all(&state.config)),
        Verb::GetRecord { identifier, prefix } => {
            let record = item(state, &identifier)?;
            format(&prefix)?;
            Answer::Record { prefix, item: Box::new(Item(record)) }
        }
        Verb::ListIdentifiers(list) => page(state, list, false)?,
        Verb::ListRecords(list) => page(state, list, true)?,
    })
}

/// The record an identifier names, if it was ever published here.
fn item(state: &AppState, identifier: &str) -> Result<StoredRecord, Failure> {
    let missing = || OaiError::new(Code::IdDoesNotExist, format!("{identifier} is not an item of this repository."));
    let (origin, id) =
        identifier.strip_prefix(IDENTIFIER_PREFIX).and_then(|rest| rest.split_once('/')).ok_or_else(missing)?;
    Ok(state.store.harvested(origin, id)?.ok_or_else(missing)?)
}

fn format(prefix: &str) -> Result<(), OaiError> {
    if metadata::known(prefix) {
        Ok(())
    } else {
        Err(OaiError::new(
            Code::CannotDisseminateFormat,
            format!("{prefix:?} is not a format of this repository: use oai_dc or smarty_json."),
        ))
    }
}

/// A page of a list: its items and, when more follow, the token of the next.
fn page(state: &AppState, list: List, records: bool) -> Result<Answer, Failure> {
    let token = list.token;
    // What a token says was checked when it was issued: if it no longer holds, the token is
    // not one of this repository's.
    let bad_token =
        || OaiError::new(Code::BadResumptionToken, "The resumption token names no list of this repository.");
    if list.resumed && !metadata::known(&token.prefix) {
        return Err(bad_token().into());
    }
    format(&token.prefix)?;
    let no_match = || OaiError::new(Code::NoRecordsMatch, "No item matches the request.");
    let mut filter = match &token.set {
        Some(spec) => match sets::filter(&state.config, spec) {
            Some(f) => f,
            None if list.resumed => return Err(bad_token().into()),
            None => return Err(no_match().into()),
        },
        None => HarvestFilter::default(),
    };
    filter.from = token.from.clone();
    filter.until = token.until.clone();
    let size = i64::from(state.config.harvest.oai_page_size);
    let mut page = state.store.harvest(&filter, token.after, size)?;
    // A page of rows none of which could be read is passed over, not answered empty.
    while page.records.is_empty() && page.more {
        page = state.store.harvest(&filter, page.last_seq, size)?;
    }
    if page.records.is_empty() {
        return Err(no_match().into());
    }
    let served = page.records.len() as i64;
    let next = page.more.then(|| {
        let mut next = token.clone();
        next.after = page.last_seq;
        next.cursor = token.cursor + served;
        next.encode()
    });
    // A list that took more than one page ends with an empty token (section 3.5).
    let resumption = (page.more || list.resumed).then_some(respond::Resumption {
        token: next,
        complete_list_size: page.total.max(token.cursor + served),
        cursor: token.cursor,
    });
    let items = page.records.into_iter().map(Item).collect();
    Ok(Answer::List { records, prefix: token.prefix, items, resumption })
}
