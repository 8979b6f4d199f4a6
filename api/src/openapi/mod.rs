//! The OpenAPI document: collected from the registered handlers, so every route is in it.

mod contract;
mod examples;

use crate::http::body_schema::BodySchemas;
use actix_web::App;
use actix_web::dev::{ServiceFactory, ServiceRequest};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{AppExt, UtoipaApp, scope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Smarty Exchange node API",
        description = "A region node of Smarty Exchange, the federated best-practice exchange of the SMARTY \
            Interreg Europe partnership (Industry 4.0 for SMEs). It serves the region's case studies and policy \
            instruments, and pulls its peers' records over signed-JWT requests. Errors are RFC 9457 problem+json documents with a stable `type`.",
        contact(name = "SMARTY partnership, Interreg Europe", url = "https://www.interregeurope.eu/smarty"),
    ),
    servers((url = "/", description = "The node that serves this document")),
    // What a subscription is POSTed: in the document's `webhooks` (contract.rs).
    components(schemas(crate::webhooks::model::WebhookEvent)),
    modifiers(&SecurityAddon),
    tags(
        (name = "case-studies", description = "The region's case studies (good practices)"),
        (name = "policy-instruments", description = "The region's policy instruments"),
        (name = "action-plans", description = "The region's action plans and their monitoring"),
        (name = "region-profiles", description = "The region's Industry 4.0 profile and stakeholder group"),
        (name = "vocabularies", description = "Themes and partner regions"),
        (name = "pages", description = "The officers' web pages (HTML, no JavaScript) and their stylesheet; not part of the API document"),
        (name = "catalogue", description = "The shared catalogue: search, read and export every region's published records"),
        (name = "peers", description = "Peers and their sync status (admin)"),
        (name = "federation", description = "What peers call: keys, node descriptor and the signed changes feed"),
        (name = "webhooks", description = "Partner systems' subscriptions to changes, pushed as signed Standard Webhooks messages (admin)"),
        (name = "harvest", description = "The catalogue for harvesters: OAI-PMH 2.0"),
        (name = "operations", description = "Health and readiness for operators"),
    ),
)]
struct ApiDoc;

struct SecurityAddon;

impl Modify for SecurityAddon {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "apiToken",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A local API token from `smarty token create --role reader|editor|admin --name NAME`.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "peerJwt",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "A peer token: a JWT signed with the calling node's pinned Ed25519 key. Header: `alg: EdDSA`, \
                         `typ: smarty-peer+jwt`, `kid`. Claims: `iss` (caller's region), `aud` (this node's region), \
                         `iat`, `exp` (at most 300 s after `iat`), a unique `jti`, and `htm`/`htu` binding it to the \
                         request's method and URL (without query).",
                    ))
                    .build(),
            ),
        );
    }
}

/// Registers every documented route. Shared by the server and `smarty openapi`.
pub fn routes<T>(app: UtoipaApp<T>) -> UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.openapi(ApiDoc::openapi())
        .configure(crate::health::configure)
        .configure(crate::telemetry::configure)
        .configure(crate::federation::configure)
        .configure(crate::ui::configure)
        .configure(crate::harvest::configure)
        .service(
            scope::scope("/api/v1")
                .configure(crate::vocab::configure)
                .configure(crate::records::configure)
                .configure(crate::catalogue::configure)
                .configure(crate::federation::peers_api::configure)
                .configure(crate::webhooks::configure),
        )
}

/// Every route's document, pages included: what the 405 fallback knows the node answers.
pub fn routes_document() -> utoipa::openapi::OpenApi {
    routes(App::new().into_utoipa_app()).split_for_parts().1
}

/// The API's document (without the officers' pages), built without a server, as JSON: the
/// contract's finishing touches (contract.rs) go beyond what utoipa's types can hold.
pub fn document() -> serde_json::Value {
    let mut json = serde_json::to_value(routes_document()).expect("the document serialises");
    contract::reference_inlined(&mut json);
    examples::complete(&mut json);
    contract::api_only(&mut json);
    json
}

/// The body schemas of this node's operations, which every JSON body is checked against:
/// compiled once per process (the demo's seven nodes share them).
pub fn body_schemas() -> Result<&'static BodySchemas, crate::http::body_schema::UncompilableSchema> {
    static SCHEMAS: std::sync::OnceLock<BodySchemas> = std::sync::OnceLock::new();
    if let Some(compiled) = SCHEMAS.get() {
        return Ok(compiled);
    }
    let compiled = BodySchemas::from_document(&document())?;
    Ok(SCHEMAS.get_or_init(|| compiled))
}

/// `GET /openapi.json`: the committed document, made once.
pub async fn serve_document() -> actix_web::HttpResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    actix_web::HttpResponse::Ok().content_type("application/json").body(DOCUMENT.get_or_init(document_json).clone())
}

/// The document as committed in `openapi/openapi.json`.
pub fn document_json() -> String {
    let mut json = serde_json::to_string_pretty(&document()).expect("the document serialises");
    json.push('\n');
    json
}
