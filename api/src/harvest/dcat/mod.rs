//! `GET /dcat/catalog.ttl` and `/dcat/catalog.jsonld`: the catalogue this node holds,
//! described in DCAT-AP 3.0 for open-data portals (data.europa.eu harvests DCAT-AP), in
//! Turtle and in JSON-LD. What it says is read from the store (when each region's records
//! last changed here) and the search index (their themes and years), and written with
//! oxrdf's serialisers ([`graph`] builds it).

mod graph;
mod vocab;

use crate::auth::Reader;
use crate::error::{ApiError, Problem, blocking};
use crate::search::collector::{Filters, Sort};
use crate::search::request::SearchRequest;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, get, web};
use graph::{Holding, Node};
use oxrdf::Triple;

/// The catalogue in Turtle
///
/// The node's catalogue in DCAT-AP 3.0 (Turtle): a `dcat:Catalog` with one `dcat:Dataset` per
/// region whose published records the node holds (titles and descriptions in the seven
/// languages, publisher, EU data themes and the exchange's themes, NUTS coverage, the years
/// its initiatives started, when it last changed here, the node's contact point), each with
/// distributions for the CSV export, the JSON API (its `dcat:accessService` described by
/// `/openapi.json`), the Atom feed and the OAI-PMH set.
#[utoipa::path(
    operation_id = "dcatTurtle", tag = "harvest",
    responses(
        (status = 200, description = "The catalogue", content_type = "text/turtle", body = String),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/dcat/catalog.ttl")]
pub async fn turtle(state: web::Data<AppState>, _reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let triples = catalogue(&state, &req).await?;
    let mut serializer = oxttl::TurtleSerializer::new();
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer.with_prefix(prefix, iri).map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for t in &triples {
        writer.serialize_triple(t).map_err(|e| ApiError::Internal(format!("writing Turtle: {e}")))?;
    }
    let body = writer.finish().map_err(|e| ApiError::Internal(format!("writing Turtle: {e}")))?;
    Ok(HttpResponse::Ok().content_type("text/turtle; charset=utf-8").body(body))
}

/// The catalogue in JSON-LD
///
/// The same catalogue as `/dcat/catalog.ttl`, in JSON-LD.
#[utoipa::path(
    operation_id = "dcatJsonLd", tag = "harvest",
    responses(
        (status = 200, description = "The catalogue", content_type = "application/ld+json", body = Object),
        (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("apiToken" = []))
)]
#[get("/dcat/catalog.jsonld")]
pub async fn json_ld(state: web::Data<AppState>, _reader: Reader, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let triples = catalogue(&state, &req).await?;
    let mut serializer = oxjsonld::JsonLdSerializer::new();
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer.with_prefix(prefix, iri).map_err(|e| ApiError::Internal(e.to_string()))?;
    }
    let mut writer = serializer.for_writer(Vec::new());
    for t in &triples {
        writer
            .serialize_quad(t.as_ref().in_graph(oxrdf::GraphNameRef::DefaultGraph))
            .map_err(|e| ApiError::Internal(format!("writing JSON-LD: {e}")))?;
    }
    let body = writer.finish().map_err(|e| ApiError::Internal(format!("writing JSON-LD: {e}")))?;
    Ok(HttpResponse::Ok().content_type("application/ld+json").body(body))
}

/// The catalogue's triples: what the node holds of each region, described.
async fn catalogue(state: &web::Data<AppState>, req: &HttpRequest) -> Result<Vec<Triple>, ApiError> {
    let base = state.base_url(req);
    let (for_store, for_index) = (state.clone(), state.clone());
    let modified = blocking(move || for_store.store.last_changed_by_origin()).await?;
    let holdings = web::block(move || -> Result<Vec<Holding>, crate::search::error::IndexError> {
        let config = &for_index.config;
        // The node's own region first, then the others in configured order.
        let mut regions: Vec<&crate::config::Region> = config.regions.iter().collect();
        regions.sort_by_key(|r| r.code != config.region);
        let mut holdings = Vec::new();
        for r in regions {
            let mut filters = Filters::default();
            filters.values[1] = vec![r.code.clone()];
            let request = SearchRequest { q: String::new(), filters, sort: Sort::Updated, offset: 0, limit: 0 };
            let found = for_index.catalogue.search(&request)?;
            if found.total == 0 && r.code != config.region {
                continue;
            }
            let facet = |name: &str| found.facets.get(name).cloned().unwrap_or_default();
            let years: Vec<u64> = facet("year").keys().filter_map(|y| y.parse().ok()).collect();
            holdings.push(Holding {
                region: r.code.clone(),
                name: r.name.clone(),
                nuts: r.nuts.clone(),
                themes: facet("theme").into_keys().collect(),
                years: years.iter().min().zip(years.iter().max()).map(|(a, b)| (*a, *b)),
                modified: modified.iter().find(|(o, _)| *o == r.code).map(|(_, at)| at.clone()),
            });
        }
        Ok(holdings)
    })
    .await??;
    let info = state.config.region_info();
    let email = state.config.contact_email();
    let node = Node {
        base: &base,
        region: &state.config.region,
        region_name: &info.name,
        contact_email: &email,
        licence: &state.config.harvest.licence,
        holdings: &holdings,
    };
    graph::build(&node).map_err(|e| ApiError::BadRequest(format!("The node's address makes no valid IRI: {e}")))
}
