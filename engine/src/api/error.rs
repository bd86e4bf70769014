//! Errors a v1 resource answers.

use serde::{Deserialize, Serialize};

use crate::Response;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResourceError {}

impl ResourceError {
    pub fn status(&self) -> u16 {
        match *self {}
    }

    pub fn message(&self) -> String {
        match *self {}
    }

    pub fn response(&self) -> Response {
        match *self {}
    }
}
