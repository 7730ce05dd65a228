//! `application/x-www-form-urlencoded` bodies with bracket nesting, as
//! form-encoding APIs read them: an object's fields as `name[key]=value`,
//! a list of objects as `items[0][price]=p_1` (or, for APIs that put the
//! index last, `items[price][0]=p_1`), a list of scalars as
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
/// values out and writes lists of objects index first
/// (`items[0][price]`); an API that clears a value with an empty one
/// (`address=`) sets `empty_nulls`, one that writes the index after the
/// field (`items[price][0]`) sets `field_then_index`, each for all fields
/// or, through the `*_except` lists, for some.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Form {
    /// `null` is written as an empty value (`name=`) instead of left out.
    pub empty_nulls: bool,
    /// Field names for which the opposite of `empty_nulls` holds: the last
    /// key of a pair (`address` in `customer[address]`).
    pub null_except: &'static [&'static str],
    /// A list of objects is written `items[price][0]=p_1`, the index after
    /// the item's field, instead of `items[0][price]=p_1`. Items stay in
    /// list order either way.
    pub field_then_index: bool,
    /// Names of list fields (`items`) for which the opposite of
    /// `field_then_index` holds.
    pub list_except: &'static [&'static str],
}

impl Form {
    /// Absent and `null` values are left out; lists of objects are written
    /// index first.
    pub const OMIT_NULLS: Form = Form {
        empty_nulls: false,
        null_except: &[],
        field_then_index: false,
        list_except: &[],
    };

    /// Whether the list of objects named `key` puts its index last.
    fn index_last(&self, key: &str) -> bool {
        self.field_then_index != self.list_except.contains(&last_field(key))
    }

    /// Whether the `null` of the pair named `key` is written (empty).
    fn writes_null(&self, key: &str) -> bool {
        self.empty_nulls != self.null_except.contains(&last_field(key))
    }
}

/// The last field name of a pair's key, skipping list indices:
/// `address` in `customer[address]` and in `items[0][address]`.
fn last_field(key: &str) -> &str {
    key.rsplit(['[', ']'])
        .find(|s| !s.is_empty() && !s.bytes().all(|b| b.is_ascii_digit()))
        .unwrap_or(key)
}

impl BodyEncoder for Form {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let text = serde_json::to_string(value).map_err(|e| EncodeError(e.to_string()))?;
        if !text.starts_with('{') {
            return Err(EncodeError("a form body must be an object".into()));
        }
        let raw: &RawValue = serde_json::from_str(&text).map_err(|e| EncodeError(e.to_string()))?;
        let mut out = Vec::new();
        flatten(None, raw, &mut out, self)?;
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
    flatten(Some(name.to_owned()), raw, &mut out, &Form::OMIT_NULLS)?;
    Ok(out)
}

/// The pairs of one value under `name` (`None`: the top-level object,
/// whose fields are the names).
fn flatten(
    name: Option<String>,
    raw: &RawValue,
    out: &mut Vec<(String, String)>,
    form: &Form,
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
                flatten(Some(key(&k)), v, out, form)?;
            }
        }
        Some(b'[') => list(&name.unwrap_or_default(), text, out, form)?,
        Some(b'"') => out.push((
            name.unwrap_or_default(),
            serde_json::from_str::<String>(text).map_err(bad)?,
        )),
        Some(b'n') => {
            let name = name.unwrap_or_default();
            if form.writes_null(&name) {
                out.push((name, String::new()));
            }
        }
        // Numbers keep their text; `true`/`false` are the words.
        _ => out.push((name.unwrap_or_default(), text.to_owned())),
    }
    Ok(())
}

/// The pairs of the list `text` named `name`: `name[]` per scalar item,
/// `name[i][field]` (or `name[field][i]`) per object item, in list order.
fn list(
    name: &str,
    text: &str,
    out: &mut Vec<(String, String)>,
    form: &Form,
) -> Result<(), EncodeError> {
    let items: Vec<&RawValue> =
        serde_json::from_str(text).map_err(|e| EncodeError(e.to_string()))?;
    let scalars = items.iter().all(|v| !v.get().starts_with(['{', '[']));
    let index_last = !scalars && form.index_last(name);
    for (i, v) in items.into_iter().enumerate() {
        if scalars {
            flatten(Some(format!("{name}[]")), v, out, form)?;
        } else if index_last {
            // The item's own pairs, keyed `[price]`, get the list's name
            // before and the index after.
            let mut inner = Vec::new();
            flatten(Some(String::new()), v, &mut inner, form)?;
            out.extend(
                inner
                    .into_iter()
                    .map(|(k, v)| (format!("{name}{k}[{i}]"), v)),
            );
        } else {
            flatten(Some(format!("{name}[{i}]")), v, out, form)?;
        }
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
            ..Form::OMIT_NULLS
        };
        assert_eq!(text(all), "address=&meta%5Bnote%5D=&name=A");
        let some = Form {
            null_except: &["address"],
            ..Form::OMIT_NULLS
        };
        assert_eq!(text(some), "address=&name=A");
        let but = Form {
            empty_nulls: true,
            null_except: &["note"],
            ..Form::OMIT_NULLS
        };
        assert_eq!(text(but), "address=&name=A");
    }

    #[test]
    fn lists_of_objects_put_the_index_where_the_api_says() {
        let value = serde_json::json!({
            "addons": [{"code": "a"}],
            "items": [
                {"price": "p1", "quantity": 2, "meta": {"k": "v"}},
                {"price": "p2", "quantity": 1}
            ],
            "tags": ["x"]
        });
        let text =
            |form: Form| String::from_utf8(form.encode(&value).unwrap().bytes().to_vec()).unwrap();
        let decoded = |form: Form| -> Vec<(String, String)> {
            url::form_urlencoded::parse(text(form).as_bytes())
                .into_owned()
                .collect()
        };
        let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        assert_eq!(
            decoded(Form {
                field_then_index: true,
                ..Form::OMIT_NULLS
            }),
            [
                pair("addons[code][0]", "a"),
                // serde_json's map is sorted: `meta` first.
                pair("items[meta][k][0]", "v"),
                pair("items[price][0]", "p1"),
                pair("items[quantity][0]", "2"),
                pair("items[price][1]", "p2"),
                pair("items[quantity][1]", "1"),
                pair("tags[]", "x"),
            ]
        );
        assert_eq!(
            decoded(Form {
                list_except: &["items"],
                ..Form::OMIT_NULLS
            })[..3],
            [
                pair("addons[0][code]", "a"),
                pair("items[meta][k][0]", "v"),
                pair("items[price][0]", "p1"),
            ]
        );
        // Eleven items: indices in list order, never sorted as strings.
        let many: Vec<_> = (0..11).map(|i| serde_json::json!({"n": i})).collect();
        let body = Form {
            field_then_index: true,
            ..Form::OMIT_NULLS
        }
        .encode(&serde_json::json!({ "items": many }))
        .unwrap();
        let keys: Vec<String> = url::form_urlencoded::parse(body.bytes())
            .map(|(k, _)| k.into_owned())
            .collect();
        assert_eq!(keys[2], "items[n][2]");
        assert_eq!(keys[10], "items[n][10]");
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
