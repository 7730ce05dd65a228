//! A synthetic spec of `n` endpoints over `n` models (8 fields each) and
//! `n` enums, valid by construction. Endpoint `i` cycles through the
//! constructs everyday APIs use: a get by id, a paginated list with typed
//! query parameters, a create with an idempotency key (whose body is the
//! input twin of a model with server-set fields), a patch with an `If-Match`
//! header, a delete (empty response), a response under a root key and
//! bodies by status. Models hold ids, enums, lists, maps, decimals,
//! timestamps and the previous model (in chains of eight); every fourth keeps
//! unknown fields.

use std::fmt::Write as _;
use std::path::Path;

/// How many different endpoint shapes [`endpoint`] cycles through.
const SHAPES: usize = 7;

/// Writes the spec of an API named `name` with `n` endpoints, models and
/// enums into `dir` (which must exist): `api.yaml`, `ids.yaml`,
/// `enums.yaml`, `models.yaml` and `endpoints.yaml`.
pub fn write(dir: &Path, name: &str, n: usize) -> std::io::Result<()> {
    let files = [
        ("api.yaml", api(name)),
        ("ids.yaml", ids(n)),
        ("enums.yaml", enums(n)),
        ("models.yaml", models(n)),
        ("endpoints.yaml", endpoints(n)),
    ];
    for (file, text) in files {
        std::fs::write(dir.join(file), text)?;
    }
    Ok(())
}

fn api(name: &str) -> String {
    format!(
        r#"# A synthetic API for benchmarks (generator/bench/src/synth.rs).
api:
  name: {name}
  title: "Synthetic API"
  doc: "A synthetic API whose size is chosen by the benchmark."
  assumption: "synthetic benchmark spec"
  wire_case: snake_case
  base_url: https://api.example.com/v1
  auth: {{kind: bearer, assumption: synthetic}}
  errors:
    body: ApiError
    assumption: synthetic
    statuses:
      404: {{doc: Not found.}}
      409: {{doc: Conflict.}}
  pagination:
    after_id:
      doc: The id of the last item goes in `starting_after`; `has_more` says whether more follow.
      assumption: synthetic
      request: {{position: item, param: starting_after, key: /id, size_param: limit}}
      response: {{page_model: ListPage, items: /data, more: /has_more}}
models:
  ApiError:
    doc: The error body.
    assumption: synthetic
    fields:
      code: {{type: string, required: true, doc: Machine-readable code.}}
      message: {{type: string, doc: What went wrong.}}
  ListPage:
    doc: A page of items with a "more" flag.
    assumption: synthetic
    type_params: [T]
    fields:
      data: {{type: "list<T>", required: true, doc: The items.}}
      has_more: {{type: bool, required: true, doc: Whether more items follow.}}
"#
    )
}

fn ids(n: usize) -> String {
    let mut out = String::from("ids:\n");
    for i in 0..n {
        let _ = writeln!(
            out,
            "  Item{i}Id: {{doc: Id of an item of kind {i}., assumption: synthetic}}"
        );
    }
    out
}

fn enums(n: usize) -> String {
    let mut out = String::from("enums:\n");
    for i in 0..n {
        let _ = write!(
            out,
            r#"  Status{i}:
    doc: State of an item of kind {i}.
    assumption: synthetic
    values:
      active: {{doc: In use.}}
      paused: {{doc: Paused by the user.}}
      cancelled: {{doc: Ended; cannot be resumed.}}
      pending: {{doc: Waiting for the first payment.}}
"#
        );
    }
    out
}

fn models(n: usize) -> String {
    let mut out = String::from("models:\n");
    for i in 0..n {
        let open = if i % 4 == 0 { "true" } else { "false" };
        let _ = write!(
            out,
            r#"  Item{i}:
    doc: An item of kind {i}.
    assumption: synthetic
    open: {open}
    fields:
      id: {{type: Item{i}Id, read_only: true, always_returned: true, doc: Set by the server., example: "it_{i}"}}
      name: {{type: string, required: true, doc: Display name.}}
      amount: {{type: decimal, doc: Amount in the account currency.}}
      quantity: {{type: int32, doc: How many.}}
      created: {{type: timestamp, read_only: true, doc: When the server stored it.}}
      status: {{type: Status{i}, always_returned: true, doc: Current state.}}
      tags: {{type: "list<string>", doc: Free-form tags.}}
"#
        );
        // The eighth field: the previous model (chains of eight models
        // holding the next by value, as nested API objects do), or a map.
        let last = match i % 8 {
            0 => "      metadata: {type: \"map<string>\", doc: Key-value pairs.}\n".to_owned(),
            _ => format!(
                "      previous: {{type: Item{}, nullable: true, doc: The item of the kind before.}}\n",
                i - 1
            ),
        };
        out.push_str(&last);
    }
    out
}

fn endpoints(n: usize) -> String {
    let mut out = String::from("resources:\n");
    for i in 0..n.div_ceil(SHAPES) {
        let _ = writeln!(
            out,
            "  group{i}:\n    doc: Endpoints of group {i}.\n    endpoints:"
        );
        for j in (i * SHAPES..(i + 1) * SHAPES).take_while(|j| *j < n) {
            out.push_str(&endpoint(j));
        }
    }
    out
}

/// Endpoint `j`, over model `Item{j}`, in shape `j % SHAPES`.
fn endpoint(j: usize) -> String {
    let m = format!("Item{j}");
    let head = |name: &str, method: &str, path: &str, doc: &str| {
        format!(
            "      {name}{j}:\n        method: {method}\n        path: /items{j}{path}\n        doc: {doc}\n        assumption: synthetic\n"
        )
    };
    let id_param =
        format!("        params:\n          id: {{in: path, type: Item{j}Id, doc: The item.}}\n");
    match j % SHAPES {
        0 => format!(
            "{}{id_param}        response: {m}\n",
            head("get", "GET", "/{id}", "Reads an item.")
        ),
        1 => format!(
            "{}        pagination: after_id\n        params:\n          limit: {{in: query, type: int32, min: 1, max: 100, doc: Page size.}}\n          starting_after: {{in: query, type: string, doc: Id of the last item seen.}}\n          status: {{in: query, type: Status{j}, doc: Only items in this state.}}\n          created_after: {{in: query, type: timestamp, doc: Only items created after this.}}\n        response: \"ListPage<{m}>\"\n",
            head("list", "GET", "", "Lists items, oldest first.")
        ),
        2 => format!(
            "{}        idempotency_key: {{header: Idempotency-Key}}\n        body: {m}\n        response: {m}\n",
            head("create", "POST", "", "Creates an item.")
        ),
        3 => format!(
            "{}{id_param}          If-Match: {{in: header, type: etag, doc: ETag from a previous read.}}\n        body: {m}\n        response: {m}\n",
            head("update", "PUT", "/{id}", "Replaces an item.")
        ),
        4 => format!(
            "{}{id_param}",
            head("delete", "DELETE", "/{id}", "Deletes an item.")
        ),
        5 => format!(
            "{}{id_param}        response_key: item\n        response: {m}\n",
            head(
                "wrapped",
                "GET",
                "/{id}/wrapped",
                "Reads an item from under the `item` key."
            )
        ),
        _ => format!(
            "{}{id_param}        responses:\n          200: {{body: {m}, doc: Already done.}}\n          202: {{doc: Accepted; it happens later.}}\n",
            head("activate", "POST", "/{id}/activate", "Activates an item.")
        ),
    }
}

#[cfg(test)]
mod tests {
    /// The synthetic spec validates and generates at any size, every
    /// endpoint shape included.
    #[test]
    fn the_synthetic_spec_is_valid() {
        for n in [1, super::SHAPES, 3 * super::SHAPES + 2] {
            let root = std::env::temp_dir().join(format!("synth_test_{}_{n}", std::process::id()));
            let dir = root.join("synth");
            std::fs::create_dir_all(&dir).unwrap();
            super::write(&dir, "synth", n).unwrap();
            let source = generator::SpecSource {
                root: root.clone(),
                seeds: None,
            };
            let ir = generator::load_ir(&source).unwrap_or_else(|e| panic!("n = {n}: {e}"));
            let endpoints: usize = ir.apis[0].resources.iter().map(|r| r.endpoints.len()).sum();
            assert_eq!(endpoints, n);
            let files = generator::generate_files(&source, &generator::EmitOptions::default())
                .unwrap_or_else(|e| panic!("n = {n}: {e}"));
            assert!(files.iter().any(|f| f.path == "src/synth/client.rs"));
            std::fs::remove_dir_all(&root).unwrap();
        }
    }
}
