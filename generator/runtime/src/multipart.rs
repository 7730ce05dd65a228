//! `multipart/form-data` bodies, for endpoints that upload a file: the
//! spec's file fields (type `bytes`) become binary file parts, every other
//! field a text part named like a form body's (`metadata[key]`). The body is
//! built once as bytes, so a retry sends exactly the same parts.

use serde::Serialize;
use serde_json::value::RawValue;

use super::body::{Body, BodyEncoder};
use super::error::EncodeError;
use super::form::pairs;
use super::members::Members;

/// The multipart encoder; `files` are the wire names of the file fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Multipart {
    /// Top-level fields sent as file parts (their Base64 text decoded).
    pub files: &'static [&'static str],
}

impl BodyEncoder for Multipart {
    fn encode<T: Serialize + ?Sized>(&self, value: &T) -> Result<Body, EncodeError> {
        let bad = |e: serde_json::Error| EncodeError(e.to_string());
        let text = serde_json::to_string(value).map_err(bad)?;
        if !text.starts_with('{') {
            return Err(EncodeError("a multipart body must be an object".into()));
        }
        let Members(fields) = serde_json::from_str::<Members<'_>>(&text).map_err(bad)?;
        let boundary = format!("billing-clients-{}", uuid::Uuid::new_v4().simple());
        let mut out: Vec<u8> = Vec::new();
        for (name, raw) in fields {
            if self.files.contains(&name.as_str()) {
                file_part(&mut out, &boundary, &name, raw)?;
                continue;
            }
            for (key, value) in pairs(&name, raw)? {
                text_part(&mut out, &boundary, &key, &value);
            }
        }
        out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        Ok(Body::new(
            format!("multipart/form-data; boundary={boundary}"),
            out,
        ))
    }
}

/// A name as a quoted header parameter: quotes and line breaks escaped as
/// browsers do (`%22`, `%0D`, `%0A`).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn text_part(out: &mut Vec<u8>, boundary: &str, name: &str, value: &str) {
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n",
        quoted(name)
    );
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(value.as_bytes());
    out.extend_from_slice(b"\r\n");
}

fn file_part(
    out: &mut Vec<u8>,
    boundary: &str,
    name: &str,
    raw: &RawValue,
) -> Result<(), EncodeError> {
    if raw.get() == "null" {
        return Ok(());
    }
    let text: String = serde_json::from_str(raw.get())
        .map_err(|_| EncodeError(format!("file field `{name}` must be bytes")))?;
    let bytes = super::Base64Bytes::decode(&text)
        .map_err(|e| EncodeError(format!("file field `{name}`: {e}")))?;
    let head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{n}\"; filename=\"{n}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
        n = quoted(name)
    );
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(bytes.as_bytes());
    out.extend_from_slice(b"\r\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Base64Bytes;

    #[derive(Serialize)]
    struct Upload {
        purpose: &'static str,
        file: Base64Bytes,
        metadata: std::collections::BTreeMap<&'static str, &'static str>,
    }

    #[test]
    fn files_are_binary_parts_and_fields_text_parts() {
        let upload = Upload {
            purpose: "dispute \"evidence\"",
            file: Base64Bytes::new(vec![0u8, 159, 146, 150, b'\r', b'\n']),
            metadata: [("case", "7")].into(),
        };
        let body = Multipart { files: &["file"] }.encode(&upload).unwrap();
        let ct = body.content_type().to_owned();
        let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
        let mut expected: Vec<u8> = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\ndispute \"evidence\"\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        expected.extend_from_slice(&[0u8, 159, 146, 150, b'\r', b'\n']);
        expected.extend_from_slice(
            format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"metadata[case]\"\r\n\r\n7\r\n--{boundary}--\r\n").as_bytes(),
        );
        assert_eq!(body.bytes().as_ref(), &expected[..]);
    }

    #[test]
    fn names_cannot_break_the_part_header() {
        assert_eq!(quoted("a\"b\r\nc"), "a%22b%0D%0Ac");
        assert!(Multipart { files: &[] }.encode(&[1]).is_err());
    }
}
