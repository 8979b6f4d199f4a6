//! The five documented routes of each record kind, generated once per kind so the two kinds
//! (and any later one) cannot drift apart.

use utoipa_actix_web::service_config::ServiceConfig;

macro_rules! record_routes {
    (
        module: $module:ident, content: $content:ty, tag: $tag:literal,
        collection: $collection:literal, item: $item:literal,
        create: ($create_id:literal, $create_summary:literal),
        list: ($list_id:literal, $list_summary:literal),
        get: ($get_id:literal, $get_summary:literal),
        update: ($update_id:literal, $update_summary:literal),
        delete: ($delete_id:literal, $delete_summary:literal) $(,)?
    ) => {
        pub mod $module {
            use crate::auth::{Editor, Reader};
            use crate::error::{ApiError, Problem};
            use crate::http::{JsonBody, QueryParams};
            use crate::records::service;
            use crate::records::wire::{ListParams, Page, RecordInput};
            use crate::state::AppState;
            use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
            use smarty_schema::Record;
            #[allow(unused_imports)]
            use smarty_schema::content::*;

            #[utoipa::path(
                operation_id = $create_id, tag = $tag, summary = $create_summary,
                description = "Validates the content and stores it as version 1. Needs an editor token.",
                request_body(content = RecordInput<$content>, content_type = "application/json"),
                responses(
                    (status = 201, description = "Created", body = Record<$content>, headers(
                        ("Location" = String, description = "URL of the new record"),
                        ("ETag" = String, description = "Entity tag of version 1: send it as If-Match to change the record"))),
                    (status = 400, description = "Malformed JSON, unknown field, or invalid content (field errors in `errors`)", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No token, or an unknown or revoked one", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role cannot write", body = Problem, content_type = "application/problem+json"),
                    (status = 409, description = "Region profiles only: the region already has its profile (replace it instead)", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "Valid against the schema, but breaks a rule it cannot state (a reference to a record that does not exist, an end before its start, a number used twice): field errors in `errors`", body = Problem, content_type = "application/problem+json"),
                ),
                security(("apiToken" = []))
            )]
            #[post($collection)]
            pub async fn create(
                state: web::Data<AppState>,
                _editor: Editor,
                // Extractors run together: a body error must not answer before the token is
                // judged (an unknown caller learns nothing about validation).
                body: Result<JsonBody<RecordInput<$content>>, ApiError>,
            ) -> Result<HttpResponse, ApiError> {
                service::create(&state, body?.0).await
            }

            #[utoipa::path(
                operation_id = $list_id, tag = $tag, summary = $list_summary,
                description = "The region's own records in creation order, a page at a time. Published records are public unless the node sets `public_read = false`; editors also see drafts and withdrawn records, and contacts.",
                params(ListParams),
                responses(
                    (status = 200, description = "One page", body = Page<Record<$content>>),
                    (status = 400, description = "A parameter is out of range or malformed", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
                ),
                security((), ("apiToken" = []))
            )]
            #[get($collection)]
            pub async fn list(
                state: web::Data<AppState>,
                reader: Reader,
                params: Result<QueryParams<ListParams>, ApiError>,
            ) -> Result<HttpResponse, ApiError> {
                service::list::<$content>(&state, &reader.0, params?.0).await
            }

            #[utoipa::path(
                operation_id = $get_id, tag = $tag, summary = $get_summary,
                description = "Drafts, withdrawn records and contacts are visible to editors only; to anyone else they answer 404.",
                params(
                    ("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
                    ("If-None-Match" = Option<String>, Header, nullable = false, description = "An ETag the client holds: 304 if still current", example = "\"1\""),
                ),
                responses(
                    (status = 200, description = "The record", body = Record<$content>, headers(
                        ("ETag" = String, description = "Entity tag of this version"))),
                    (status = 304, description = "Not modified since the ETag in If-None-Match"),
                    (status = 401, description = "Bad token, or no token on a node without public reads", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such record visible to the caller", body = Problem, content_type = "application/problem+json"),
                ),
                security((), ("apiToken" = []))
            )]
            #[get($item)]
            pub async fn get(
                state: web::Data<AppState>,
                reader: Reader,
                id: web::Path<String>,
                req: HttpRequest,
            ) -> Result<HttpResponse, ApiError> {
                service::get::<$content>(&state, &reader.0, id.into_inner(), &req).await
            }

            #[utoipa::path(
                operation_id = $update_id, tag = $tag, summary = $update_summary,
                description = "Replaces the content (and the status, if given) as a new version. `If-Match` must carry the current ETag: a stale one is answered 412 and nothing changes.",
                params(
                    ("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
                    ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#, description = "ETag of the version being replaced (`*`: whichever is current); not an entity-tag list: 400", example = "\"1\""),
                ),
                request_body(content = RecordInput<$content>, content_type = "application/json"),
                responses(
                    (status = 200, description = "The new version", body = Record<$content>, headers(
                        ("ETag" = String, description = "Entity tag of the new version"))),
                    (status = 400, description = "Malformed JSON, unknown field, or invalid content", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No token, or an unknown or revoked one", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role cannot write", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such record", body = Problem, content_type = "application/problem+json"),
                    (status = 412, description = "If-Match names another version", body = Problem, content_type = "application/problem+json"),
                    (status = 422, description = "Valid against the schema, but breaks a rule it cannot state (a reference to a record that does not exist, an end before its start, a number used twice): field errors in `errors`", body = Problem, content_type = "application/problem+json"),
                    (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
                ),
                security(("apiToken" = []))
            )]
            #[put($item)]
            pub async fn update(
                state: web::Data<AppState>,
                _editor: Editor,
                id: web::Path<String>,
                req: HttpRequest,
                body: Result<JsonBody<RecordInput<$content>>, ApiError>,
            ) -> Result<HttpResponse, ApiError> {
                service::update(&state, &req, id.into_inner(), body?.0).await
            }

            #[utoipa::path(
                operation_id = $delete_id, tag = $tag, summary = $delete_summary,
                description = "Deletes the record: it becomes a tombstone in the change sequence (peers learn of the deletion) and later reads answer 404.",
                params(
                    ("id" = String, Path, description = "Record id (UUID)", example = "0193a5b2-7c1e-7d3a-9f00-2b6c1d4e5f60"),
                    ("If-Match" = String, Header, pattern = r#"^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$"#, description = "ETag of the current version (`*`: whichever is current); not an entity-tag list: 400", example = "\"1\""),
                ),
                responses(
                    (status = 204, description = "Deleted"),
                    (status = 400, description = "If-Match is not a list of entity tags", body = Problem, content_type = "application/problem+json"),
                    (status = 401, description = "No token, or an unknown or revoked one", body = Problem, content_type = "application/problem+json"),
                    (status = 403, description = "The token's role cannot write", body = Problem, content_type = "application/problem+json"),
                    (status = 404, description = "No such record", body = Problem, content_type = "application/problem+json"),
                    (status = 412, description = "If-Match names another version", body = Problem, content_type = "application/problem+json"),
                    (status = 428, description = "If-Match is missing", body = Problem, content_type = "application/problem+json"),
                ),
                security(("apiToken" = []))
            )]
            #[delete($item)]
            pub async fn delete(
                state: web::Data<AppState>,
                _editor: Editor,
                id: web::Path<String>,
                req: HttpRequest,
            ) -> Result<HttpResponse, ApiError> {
                service::delete::<$content>(&state, &req, id.into_inner()).await
            }
        }
    };
}

record_routes! {
    module: case_studies, content: CaseStudy, tag: "case-studies",
    collection: "/case-studies", item: "/case-studies/{id}",
    create: ("createCaseStudy", "Create a case study"),
    list: ("listCaseStudies", "List the region's case studies"),
    get: ("getCaseStudy", "Read a case study"),
    update: ("updateCaseStudy", "Replace a case study"),
    delete: ("deleteCaseStudy", "Delete a case study"),
}

record_routes! {
    module: policy_instruments, content: PolicyInstrument, tag: "policy-instruments",
    collection: "/policy-instruments", item: "/policy-instruments/{id}",
    create: ("createPolicyInstrument", "Create a policy instrument"),
    list: ("listPolicyInstruments", "List the region's policy instruments"),
    get: ("getPolicyInstrument", "Read a policy instrument"),
    update: ("updatePolicyInstrument", "Replace a policy instrument"),
    delete: ("deletePolicyInstrument", "Delete a policy instrument"),
}

record_routes! {
    module: action_plans, content: ActionPlan, tag: "action-plans",
    collection: "/action-plans", item: "/action-plans/{id}",
    create: ("createActionPlan", "Create an action plan"),
    list: ("listActionPlans", "List the region's action plans"),
    get: ("getActionPlan", "Read an action plan"),
    update: ("updateActionPlan", "Replace an action plan"),
    delete: ("deleteActionPlan", "Delete an action plan"),
}

record_routes! {
    module: region_profiles, content: RegionProfile, tag: "region-profiles",
    collection: "/region-profiles", item: "/region-profiles/{id}",
    create: ("createRegionProfile", "Create the region's profile (one per node)"),
    list: ("listRegionProfiles", "List the region's profile"),
    get: ("getRegionProfile", "Read the region's profile"),
    update: ("updateRegionProfile", "Replace the region's profile"),
    delete: ("deleteRegionProfile", "Delete the region's profile"),
}

/// Registers every kind's routes (under `/api/v1`).
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(case_studies::create)
        .service(case_studies::list)
        .service(case_studies::get)
        .service(case_studies::update)
        .service(case_studies::delete)
        .service(policy_instruments::create)
        .service(policy_instruments::list)
        .service(policy_instruments::get)
        .service(policy_instruments::update)
        .service(policy_instruments::delete)
        .service(action_plans::create)
        .service(action_plans::list)
        .service(action_plans::get)
        .service(action_plans::update)
        .service(action_plans::delete)
        .service(super::monitoring::report)
        .service(region_profiles::create)
        .service(region_profiles::list)
        .service(region_profiles::get)
        .service(region_profiles::update)
        .service(region_profiles::delete);
}
