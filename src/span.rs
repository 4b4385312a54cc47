//! `Sp<T>`: a value with the line and column it was read from.
//!
//! Every field of every record is wrapped so that a rule can point at the exact
//! place in the file (hledger/compiler style diagnostics).

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// A value and its 1-based line and column in the source file.
#[derive(Clone, Debug)]
pub struct Sp<T> {
    /// The value.
    pub value: T,
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column in characters (0 when unknown).
    pub col: u32,
}

impl<T> Sp<T> {
    /// A value with a known position.
    pub fn new(value: T, line: u32, col: u32) -> Sp<T> {
        Sp { value, line, col }
    }
    /// A value with no position (made by code, not read from a file).
    pub fn bare(value: T) -> Sp<T> {
        Sp {
            value,
            line: 0,
            col: 0,
        }
    }
    /// The position as (line, column).
    pub fn pos(&self) -> (u32, u32) {
        (self.line, self.col)
    }
}

impl<T> Deref for Sp<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

/// serde-saphyr's protocol for `Spanned<T>` (serde-saphyr 2.1): the YAML
/// deserializer answers a newtype struct of this name with a map
/// `{MARKER: true, value: T, referenced: Location, defined: Location}`.
/// `Sp` reads that map directly, keeping only the value and the referenced
/// line and column: `Spanned<T>`'s own reader allocates a `String` for the
/// marker key and reads both locations in full, on every field of every
/// record. The test `same_positions_as_spanned` guards the protocol.
const SPANNED_NEWTYPE: &str = "__yaml_spanned";
/// The first key of the map (see `SPANNED_NEWTYPE`).
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(SPANNED_NEWTYPE, SpVisitor(PhantomData))
    }
}

struct SpVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpVisitor<T> {
    type Value = Sp<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a span-aware newtype wrapper")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Sp<T>, D::Error> {
        d.deserialize_any(ReprVisitor(PhantomData))
    }
}

/// Reads the synthesized map, or (like `Spanned<T>`) a plain value with no
/// position when the value was buffered by serde.
struct ReprVisitor<T>(PhantomData<T>);

/// A map key of the synthesized map.
enum Field {
    Value,
    Referenced,
    Defined,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Spanned<T> field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                Ok(match v {
                    "value" => Field::Value,
                    "referenced" => Field::Referenced,
                    "defined" => Field::Defined,
                    _ => Field::Other,
                })
            }
        }
        d.deserialize_identifier(FieldVisitor)
    }
}

/// The first key: the marker, or a key of a user's map (kept).
enum FirstKey {
    Marker,
    Other(String),
}

impl<'de> Deserialize<'de> for FirstKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = FirstKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<FirstKey, E> {
                Ok(if v == SPANNED_MARKER {
                    FirstKey::Marker
                } else {
                    FirstKey::Other(v.to_string())
                })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<FirstKey, E> {
                Ok(if v == SPANNED_MARKER {
                    FirstKey::Marker
                } else {
                    FirstKey::Other(v)
                })
            }
        }
        d.deserialize_string(KeyVisitor)
    }
}

/// Line and column of a `Location` (its span and source are skipped).
struct LineCol(u32, u32);

impl<'de> Deserialize<'de> for LineCol {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct LocVisitor;
        impl<'de> Visitor<'de> for LocVisitor {
            type Value = LineCol;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a source location")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LineCol, A::Error> {
                let (mut line, mut column) = (None, None);
                while let Some(key) = map.next_key::<LocField>()? {
                    match key {
                        LocField::Line => line = Some(map.next_value::<u32>()?),
                        LocField::Column => column = Some(map.next_value::<u32>()?),
                        LocField::Span => {
                            map.next_value::<serde_saphyr::Span>()?;
                        }
                        LocField::Other => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                    // serde-saphyr gives line and column first; the rest
                    // (span, source) is not needed.
                    if let (Some(l), Some(c)) = (line, column) {
                        return Ok(LineCol(l, c));
                    }
                }
                match (line, column) {
                    (Some(l), Some(c)) => Ok(LineCol(l, c)),
                    (None, _) => Err(de::Error::missing_field("line")),
                    (_, None) => Err(de::Error::missing_field("column")),
                }
            }
        }
        d.deserialize_struct(
            "Location",
            &["line", "column", "span", "source_id"],
            LocVisitor,
        )
    }
}

enum LocField {
    Line,
    Column,
    Span,
    Other,
}

impl<'de> Deserialize<'de> for LocField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = LocField;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a Location field")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LocField, E> {
                Ok(match v {
                    "line" => LocField::Line,
                    "column" => LocField::Column,
                    "span" => LocField::Span,
                    _ => LocField::Other,
                })
            }
        }
        d.deserialize_identifier(FieldVisitor)
    }
}

/// A map whose first key was already read.
struct Prepend<A> {
    first: Option<String>,
    tail: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Prepend<A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.first.take() {
            Some(k) => seed.deserialize(k.into_deserializer()).map(Some),
            None => self.tail.next_key_seed(seed),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.tail.next_value_seed(seed)
    }
}

macro_rules! plain_value {
    ($($f:ident: $t:ty),*) => {
        $(fn $f<E: de::Error>(self, v: $t) -> Result<Sp<T>, E> {
            T::deserialize(v.into_deserializer()).map(Sp::bare)
        })*
    };
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for ReprVisitor<T> {
    type Value = Sp<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or a span-aware map with value/referenced/defined fields")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Sp<T>, A::Error> {
        match map.next_key::<FirstKey>()? {
            None => {
                return T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Sp::bare);
            }
            Some(FirstKey::Other(k)) => {
                return T::deserialize(de::value::MapAccessDeserializer::new(Prepend {
                    first: Some(k),
                    tail: map,
                }))
                .map(Sp::bare);
            }
            Some(FirstKey::Marker) => {}
        }
        map.next_value::<de::IgnoredAny>()?;
        let mut value = None;
        let mut referenced = None;
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Value => {
                    if value.is_some() {
                        return Err(de::Error::duplicate_field("value"));
                    }
                    value = Some(map.next_value::<T>()?);
                }
                Field::Referenced => {
                    if referenced.is_some() {
                        return Err(de::Error::duplicate_field("referenced"));
                    }
                    referenced = Some(map.next_value::<LineCol>()?);
                }
                Field::Defined => {
                    map.next_value::<LineCol>()?;
                }
                Field::Other => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
            // serde-saphyr gives the value, then where it is referenced;
            // where it is defined (an anchor) is not needed.
            if value.is_some() && referenced.is_some() {
                break;
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        let LineCol(line, col) =
            referenced.ok_or_else(|| de::Error::missing_field("referenced"))?;
        Ok(Sp::new(value, line, col))
    }

    plain_value!(
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64, visit_f32: f32,
        visit_f64: f64, visit_char: char, visit_str: &str, visit_string: String
    );

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Sp<T>, E> {
        T::deserialize(de::value::BytesDeserializer::new(v)).map(Sp::bare)
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Sp<T>, E> {
        T::deserialize(de::value::BytesDeserializer::new(&v)).map(Sp::bare)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Sp<T>, E> {
        T::deserialize(().into_deserializer()).map(Sp::bare)
    }
    fn visit_none<E: de::Error>(self) -> Result<Sp<T>, E> {
        T::deserialize(().into_deserializer()).map(Sp::bare)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Sp<T>, A::Error> {
        T::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Sp::bare)
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    struct Rec {
        a: Sp<u32>,
        b: Option<Sp<String>>,
        c: Vec<Sp<BTreeMap<String, Sp<bool>>>>,
        d: Sp<Vec<Sp<String>>>,
    }

    #[derive(Debug, Deserialize)]
    struct Up {
        a: serde_saphyr::Spanned<u32>,
        b: Option<serde_saphyr::Spanned<String>>,
        c: Vec<serde_saphyr::Spanned<BTreeMap<String, serde_saphyr::Spanned<bool>>>>,
        d: serde_saphyr::Spanned<Vec<serde_saphyr::Spanned<String>>>,
    }

    fn lc<T>(s: &serde_saphyr::Spanned<T>) -> (u32, u32) {
        (s.referenced.line() as u32, s.referenced.column() as u32)
    }

    #[test]
    fn same_positions_as_spanned() {
        let docs = [
            "a: 1\nb: x\nc:\n  - {p: true, q: false}\n  - r: true\nd: [\"é\", z]\n",
            "\n\n  a: &n 7\n  b: 'two words'\n  c: []\n  d:\n    - *n\n    - w\n",
            "x: &m {p: true}\na: 2\nc: [*m, *m]\nd: []\n",
        ];
        for doc in docs {
            let ours: Rec = serde_saphyr::from_str(doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
            let up: Up = serde_saphyr::from_str(doc).unwrap_or_else(|e| panic!("{doc:?}: {e}"));
            assert_eq!((ours.a.value, ours.a.pos()), (up.a.value, lc(&up.a)));
            assert_eq!(
                ours.b.as_ref().map(|b| (b.value.clone(), b.pos())),
                up.b.as_ref().map(|b| (b.value.clone(), lc(b)))
            );
            assert_eq!(ours.c.len(), up.c.len());
            for (o, u) in ours.c.iter().zip(&up.c) {
                assert_eq!(o.pos(), lc(u));
                let o: Vec<_> = o
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value, v.pos()))
                    .collect();
                let u: Vec<_> = u
                    .value
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value, lc(v)))
                    .collect();
                assert_eq!(o, u);
            }
            assert_eq!(ours.d.pos(), lc(&up.d));
            let o: Vec<_> = ours.d.iter().map(|v| (v.value.clone(), v.pos())).collect();
            let u: Vec<_> =
                up.d.value
                    .iter()
                    .map(|v| (v.value.clone(), lc(v)))
                    .collect();
            assert_eq!(o, u);
            assert!(ours.a.line > 0);
        }
    }

    #[test]
    fn errors_as_spanned() {
        for doc in [
            "a: x\nc: []\nd: []\n",
            "a: 1\nc: [{p: 3}]\nd: []\n",
            "a: 1\nd: {}\n",
        ] {
            let ours = serde_saphyr::from_str::<Rec>(doc)
                .map(|_| ())
                .map_err(|e| e.to_string());
            let up = serde_saphyr::from_str::<Up>(doc)
                .map(|_| ())
                .map_err(|e| e.to_string());
            assert_eq!(ours, up, "{doc:?}");
            assert!(ours.is_err());
        }
    }

    #[test]
    fn plain_values_have_no_position() {
        let v: Sp<u32> = serde_json::from_str("5").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((v.value, v.pos()), (5, (0, 0)));
        let m: Sp<BTreeMap<String, u32>> =
            serde_json::from_str("{\"k\": 1}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((m.value.get("k").copied(), m.pos()), (Some(1), (0, 0)));
    }
}
