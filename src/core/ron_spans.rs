//! Where each value sits in a RON text, so that semantic problems found on
//! the deserialized routine can point at the line and column that caused them.
//!
//! The `ron` crate reports positions only for its own errors; its values carry
//! no spans. This walker runs only on text that `ron` has already accepted, so
//! it can be small and forgiving: it never fails, it only finds less.

use std::iter::Peekable;
use std::str::CharIndices;

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One step into a value: a named field or a list position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Field(&'static str),
    Index(usize),
}

#[derive(Debug)]
struct Node {
    start: Pos,
    kind: NodeKind,
}

#[derive(Debug)]
enum NodeKind {
    /// `Name(a: 1, b: 2)` or `(a: 1)`.
    Fields {
        name: Option<String>,
        /// Each field's name, where the name is written, and its value.
        fields: Vec<(String, Pos, Node)>,
    },
    /// `[1, 2]`, `(1, 2)`, `Some(x)`, `{k: v}` (keys and values in turn).
    Items {
        name: Option<String>,
        items: Vec<Node>,
    },
    Scalar,
}

/// A struct's name, if written, and its field names with their positions.
pub type StructFields<'a> = (Option<&'a str>, Vec<(&'a str, Pos)>);

/// The value tree of a RON text, with the position of each value.
pub struct SpanIndex {
    root: Option<Node>,
}

impl SpanIndex {
    pub fn new(src: &str) -> Self {
        let mut lexer = Lexer::new(src);
        let root = parse_value(&mut lexer, 0);
        SpanIndex { root }
    }

    /// The struct name (if written) and the field names, each with where it
    /// is written, of the `Name(field: ...)` value exactly at `path`.
    pub fn fields_at(&self, path: &[Seg]) -> Option<StructFields<'_>> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            node = descend(node, seg)?;
        }
        match &node.kind {
            NodeKind::Fields { name, fields } => Some((
                name.as_deref(),
                fields.iter().map(|(n, at, _)| (n.as_str(), *at)).collect(),
            )),
            _ => None,
        }
    }

    /// Position of the value at `path`, or of the deepest part of it that
    /// exists in the text (a field left to its default has no position of
    /// its own, so its parent is the best place to point).
    pub fn locate(&self, path: &[Seg]) -> Pos {
        let Some(mut node) = self.root.as_ref() else {
            return Pos { line: 1, col: 1 };
        };
        for seg in path {
            match descend(node, seg) {
                Some(child) => node = child,
                None => break,
            }
        }
        node.start
    }
}

/// Where the first token at or after `pos` starts. `ron` reports some
/// errors at the whitespace in front of the value at fault.
pub fn next_token_at(src: &str, pos: Pos) -> Pos {
    let mut lx = Lexer::new(src);
    while lx.pos() < pos && lx.bump().is_some() {}
    lx.skip_trivia();
    lx.pos()
}

/// Where the last token starting before `pos` ends: the place for a comma
/// that `ron` only missed when it reached the next token.
pub fn end_of_token_before(src: &str, pos: Pos) -> Pos {
    let mut lx = Lexer::new(src);
    let mut end = Pos { line: 1, col: 1 };
    loop {
        lx.skip_trivia();
        if lx.pos() >= pos || lx.lex().is_none() {
            return end;
        }
        end = lx.pos();
    }
}

/// The `name: value` entry around `pos` (its comma included) as the
/// positions `[start, end)`: what to blank so that `ron` can read on past
/// a field it refused. `None` when `pos` is not inside such an entry.
pub fn entry_around(src: &str, pos: Pos) -> Option<(Pos, Pos)> {
    let mut lx = Lexer::new(src);
    // Where the entry being read at each depth started: at a name followed
    // by `:`.
    let mut starts: Vec<Option<Pos>> = vec![None];
    let mut last_ident: Option<Pos> = None;
    let mut target: Option<usize> = None;
    loop {
        let (at, tok) = lx.lex()?;
        let end = lx.pos();
        let depth = starts.len() - 1;
        match target {
            Some(d) if depth == d && matches!(tok, Tok::Comma) => return Some((starts[d]?, end)),
            Some(d) if depth == d && matches!(tok, Tok::Close) => return Some((starts[d]?, at)),
            Some(_) => {}
            None if end > pos => {
                if matches!(tok, Tok::Close) {
                    return None;
                }
                target = Some(depth);
            }
            None => {}
        }
        match tok {
            Tok::Open(_) => starts.push(None),
            Tok::Close => {
                starts.pop();
                if starts.is_empty() {
                    return None;
                }
            }
            Tok::Colon => {
                if let Some(i) = last_ident {
                    starts[depth] = Some(i);
                }
            }
            Tok::Comma => starts[depth] = None,
            _ => {}
        }
        last_ident = matches!(tok, Tok::Ident(_)).then_some(at);
    }
}

/// `src` with the characters in `[start, end)` made spaces, line breaks
/// kept, so every other position stays where it was.
pub fn blank(src: &str, start: Pos, end: Pos) -> String {
    let (mut line, mut col) = (1, 1);
    src.chars()
        .map(|c| {
            let here = Pos { line, col };
            if c == '\n' {
                line += 1;
                col = 1;
            } else {
                col += 1;
            }
            if here >= start && here < end && c != '\n' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Where the value closed by the `)`, `]` or `}` at `close` starts, with its
/// name (`Step(` rather than `(`).
pub fn opening_of(src: &str, close: Pos) -> Option<Pos> {
    let mut lx = Lexer::new(src);
    let mut open: Vec<Pos> = Vec::new();
    let mut ident: Option<Pos> = None;
    while let Some((at, tok)) = lx.lex() {
        match tok {
            Tok::Open(_) => open.push(ident.unwrap_or(at)),
            Tok::Close if at == close => return open.pop(),
            Tok::Close if at > close => return None,
            Tok::Close => {
                open.pop();
            }
            _ => {}
        }
        ident = matches!(tok, Tok::Ident(_)).then_some(at);
    }
    None
}

fn descend<'a>(node: &'a Node, seg: &Seg) -> Option<&'a Node> {
    match (&node.kind, seg) {
        (NodeKind::Fields { fields, .. }, Seg::Field(name)) => {
            fields.iter().find(|(n, ..)| n == name).map(|(.., v)| v)
        }
        (NodeKind::Items { items, .. }, Seg::Index(i)) => items.get(*i),
        // `Some(x)` and other one-element wrappers are transparent for fields.
        (
            NodeKind::Items {
                name: Some(_),
                items,
            },
            Seg::Field(_),
        ) if items.len() == 1 => descend(&items[0], seg),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Open(char),
    Close,
    Colon,
    Comma,
    Scalar,
}

#[derive(Clone)]
struct Lexer<'a> {
    chars: Peekable<CharIndices<'a>>,
    src: &'a str,
    line: usize,
    col: usize,
    peeked: Option<(Pos, Tok)>,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            chars: src.char_indices().peekable(),
            src,
            line: 1,
            col: 1,
            peeked: None,
        }
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    fn peek_char(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn rest(&mut self) -> &'a str {
        let at = self.chars.peek().map_or(self.src.len(), |&(i, _)| i);
        &self.src[at..]
    }

    fn skip_trivia(&mut self) {
        loop {
            match self.peek_char() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') if self.rest().starts_with("//") => {
                    while self.peek_char().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                Some('/') if self.rest().starts_with("/*") => {
                    let mut depth = 0usize;
                    while let Some(c) = self.bump() {
                        if c == '/' && self.peek_char() == Some('*') {
                            self.bump();
                            depth += 1;
                        } else if c == '*' && self.peek_char() == Some('/') {
                            self.bump();
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn peek(&mut self) -> Option<&(Pos, Tok)> {
        if self.peeked.is_none() {
            self.peeked = self.lex();
        }
        self.peeked.as_ref()
    }

    fn next(&mut self) -> Option<(Pos, Tok)> {
        self.peek();
        self.peeked.take()
    }

    fn lex(&mut self) -> Option<(Pos, Tok)> {
        self.skip_trivia();
        let pos = self.pos();
        let c = self.peek_char()?;
        let tok = match c {
            '(' | '[' | '{' => {
                self.bump();
                Tok::Open(c)
            }
            ')' | ']' | '}' => {
                self.bump();
                Tok::Close
            }
            ':' => {
                self.bump();
                Tok::Colon
            }
            ',' => {
                self.bump();
                Tok::Comma
            }
            '"' => {
                self.skip_quoted('"');
                Tok::Scalar
            }
            '\'' => {
                self.skip_quoted('\'');
                Tok::Scalar
            }
            'r' | 'b' if self.raw_string_hashes().is_some() => {
                self.skip_raw_string();
                Tok::Scalar
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut ident = String::new();
                while let Some(c) = self.peek_char() {
                    if c.is_alphanumeric() || c == '_' || c == '#' {
                        ident.push(c);
                        self.bump();
                    } else {
                        break;
                    }
                }
                Tok::Ident(ident.trim_start_matches("r#").to_string())
            }
            _ => {
                // Numbers, signs, dots: everything up to a delimiter.
                while let Some(c) = self.peek_char() {
                    if c.is_whitespace() || "()[]{}:,\"".contains(c) {
                        break;
                    }
                    self.bump();
                }
                Tok::Scalar
            }
        };
        Some((pos, tok))
    }

    fn skip_quoted(&mut self, quote: char) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                c if c == quote => return,
                _ => {}
            }
        }
    }

    /// `r"`, `r#"`, `br"`...: the number of `#`s, if a raw string starts here.
    fn raw_string_hashes(&mut self) -> Option<usize> {
        let rest = self.rest();
        let rest = rest.strip_prefix('b').unwrap_or(rest);
        let rest = rest.strip_prefix('r')?;
        let hashes = rest.chars().take_while(|&c| c == '#').count();
        rest[hashes..].starts_with('"').then_some(hashes)
    }

    fn skip_raw_string(&mut self) {
        let hashes = self.raw_string_hashes().unwrap_or(0);
        while self.bump() != Some('"') {}
        let closing = format!("\"{}", "#".repeat(hashes));
        while !self.rest().is_empty() {
            if self.rest().starts_with(&closing) {
                for _ in 0..closing.chars().count() {
                    self.bump();
                }
                return;
            }
            self.bump();
        }
    }
}

/// Deep enough for any routine; `ron` has already refused deeper input.
const MAX_DEPTH: usize = 256;

fn parse_value(lx: &mut Lexer, depth: usize) -> Option<Node> {
    if depth > MAX_DEPTH {
        return None;
    }
    let (start, tok) = lx.next()?;
    let (name, open) = match tok {
        Tok::Ident(name) => match lx.peek() {
            Some((_, Tok::Open('('))) => {
                lx.next();
                (Some(name), '(')
            }
            _ => {
                return Some(Node {
                    start,
                    kind: NodeKind::Scalar,
                });
            }
        },
        Tok::Open(c) => (None, c),
        _ => {
            return Some(Node {
                start,
                kind: NodeKind::Scalar,
            });
        }
    };
    let kind = if open == '(' && looks_like_fields(lx) {
        let mut fields = Vec::new();
        while let Some((at, tok)) = lx.next() {
            match tok {
                Tok::Ident(field) => {
                    if lx.peek().is_some_and(|(_, t)| *t == Tok::Colon) {
                        lx.next();
                    }
                    if let Some(value) = parse_value(lx, depth + 1) {
                        fields.push((field, at, value));
                    }
                }
                Tok::Close => break,
                _ => {}
            }
        }
        NodeKind::Fields { name, fields }
    } else {
        let mut items = Vec::new();
        loop {
            match lx.peek() {
                None => break,
                Some((_, Tok::Close)) => {
                    lx.next();
                    break;
                }
                Some((_, Tok::Comma | Tok::Colon)) => {
                    lx.next();
                }
                Some(_) => match parse_value(lx, depth + 1) {
                    Some(item) => items.push(item),
                    None => break,
                },
            }
        }
        NodeKind::Items { name, items }
    };
    Some(Node { start, kind })
}

/// After `(`: is this `(field: ...)` rather than a tuple?
fn looks_like_fields(lx: &Lexer) -> bool {
    let mut probe = lx.clone();
    matches!(probe.next(), Some((_, Tok::Ident(_))))
        && matches!(probe.next(), Some((_, Tok::Colon)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }

    const SRC: &str = r##"// a comment with ( and "
Routine(
    id: "x(",
    steps: [
        Step(id: "a", kind: Hold(duration: "0s", reps: 0)),
        /* nested /* comment */ ) */
        Step(id: r#"b"#, kind: Timed(duration: "1m")),
    ],
    schedule: (course: Some(Course(sessions: 0))),
    pair: (1, "two"),
)
"##;

    #[test]
    fn finds_nested_fields_and_list_items() {
        let idx = SpanIndex::new(SRC);
        use Seg::*;
        assert_eq!(idx.locate(&[Field("id")]), at(3, 9));
        assert_eq!(idx.locate(&[Field("steps"), Index(0)]), at(5, 9));
        assert_eq!(
            idx.locate(&[Field("steps"), Index(0), Field("kind"), Field("reps")]),
            at(5, 56)
        );
        assert_eq!(
            idx.locate(&[Field("steps"), Index(1), Field("kind"), Field("duration")]),
            at(7, 48)
        );
        assert_eq!(
            idx.locate(&[Field("schedule"), Field("course"), Field("sessions")]),
            at(9, 46)
        );
        assert_eq!(idx.locate(&[Field("pair"), Index(1)]), at(10, 15));
    }

    #[test]
    fn missing_parts_point_at_the_deepest_existing_value() {
        let idx = SpanIndex::new(SRC);
        use Seg::*;
        assert_eq!(
            idx.locate(&[Field("steps"), Index(1), Field("rest_after")]),
            at(7, 9)
        );
        assert_eq!(idx.locate(&[Field("nope")]), at(2, 1));
        assert_eq!(idx.locate(&[Field("steps"), Index(9)]), at(4, 12));
    }

    #[test]
    fn lists_the_fields_of_a_struct_with_their_name_and_positions() {
        let idx = SpanIndex::new(SRC);
        use Seg::*;
        let (name, fields) = idx
            .fields_at(&[Field("steps"), Index(0), Field("kind")])
            .unwrap();
        assert_eq!(name, Some("Hold"));
        assert_eq!(fields, [("duration", at(5, 34)), ("reps", at(5, 50))]);
        assert_eq!(idx.fields_at(&[Field("id")]), None);
        assert_eq!(idx.fields_at(&[Field("nope")]), None);
    }

    #[test]
    fn finds_tokens_around_a_position() {
        let src = "Routine(\n  id: /* c */ \"x\"\n  title: \"T\",\n  steps: [Step(a: 1)],\n)";
        assert_eq!(next_token_at(src, at(2, 6)), at(2, 15));
        assert_eq!(next_token_at(src, at(2, 15)), at(2, 15));
        assert_eq!(end_of_token_before(src, at(3, 3)), at(2, 18));
        assert_eq!(opening_of(src, at(4, 20)), at(4, 11).into());
        assert_eq!(opening_of(src, at(4, 21)), at(4, 10).into());
        assert_eq!(opening_of(src, at(5, 1)), at(1, 1).into());
        assert_eq!(opening_of(src, at(2, 3)), None);
    }

    #[test]
    fn never_panics_on_garbage() {
        for src in ["", "(", ")", "r#\"", "\"", "/*", "a(b:", "[[[[", "'", "br#"] {
            SpanIndex::new(src).locate(&[Seg::Field("x"), Seg::Index(3)]);
            let far = at(9, 9);
            next_token_at(src, far);
            end_of_token_before(src, far);
            opening_of(src, far);
            opening_of(src, at(1, 1));
        }
    }
}
