//! Answers requests that match no route: 405 with `Allow` when the path exists with other
//! methods (actix alone would say 404), else 404. The table of paths and methods is read
//! from the OpenAPI document, so it cannot drift from the routes.

use crate::error::ApiError;
use actix_web::HttpRequest;
use actix_web::dev::ResourceDef;
use std::sync::Arc;
use utoipa::openapi::OpenApi;

#[derive(Clone)]
pub struct RouteTable(Arc<Vec<(ResourceDef, Vec<String>)>>);

impl RouteTable {
    pub fn from_openapi(doc: &OpenApi) -> Self {
        let mut routes = Vec::new();
        for (path, item) in &doc.paths.paths {
            let mut methods: Vec<String> = Vec::new();
            let ops = [
                ("GET", &item.get),
                ("PUT", &item.put),
                ("POST", &item.post),
                ("DELETE", &item.delete),
                ("PATCH", &item.patch),
            ];
            for (name, op) in ops {
                if op.is_some() {
                    methods.push(name.to_string());
                }
            }
            if methods.contains(&"GET".to_string()) {
                methods.push("HEAD".into());
            }
            routes.push((ResourceDef::new(path.as_str()), methods));
        }
        RouteTable(Arc::new(routes))
    }

    /// Adds a route served outside the documented API (Swagger UI and the document itself).
    pub fn with(mut self, path: &str, methods: &[&str]) -> Self {
        let routes = Arc::make_mut(&mut self.0);
        routes.push((ResourceDef::new(path), methods.iter().map(std::string::ToString::to_string).collect()));
        self
    }

    pub fn answer(&self, req: &HttpRequest) -> ApiError {
        let path = req.path();
        match self.0.iter().find(|(def, _)| def.is_match(path)) {
            Some((_, methods)) => ApiError::MethodNotAllowed(methods.clone()),
            None => ApiError::NotFound,
        }
    }
}
