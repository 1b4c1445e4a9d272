//! Enumerations that travel as a token (`registered`) and show as a Chinese label (`备案登记`).
//!
//! They serialize as a newtype struct named `$guifan::{Enum}` around the token: JSON (and any
//! serializer that treats newtypes as their content) sees the token; a serializer that looks at
//! the name (the Python module's) can build its own label type from it.

/// Declares an enum whose values parse from a token or any of their Chinese labels and print
/// as either. The first label is the one shown.
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($field:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = $token:literal [ $($label:literal),+ ] ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The token used in JSON and on the command line.
            pub fn token(self) -> &'static str {
                match self { $($name::$variant => $token),+ }
            }

            /// The Chinese label shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => labelled_enum!(@first $($label),+)),+ }
            }

            /// Parses a token or any accepted label.
            pub fn parse(s: &str) -> $crate::error::Result<$name> {
                let t = s.trim();
                $( if t == $token $(|| t == $label)+ { return Ok($name::$variant); } )+
                let expected: Vec<String> = $name::ALL
                    .iter()
                    .map(|v| format!("{} ({})", v.label(), v.token()))
                    .collect();
                Err($crate::error::Error::invalid(
                    $field,
                    s,
                    format!("expected one of {}", expected.join(", ")),
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.token())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> $crate::error::Result<Self> {
                $name::parse(s)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_newtype_struct(
                    concat!("$guifan::", stringify!($name)),
                    self.token(),
                )
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::openapi::tokens(&[$($token),+], &[$(labelled_enum!(@first $($label),+)),+])
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}
    };
    (@first $first:literal $(, $rest:literal)*) => { $first };
}

pub(crate) use labelled_enum;
