//! Collecting diagnostics while validating, and the checks every documented
//! item shares: a non-empty `doc` and a citation.

use crate::diag::{Diagnostics, Rule};
use crate::load::RawSpec;

use super::sources::{self, SeedIndex};

/// A raw item with `doc`, `source` and `assumption` keys.
pub(crate) trait Cited {
    fn doc(&self) -> &str;
    fn source(&self) -> Option<&str>;
    fn assumption(&self) -> Option<&str>;
}

macro_rules! cited {
    ($($t:ty),*) => {$(
        impl Cited for $t {
            fn doc(&self) -> &str {
                &self.doc
            }
            fn source(&self) -> Option<&str> {
                self.source.as_deref()
            }
            fn assumption(&self) -> Option<&str> {
                self.assumption.as_deref()
            }
        }
    )*};
}

cited!(crate::raw::RawId, crate::raw::RawEnum, crate::raw::RawModel);

/// The spec being validated and the diagnostics found so far.
pub(crate) struct Reporter<'a> {
    pub spec: &'a RawSpec,
    pub seeds: &'a SeedIndex,
    diags: Diagnostics,
    /// The checked citations, in the order met (listed in `REFERENCE.md`,
    /// not in rustdoc, which docs.rs shows without the seed files).
    citations: Vec<crate::ir::Citation>,
    /// The assumptions met, in order (listed in `REFERENCE.md`).
    assumptions: Vec<crate::ir::Assumption>,
}

impl<'a> Reporter<'a> {
    pub fn new(spec: &'a RawSpec, seeds: &'a SeedIndex) -> Self {
        Self {
            spec,
            seeds,
            diags: Diagnostics::default(),
            citations: Vec::new(),
            assumptions: Vec::new(),
        }
    }

    /// Records a problem at `path` of file `file`.
    pub fn error(
        &mut self,
        file: usize,
        path: &str,
        rule: Rule,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let d = self.spec.diag(file, path, rule, message.into(), help);
        self.diags.push(d);
    }

    /// Whether nothing was reported.
    /// The assumptions met so far, sorted by spec item, each once.
    pub fn take_assumptions(&mut self) -> Vec<crate::ir::Assumption> {
        let mut out = std::mem::take(&mut self.assumptions);
        out.sort();
        out.dedup();
        out
    }

    /// The citations checked so far, sorted by spec item.
    pub fn take_citations(&mut self) -> Vec<crate::ir::Citation> {
        let mut out = std::mem::take(&mut self.citations);
        out.sort_by(|a, b| a.item.cmp(&b.item));
        out.dedup_by(|a, b| a.item == b.item);
        out
    }

    pub fn is_clean(&self) -> bool {
        self.diags.is_empty()
    }

    pub fn into_diagnostics(self) -> Vec<crate::diag::Diagnostic> {
        self.diags.into_sorted()
    }

    /// Checks that an item cites a source or is marked as an assumption, and
    /// returns the assumption (trimmed), which the item's rustdoc states.
    pub fn citation(
        &mut self,
        file: usize,
        path: &str,
        source: Option<&str>,
        assumption: Option<&str>,
        required: bool,
    ) -> Option<String> {
        if let Some(src) = source {
            if let Some(citation) = sources::check(self, file, path, src) {
                self.citations.push(citation);
            }
        }
        if required && source.is_none() && assumption.is_none() {
            self.error(
                file,
                path,
                Rule::MissingSource,
                "this item cites no source",
                Some("add `source: \"<seed file>#<section>\"`, or `assumption: <why>` if the seeds do not cover it".into()),
            );
        }
        if let Some(a) = assumption {
            self.no_control_characters(file, &format!("{path}.assumption"), a);
            self.assumptions.push(crate::ir::Assumption {
                item: path.to_owned(),
                text: a.trim().to_owned(),
            });
        }
        assumption.map(|a| a.trim().to_owned())
    }

    /// Reports a control character in text that becomes documentation.
    fn no_control_characters(&mut self, file: usize, path: &str, text: &str) {
        let bad = text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
        if let Some(c) = bad {
            self.error(
                file,
                path,
                Rule::ControlCharacter,
                format!("the text holds the control character {:?}", c),
                Some("remove it (text pasted from a PDF or terminal often carries them)".into()),
            );
        }
    }

    /// The checked `doc` and citation of an item. `required`: whether it
    /// must cite a source or state an assumption.
    pub fn cited_doc(
        &mut self,
        (file, path): (usize, &str),
        doc: &str,
        source: Option<&str>,
        assumption: Option<&str>,
        required: bool,
    ) -> crate::ir::Doc {
        crate::ir::Doc {
            text: self.doc(file, path, doc),
            assumption: self.citation(file, path, source, assumption, required),
        }
    }

    /// The doc of a top-level item: its checked `doc` and its checked
    /// citation (which is required).
    pub fn documented(
        &mut self,
        file: usize,
        path: &str,
        doc: &str,
        source: Option<&str>,
        assumption: Option<&str>,
    ) -> crate::ir::Doc {
        self.cited_doc((file, path), doc, source, assumption, true)
    }

    /// [`Self::documented`] for a declared item at its own path.
    pub fn documented_item<T: Cited>(&mut self, it: &crate::load::Item<T>) -> crate::ir::Doc {
        let r = &it.raw;
        self.documented(it.file, &it.path, r.doc(), r.source(), r.assumption())
    }

    /// Checks that a doc string is not empty and holds no control
    /// characters (other than line breaks and tabs).
    pub fn doc(&mut self, file: usize, path: &str, doc: &str) -> String {
        let doc = doc.trim();
        self.no_control_characters(file, &format!("{path}.doc"), doc);
        if doc.is_empty() {
            self.error(
                file,
                &format!("{path}.doc"),
                Rule::MissingDoc,
                "`doc` is empty",
                Some("describe the item; it becomes the rustdoc of the generated code".into()),
            );
        }
        doc.to_owned()
    }
}
