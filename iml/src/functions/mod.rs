//! The built-in functions of this subset (reference §3.4), each once: its
//! name, how many arguments it takes, and what it does. `if` and `ifempty`
//! are lazy, so the evaluator handles them before arguments are evaluated.

mod array;
mod dates;
mod encoding;
mod math;
mod text;

use crate::error::ErrorKind;
use crate::value::Value;

macro_rules! functions {
    ($($variant:ident = $name:literal, $min:literal ..= $max:expr;)*) => {
        /// A built-in function.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Function { $($variant),* }

        impl Function {
            pub const ALL: &'static [Function] = &[$(Function::$variant),*];

            /// The name as written in IML.
            pub fn name(self) -> &'static str {
                match self { $(Function::$variant => $name),* }
            }

            /// Fewest and most arguments.
            pub fn arity(self) -> (usize, usize) {
                match self { $(Function::$variant => ($min, $max)),* }
            }
        }
    };
}

const MANY: usize = usize::MAX;

functions! {
    If = "if", 2..=3;
    IfEmpty = "ifempty", 2..=2;
    AddSeconds = "addSeconds", 2..=2;
    AddMinutes = "addMinutes", 2..=2;
    AddHours = "addHours", 2..=2;
    AddDays = "addDays", 2..=2;
    AddMonths = "addMonths", 2..=2;
    AddYears = "addYears", 2..=2;
    FormatDate = "formatDate", 1..=3;
    ParseDate = "parseDate", 1..=3;
    Join = "join", 1..=2;
    Split = "split", 1..=2;
    Merge = "merge", 1..=MANY;
    Distinct = "distinct", 1..=2;
    First = "first", 1..=1;
    Last = "last", 1..=1;
    Length = "length", 1..=1;
    Get = "get", 2..=2;
    Keys = "keys", 1..=1;
    Lower = "lower", 1..=1;
    Upper = "upper", 1..=1;
    Trim = "trim", 1..=1;
    Replace = "replace", 3..=3;
    Substring = "substring", 2..=3;
    IndexOf = "indexOf", 2..=3;
    Contains = "contains", 2..=2;
    ToString = "toString", 1..=1;
    Base64 = "base64", 1..=1;
    EncodeUrl = "encodeURL", 1..=1;
    DecodeUrl = "decodeURL", 1..=1;
    Sha256 = "sha256", 1..=4;
    Md5 = "md5", 1..=1;
    Round = "round", 1..=1;
    Floor = "floor", 1..=1;
    Ceil = "ceil", 1..=1;
    Min = "min", 1..=MANY;
    Max = "max", 1..=MANY;
    ParseNumber = "parseNumber", 1..=2;
}

impl Function {
    /// Names are case-sensitive, as in Make (`encodeURL`, not `encodeUrl`).
    pub fn from_name(name: &str) -> Option<Function> {
        Function::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The arity in words, for messages.
    pub fn arity_words(self) -> &'static str {
        match self.arity() {
            (1, 1) => "1",
            (2, 2) => "2",
            (3, 3) => "3",
            (1, 2) => "1 or 2",
            (2, 3) => "2 or 3",
            (1, 3) => "1 to 3",
            (1, 4) => "1 to 4",
            _ => "at least 1",
        }
    }

    /// Calls an eager function with its evaluated arguments (their count is
    /// checked when the expression is read).
    pub(crate) fn call(self, mut args: Vec<Value>) -> Result<Value, ErrorKind> {
        use Function::*;
        let mut next = 0;
        let mut arg = || {
            next += 1;
            args.get_mut(next - 1).map(std::mem::take).unwrap_or_default()
        };
        Ok(match self {
            If | IfEmpty => Value::Null, // evaluated lazily in eval
            AddSeconds => dates::add_millis(arg(), arg(), 1000),
            AddMinutes => dates::add_millis(arg(), arg(), 60_000),
            AddHours => dates::add_millis(arg(), arg(), 3_600_000),
            AddDays => dates::add_millis(arg(), arg(), 86_400_000),
            AddMonths => dates::add_months(arg(), arg(), 1),
            AddYears => dates::add_months(arg(), arg(), 12),
            FormatDate => dates::format(arg(), arg(), arg())?,
            ParseDate => dates::parse(arg(), arg(), arg())?,
            Join => array::join(arg(), arg()),
            Split => array::split(arg(), arg()),
            Merge => array::merge(args),
            Distinct => array::distinct(arg(), arg()),
            First => array::first(arg()),
            Last => array::last(arg()),
            Length => array::length(arg()),
            Get => array::get(arg(), arg()),
            Keys => array::keys(arg()),
            Lower => text::lower(arg()),
            Upper => text::upper(arg()),
            Trim => text::trim(arg()),
            Replace => text::replace(arg(), arg(), arg()),
            Substring => text::substring(arg(), arg(), arg()),
            IndexOf => text::index_of(arg(), arg(), arg()),
            Contains => text::contains(arg(), arg()),
            ToString => Value::Text(arg().to_text()),
            Base64 => encoding::base64(arg()),
            EncodeUrl => encoding::encode_url(arg()),
            DecodeUrl => encoding::decode_url(arg())?,
            Sha256 => encoding::sha256(arg(), arg(), arg(), arg()),
            Md5 => encoding::md5(arg()),
            Round => math::unary(arg(), f64::round),
            Floor => math::unary(arg(), f64::floor),
            Ceil => math::unary(arg(), f64::ceil),
            Min => math::extreme(args, f64::min),
            Max => math::extreme(args, f64::max),
            ParseNumber => math::parse_number(arg(), arg()),
        })
    }
}
