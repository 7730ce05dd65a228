//! Status-specific success bodies: an endpoint whose 200, 201 and 204 (say)
//! carry different bodies, or none, answers with an enum the generated code
//! implements [`FromStatus`] (and, through it, `FromBody`) for.

use super::error::{DecodeError, snippet};

/// A response type chosen by the status of a successful response.
pub trait FromStatus: Sized {
    /// The value for a response with `status` and `body`; a status the spec
    /// does not declare is a [`DecodeError`] naming it.
    fn from_status(status: u16, body: &[u8]) -> Result<Self, DecodeError>;
}

/// The error for a success status the spec does not declare.
pub fn unexpected_status(status: u16, body: &[u8], declared: &[u16]) -> DecodeError {
    let declared: Vec<String> = declared.iter().map(u16::to_string).collect();
    DecodeError {
        status,
        path: ".".to_owned(),
        message: format!(
            "status {status} is not one this endpoint declares ({})",
            declared.join(", ")
        ),
        snippet: snippet(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plumbing::decode_json;

    #[derive(Debug, PartialEq)]
    enum Outcome {
        Created(u32),
        NoContent,
    }

    impl FromStatus for Outcome {
        fn from_status(status: u16, body: &[u8]) -> Result<Self, DecodeError> {
            match status {
                201 => decode_json(status, body).map(Outcome::Created),
                204 => Ok(Outcome::NoContent),
                _ => Err(unexpected_status(status, body, &[201, 204])),
            }
        }
    }

    #[test]
    fn the_status_picks_the_body() {
        assert_eq!(
            Outcome::from_status(201, b"7").unwrap(),
            Outcome::Created(7)
        );
        assert_eq!(Outcome::from_status(204, b"").unwrap(), Outcome::NoContent);
        let err = Outcome::from_status(200, b"{}").unwrap_err();
        assert_eq!(err.status, 200);
        assert!(err.message.contains("(201, 204)"), "{}", err.message);
        assert!(Outcome::from_status(201, b"x").is_err());
    }
}
