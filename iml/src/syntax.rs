//! Reading one expression: tokens, then a tree. Left-associative binary
//! operators at the levels of the reference (§3.2), unary `!` and `-`,
//! paths with postfix `.key`, `` .`odd key` ``, `[n]`, `[]`, `[-1]`.
//! The tree is at most [`MAX_DEPTH`] deep, so nothing that walks it
//! (evaluation, drop) can exhaust the stack.

use crate::error::{ErrorKind, Expected};
use crate::functions::Function;
use crate::value::Value;

/// How deep an expression may nest (operators, calls, parentheses).
pub const MAX_DEPTH: usize = 100;

/// A node of the tree and where it starts in the expression (characters).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub expr: Expr,
    pub at: usize,
    depth: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Literal(Value),
    /// A variable and the path into it: `body.data[1].name`.
    Path { root: String, segments: Vec<Segment> },
    /// A path into a computed value: `first(x).name`, `(a)[2]`.
    Access { base: Box<Node>, segments: Vec<Segment> },
    Unary { op: UnaryOp, operand: Box<Node> },
    Binary { op: BinaryOp, left: Box<Node>, right: Box<Node> },
    Call { function: Function, args: Vec<Node> },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    /// 1-based from the start, or negative from the end (`-1` is the last).
    Index(i64),
    /// `[]`: the first item.
    First,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Negate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Multiply,
    Divide,
    Remainder,
    Add,
    Subtract,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    And,
    Or,
}

impl BinaryOp {
    /// Binding strength (higher binds tighter), as the reference gives it (§3.2).
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Multiply | Divide | Remainder => 14,
            Add | Subtract => 13,
            Less | LessOrEqual | Greater | GreaterOrEqual => 11,
            Equal | NotEqual => 10,
            And => 6,
            Or => 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Number(f64),
    Text(String),
    Ident(String),
    /// `` `key` ``
    Quoted(String),
    Binary(BinaryOp),
    Not,
    Open,
    Close,
    OpenBracket,
    CloseBracket,
    Dot,
    Comma,
    Semicolon,
    End,
}

impl Token {
    fn describe(&self) -> String {
        match self {
            Token::Number(n) => format!("the number {}", crate::value::number_text(*n)),
            Token::Text(_) => "text in quotes".into(),
            Token::Ident(name) => format!("'{}'", shorten(name)),
            Token::Quoted(key) => format!("`{}`", shorten(key)),
            Token::Binary(op) => format!("'{}'", op_text(*op)),
            Token::Not => "'!'".into(),
            Token::Open => "'('".into(),
            Token::Close => "')'".into(),
            Token::OpenBracket => "'['".into(),
            Token::CloseBracket => "']'".into(),
            Token::Dot => "'.'".into(),
            Token::Comma => "','".into(),
            Token::Semicolon => "';'".into(),
            Token::End => "the end of the expression".into(),
        }
    }
}

fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

fn op_text(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Multiply => "*",
        Divide => "/",
        Remainder => "%",
        Add => "+",
        Subtract => "-",
        Less => "<",
        LessOrEqual => "<=",
        Greater => ">",
        GreaterOrEqual => ">=",
        Equal => "=",
        NotEqual => "!=",
        And => "&",
        Or => "|",
    }
}

/// A syntax error at a character offset of the expression.
pub type SyntaxError = (ErrorKind, usize);

fn tokens(source: &str) -> Result<Vec<(Token, usize)>, SyntaxError> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    while let Some(c) = at(i) {
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = if c.is_ascii_digit() {
            while at(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            if at(i) == Some('.') && at(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
                while at(i).is_some_and(|c| c.is_ascii_digit()) {
                    i += 1;
                }
            }
            // An exponent only when digits follow, so `1e` stays a number and a name.
            if matches!(at(i), Some('e' | 'E')) {
                let digits_at = if matches!(at(i + 1), Some('+' | '-')) { i + 2 } else { i + 1 };
                if at(digits_at).is_some_and(|c| c.is_ascii_digit()) {
                    i = digits_at;
                    while at(i).is_some_and(|c| c.is_ascii_digit()) {
                        i += 1;
                    }
                }
            }
            let text: String = chars[start..i].iter().collect();
            Token::Number(text.parse::<f64>().ok().filter(|n| n.is_finite()).unwrap_or(f64::MAX))
        } else if c == '\'' || c == '"' || c == '`' {
            let mut text = String::new();
            i += 1;
            loop {
                match at(i) {
                    None if c == '`' => return Err((ErrorKind::UnterminatedKey, start)),
                    None => return Err((ErrorKind::UnterminatedString, start)),
                    Some('\\') if c != '`' && at(i + 1).is_some() => {
                        text.extend(at(i + 1));
                        i += 2;
                    }
                    Some(q) if q == c => {
                        i += 1;
                        break;
                    }
                    Some(other) => {
                        text.push(other);
                        i += 1;
                    }
                }
            }
            if c == '`' {
                Token::Quoted(text)
            } else {
                Token::Text(text)
            }
        } else if c.is_alphabetic() || c == '_' || c == '$' {
            while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                i += 1;
            }
            Token::Ident(chars[start..i].iter().collect())
        } else {
            let next = at(i + 1);
            let next2 = at(i + 2);
            let (token, len) = match (c, next, next2) {
                ('=', Some('='), Some('=')) => (Token::Binary(BinaryOp::Equal), 3),
                ('=', Some('='), _) => (Token::Binary(BinaryOp::Equal), 2),
                ('=', _, _) => (Token::Binary(BinaryOp::Equal), 1),
                ('!', Some('='), Some('=')) => (Token::Binary(BinaryOp::NotEqual), 3),
                ('!', Some('='), _) => (Token::Binary(BinaryOp::NotEqual), 2),
                ('!', _, _) => (Token::Not, 1),
                ('<', Some('='), _) => (Token::Binary(BinaryOp::LessOrEqual), 2),
                ('<', _, _) => (Token::Binary(BinaryOp::Less), 1),
                ('>', Some('='), _) => (Token::Binary(BinaryOp::GreaterOrEqual), 2),
                ('>', _, _) => (Token::Binary(BinaryOp::Greater), 1),
                ('&', Some('&'), _) => (Token::Binary(BinaryOp::And), 2),
                ('&', _, _) => (Token::Binary(BinaryOp::And), 1),
                ('|', Some('|'), _) => (Token::Binary(BinaryOp::Or), 2),
                ('|', _, _) => (Token::Binary(BinaryOp::Or), 1),
                ('*', _, _) => (Token::Binary(BinaryOp::Multiply), 1),
                ('/', _, _) => (Token::Binary(BinaryOp::Divide), 1),
                ('%', _, _) => (Token::Binary(BinaryOp::Remainder), 1),
                ('+', _, _) => (Token::Binary(BinaryOp::Add), 1),
                ('-', _, _) => (Token::Binary(BinaryOp::Subtract), 1),
                ('(', _, _) => (Token::Open, 1),
                (')', _, _) => (Token::Close, 1),
                ('[', _, _) => (Token::OpenBracket, 1),
                (']', _, _) => (Token::CloseBracket, 1),
                ('.', _, _) => (Token::Dot, 1),
                (',', _, _) => (Token::Comma, 1),
                (';', _, _) => (Token::Semicolon, 1),
                (character, _, _) => return Err((ErrorKind::UnknownCharacter { character }, start)),
            };
            i += len;
            token
        };
        out.push((token, start));
    }
    out.push((Token::End, chars.len()));
    Ok(out)
}

/// Parses one expression (the text between `{{` and `}}`).
pub fn parse(source: &str) -> Result<Node, SyntaxError> {
    let mut parser = Parser { tokens: tokens(source)?, pos: 0, nesting: 0 };
    let node = parser.expression()?;
    match parser.peek() {
        Token::End => Ok(node),
        other => {
            let found = other.describe();
            Err((ErrorKind::Unexpected { expected: Expected::OperatorOrEnd, found }, parser.at()))
        }
    }
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
    /// Open parentheses, calls and unary operators around the current point.
    nesting: usize,
}

fn too_deep(at: usize) -> SyntaxError {
    (ErrorKind::TooDeep { limit: MAX_DEPTH }, at)
}

fn node(expr: Expr, at: usize, depth: usize) -> Result<Node, SyntaxError> {
    if depth > MAX_DEPTH {
        return Err(too_deep(at));
    }
    Ok(Node { expr, at, depth })
}

impl Parser {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).map(|(t, _)| t).unwrap_or(&Token::End)
    }

    fn at(&self) -> usize {
        self.tokens.get(self.pos).or(self.tokens.last()).map(|(_, at)| *at).unwrap_or(0)
    }

    fn next(&mut self) -> (Token, usize) {
        let at = self.at();
        let token = self.peek().clone();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        (token, at)
    }

    fn unexpected(&self, expected: Expected) -> SyntaxError {
        (ErrorKind::Unexpected { expected, found: self.peek().describe() }, self.at())
    }

    fn expression(&mut self) -> Result<Node, SyntaxError> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(too_deep(self.at()));
        }
        let result = self.binary(0);
        self.nesting -= 1;
        result
    }

    /// Operators binding tighter than `min`, left to right.
    fn binary(&mut self, min: u8) -> Result<Node, SyntaxError> {
        let mut left = self.unary()?;
        loop {
            let op = match self.peek() {
                Token::Binary(op) if op.precedence() > min => *op,
                _ => return Ok(left),
            };
            self.pos += 1;
            let right = self.binary(op.precedence())?;
            let (at, depth) = (left.at, left.depth.max(right.depth) + 1);
            left = node(Expr::Binary { op, left: Box::new(left), right: Box::new(right) }, at, depth)?;
        }
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        let op = match self.peek() {
            Token::Not => UnaryOp::Not,
            Token::Binary(BinaryOp::Subtract) => UnaryOp::Negate,
            _ => return self.postfix(),
        };
        let at = self.at();
        self.pos += 1;
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(too_deep(at));
        }
        let operand = self.unary();
        self.nesting -= 1;
        let operand = operand?;
        let depth = operand.depth + 1;
        node(Expr::Unary { op, operand: Box::new(operand) }, at, depth)
    }

    /// A primary and the path segments after it.
    fn postfix(&mut self) -> Result<Node, SyntaxError> {
        let primary = self.primary()?;
        let segments = self.segments()?;
        if segments.is_empty() {
            return Ok(primary);
        }
        match primary.expr {
            Expr::Path { root, segments: mut first } => {
                first.extend(segments);
                node(Expr::Path { root, segments: first }, primary.at, primary.depth)
            }
            _ => {
                let (at, depth) = (primary.at, primary.depth + 1);
                node(Expr::Access { base: Box::new(primary), segments }, at, depth)
            }
        }
    }

    fn segments(&mut self) -> Result<Vec<Segment>, SyntaxError> {
        let mut segments = Vec::new();
        loop {
            match self.peek() {
                Token::Dot => {
                    self.pos += 1;
                    match self.next() {
                        (Token::Ident(key) | Token::Quoted(key), _) => segments.push(Segment::Key(key)),
                        (Token::Number(n), _) if n.fract() == 0.0 => segments.push(Segment::Key(crate::value::number_text(n))),
                        _ => {
                            self.pos -= 1;
                            return Err(self.unexpected(Expected::Key));
                        }
                    }
                }
                Token::OpenBracket => {
                    self.pos += 1;
                    let negative = matches!(self.peek(), Token::Binary(BinaryOp::Subtract));
                    if negative {
                        self.pos += 1;
                    }
                    let segment = match self.peek() {
                        Token::CloseBracket if !negative => Segment::First,
                        Token::Number(n) if *n == 0.0 => return Err((ErrorKind::ZeroIndex, self.at())),
                        Token::Number(n) if n.fract() == 0.0 && *n <= 1e15 => {
                            let n = *n as i64;
                            self.pos += 1;
                            Segment::Index(if negative { -n } else { n })
                        }
                        _ => return Err(self.unexpected(Expected::Index)),
                    };
                    match self.next() {
                        (Token::CloseBracket, _) => segments.push(segment),
                        _ => {
                            self.pos -= 1;
                            return Err(self.unexpected(Expected::ClosingBracket));
                        }
                    }
                }
                _ => return Ok(segments),
            }
        }
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        let (token, at) = self.next();
        match token {
            Token::Number(n) => node(Expr::Literal(Value::Number(n)), at, 0),
            Token::Text(s) => node(Expr::Literal(Value::Text(s)), at, 0),
            Token::Quoted(root) => node(Expr::Path { root, segments: Vec::new() }, at, 0),
            Token::Open => {
                let inner = self.expression()?;
                match self.next() {
                    (Token::Close, _) => Ok(inner),
                    _ => {
                        self.pos -= 1;
                        Err(self.unexpected(Expected::ClosingParenthesis))
                    }
                }
            }
            Token::Ident(name) if matches!(self.peek(), Token::Open) => self.call(name, at),
            Token::Ident(name) => match keyword(&name) {
                Some(value) => node(Expr::Literal(value), at, 0),
                None => node(Expr::Path { root: name, segments: Vec::new() }, at, 0),
            },
            _ => {
                self.pos -= 1;
                Err(self.unexpected(Expected::Expression))
            }
        }
    }

    fn call(&mut self, name: String, at: usize) -> Result<Node, SyntaxError> {
        let Some(function) = Function::from_name(&name) else {
            return Err((ErrorKind::UnknownFunction { name: shorten(&name) }, at));
        };
        self.pos += 1; // '('
        let mut args = Vec::new();
        if matches!(self.peek(), Token::Close) {
            self.pos += 1;
        } else {
            loop {
                args.push(self.expression()?);
                match self.next() {
                    (Token::Comma, _) => {}
                    (Token::Close, _) => break,
                    (Token::Semicolon, semicolon) => {
                        return Err((ErrorKind::SemicolonArguments { function: function.name().to_string() }, semicolon))
                    }
                    _ => {
                        self.pos -= 1;
                        return Err(self.unexpected(Expected::CommaOrClosingParenthesis));
                    }
                }
            }
        }
        let (min, max) = function.arity();
        if args.len() < min || args.len() > max {
            let expected = function.arity_words();
            return Err((ErrorKind::ArgumentCount { function: function.name(), expected, given: args.len() }, at));
        }
        let depth = args.iter().map(|a| a.depth).max().unwrap_or(0) + 1;
        node(Expr::Call { function, args }, at, depth)
    }
}

/// IML's keywords (reference §3.2): values, not variables.
fn keyword(name: &str) -> Option<Value> {
    Some(match name {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" | "undefined" => Value::Null,
        "emptystring" => Value::Text(String::new()),
        "emptyarray" => Value::Array(Vec::new()),
        "space" => Value::Text(" ".into()),
        "nbsp" => Value::Text("\u{a0}".into()),
        "tab" => Value::Text("\t".into()),
        "newline" => Value::Text("\n".into()),
        "carriagereturn" => Value::Text("\r".into()),
        _ => return None,
    })
}
