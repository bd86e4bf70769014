//! Evaluating a tree against a [`Context`]: operators with JavaScript's
//! loose rules where the reference says IML follows them (§3.2), dates
//! compared by time, paths 1-based.

use std::cmp::Ordering;

use crate::error::ErrorKind;
use crate::functions::Function;
use crate::syntax::{BinaryOp, Expr, Node, Segment, UnaryOp};
use crate::value::{Object, Value};

/// A source of random bytes (`uuid`, `random`), supplied by the caller so
/// that evaluation stays deterministic wherever the caller wants it to be.
pub trait Random {
    fn fill(&mut self, bytes: &mut [u8]);
}

/// What an expression can read: the time, randomness, and the variables
/// (`body`, `temp`, `data`, `parameters` …, each a root name).
pub struct Context<'a> {
    /// Milliseconds since the Unix epoch: `now` and `timestamp`.
    pub now: i64,
    pub random: &'a mut dyn Random,
    pub variables: &'a Object,
}

/// Names IML itself defines; they come before the caller's variables.
const BUILT_IN: &[&str] = &["now", "timestamp", "uuid", "random", "pi"];

impl Context<'_> {
    fn built_in(&mut self, name: &str) -> Option<Value> {
        Some(match name {
            "now" => Value::date(self.now),
            "timestamp" => Value::Number(self.now.div_euclid(1000) as f64),
            "uuid" => Value::Text(self.uuid()),
            "random" => {
                let mut bytes = [0u8; 8];
                self.random.fill(&mut bytes);
                Value::Number((u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64)
            }
            "pi" => Value::Number(std::f64::consts::PI),
            _ => return None,
        })
    }

    /// A version 4 UUID from the caller's random source.
    fn uuid(&mut self) -> String {
        let mut b = [0u8; 16];
        self.random.fill(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
    }

    fn defined(&self, name: &str) -> bool {
        BUILT_IN.contains(&name) || self.variables.contains_key(name)
    }
}

/// An evaluation error at a character offset of the expression.
pub type EvalError = (ErrorKind, usize);

pub(crate) fn evaluate(node: &Node, context: &mut Context) -> Result<Value, EvalError> {
    match &node.expr {
        Expr::Literal(value) => Ok(value.clone()),
        Expr::Path { root, segments } => {
            if let Some(value) = context.built_in(root) {
                return Ok(walk(&value, segments));
            }
            Ok(context.variables.get(root).map(|v| walk(v, segments)).unwrap_or(Value::Null))
        }
        Expr::Access { base, segments } => Ok(walk(&evaluate(base, context)?, segments)),
        Expr::Unary { op: UnaryOp::Not, operand } => Ok(Value::Bool(!evaluate(operand, context)?.truthy())),
        Expr::Unary { op: UnaryOp::Negate, operand } => Ok(arithmetic(&Value::Number(0.0), &evaluate(operand, context)?, |_, b| -b)),
        Expr::Binary { op, left, right } => binary(*op, left, right, node, context),
        Expr::Call { function: Function::If, args } => match args.as_slice() {
            [condition, then, rest @ ..] => {
                if evaluate(condition, context)?.truthy() {
                    evaluate(then, context)
                } else {
                    rest.first().map(|e| evaluate(e, context)).unwrap_or(Ok(Value::Null))
                }
            }
            _ => Ok(Value::Null),
        },
        Expr::Call { function: Function::IfEmpty, args } => match args.as_slice() {
            [value, fallback] => {
                let value = evaluate(value, context)?;
                if value.is_empty() {
                    evaluate(fallback, context)
                } else {
                    Ok(value)
                }
            }
            _ => Ok(Value::Null),
        },
        Expr::Call { function, args } => {
            let values = args.iter().map(|a| evaluate(a, context)).collect::<Result<Vec<_>, _>>()?;
            function.call(values).map_err(|kind| (kind, node.at))
        }
    }
}

fn binary(op: BinaryOp, left: &Node, right: &Node, node: &Node, context: &mut Context) -> Result<Value, EvalError> {
    use BinaryOp::*;
    if op == Subtract {
        if let Some(kind) = hyphen_path(node, context) {
            return Err((kind, right.at.saturating_sub(1)));
        }
    }
    let l = evaluate(left, context)?;
    // `&` and `|` give an operand, as JavaScript's `&&` and `||` do, and skip the right one when they can.
    match op {
        And if !l.truthy() => return Ok(l),
        Or if l.truthy() => return Ok(l),
        And | Or => return evaluate(right, context),
        _ => {}
    }
    let r = evaluate(right, context)?;
    Ok(match op {
        Add => add(l, r),
        Subtract => arithmetic(&l, &r, |a, b| a - b),
        Multiply => arithmetic(&l, &r, |a, b| a * b),
        Divide => arithmetic(&l, &r, |a, b| a / b),
        Remainder => arithmetic(&l, &r, |a, b| a % b),
        Less => Value::Bool(compare(&l, &r) == Some(Ordering::Less)),
        LessOrEqual => Value::Bool(matches!(compare(&l, &r), Some(Ordering::Less | Ordering::Equal))),
        Greater => Value::Bool(compare(&l, &r) == Some(Ordering::Greater)),
        GreaterOrEqual => Value::Bool(matches!(compare(&l, &r), Some(Ordering::Greater | Ordering::Equal))),
        Equal => Value::Bool(loosely_equal(&l, &r)),
        NotEqual => Value::Bool(!loosely_equal(&l, &r)),
        And | Or => Value::Null,
    })
}

/// `+`: numbers add; with text on either side it joins text; null adds nothing.
fn add(l: Value, r: Value) -> Value {
    match (l, r) {
        (Value::Null, r) => r,
        (l, Value::Null) => l,
        (Value::Number(a), Value::Number(b)) => Value::number(a + b),
        (l @ (Value::Bool(_) | Value::Number(_)), r @ (Value::Bool(_) | Value::Number(_))) => arithmetic(&l, &r, |a, b| a + b),
        (l, r) => Value::Text(l.to_text() + &r.to_text()),
    }
}

/// Numbers from both sides (text read as a number), or null when either is not one.
fn arithmetic(l: &Value, r: &Value, f: fn(f64, f64) -> f64) -> Value {
    match (l.to_number(), r.to_number()) {
        (Some(a), Some(b)) => Value::number(f(a, b)),
        _ => Value::Null,
    }
}

/// Order of two values: by time when either is a date (the other may be
/// ISO text), by number, or text by text; `None` when they do not compare.
pub(crate) fn compare(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Date(_), _) | (_, Value::Date(_)) => Some(l.to_time()?.cmp(&r.to_time()?)),
        (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => None,
        _ => l.to_number()?.partial_cmp(&r.to_number()?),
    }
}

/// `=`: loose equality (reference §3.2, S6): numbers and numeric text are
/// equal when their numbers are; dates by time; null equals only null;
/// arrays and objects by content.
pub(crate) fn loosely_equal(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Null, Value::Null) => true,
        (Value::Null, _) | (_, Value::Null) => false,
        (Value::Date(_), _) | (_, Value::Date(_)) => l.to_time().is_some() && l.to_time() == r.to_time(),
        (Value::Text(a), Value::Text(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| loosely_equal(x, y)),
        (Value::Object(a), Value::Object(b)) => a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| loosely_equal(v, w))),
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => false,
        _ => matches!((l.to_number(), r.to_number()), (Some(a), Some(b)) if a == b),
    }
}

/// One step of a path: a key of an object, a 1-based (or negative) index
/// of an array, or `[]` for its first item.
pub(crate) fn step_ref<'v>(value: &'v Value, segment: &Segment) -> Option<&'v Value> {
    match (value, segment) {
        (Value::Object(fields), Segment::Key(key)) => fields.get(key),
        (Value::Array(items), Segment::First) => items.first(),
        (Value::Array(items), Segment::Index(n)) if *n > 0 => items.get(usize::try_from(*n - 1).ok()?),
        (Value::Array(items), Segment::Index(n)) => {
            let back = usize::try_from(n.checked_neg()?).ok()?;
            items.len().checked_sub(back).and_then(|i| items.get(i))
        }
        _ => None,
    }
}

pub(crate) fn step(value: &Value, segment: &Segment) -> Value {
    step_ref(value, segment).cloned().unwrap_or(Value::Null)
}

fn walk(value: &Value, segments: &[Segment]) -> Value {
    let mut at = Some(value);
    for segment in segments {
        at = at.and_then(|v| step_ref(v, segment));
    }
    at.cloned().unwrap_or(Value::Null)
}

/// `body.expires-in`: a path, then `-` and words that are not variables.
/// The whole chain is found at its outermost `-`, so this runs once per chain.
fn hyphen_path(node: &Node, context: &Context) -> Option<ErrorKind> {
    let (written, words) = hyphen_chain(node)?;
    let undefined = words.iter().find(|w| !context.defined(w))?;
    Some(ErrorKind::HyphenPath { meant: written.replace('-', "_"), written, undefined: undefined.clone() })
}

fn hyphen_chain(node: &Node) -> Option<(String, Vec<String>)> {
    match &node.expr {
        Expr::Path { root, segments } if !segments.is_empty() => Some((path_text(root, segments), Vec::new())),
        Expr::Binary { op: BinaryOp::Subtract, left, right } => {
            let Expr::Path { root: word, segments } = &right.expr else {
                return None;
            };
            if !segments.is_empty() {
                return None;
            }
            let (mut written, mut words) = hyphen_chain(left)?;
            written.push('-');
            written.push_str(word);
            words.push(word.clone());
            Some((written, words))
        }
        _ => None,
    }
}

fn path_text(root: &str, segments: &[Segment]) -> String {
    let mut text = root.to_string();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                text.push('.');
                text.push_str(key);
            }
            Segment::Index(n) => text.push_str(&format!("[{n}]")),
            Segment::First => text.push_str("[]"),
        }
    }
    text
}
