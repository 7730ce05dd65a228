//! The API's error body from the operations' error responses: one model,
//! or (when statuses answer with different models) one model with the
//! members of all of them, a member required only where every one requires
//! it; and which of its fields are the code and the message.

use serde_yaml::{Mapping, Value};

use super::Ctx;
use super::yaml::map;

/// Fields read as the error code, in order of preference.
const CODE: &[&str] = &["code", "error_code", "errorCode"];
/// Fields read as the message, in order of preference.
const MESSAGE: &[&str] = &[
    "message",
    "error",
    "detail",
    "title",
    "error_description",
    "errorMessage",
];

/// The error body model for `bodies` (the distinct models error responses have).
pub fn body(cx: &mut Ctx, bodies: &[String], preferred: Option<&str>) -> Option<String> {
    let fields_of = |b: &String| {
        cx.out_models
            .get(b.as_str())
            .and_then(|m| m.get("fields"))
            .cloned()
    };
    let same = bodies
        .windows(2)
        .all(|w| fields_of(&w[0]) == fields_of(&w[1]));
    if same && bodies.len() > 1 {
        // One body under several names (`allOf` wrappers of one problem type).
        let pick = preferred.filter(|p| bodies.iter().any(|b| b == p));
        return Some(pick.map_or_else(|| bodies[0].clone(), str::to_owned));
    }
    match bodies {
        [] => None,
        [one] => Some(one.clone()),
        many => {
            let name = cx.fresh_name("ApiError");
            let mut fields = Mapping::new();
            for b in many {
                let Some(Value::Mapping(own)) = cx
                    .out_models
                    .get(b.as_str())
                    .and_then(|m| m.get("fields"))
                    .cloned()
                else {
                    continue;
                };
                for (k, v) in own {
                    fields.entry(k).or_insert(v);
                }
            }
            for (k, v) in fields.iter_mut() {
                let everywhere = many.iter().all(|b| required_in(cx, b, k));
                if let (false, Value::Mapping(f)) = (everywhere, v) {
                    f.remove("required");
                }
            }
            let doc = format!(
                "An error response: the members of {} together.",
                many.iter()
                    .map(|b| format!("`{b}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let what = format!(
                "the error responses have different bodies ({}): `{name}` has the members of all of them",
                many.join(", ")
            );
            cx.report.note("/paths", &what);
            cx.out_models.insert(
                name.clone().into(),
                map(vec![
                    ("doc", doc.into()),
                    ("assumption", what.into()),
                    ("fields", Value::Mapping(fields)),
                ]),
            );
            cx.counts.models += 1;
            Some(name)
        }
    }
}

fn required_in(cx: &Ctx, model: &str, field: &Value) -> bool {
    cx.out_models
        .get(model)
        .and_then(|m| m.get("fields"))
        .and_then(|f| f.get(field))
        .and_then(|f| f.get("required"))
        .and_then(Value::as_bool)
        .unwrap_or(false)
}

/// `code:` and `message:` of the errors block, from the body's string fields.
pub fn fields(cx: &Ctx, body: &str) -> Vec<(&'static str, Value)> {
    let Some(Value::Mapping(fields)) = cx.out_models.get(body).and_then(|m| m.get("fields")) else {
        return Vec::new();
    };
    let is_string = |name: &str| {
        fields
            .get(name)
            .and_then(|f| f.get("type"))
            .and_then(Value::as_str)
            == Some("string")
    };
    let mut out = Vec::new();
    if let Some(code) = CODE.iter().find(|c| is_string(c)) {
        out.push(("code", Value::from(*code)));
    }
    let message: Vec<Value> = MESSAGE
        .iter()
        .filter(|m| is_string(m))
        .map(|m| Value::from(*m))
        .collect();
    if !message.is_empty() {
        out.push(("message", Value::Sequence(message)));
    }
    out
}
