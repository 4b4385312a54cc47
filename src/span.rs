//! `Sp<T>`: a value with the line and column it was read from.
//!
//! Every field of every record is wrapped so that a rule can point at the exact
//! place in the file (hledger/compiler style diagnostics).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Sp {
            value: s.value,
            line: u32::try_from(s.referenced.line()).unwrap_or(0),
            col: u32::try_from(s.referenced.column()).unwrap_or(0),
        })
    }
}

impl<T: Serialize> Serialize for Sp<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}
