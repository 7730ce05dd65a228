//! What every section of an API's client module is emitted with: the API,
//! how types are named from there, and where examples reach the API.

use super::rust::TypePaths;
use crate::ir::Api;

/// How the client module reaches the runtime and the models.
pub(super) struct ClientCx<'a> {
    pub api: &'a Api,
    pub paths: TypePaths<'a>,
    /// The API module's public path, for the examples (none: no examples).
    pub examples: Option<&'a str>,
}
