//! The type space of one API: every declared id, enum and model, addressed
//! by [`TypeId`], and the type expressions ([`Ty`]) that refer to them.

use std::collections::BTreeMap;

use crate::names::RustIdent;
use crate::scalars::{Encoding, Scalar};

/// A declared type, by its index in the [`TypeSpace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub(crate) usize);

/// Every declared type of an API, in declaration order, with an index by name.
#[derive(Clone, Debug, Default)]
pub struct TypeSpace {
    defs: Vec<TypeDef>,
    by_name: BTreeMap<String, TypeId>,
}

impl TypeSpace {
    /// The space of `defs`, whose ids are their positions.
    pub fn new(defs: Vec<TypeDef>) -> Self {
        let by_name = defs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.name.as_str().to_owned(), TypeId(i)))
            .collect();
        Self { defs, by_name }
    }

    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }

    pub fn get_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.defs[id.0]
    }

    /// The id the next type added will get.
    pub fn next_id(&self) -> TypeId {
        TypeId(self.defs.len())
    }

    /// Adds a type (an input twin); `None` if its name is taken.
    pub fn push(&mut self, def: TypeDef) -> Option<TypeId> {
        let name = def.name.as_str().to_owned();
        if self.by_name.contains_key(&name) {
            return None;
        }
        let id = TypeId(self.defs.len());
        self.defs.push(def);
        self.by_name.insert(name, id);
        Some(id)
    }

    /// Whether a type of this Rust name exists.
    pub fn has_name(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The Rust name of a type.
    pub fn name(&self, id: TypeId) -> &RustIdent {
        &self.defs[id.0].name
    }

    /// Every type sorted by name, with its id.
    pub fn sorted(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.by_name.values().map(|id| (*id, &self.defs[id.0]))
    }

    /// The id newtypes, sorted by name.
    pub fn ids(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.sorted()
            .filter(|(_, d)| matches!(d.kind, TypeKind::IdNewtype))
    }

    /// The enums, sorted by name.
    pub fn enums(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.sorted()
            .filter(|(_, d)| matches!(d.kind, TypeKind::StringEnum(_) | TypeKind::IntEnum(_)))
    }

    /// The models, sorted by name.
    pub fn models(&self) -> impl Iterator<Item = (TypeId, &TypeDef, &Model)> {
        self.sorted().filter_map(|(id, d)| match &d.kind {
            TypeKind::Struct(m) => Some((id, d, m)),
            _ => None,
        })
    }

    /// The model of `id`, if it is one.
    pub fn model(&self, id: TypeId) -> Option<&Model> {
        match &self.defs[id.0].kind {
            TypeKind::Struct(m) => Some(m),
            _ => None,
        }
    }
}

/// One declared type.
#[derive(Clone, Debug)]
pub struct TypeDef {
    pub name: RustIdent,
    pub doc: super::Doc,
    pub deprecated: Option<String>,
    pub kind: TypeKind,
}

impl TypeKind {
    /// The type expressions a declaration holds, in order: a struct's
    /// field types or a union's variant types (none for enums and ids).
    pub fn slots(&self) -> Vec<&Ty> {
        match self {
            TypeKind::Struct(m) => m.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::IdNewtype => Vec::new(),
        }
    }

    /// [`TypeKind::slots`], to change them.
    pub fn slots_mut(&mut self) -> Vec<&mut Ty> {
        match self {
            TypeKind::Struct(m) => m.fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::IdNewtype => Vec::new(),
        }
    }
}

/// What a declared type is. Unions land here as further variants.
#[derive(Clone, Debug)]
pub enum TypeKind {
    /// A struct with named fields.
    Struct(Model),
    /// An open enum of string values.
    StringEnum(Enum<String>),
    /// An open enum of integer codes.
    IntEnum(Enum<i64>),
    /// A newtype around a string id.
    IdNewtype,
    /// A value that is one of several types.
    Union(Union),
}

/// A union: an enum with one variant per alternative.
#[derive(Clone, Debug)]
pub struct Union {
    pub kind: UnionKind,
    pub variants: Vec<UnionVariant>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnionKind {
    /// Told apart by the value of a field every variant model has; an
    /// unknown value is kept as `Unknown(raw JSON)`.
    Tagged { field: String },
    /// The first variant the JSON decodes as (checked for ambiguity).
    Untagged,
}

#[derive(Clone, Debug)]
pub struct UnionVariant {
    pub name: RustIdent,
    /// The tag value (tagged unions).
    pub tag: Option<String>,
    pub ty: Ty,
}

/// What a model does with fields the spec does not describe.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnknownFields {
    /// Kept in `extra`, written back on a round trip.
    Keep,
    /// Dropped when reading.
    Ignore,
}

#[derive(Clone, Debug)]
pub struct Model {
    pub unknown_fields: UnknownFields,
    pub fields: Vec<Field>,
    /// Generic type parameters (`T`).
    pub type_params: Vec<RustIdent>,
    /// The entity this model is a record of.
    pub entity: Option<String>,
    /// The model this one is the input twin of: its fields as a request
    /// sends them (read-only fields left out, no unknown fields).
    pub input_of: Option<TwinOf>,
}

/// What an input twin is made from: the model read, and how each of the
/// twin's fields is made from the read value (`From<Model>`), when that
/// can be written.
#[derive(Clone, Debug)]
pub struct TwinOf {
    pub model: TypeId,
    /// One entry per field of the twin, in order; `None` when a field holds
    /// a twin where no conversion is written (inside `one_or_many`,
    /// `id_or_object`, an interval or a generic model): no `From` then.
    pub from_read: Option<Vec<FieldFrom>>,
}

/// How a twin's field is made from the read model's field of that name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldFrom {
    /// The read value, as it is.
    Moved,
    /// The read value, converted.
    Converted(Conversion),
    /// Read required, sent optional: `Some(..)` of the converted value.
    Wrapped(Conversion),
    /// Read as a nullable `Option`, sent as a `Patch`: `None` is `null`.
    NullToPatch(Conversion),
    /// Read as an optional `Option` (absent or `null`), sent as a `Patch`:
    /// `None` is left out, so sending the value back changes nothing.
    OptionToPatch(Conversion),
    /// Converted inside the `Option` both have.
    InOption(Conversion),
    /// Converted inside the `Patch` both have.
    InPatch(Conversion),
}

/// How a value read becomes the value sent (the same type with twins
/// inside).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// The same type.
    Same,
    /// A model into its twin (`.into()`).
    Into,
    /// Each item of a list.
    EachItem(Box<Conversion>),
    /// Each value of a map.
    EachValue(Box<Conversion>),
    /// The boxed value.
    Boxed(Box<Conversion>),
}

impl Model {
    /// Whether `Default` can be derived (no field must be given).
    pub fn derives_default(&self) -> bool {
        self.fields.iter().all(|f| !f.presence.is_required())
    }
}

#[derive(Clone, Debug)]
pub struct Field {
    pub wire: String,
    pub rust: RustIdent,
    pub doc: super::Doc,
    pub ty: Ty,
    pub presence: Presence,
    pub deprecated: Option<String>,
    /// The scalar travels as a string.
    pub encoding: Option<Encoding>,
    /// Further wire names it is read from (written as `wire`).
    pub aliases: Vec<String>,
    /// How the field is sent, where that differs from how it is read
    /// (`presence`): `None` for a read-only field, never sent. Equal to
    /// `presence` unless the spec says `read_only` or `always_returned`.
    pub sent: Option<Presence>,
    /// The type a request sends, where it differs from `ty` (how the field
    /// is read); input twins and models only sent take it.
    pub sent_ty: Option<Ty>,
    /// The spec's example value, as YAML text.
    pub example: Option<String>,
    /// The spec says the server sets it (`read_only`).
    pub read_only: bool,
    /// The spec says every response has it (`always_returned`).
    pub always_returned: bool,
}

impl Field {
    /// Whether the field is sent as it is read.
    pub fn sent_as_read(&self) -> bool {
        self.sent == Some(self.presence) && self.sent_ty.is_none()
    }
}

/// How a field may appear on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Presence {
    /// Always present, never null: `T`.
    Required,
    /// Always present, may be null: `Option<T>` written as `null`.
    RequiredNullable,
    /// May be absent: `Option<T>`, skipped when `None`.
    Optional,
    /// Absent, null or a value: `Patch<T>`.
    Tristate,
}

impl Presence {
    /// Whether a constructor must be given the field.
    pub fn is_required(self) -> bool {
        matches!(self, Presence::Required | Presence::RequiredNullable)
    }

    /// Whether the Rust field is an `Option` (or `Patch`), not the bare type.
    pub fn is_wrapped(self) -> bool {
        self != Presence::Required
    }
}

/// An open enum: documented values plus `Unknown` for the rest.
#[derive(Clone, Debug)]
pub struct Enum<W> {
    pub variants: Vec<Variant<W>>,
}

impl<W> Enum<W> {
    /// Whether some value says what a caller should do (`fn hint`).
    pub fn has_hints(&self) -> bool {
        self.variants.iter().any(|v| v.hint.is_some())
    }
}

#[derive(Clone, Debug)]
pub struct Variant<W> {
    pub rust: RustIdent,
    pub wire: W,
    pub doc: super::Doc,
    pub deprecated: Option<String>,
    /// What a caller should do on this value.
    pub hint: Option<String>,
}

/// A resolved type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    Scalar(Scalar),
    /// `[a;b)` interval of an ordered scalar.
    Interval(Box<Ty>),
    /// One value or a list of values.
    OneOrMany(Box<Ty>),
    List(Box<Ty>),
    /// String keys.
    Map(Box<Ty>),
    /// A declared id, enum or model.
    Named(TypeId),
    /// A generic model applied to a type argument.
    Generic(TypeId, Box<Ty>),
    /// A type parameter of a generic model or endpoint.
    TypeParam(RustIdent),
    /// The entity an endpoint works on (a generic `K: EntityKind` argument).
    Entity,
    /// The record type of the endpoint's entity (`K::Record`).
    Record,
    /// A reference that breaks a cycle of models (`Box<T>`).
    Boxed(Box<Ty>),
    /// Either an id (a JSON string) or the expanded object.
    IdOrObject(Box<Ty>, Box<Ty>),
}

/// A type expression directly inside another, and whether it sits behind
/// a heap indirection there (a list, a map or a box), which breaks a
/// cycle of models.
#[derive(Clone, Copy, Debug)]
pub struct Child<'a> {
    pub ty: &'a Ty,
    pub on_heap: bool,
}

impl Ty {
    /// The type expressions directly inside this one, in order. Every
    /// traversal of types goes through this (or [`Ty::map_children`]), so a
    /// new variant is handled in one place.
    pub fn children(&self) -> Vec<Child<'_>> {
        let inline = |ty| Child { ty, on_heap: false };
        let heap = |ty| Child { ty, on_heap: true };
        match self {
            Ty::Interval(i) | Ty::OneOrMany(i) | Ty::Generic(_, i) => vec![inline(i)],
            Ty::List(i) | Ty::Map(i) | Ty::Boxed(i) => vec![heap(i)],
            Ty::IdOrObject(id, object) => vec![inline(id), inline(object)],
            Ty::Scalar(_) | Ty::Named(_) | Ty::TypeParam(_) | Ty::Entity | Ty::Record => vec![],
        }
    }

    /// This type with each child replaced by `f(child)`.
    pub fn map_children(&self, f: &mut impl FnMut(&Ty) -> Ty) -> Ty {
        let mut inner = |t: &Ty| Box::new(f(t));
        match self {
            Ty::Interval(i) => Ty::Interval(inner(i)),
            Ty::OneOrMany(i) => Ty::OneOrMany(inner(i)),
            Ty::List(i) => Ty::List(inner(i)),
            Ty::Map(i) => Ty::Map(inner(i)),
            Ty::Boxed(i) => Ty::Boxed(inner(i)),
            Ty::Generic(id, i) => Ty::Generic(*id, inner(i)),
            Ty::IdOrObject(id, object) => Ty::IdOrObject(inner(id), inner(object)),
            Ty::Scalar(_) | Ty::Named(_) | Ty::TypeParam(_) | Ty::Entity | Ty::Record => {
                self.clone()
            }
        }
    }

    /// The declared type this expression names itself (not inside it).
    pub fn head(&self) -> Option<TypeId> {
        match self {
            Ty::Named(id) | Ty::Generic(id, _) => Some(*id),
            Ty::Scalar(_)
            | Ty::Interval(_)
            | Ty::OneOrMany(_)
            | Ty::List(_)
            | Ty::Map(_)
            | Ty::TypeParam(_)
            | Ty::Entity
            | Ty::Record
            | Ty::Boxed(_)
            | Ty::IdOrObject(..) => None,
        }
    }

    /// Whether `pred` holds for this type or any type inside it.
    pub fn any(&self, pred: &mut impl FnMut(&Ty) -> bool) -> bool {
        pred(self) || self.children().iter().any(|c| c.ty.any(pred))
    }

    /// Every declared type named in this expression, at any depth, in order.
    pub fn named(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        self.any(&mut |t| {
            out.extend(t.head());
            false
        });
        out
    }

    /// The type behind a box, or this type.
    pub fn unboxed(&self) -> &Ty {
        match self {
            Ty::Boxed(inner) => inner,
            Ty::Scalar(_)
            | Ty::Interval(_)
            | Ty::OneOrMany(_)
            | Ty::List(_)
            | Ty::Map(_)
            | Ty::Named(_)
            | Ty::Generic(..)
            | Ty::TypeParam(_)
            | Ty::Entity
            | Ty::Record
            | Ty::IdOrObject(..) => self,
        }
    }

    /// The scalar, if this is one.
    pub fn scalar(&self) -> Option<Scalar> {
        match self {
            Ty::Scalar(s) => Some(*s),
            _ => None,
        }
    }
}
