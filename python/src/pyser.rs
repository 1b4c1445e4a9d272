//! The one converter from the library's answers to Python values: a `serde::Serializer` that
//! builds Python objects from any core type that serializes, the same values the command
//! line prints as JSON.
//!
//! Structs and maps become dicts, sequences lists, numbers and strings themselves. Two kinds
//! of newtype are recognised by the name core gives them: a date (`$guifan::date`) becomes a
//! `datetime.date`, a label (`$guifan::Status`, `$guifan::Outcome` …) the member of the
//! Python enum of that name (`guifan.Status.VALID`, a `str` equal to the token). So the dict
//! Python gets is the command line's JSON with dates as dates and labels as enums, and
//! nothing here knows the shape of any answer.

use pyo3::BoundObject;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::convert::{EnumClass, label_enum, py_date};

/// Converts a serializable value into a Python object.
pub fn to_py<T: Serialize + ?Sized>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    value.serialize(PySerializer { py }).map_err(|e| e.0)
}

/// A conversion error: a Python exception.
#[derive(Debug)]
pub struct ConvError(PyErr);

impl std::fmt::Display for ConvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ConvError {}

impl ser::Error for ConvError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ConvError(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for ConvError {
    fn from(e: PyErr) -> Self {
        ConvError(e)
    }
}

type Out = Py<PyAny>;

#[derive(Clone, Copy)]
struct PySerializer<'py> {
    py: Python<'py>,
}

impl<'py> PySerializer<'py> {
    fn obj<T>(&self, v: T) -> Result<Out, ConvError>
    where
        T: IntoPyObject<'py>,
        PyErr: From<T::Error>,
    {
        let bound = v.into_pyobject(self.py).map_err(PyErr::from)?;
        Ok(bound.into_any().unbind())
    }
}

impl<'py> ser::Serializer for PySerializer<'py> {
    type Ok = Out;
    type Error = ConvError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Impossible<Out, ConvError>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Impossible<Out, ConvError>;

    fn serialize_bool(self, v: bool) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Out, ConvError> {
        // The shortest decimal that reads back as this f32, as JSON writes it: a score reads
        // the same from Python as from the command line's JSON.
        let shortest: f64 = v.to_string().parse().unwrap_or(f64::from(v));
        self.obj(shortest)
    }
    fn serialize_f64(self, v: f64) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_char(self, v: char) -> Result<Out, ConvError> {
        self.obj(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Out, ConvError> {
        self.obj(v)
    }
    fn serialize_none(self) -> Result<Out, ConvError> {
        Ok(self.py.None())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Out, ConvError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out, ConvError> {
        Ok(self.py.None())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Out, ConvError> {
        Ok(self.py.None())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Out, ConvError> {
        self.obj(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Out, ConvError> {
        let inner = value.serialize(self)?;
        let Some(kind) = name.strip_prefix("$guifan::") else {
            return Ok(inner);
        };
        let text = inner.bind(self.py).cast::<PyString>().map_err(|_| {
            ConvError(PyValueError::new_err(format!(
                "`{name}` should hold a string"
            )))
        })?;
        let text = text.to_str()?;
        if kind == "date" {
            let date = guifan::date::from_iso(text).ok_or_else(|| {
                ConvError(PyValueError::new_err(format!(
                    "`{text}` is not an ISO date"
                )))
            })?;
            return Ok(py_date(self.py, date)?);
        }
        match label_enum(kind) {
            Some(class) => Ok(class_member(self.py, class, text)?),
            None => Ok(inner),
        }
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Out, ConvError> {
        let d = PyDict::new(self.py);
        d.set_item(variant, value.serialize(self)?)?;
        Ok(d.into_any().unbind())
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, ConvError> {
        Ok(Seq {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'py>, ConvError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<Out, ConvError>, ConvError> {
        Err(ser::Error::custom(format!(
            "tuple variant `{name}::{variant}` has no Python form"
        )))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'py>, ConvError> {
        Ok(Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'py>, ConvError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Impossible<Out, ConvError>, ConvError> {
        Err(ser::Error::custom(format!(
            "struct variant `{name}::{variant}` has no Python form"
        )))
    }
}

fn class_member(py: Python<'_>, class: &EnumClass, token: &str) -> PyResult<Out> {
    Ok(class.member(py, token)?.unbind())
}

struct Seq<'py> {
    ser: PySerializer<'py>,
    items: Vec<Out>,
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = Out;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
    fn end(self) -> Result<Out, ConvError> {
        Ok(PyList::new(self.ser.py, self.items)?.into_any().unbind())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = Out;
    type Error = ConvError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Out, ConvError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = Out;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Out, ConvError> {
        ser::SerializeSeq::end(self)
    }
}

struct Map<'py> {
    ser: PySerializer<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Out>,
}

impl ser::SerializeMap for Map<'_> {
    type Ok = Out;
    type Error = ConvError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), ConvError> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), ConvError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <ConvError as ser::Error>::custom("a map value without its key"))?;
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Result<Out, ConvError> {
        Ok(self.dict.into_any().unbind())
    }
}

impl ser::SerializeStruct for Map<'_> {
    type Ok = Out;
    type Error = ConvError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), ConvError> {
        self.dict.set_item(key, value.serialize(self.ser)?)?;
        Ok(())
    }
    fn end(self) -> Result<Out, ConvError> {
        Ok(self.dict.into_any().unbind())
    }
}
