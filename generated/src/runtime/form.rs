//! `application/x-www-form-urlencoded` bodies with bracket nesting, as
//! form-encoding APIs read them: an object's fields as `name[key]=value`,
//! a list of objects as `items[0][price]=p_1`, a list of scalars as
//! `expand[]=customer`. Absent and `null` values are left out; `true` and
//! `false` are written as words; names and values are percent-encoded.

use serde::Serialize;
use serde_json::Value;

use super::body::{Body, BodyEncoder};
use super::encode::query_component;
use super::error::EncodeError;

/// The form encoder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form;

impl BodyEncoder for Form {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let value = serde_json::to_value(value).map_err(|e| EncodeError(e.to_string()))?;
        let Value::Object(fields) = value else {
            return Err(EncodeError("a form body must be an object".into()));
        };
        let mut pairs = Vec::new();
        for (name, v) in &fields {
            flatten(name.clone(), v, &mut pairs);
        }
        let text: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", query_component(k), query_component(v)))
            .collect();
        Ok(Body::new(
            "application/x-www-form-urlencoded",
            text.join("&"),
        ))
    }
}

/// The `name=value` pairs of one value under `name`, in order.
fn flatten(name: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Null => {}
        Value::Bool(b) => out.push((name, b.to_string())),
        Value::Number(n) => out.push((name, n.to_string())),
        Value::String(s) => out.push((name, s.clone())),
        Value::Object(fields) => {
            for (key, v) in fields {
                flatten(format!("{name}[{key}]"), v, out);
            }
        }
        Value::Array(items) => {
            let scalars = items
                .iter()
                .all(|v| !matches!(v, Value::Object(_) | Value::Array(_)));
            for (i, v) in items.iter().enumerate() {
                let key = if scalars {
                    format!("{name}[]")
                } else {
                    format!("{name}[{i}]")
                };
                flatten(key, v, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(value: serde_json::Value) -> String {
        let body = Form.encode(&value).unwrap();
        assert_eq!(body.content_type(), "application/x-www-form-urlencoded");
        String::from_utf8(body.bytes().to_vec()).unwrap()
    }

    #[test]
    fn nests_with_brackets() {
        assert_eq!(
            form(serde_json::json!({
                "customer": "cus_1",
                "metadata": {"order_id": "6735"},
                "items": [{"price": "p_1", "quantity": 2}],
                "expand": ["customer", "invoice"],
                "note": null,
                "paid": false
            })),
            "customer=cus_1&expand%5B%5D=customer&expand%5B%5D=invoice&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&metadata%5Border_id%5D=6735&paid=false"
        );
        assert_eq!(form(serde_json::json!({"q": "a b&c=d"})), "q=a%20b%26c%3Dd");
        assert!(Form.encode(&serde_json::json!([1])).is_err());
    }
}
