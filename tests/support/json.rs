//! Semantic JSON comparison: object key order is ignored and numbers compare
//! by value (`2.0 == 2`), as JSON itself defines them.

use serde_json::Value;

fn number_eq(a: &serde_json::Number, b: &serde_json::Number) -> bool {
    match (a.as_i64(), b.as_i64()) {
        (Some(x), Some(y)) => x == y,
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => a == b,
        },
    }
}

/// `Ok` when equal, else the JSON path of the first difference.
pub fn semantic_eq(expected: &Value, actual: &Value) -> Result<(), String> {
    fn walk(path: &str, e: &Value, a: &Value) -> Result<(), String> {
        match (e, a) {
            (Value::Number(x), Value::Number(y)) if number_eq(x, y) => Ok(()),
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in x {
                    match y.get(k) {
                        Some(w) => walk(&format!("{path}.{k}"), v, w)?,
                        None => return Err(format!("{path}.{k}: missing (expected {v})")),
                    }
                }
                if let Some(k) = y.keys().find(|k| !x.contains_key(*k)) {
                    return Err(format!("{path}.{k}: unexpected (got {})", y[k]));
                }
                Ok(())
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
                .iter()
                .zip(y)
                .enumerate()
                .try_for_each(|(i, (v, w))| walk(&format!("{path}[{i}]"), v, w)),
            _ if e == a => Ok(()),
            _ => Err(format!("{path}: expected {e}, got {a}")),
        }
    }
    walk("$", expected, actual)
}

/// Panics with the path of the first difference.
#[track_caller]
pub fn assert_json_eq(expected: &Value, actual: &Value) {
    if let Err(diff) = semantic_eq(expected, actual) {
        panic!("JSON differs at {diff}\nexpected: {expected:#}\nactual:   {actual:#}");
    }
}
