//! Positions: where every key and value of a YAML text stands, by path.

use crate::diagnostic::Pos;
use std::collections::HashMap;

/// Nesting deeper than this is an error before serde_yaml reads the text: handbook data needs
/// five levels (`phases[0].points[3].text`), and very deep nesting makes the parser slow.
pub const MAX_DEPTH: usize = 32;

/// Where the keys and values of a YAML document stand, by path (`items[2].id`): recorded by one
/// pass of an event parser, because serde_yaml reports positions only for errors.
#[derive(Debug, Clone, Default)]
pub struct Positions {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    /// Text values with where they stand, for errors that name a value but not its place.
    scalars: Vec<(String, Pos)>,
}

/// One open collection while walking the events.
enum Frame {
    /// A mapping: the key whose value comes next, if a key was read.
    Map(Option<String>),
    /// A sequence: the index of the next entry.
    Seq(usize),
}

/// Why a text has no positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Nested deeper than [`MAX_DEPTH`], at this position.
    TooDeep(Pos),
    /// Not YAML the event parser reads (serde_yaml then reports the error).
    Syntax,
}

impl Positions {
    /// The positions in `text`, which starts `line_offset` lines into its file.
    pub fn of(text: &str, line_offset: usize) -> Result<Positions, Unreadable> {
        let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
        let mut out = Positions::default();
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            let (event, mark) = parser.next_token().map_err(|e| {
                // The scanner counts bracket levels in a byte and gives up past 255.
                if e.info().contains("recursion limit") {
                    let m = e.marker();
                    Unreadable::TooDeep(Pos::new(m.line() + line_offset, m.col() + 1))
                } else {
                    Unreadable::Syntax
                }
            })?;
            // Lines count from 1, columns from 0.
            let pos = Pos::new(mark.line() + line_offset, mark.col() + 1);
            use yaml_rust2::Event;
            match event {
                Event::StreamEnd => return Ok(out),
                Event::Scalar(value, ..) if matches!(stack.last(), Some(Frame::Map(None))) => {
                    let key = child(&stack, &value);
                    out.keys.insert(key, pos);
                    stack.pop();
                    stack.push(Frame::Map(Some(value)));
                }
                Event::Scalar(value, ..) => {
                    out.values.insert(path(&stack), pos);
                    out.scalars.push((value, pos));
                    advance(&mut stack);
                }
                Event::Alias(_) => {
                    out.values.insert(path(&stack), pos);
                    advance(&mut stack);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    out.values.insert(path(&stack), pos);
                    if stack.len() >= MAX_DEPTH {
                        return Err(Unreadable::TooDeep(pos));
                    }
                    stack.push(if matches!(event, Event::MappingStart(..)) {
                        Frame::Map(None)
                    } else {
                        Frame::Seq(0)
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                    advance(&mut stack);
                }
                _ => {}
            }
        }
    }

    /// Where the value at `path` starts (`items[2].id`; `""` is the whole document).
    pub fn value(&self, path: &str) -> Option<Pos> {
        self.values.get(path).copied()
    }

    /// Where the first value written as `value` stands.
    pub fn find_value(&self, value: &str) -> Option<Pos> {
        self.scalars
            .iter()
            .find(|(v, _)| v == value)
            .map(|(_, p)| *p)
    }

    /// Where the key of the value at `path` stands (`reviewed`, `items[2].url`).
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied()
    }
}

/// The path of the value the walk is at.
fn path(stack: &[Frame]) -> String {
    let mut out = String::new();
    for frame in stack {
        match frame {
            Frame::Map(Some(key)) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Frame::Map(None) => {}
            Frame::Seq(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The path of key `key` in the mapping the walk is in.
fn child(stack: &[Frame], key: &str) -> String {
    let parent = path(&stack[..stack.len() - 1]);
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// After a value: a mapping waits for its next key, a sequence for its next entry.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map(key)) => *key = None,
        Some(Frame::Seq(i)) => *i += 1,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_by_path() {
        let text = "title: T\nitems:\n  - id: a\n    x: 1\n  - id: b\n    tags: [p, q]\n";
        let p = Positions::of(text, 1).expect("readable");
        assert_eq!(p.key("title"), Some(Pos::new(2, 1)));
        assert_eq!(p.value("items[0].id"), Some(Pos::new(4, 9)));
        assert_eq!(p.key("items[0].x"), Some(Pos::new(5, 5)));
        assert_eq!(p.value("items[1].tags[1]"), Some(Pos::new(7, 15)));
        assert_eq!(p.value("items[2]"), None);
    }

    #[test]
    fn deep_nesting_is_refused_early() {
        let started = std::time::Instant::now();
        let indented: String = (0..1000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect();
        for text in ["[".repeat(100_000), "- ".repeat(100_000), indented] {
            assert!(
                matches!(Positions::of(&text, 0), Err(Unreadable::TooDeep(_))),
                "{}",
                &text[..10]
            );
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
