//! Templates: text with `{{ expression }}` inside. A template that is
//! exactly one expression yields that expression's value with its type;
//! text with expressions in it yields text (reference §3.3, "Type rule").

use crate::error::{Error, ErrorKind, Expected};
use crate::eval::{self, Context};
use crate::syntax::{self, Node};
use crate::value::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Expression {
        source: String,
        /// Character offset of the expression's first character in the template.
        start: usize,
        node: Node,
    },
}

impl Template {
    /// Reads a template; the first syntax error is returned with its place.
    pub fn parse(text: &str) -> Result<Template, Error> {
        let chars: Vec<char> = text.chars().collect();
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut i = 0;
        while i < chars.len() {
            if !(chars[i] == '{' && chars.get(i + 1) == Some(&'{')) {
                literal.push(chars[i]);
                i += 1;
                continue;
            }
            let start = i + 2;
            let end = closing(&chars, start).map_err(|open| {
                let (kind, offset) = match open {
                    // A quote left open swallowed the `}}`: that is the fault to show.
                    Some(('`', at)) => (ErrorKind::UnterminatedKey, at - start),
                    Some((_, at)) => (ErrorKind::UnterminatedString, at - start),
                    None => {
                        let found = "the end of the text".to_string();
                        (ErrorKind::Unexpected { expected: Expected::ClosingBraces, found }, chars.len() - start)
                    }
                };
                Error { kind, offset, template_offset: start + offset }
            })?;
            let source: String = chars[start..end].iter().collect();
            let node = syntax::parse(&source).map_err(|(kind, offset)| Error { kind, offset, template_offset: start + offset })?;
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(Part::Expression { source, start, node });
            i = end + 2;
        }
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Ok(Template { parts })
    }

    /// Evaluates: one expression keeps its type, anything else is text.
    pub fn evaluate(&self, context: &mut Context) -> Result<Value, Error> {
        let at = |start: usize| move |(kind, offset)| Error { kind, offset, template_offset: start + offset };
        match self.parts.as_slice() {
            [Part::Expression { start, node, .. }] => eval::evaluate(node, context).map_err(at(*start)),
            parts => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        Part::Text(t) => text.push_str(t),
                        Part::Expression { start, node, .. } => text.push_str(&eval::evaluate(node, context).map_err(at(*start))?.to_text()),
                    }
                }
                Ok(Value::Text(text))
            }
        }
    }

    /// Has at least one `{{ }}` (otherwise the template is plain text).
    pub fn has_expressions(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Expression { .. }))
    }

    /// The expressions' sources, as written between the braces.
    pub fn expressions(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Expression { source, .. } => Some(source.as_str()),
            Part::Text(_) => None,
        })
    }
}

/// Where the `}}` closing an expression starting at `from` is: quotes and
/// back-ticks are skipped, so `'}}'` inside text does not close it. `Err`
/// holds the quote still open at the end, and where it opened.
fn closing(chars: &[char], from: usize) -> Result<usize, Option<(char, usize)>> {
    let mut quote: Option<(char, usize)> = None;
    let mut i = from;
    while let Some(&c) = chars.get(i) {
        match quote {
            Some((q, _)) if c == '\\' && q != '`' => i += 1,
            Some((q, _)) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' || c == '`' => quote = Some((c, i)),
            None if c == '}' && chars.get(i + 1) == Some(&'}') => return Ok(i),
            None => {}
        }
        i += 1;
    }
    Err(quote)
}
