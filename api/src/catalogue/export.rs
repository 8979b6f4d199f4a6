//! `GET /api/v1/catalogue/export`: every record matching a search (not a page), streamed as
//! CSV or as one JSON array. Past the configured maximum, a clear 422 instead of a cut file.

use super::params::{self, ExportFormat as Format, ExportParams, SearchFilters, Sorting, parse};
use super::record::CatalogueRecord;
use crate::auth::Reader;
use crate::error::{ApiError, Problem};
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use futures_util::StreamExt;
use smarty_schema::store::StoredRecord;
use smarty_schema::vocab::ThemeCode;

const BATCH: usize = 500;
const CSV_HEADER: [&str; 14] = [
    "id",
    "kind",
    "origin",
    "origin_name",
    "title",
    "summary",
    "themes",
    "intervention",
    "language",
    "nuts",
    "start",
    "end",
    "updated_at",
    "url",
];

/// Export a search
///
/// Every record matching the search (same parameters as search, without paging), streamed:
/// `format=csv` (RFC 4180, UTF-8, a header row; themes separated by `;`) or `format=json`
/// (one array of full public records).
#[utoipa::path(
    operation_id = "exportCatalogue", tag = "catalogue",
    params(ExportParams, SearchFilters, Sorting),
    responses(
        (status = 200, description = "The records", content(
            (String = "text/csv", example = "id,kind,origin,origin_name,title,summary,themes,intervention,language,nuts,start,end,updated_at,url\r\n"),
            (Vec<CatalogueRecord> = "application/json"),
        )),
        (status = 400, description = "A parameter is unknown or malformed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "More records match than the node exports at once: narrow the search", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/catalogue/export")]
pub async fn export(state: web::Data<AppState>, reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    // `lang` names the header row's language; every other parameter is the search's.
    let (lang, search) = params::take_lang(req.query_string())?;
    let (mut request, format) = parse(&search, None)?;
    let format = format
        .as_deref()
        .and_then(params::from_code::<Format>)
        .ok_or_else(|| ApiError::field("format", "must be csv or json"))?;
    request.offset = 0;
    // Anonymous exports are capped lower: a token holder is somebody the operator knows.
    let anonymous = reader.0.role.is_none();
    let max = if anonymous {
        state.config.export_max_anonymous.min(state.config.export_max)
    } else {
        state.config.export_max
    };
    let catalogue = state.catalogue.clone();
    let (total, ids) = web::block(move || catalogue.matching_ids(&request, max)).await??;
    if total as usize > max {
        let hint = if anonymous && max < state.config.export_max {
            format!(" With an API token, up to {} can be exported.", state.config.export_max)
        } else {
            String::new()
        };
        return Err(ApiError::Unprocessable(format!(
            "{total} records match; this node exports at most {max} at once{}. Narrow the search with filters.{hint}",
            if anonymous { " without a token" } else { "" }
        )));
    }
    let batches: Vec<Vec<(String, String)>> = ids.chunks(BATCH).map(<[_]>::to_vec).collect();
    let n_batches = batches.len();
    let head = match format {
        // A byte-order mark, so spreadsheet programs read Polish, Catalan and Slovenian
        // letters as UTF-8.
        Format::Csv => {
            let header = CSV_HEADER.map(|name| lang.map_or_else(|| name.to_string(), |l| l.t(&format!("csv-{name}"))));
            [&b"\xEF\xBB\xBF"[..], &csv_line(&header)].concat()
        }
        Format::Json => b"[".to_vec(),
    };
    let state2 = state.clone();
    let body = futures_util::stream::iter(batches.into_iter().enumerate()).then(move |(i, batch)| {
        let state = state2.clone();
        async move {
            let store = state.store.clone();
            let wanted: Vec<String> = batch.iter().map(|(_, id)| id.clone()).collect();
            let rows = web::block(move || store.records_by_id(&wanted)).await.map_err(actix_web::Error::from)?;
            let rows = rows.map_err(|e| actix_web::error::ErrorInternalServerError(e.to_string()))?;
            let mut by_key: std::collections::HashMap<(String, String), _> =
                rows.into_iter().map(|r| ((r.origin.clone(), r.id.clone()), r)).collect();
            let mut out = Vec::new();
            for (j, key) in batch.iter().enumerate() {
                // The index lags the store: only what is published now leaves the node.
                let Some(row) = by_key.remove(key).filter(StoredRecord::is_public) else { continue };
                let record = CatalogueRecord::of(&state, row).map_err(actix_web::Error::from)?;
                match format {
                    Format::Csv => out.extend(csv_line(&csv_row(&state, &record))),
                    Format::Json => {
                        if i > 0 || j > 0 {
                            out.push(b',');
                        }
                        out.extend(serde_json::to_vec(&record).map_err(actix_web::error::ErrorInternalServerError)?);
                    }
                }
            }
            if format == Format::Json && i + 1 == n_batches {
                out.push(b']');
            }
            Ok::<_, actix_web::Error>(web::Bytes::from(out))
        }
    });
    let tail = if n_batches == 0 && format == Format::Json { b"]".to_vec() } else { Vec::new() };
    let stream = futures_util::stream::once(async move { Ok::<_, actix_web::Error>(web::Bytes::from(head)) })
        .chain(body)
        .chain(futures_util::stream::once(async move { Ok(web::Bytes::from(tail)) }));
    let (content_type, name) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "catalogue.csv"),
        Format::Json => ("application/json", "catalogue.json"),
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type))
        .insert_header((header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")))
        .streaming(stream))
}

fn csv_line(fields: &[String]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(fields.iter().map(|f| neutralise(f).into_owned())).expect("writing to memory");
    writer.into_inner().expect("writing to memory")
}

/// A cell a spreadsheet would run as a formula (peer-supplied text may start with `=`, `+`,
/// `-`, `@`, a tab or a carriage return) is prefixed with `'`, as OWASP recommends.
fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}").into() } else { cell.into() }
}

fn csv_row(state: &AppState, catalogued: &CatalogueRecord) -> Vec<String> {
    let (r, c) = (&catalogued.record, &catalogued.record.content);
    let period = c.period();
    vec![
        r.id.clone(),
        r.kind.to_string(),
        r.origin.clone(),
        catalogued.origin_name.clone(),
        c.title().to_string(),
        c.summary().to_string(),
        c.themes().iter().map(ThemeCode::as_str).collect::<Vec<_>>().join(";"),
        c.intervention().map_or("", |i| i.as_str()).to_string(),
        c.language().to_string(),
        c.nuts().map(ToString::to_string).unwrap_or_default(),
        period.map_or("", |p| p.start.as_str()).to_string(),
        period.and_then(|p| p.end.as_deref()).unwrap_or("").to_string(),
        r.updated_at.clone(),
        format!("{}/api/v1/catalogue/records/{}?origin={}", state.config.public_base(), r.id, r.origin),
    ]
}
