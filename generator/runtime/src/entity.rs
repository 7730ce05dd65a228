//! Record operations that work on any entity: a typed model names its entity
//! through [`Entity`], and [`EntityName`] addresses any other entity (custom
//! objects an org adds) with untyped [`Record`]s.

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::InvalidRequest;

/// An untyped record: field names to JSON values, every field kept.
pub type Record = serde_json::Map<String, serde_json::Value>;

/// A model stored in a named entity (generated for every model the spec
/// marks with `entity:`; implement it for your own types of custom entities).
pub trait Entity: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The entity name as it appears in paths, e.g. `ACCOUNT`.
    const NAME: &'static str;

    /// What a request sends of such a record: the model's input twin
    /// (without the fields the platform sets), or the model itself.
    type Input: EntityInput<Entity = Self>;
}

/// A record as requests send it, naming the entity it belongs to (so the
/// `_typed` record calls find the entity from the records' type).
pub trait EntityInput: Serialize + Send + Sync + 'static {
    /// The entity whose records these are.
    type Entity: Entity<Input = Self>;
}

/// Which entity an operation works on, and the record types it exchanges.
pub trait EntityKind: Send + Sync {
    /// The record type received.
    type Record: Serialize + DeserializeOwned + Send + Sync + 'static;

    /// The record type sent (creates, updates, upserts).
    type Input: Serialize + Send + Sync + 'static;

    /// The entity name, e.g. `ACCOUNT`.
    fn name(&self) -> &str;
}

/// The entity of the typed model `T`; obtain it as `T::ENTITY`.
pub struct Typed<T>(PhantomData<fn() -> T>);

impl<T> Typed<T> {
    /// The entity of `T`.
    pub const fn new() -> Self {
        Typed(PhantomData)
    }
}

impl<T> Default for Typed<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Clone for Typed<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Typed<T> {}

impl<T: Entity> fmt::Debug for Typed<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Typed({})", T::NAME)
    }
}

impl<T: Entity> EntityKind for Typed<T> {
    type Record = T;
    type Input = T::Input;

    fn name(&self) -> &str {
        T::NAME
    }
}

/// Any entity, by name, exchanging untyped [`Record`]s.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EntityName(String);

impl EntityName {
    /// An entity name: letters, digits and `_`, starting with a letter.
    pub fn new(name: impl Into<String>) -> Result<Self, InvalidRequest> {
        let name = name.into();
        let mut chars = name.chars();
        let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid {
            Ok(EntityName(name))
        } else {
            Err(InvalidRequest(format!(
                "`{name}` is not an entity name: use letters, digits and `_`, starting with a letter"
            )))
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl EntityKind for EntityName {
    type Record = Record;
    type Input = Record;

    fn name(&self) -> &str {
        &self.0
    }
}

impl EntityKind for &EntityName {
    type Record = Record;
    type Input = Record;

    fn name(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_names_are_checked() {
        assert_eq!(
            EntityName::new("BILLING_PROFILE").unwrap().name(),
            "BILLING_PROFILE"
        );
        for bad in ["", "1ACCOUNT", "ACCOUNT/../x", "a b", "ACCOUNT?x=1"] {
            assert!(EntityName::new(bad).is_err(), "{bad}");
        }
    }
}
