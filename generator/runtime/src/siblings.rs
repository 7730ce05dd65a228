//! Values read from under a key, with the members beside it kept typed:
//! a single response that carries its main object and related ones
//! (`{"subscription": {..}, "customer": {..}, "invoice": {..}}`,
//! [`WithSiblings`]), and a list under a key with paging metadata beside it
//! (`{"customers": [..], "meta": {"next_page": 2}}`), whose elements may
//! each wrap the item under a key of their own
//! (`{"list": [{"customer": {..}, "card": {..}}], "next_offset": ".."}`,
//! [`KeyedPage`]).
//!
//! The body is read once as top-level members with their exact text; the
//! keyed value is decoded from its own text (a decode error's path starts
//! with the key), the siblings from an object of the other members.

use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer, IgnoredAny};
use serde_json::value::RawValue;

use super::error::{DecodeError, snippet};
use super::members::Members;
use super::paginate::{Page, Signals};
use super::reply::{BodyError, FromBody, Read, mismatch};

/// No typed siblings: the members beside a key are not kept. Decodes from
/// any JSON value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoSiblings;

impl<'de> Deserialize<'de> for NoSiblings {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| NoSiblings)
    }
}

/// What the members beside a page's list say about the next page: the
/// generated page model of a pagination description whose items are under
/// the endpoint's key.
pub trait PageInfo {
    /// What the page says about the next one.
    fn signals(&self) -> Signals {
        Signals::default()
    }
}

impl PageInfo for NoSiblings {}

/// A response's main value, read from under its key, and the other
/// top-level members as a typed model of their own.
///
/// ```
/// # use api_client_runtime::WithSiblings;
/// // What `get` of a `{"subscription": .., "customer": ..}` response gives.
/// fn show(reply: WithSiblings<String, Option<String>>) {
///     println!("subscription {}", reply.value);
///     let (_subscription, customer) = reply.into_parts();
///     if let Some(customer) = customer {
///         println!("for customer {customer}");
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WithSiblings<T, S> {
    /// The value under the response's key.
    pub value: T,
    /// The members beside the key.
    pub siblings: S,
}

impl<T, S> WithSiblings<T, S> {
    /// The value and the siblings.
    pub fn into_parts(self) -> (T, S) {
        (self.value, self.siblings)
    }
}

impl<T, S> FromBody for WithSiblings<T, S>
where
    T: DeserializeOwned + Send + 'static,
    S: DeserializeOwned + Send + 'static,
{
    fn from_body(read: Read, status: u16, body: &[u8]) -> Result<Self, BodyError> {
        let Read::Rooted(key) = read else {
            return Err(mismatch(read, status));
        };
        let at = Site {
            status,
            body,
            path: String::new(),
        };
        let (value, siblings) = split(&at, text_of(&at)?, key)?;
        Ok(WithSiblings { value, siblings })
    }
}

/// One page of a list read from under the endpoint's key, with the members
/// beside the list (the description's page model, `M`) and, where each
/// element wraps the item under a key of its own, the element's other
/// members (`S`), one per item.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyedPage<T, M = NoSiblings, S = NoSiblings> {
    items: Vec<T>,
    siblings: Vec<S>,
    info: M,
}

impl<T, M, S> KeyedPage<T, M, S> {
    /// The items of this page.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    /// The members beside the list (paging metadata).
    pub fn info(&self) -> &M {
        &self.info
    }

    /// The other members of each element, in item order (empty when the
    /// elements are the items themselves).
    pub fn siblings(&self) -> &[S] {
        &self.siblings
    }

    /// Each item with the other members of its element.
    pub fn entries(&self) -> impl Iterator<Item = (&T, &S)> {
        self.items.iter().zip(&self.siblings)
    }

    /// The items, the elements' other members and the page's info.
    pub fn into_parts(self) -> (Vec<T>, Vec<S>, M) {
        (self.items, self.siblings, self.info)
    }
}

impl<T, M: PageInfo, S> Page for KeyedPage<T, M, S> {
    type Item = T;

    fn items(&self) -> &[T] {
        &self.items
    }

    fn drop_first(&mut self) {
        if !self.items.is_empty() {
            self.items.remove(0);
        }
        if !self.siblings.is_empty() {
            self.siblings.remove(0);
        }
    }

    fn into_items(self) -> Vec<T> {
        self.items
    }

    fn signals(&self) -> Signals {
        self.info.signals()
    }
}

impl<T, M, S> FromBody for KeyedPage<T, M, S>
where
    T: DeserializeOwned + Send + 'static,
    M: DeserializeOwned + Send + 'static,
    S: DeserializeOwned + Send + 'static,
{
    fn from_body(read: Read, status: u16, body: &[u8]) -> Result<Self, BodyError> {
        let (key, item) = match read {
            Read::Rooted(key) => (key, None),
            Read::Listed { key, item } => (key, Some(item)),
            _ => return Err(mismatch(read, status)),
        };
        let at = Site {
            status,
            body,
            path: String::new(),
        };
        let Some(item) = item else {
            let (items, info) = split(&at, text_of(&at)?, key)?;
            return Ok(KeyedPage {
                items,
                siblings: Vec::new(),
                info,
            });
        };
        let (elements, info): (Vec<&RawValue>, M) = split(&at, text_of(&at)?, key)?;
        let mut items = Vec::with_capacity(elements.len());
        let mut siblings = Vec::with_capacity(elements.len());
        for (i, element) in elements.into_iter().enumerate() {
            let at = at.under(&format!("{key}[{i}]"));
            let (value, rest) = split(&at, element.get(), item)?;
            items.push(value);
            siblings.push(rest);
        }
        Ok(KeyedPage {
            items,
            siblings,
            info,
        })
    }
}

/// Where a value is decoded: the response (for errors) and the path of the
/// object being split.
struct Site<'b> {
    status: u16,
    body: &'b [u8],
    /// `""` at the top; `customers[3]` inside a list.
    path: String,
}

impl Site<'_> {
    fn under(&self, path: &str) -> Site<'_> {
        Site {
            status: self.status,
            body: self.body,
            path: path.to_owned(),
        }
    }

    fn error(&self, path: String, message: String) -> DecodeError {
        DecodeError {
            status: self.status,
            path: if path.is_empty() { ".".into() } else { path },
            message,
            snippet: snippet(self.body),
        }
    }

    /// `inner` (a path inside the value under `key`) from the site's root.
    fn join(&self, key: &str, inner: &str) -> String {
        let base = if self.path.is_empty() {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        };
        match inner {
            "." | "" => base,
            index if index.starts_with('[') => format!("{base}{index}"),
            field => format!("{base}.{field}"),
        }
    }
}

/// The body as text.
fn text_of<'b>(at: &Site<'b>) -> Result<&'b str, DecodeError> {
    std::str::from_utf8(at.body).map_err(|e| at.error(String::new(), e.to_string()))
}

/// The value under `key` of the object `text` and the other members as
/// `S`. A missing key, or the key twice, is an error.
fn split<'t, T, S>(at: &Site<'_>, text: &'t str, key: &str) -> Result<(T, S), DecodeError>
where
    T: Deserialize<'t>,
    S: DeserializeOwned,
{
    let Members(members) = serde_json::from_str::<Members<'t>>(text)
        .map_err(|e| at.error(at.path.clone(), e.to_string()))?;
    let mut value = None;
    let mut rest = String::from("{");
    for (name, raw) in members {
        if name == key {
            if value.replace(raw).is_some() {
                return Err(at.error(
                    at.path.clone(),
                    format!(
                        "the key `{key}` appears twice; which one holds the value is ambiguous"
                    ),
                ));
            }
        } else if std::mem::size_of::<S>() != 0 {
            if rest.len() > 1 {
                rest.push(',');
            }
            rest.push_str(&serde_json::Value::from(name).to_string());
            rest.push(':');
            rest.push_str(raw.get());
        }
    }
    rest.push('}');
    let raw = value.ok_or_else(|| at.error(at.path.clone(), format!("there is no `{key}` key")))?;
    let value = decode::<T>(raw.get())
        .map_err(|(inner, message)| at.error(at.join(key, &inner), message))?;
    let siblings = decode::<S>(&rest).map_err(|(inner, message)| {
        let path = match (at.path.as_str(), inner.as_str()) {
            ("", inner) => inner.to_owned(),
            (base, "." | "") => base.to_owned(),
            (base, inner) => format!("{base}.{inner}"),
        };
        at.error(path, message)
    })?;
    Ok((value, siblings))
}

/// Decodes `text`; on failure, decodes again tracking the path and returns
/// it with the message.
fn decode<'t, T: Deserialize<'t>>(text: &'t str) -> Result<T, (String, String)> {
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => Ok(value),
        Err(e) => Err((e.path().to_string(), e.inner().to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Meta {
        meta: Next,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Next {
        next_page: Option<i64>,
    }

    impl PageInfo for Meta {
        fn signals(&self) -> Signals {
            Signals {
                next_number: self.meta.next_page,
                ..Signals::default()
            }
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Card {
        card: String,
    }

    #[test]
    fn a_list_under_a_key_with_its_paging_members() {
        let body = br#"{"customers": [1, 2], "meta": {"next_page": 3}}"#;
        let page: KeyedPage<u32, Meta> =
            FromBody::from_body(Read::Rooted("customers"), 200, body).unwrap();
        assert_eq!(page.items(), [1, 2]);
        assert_eq!(page.info().meta.next_page, Some(3));
        assert_eq!(Page::signals(&page).next_number, Some(3));
        assert!(page.siblings().is_empty());
        let bare: KeyedPage<u32> =
            FromBody::from_body(Read::Rooted("customers"), 200, body).unwrap();
        assert_eq!(bare.into_items(), [1, 2]);
    }

    #[test]
    fn wrapped_elements_give_the_item_and_keep_their_siblings() {
        let body = br#"{"list": [{"customer": 1, "card": "a"}, {"card": "b", "customer": 2}], "next": "x"}"#;
        let read = Read::Listed {
            key: "list",
            item: "customer",
        };
        let page: KeyedPage<u32, NoSiblings, Card> = FromBody::from_body(read, 200, body).unwrap();
        assert_eq!(page.items(), [1, 2]);
        let cards: Vec<_> = page.entries().map(|(c, s)| (*c, s.card.as_str())).collect();
        assert_eq!(cards, [(1, "a"), (2, "b")]);
        let mut page = page;
        page.drop_first();
        assert_eq!((page.items(), page.siblings().len()), (&[2][..], 1));
    }

    #[test]
    fn decode_errors_name_the_path_inside_the_wrappers() {
        let read = Read::Listed {
            key: "list",
            item: "customer",
        };
        let err = <KeyedPage<u32, NoSiblings, Card>>::from_body(
            read,
            200,
            br#"{"list": [{"customer": 1, "card": "a"}, {"customer": "x", "card": "b"}]}"#,
        )
        .unwrap_err();
        let BodyError::Decode(err) = err else {
            panic!("a decode error")
        };
        assert_eq!(err.path, "list[1].customer");
        let err = <KeyedPage<u32, NoSiblings, Card>>::from_body(
            read,
            200,
            br#"{"list": [{"customer": 1, "card": 5}]}"#,
        )
        .unwrap_err();
        let BodyError::Decode(err) = err else {
            panic!("a decode error")
        };
        assert_eq!(err.path, "list[0].card");
        let err =
            <KeyedPage<u32>>::from_body(read, 200, br#"{"list": [{"card": "a"}]}"#).unwrap_err();
        let BodyError::Decode(err) = err else {
            panic!("a decode error")
        };
        assert!(err.message.contains("no `customer` key"), "{}", err.message);
        assert_eq!(err.path, "list[0]");
    }

    #[test]
    fn side_objects_are_kept_typed() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Sides {
            customer: Option<String>,
            invoice: Option<u32>,
        }
        let body = br#"{"subscription": 7, "customer": "c", "invoice": 9}"#;
        let got: WithSiblings<u32, Sides> =
            FromBody::from_body(Read::Rooted("subscription"), 200, body).unwrap();
        assert_eq!(got.value, 7);
        assert_eq!(got.siblings.customer.as_deref(), Some("c"));
        let err = <WithSiblings<u32, Sides>>::from_body(
            Read::Rooted("subscription"),
            200,
            br#"{"subscription": 7, "invoice": "no"}"#,
        )
        .unwrap_err();
        let BodyError::Decode(err) = err else {
            panic!("a decode error")
        };
        assert_eq!(err.path, "invoice");
        let err = <WithSiblings<u32, Sides>>::from_body(
            Read::Rooted("subscription"),
            200,
            br#"{"subscription": 7, "subscription": 8}"#,
        )
        .unwrap_err();
        let BodyError::Decode(err) = err else {
            panic!("a decode error")
        };
        assert!(err.message.contains("twice"), "{}", err.message);
    }
}
