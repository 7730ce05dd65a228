//! `application/x-www-form-urlencoded` bodies with bracket nesting, as
//! form-encoding APIs read them: an object's fields as `name[key]=value`,
//! a list of objects as `items[0][price]=p_1`, a list of scalars as
//! `expand[]=customer`. Absent and `null` values are left out; `true` and
//! `false` are written as words; names and values are percent-encoded.
//! Values are read from the exact JSON text the value serialises to, so
//! fields keep their order and amounts their digits. [`pairs`] gives the
//! same nesting for deep-object query parameters.

use serde::Serialize;
use serde_json::value::RawValue;

use super::body::{Body, BodyEncoder};
use super::encode::query_component;
use super::error::EncodeError;
use super::members::Members;

/// The form encoder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form;

impl BodyEncoder for Form {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let text = serde_json::to_string(value).map_err(|e| EncodeError(e.to_string()))?;
        if !text.starts_with('{') {
            return Err(EncodeError("a form body must be an object".into()));
        }
        let raw: &RawValue = serde_json::from_str(&text).map_err(|e| EncodeError(e.to_string()))?;
        let mut out = Vec::new();
        flatten(None, raw, &mut out)?;
        let text: Vec<String> = out
            .iter()
            .map(|(k, v)| format!("{}={}", query_component(k), query_component(v)))
            .collect();
        Ok(Body::new(
            "application/x-www-form-urlencoded",
            text.join("&"),
        ))
    }
}

/// The `name[key]=value` pairs of `value` under `name` (not yet
/// percent-encoded), in field order: the deep-object style of a query
/// parameter.
pub fn pairs<T: Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<Vec<(String, String)>, EncodeError> {
    let text = serde_json::to_string(value).map_err(|e| EncodeError(e.to_string()))?;
    let raw: &RawValue = serde_json::from_str(&text).map_err(|e| EncodeError(e.to_string()))?;
    let mut out = Vec::new();
    flatten(Some(name.to_owned()), raw, &mut out)?;
    Ok(out)
}

/// The pairs of one value under `name` (`None`: the top-level object,
/// whose fields are the names).
fn flatten(
    name: Option<String>,
    raw: &RawValue,
    out: &mut Vec<(String, String)>,
) -> Result<(), EncodeError> {
    let bad = |e: serde_json::Error| EncodeError(e.to_string());
    let text = raw.get();
    let key = |k: &str| match &name {
        Some(n) => format!("{n}[{k}]"),
        None => k.to_owned(),
    };
    match text.as_bytes().first() {
        Some(b'{') => {
            let Members(fields) = serde_json::from_str::<Members<'_>>(text).map_err(bad)?;
            for (k, v) in fields {
                flatten(Some(key(&k)), v, out)?;
            }
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(bad)?;
            let scalars = items.iter().all(|v| !v.get().starts_with(['{', '[']));
            let name = name.unwrap_or_default();
            for (i, v) in items.into_iter().enumerate() {
                let key = if scalars {
                    format!("{name}[]")
                } else {
                    format!("{name}[{i}]")
                };
                flatten(Some(key), v, out)?;
            }
        }
        Some(b'"') => out.push((
            name.unwrap_or_default(),
            serde_json::from_str::<String>(text).map_err(bad)?,
        )),
        Some(b'n') => {}
        // Numbers keep their text; `true`/`false` are the words.
        _ => out.push((name.unwrap_or_default(), text.to_owned())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form<T: Serialize>(value: &T) -> String {
        let body = Form.encode(value).unwrap();
        assert_eq!(body.content_type(), "application/x-www-form-urlencoded");
        String::from_utf8(body.bytes().to_vec()).unwrap()
    }

    #[test]
    fn nests_with_brackets_in_field_order() {
        assert_eq!(
            form(&serde_json::json!({
                "customer": "cus_1",
                "metadata": {"order_id": "6735"},
                "items": [{"price": "p_1", "quantity": 2}],
                "expand": ["customer", "invoice"],
                "note": null,
                "paid": false
            })),
            // serde_json's map is sorted; a struct keeps its field order.
            "customer=cus_1&expand%5B%5D=customer&expand%5B%5D=invoice&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&metadata%5Border_id%5D=6735&paid=false"
        );
        assert_eq!(
            form(&serde_json::json!({"q": "a b&c=d"})),
            "q=a%20b%26c%3Dd"
        );
        assert!(Form.encode(&serde_json::json!([1])).is_err());
    }

    #[test]
    fn amounts_keep_their_digits_and_structs_their_order() {
        #[derive(Serialize)]
        struct Charge {
            currency: &'static str,
            amount: crate::Decimal,
        }
        let amount: crate::Decimal = "0.1234567890123456789".parse().unwrap();
        assert_eq!(
            form(&Charge {
                currency: "EUR",
                amount
            }),
            "currency=EUR&amount=0.1234567890123456789"
        );
    }

    #[test]
    fn deep_object_pairs() {
        let filter = serde_json::json!({"created": {"gte": 1700000000}, "tags": ["a", "b"]});
        assert_eq!(
            pairs("filter", &filter).unwrap(),
            [
                ("filter[created][gte]".to_owned(), "1700000000".to_owned()),
                ("filter[tags][]".to_owned(), "a".to_owned()),
                ("filter[tags][]".to_owned(), "b".to_owned()),
            ]
        );
    }
}
