//! Errors, as data: what went wrong, and where. Positions are counted in
//! characters (Unicode scalar values), so an editor can put the cursor there.

use std::fmt;

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Error {
    pub kind: ErrorKind,
    /// Character offset within the expression (the text between `{{` and `}}`).
    pub offset: usize,
    /// Character offset within the whole template string.
    pub template_offset: usize,
}

/// What the parser wanted to read next.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expected {
    Expression,
    ClosingParenthesis,
    CommaOrClosingParenthesis,
    ClosingBracket,
    /// A key after `.`.
    Key,
    /// A whole number (or nothing, or `-1`) between `[` and `]`.
    Index,
    /// An operator, or the end of the expression.
    OperatorOrEnd,
    /// The `}}` that closes an expression.
    ClosingBraces,
}

impl Expected {
    pub fn words(self) -> &'static str {
        match self {
            Expected::Expression => "an expression (a value, a variable, a function call or '(')",
            Expected::ClosingParenthesis => "')'",
            Expected::CommaOrClosingParenthesis => "',' or ')'",
            Expected::ClosingBracket => "']'",
            Expected::Key => "a key after '.'",
            Expected::Index => "a whole number from 1 (or -1 for the last item) between '[' and ']'",
            Expected::OperatorOrEnd => "an operator or the end of the expression",
            Expected::ClosingBraces => "'}}'",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ErrorKind {
    // Syntax: found while parsing.
    /// Something else came where the parser expected `expected`.
    Unexpected { expected: Expected, found: String },
    /// A string literal without its closing quote.
    UnterminatedString,
    /// A back-ticked key without its closing back-tick.
    UnterminatedKey,
    /// A character IML has no use for.
    UnknownCharacter { character: char },
    /// Deeper than [`crate::MAX_DEPTH`] nested parentheses, calls or operators.
    TooDeep { limit: usize },
    /// `;` between a function's arguments: the scenario editor's syntax; app JSON uses `,`.
    SemicolonArguments { function: String },
    /// `[0]`: IML arrays count from 1.
    ZeroIndex,
    /// A call of a function IML does not have (or this subset does not).
    UnknownFunction { name: String },
    /// A function called with too few or too many arguments.
    ArgumentCount { function: &'static str, expected: &'static str, given: usize },
    // Evaluation.
    /// `a.b-c`: the hyphen is read as minus and `c` is an undefined variable.
    HyphenPath { written: String, meant: String, undefined: String },
    /// A time zone other than UTC or a fixed offset.
    UnknownTimezone { given: String },
    /// `decodeURL` of text that is not valid percent-encoding.
    MalformedUrlEncoding,
}

impl ErrorKind {
    /// Found by reading the expression, before evaluating anything.
    pub fn is_syntax(&self) -> bool {
        !matches!(self, ErrorKind::HyphenPath { .. } | ErrorKind::UnknownTimezone { .. } | ErrorKind::MalformedUrlEncoding)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Unexpected { expected, found } => write!(f, "expected {}, found {found}", expected.words()),
            ErrorKind::UnterminatedString => write!(f, "text starts with a quote that is never closed; close it with the same quote"),
            ErrorKind::UnterminatedKey => write!(f, "a back-ticked key is never closed; close it with '`'"),
            ErrorKind::UnknownCharacter { character } => write!(f, "'{character}' has no meaning in IML"),
            ErrorKind::TooDeep { limit } => write!(f, "nested more than {limit} levels deep; split the expression"),
            ErrorKind::SemicolonArguments { function } => write!(
                f,
                "'{function}' has its arguments separated by ';' (the scenario editor's syntax); in app JSON separate them with ','"
            ),
            ErrorKind::ZeroIndex => write!(f, "'[0]' reaches nothing: IML arrays count from 1, so the first item is '[1]'"),
            ErrorKind::UnknownFunction { name } => write!(f, "there is no function '{name}'"),
            ErrorKind::ArgumentCount { function, expected, given } => {
                write!(f, "'{function}' takes {expected} argument(s), {given} given")
            }
            ErrorKind::HyphenPath { written, meant, undefined } => write!(
                f,
                "'{written}' reads as a subtraction: '-' is minus and '{undefined}' is an undefined variable; write '{meant}' (or back-tick a key that really has a hyphen)"
            ),
            ErrorKind::UnknownTimezone { given } => write!(f, "time zone '{given}' is not known; use 'UTC' or a fixed offset such as '+01:00'"),
            ErrorKind::MalformedUrlEncoding => write!(f, "decodeURL was given text that is not valid percent-encoding"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {} of the expression, {} of the text)", self.kind, self.offset, self.template_offset)
    }
}

impl std::error::Error for Error {}
