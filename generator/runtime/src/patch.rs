//! Tri-state fields for partial updates: absent, `null`, or a value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A field that can be left out, set to `null`, or set to a value.
///
/// In a PATCH body, [`Patch::Absent`] leaves the server's value alone,
/// [`Patch::Null`] clears it and [`Patch::Value`] replaces it. Fields of this
/// type are skipped when absent (the generated code adds
/// `#[serde(default, skip_serializing_if = "Patch::is_absent")]`).
///
/// ```
/// use api_client_runtime::Patch;
/// #[derive(serde::Serialize, Default)]
/// struct CustomerPatch {
///     #[serde(rename = "VatId", default, skip_serializing_if = "Patch::is_absent")]
///     vat_id: Patch<String>,
///     #[serde(rename = "CompanyName", default, skip_serializing_if = "Patch::is_absent")]
///     company_name: Patch<String>,
/// }
/// // Rename the company, clear the VAT id, leave everything else alone.
/// let change = CustomerPatch {
///     company_name: Patch::Value("ACME GmbH".into()),
///     vat_id: Patch::Null,
/// };
/// assert_eq!(
///     serde_json::to_string(&change).unwrap(),
///     r#"{"VatId":null,"CompanyName":"ACME GmbH"}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not sent; the server keeps its value.
    #[default]
    Absent,
    /// Sent as `null`; the server clears the value.
    Null,
    /// Sent as the value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// The value, if there is one.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            _ => None,
        }
    }

    /// Converts to `Option<Option<T>>`: `None` absent, `Some(None)` null.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // `Absent` is skipped by the field attribute; if it is serialised
            // anyway (e.g. inside a list), `null` is the only faithful choice.
            Patch::Absent | Patch::Null => serializer.serialize_none(),
            Patch::Value(v) => serializer.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            None => Patch::Null,
            Some(v) => Patch::Value(v),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Deserialize, Default, Debug, PartialEq)]
    struct Body {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        name: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        city: Patch<String>,
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        zip: Patch<String>,
    }

    #[test]
    fn three_states_on_the_wire() {
        let body = Body {
            name: Patch::Value("ACME".into()),
            city: Patch::Null,
            zip: Patch::Absent,
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(json, r#"{"name":"ACME","city":null}"#);
        let back: Body = serde_json::from_str(&json).unwrap();
        assert_eq!(back, body);
    }
}
