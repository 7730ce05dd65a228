//! Validation and resolution: raw spec -> IR, as explicit passes, each
//! taking what the earlier ones produced and valid by construction:
//!
//! 1. [`names`]: every declared type gets a [`ir::TypeId`] and a Rust name.
//! 2. [`types`]: ids, enums and models are lowered into the [`ir::TypeSpace`]
//!    (type expressions resolved by [`resolve`]).
//! 3. [`settings`]: the `api:` block (base URL, auth, headers, errors,
//!    envelopes, pagination styles), checked against the types.
//! 4. [`endpoints`] (4a, `resolve`): resources and endpoints: name, method,
//!    parameters, path, body and response types.
//! 5. [`inputs`]: models read and sent with `read_only` or `always_returned`
//!    fields get input twins (from the body and response types of 4a).
//! 6. [`endpoints`] (4b, `assemble`): each endpoint's signature, request,
//!    response and pagination, made once, with bodies taking their twins.
//! 7. [`scopes`]: every name the emitters will define
//!    ([`ir::scopes::defined`]) is defined once in its Rust scope.
//!
//! Every problem is collected as a diagnostic ([`report`]); the IR is
//! produced only when there is none.

mod auth;
mod base_url;
mod depth;
mod endpoints;
mod enums;
mod envelopes;
mod errors;
mod expired;
mod field_path;
mod form_rules;
mod header_name;
mod headers;
mod inputs;
mod models;
mod names;
mod nullable;
pub(crate) mod package;
mod pages;
mod recursion;
mod report;
mod resolve;
mod scopes;
mod sent_type;
mod session;
mod settings;
mod sources;
mod twin_from;
mod types;
mod unions;
mod webhooks;

use std::path::Path;

use crate::diag::Diagnostic;
use crate::ir;
use crate::load::RawSpec;

pub(crate) use report::Reporter;
pub use sources::SeedIndex;

/// Validates one API's raw spec and lowers it to the IR.
pub fn validate_api(spec: &RawSpec, seeds: &SeedIndex) -> Result<ir::Api, Vec<Diagnostic>> {
    let mut cx = Reporter::new(spec, seeds);
    let header = settings::header(&mut cx);
    let names = names::declare(&mut cx);
    let types = types::lower(&mut cx, &names, header.as_ref());
    let (mut settings, index) = header
        .map(|h| settings::lower(&mut cx, h, &names, &types))
        .unzip();
    let mut types = types;
    let resolved = endpoints::resolve(&mut cx, &names, &types, index.as_ref());
    // The API's error body and its webhook payloads are read too.
    let api_error: Vec<ir::TypeId> = settings
        .iter()
        .flat_map(|s| {
            let payloads = s.webhooks.iter().flat_map(|w| &w.events);
            let payloads = payloads.flat_map(|e| e.payload.named());
            s.errors
                .body
                .as_ref()
                .map(|b| b.model)
                .into_iter()
                .chain(payloads)
        })
        .collect();
    // Entity records travel through the generic record calls: sent by
    // `record` bodies and read back by retrieves.
    let records: Vec<ir::TypeId> = if resolved.iter().any(|r| r.sends_records()) {
        types
            .models()
            .filter(|(_, _, m)| m.entity.is_some())
            .map(|(id, _, _)| id)
            .collect()
    } else {
        Vec::new()
    };
    let sent: Vec<ir::TypeId> = resolved
        .iter()
        .flat_map(|r| r.sent_types())
        .chain(records.iter().copied())
        .collect();
    let read = api_error
        .into_iter()
        .chain(resolved.iter().flat_map(|r| r.read_types()))
        .chain(records.iter().copied())
        .collect();
    let twins = inputs::decide(&mut cx, &names, &mut types, sent.clone(), read);
    let sent_form = |ty: &ir::Ty| twins.sent(ty);
    let sent_twins = sent
        .iter()
        .flat_map(|id| sent_form(&ir::Ty::Named(*id)).named());
    let in_params = resolved.iter().flat_map(|r| r.param_types());
    nullable::settle(
        &mut types,
        settings.as_mut(),
        sent_twins.chain(in_params).collect(),
    );
    let resources = endpoints::assemble(
        &mut cx,
        &names,
        &types,
        index.as_ref(),
        resolved,
        &sent_form,
    );
    if let Some(w) = settings.as_mut().and_then(|s| s.webhooks.as_mut()) {
        webhooks::link_fetches(&mut cx, w, &resources, &types);
    }
    if let Some(settings) = &settings {
        scopes::check(&mut cx, settings, &resources, &types);
    }
    let endpoint_error_bodies = endpoint_error_bodies(&resources, settings.as_ref());
    match (settings, index) {
        (Some(settings), Some(head)) if cx.is_clean() => Ok(ir::Api {
            module: head.module,
            title: head.title,
            doc: head.doc,
            spec_files: spec.files.iter().map(|f| f.name.clone()).collect(),
            settings,
            types,
            resources,
            endpoint_error_bodies,
            citations: cx.take_citations(),
            assumptions: cx.take_assumptions(),
        }),
        // Without an `api` block the cause was reported already (by the
        // loader, for a file that did not parse) or by `settings::header`.
        _ => Err(cx.into_diagnostics()),
    }
}

/// The models endpoints name as their own error bodies, other than the
/// API's: sorted, each once.
fn endpoint_error_bodies(
    resources: &[ir::Resource],
    settings: Option<&ir::Settings>,
) -> Vec<ir::TypeId> {
    let api_body = settings
        .and_then(|s| s.errors.body.as_ref())
        .map(|b| b.model);
    let ids: std::collections::BTreeSet<ir::TypeId> = resources
        .iter()
        .flat_map(|r| &r.endpoints)
        .filter_map(|e| e.error_body)
        .filter(|id| Some(*id) != api_body)
        .collect();
    ids.into_iter().collect()
}

/// Loads the seed index used to check citations, if a seeds folder is given.
pub fn seed_index(dir: Option<&Path>) -> std::io::Result<SeedIndex> {
    SeedIndex::load(dir)
}
