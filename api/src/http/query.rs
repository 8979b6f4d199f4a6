//! Typed query strings whose errors are field errors (400), not actix's plain-text 400.

use super::body::field_error;
use crate::error::ApiError;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;
use smarty_schema::FieldError;
use std::future::{Ready, ready};

pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned> FromRequest for QueryParams<T> {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let de = serde_urlencoded::Deserializer::new(form_urlencoded::parse(req.query_string().as_bytes()));
        ready(serde_path_to_error::deserialize(de).map(QueryParams).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            // serde_urlencoded's errors are plain text: wrap them to share the field naming.
            let as_json = <serde_json::Error as serde::de::Error>::custom(inner.to_string());
            let FieldError { field, message, .. } = field_error(&path, &as_json);
            ApiError::field(&field, message)
        }))
    }
}
