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

/// The form encoder. [`Form::OMIT_NULLS`] (the default) leaves `null`
/// values out; an API that clears a value with an empty one (`address=`)
/// sets `empty_nulls`, for all fields or, through `except`, for some.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form {
    /// `null` is written as an empty value (`name=`) instead of left out.
    pub empty_nulls: bool,
    /// Field names for which the opposite of `empty_nulls` holds: the last
    /// key of a pair (`address` in `customer[address]`).
    pub except: &'static [&'static str],
}

impl Form {
    /// Absent and `null` values are left out.
    pub const OMIT_NULLS: Form = Form {
        empty_nulls: false,
        except: &[],
    };

    /// Whether the `null` of the pair named `key` is written (empty).
    fn writes_null(&self, key: &str) -> bool {
        let field = key
            .rsplit(['[', ']'])
            .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or(key);
        self.empty_nulls != self.except.contains(&field)
    }
}

impl BodyEncoder for Form {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let text = serde_json::to_string(value).map_err(|e| EncodeError(e.to_string()))?;
        if !text.starts_with('{') {
            return Err(EncodeError("a form body must be an object".into()));
        }
        let raw: &RawValue = serde_json::from_str(&text).map_err(|e| EncodeError(e.to_string()))?;
        let mut out = Vec::new();
        flatten(None, raw, &mut out, &|key| self.writes_null(key))?;
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
    flatten(Some(name.to_owned()), raw, &mut out, &|_| false)?;
    Ok(out)
}

/// The pairs of one value under `name` (`None`: the top-level object,
/// whose fields are the names).
fn flatten(
    name: Option<String>,
    raw: &RawValue,
    out: &mut Vec<(String, String)>,
    writes_null: &dyn Fn(&str) -> bool,
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
                flatten(Some(key(&k)), v, out, writes_null)?;
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
                flatten(Some(key), v, out, writes_null)?;
            }
        }
        Some(b'"') => out.push((
            name.unwrap_or_default(),
            serde_json::from_str::<String>(text).map_err(bad)?,
        )),
        Some(b'n') => {
            let name = name.unwrap_or_default();
            if writes_null(&name) {
                out.push((name, String::new()));
            }
        }
        // Numbers keep their text; `true`/`false` are the words.
        _ => out.push((name.unwrap_or_default(), text.to_owned())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nulls_are_left_out_or_written_empty_as_the_api_says() {
        let value = serde_json::json!({"address": null, "name": "A", "meta": {"note": null}});
        let text =
            |form: Form| String::from_utf8(form.encode(&value).unwrap().bytes().to_vec()).unwrap();
        assert_eq!(text(Form::OMIT_NULLS), "name=A");
        let all = Form {
            empty_nulls: true,
            except: &[],
        };
        assert_eq!(text(all), "address=&meta%5Bnote%5D=&name=A");
        let some = Form {
            empty_nulls: false,
            except: &["address"],
        };
        assert_eq!(text(some), "address=&name=A");
        let but = Form {
            empty_nulls: true,
            except: &["note"],
        };
        assert_eq!(text(but), "address=&name=A");
    }

    fn form<T: Serialize>(value: &T) -> String {
        let body = Form::OMIT_NULLS.encode(value).unwrap();
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
        assert!(Form::OMIT_NULLS.encode(&serde_json::json!([1])).is_err());
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
