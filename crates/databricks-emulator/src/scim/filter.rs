//! SCIM filter expressions (RFC 7644 §3.4.2.2), evaluated against rendered resources, plus
//! attribute paths, sorting and `attributes` / `excludedAttributes` projection.
//!
//! Grammar: `or` of `and` of (`not` `(`filter`)` | `(`filter`)` | `attrPath pr` |
//! `attrPath op value` | `attrPath[filter]`), operators `eq ne co sw ew gt ge lt le`, values
//! JSON strings, numbers, `true`, `false`, `null`. Keywords and attribute names ignore case;
//! string comparisons ignore case except on `id`, `externalId` and `applicationId`.

use std::cmp::Ordering;

use serde_json::{Map, Value};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Co,
    Sw,
    Ew,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Op {
    fn parse(word: &str) -> Option<Self> {
        Some(match word.to_ascii_lowercase().as_str() {
            "eq" => Self::Eq,
            "ne" => Self::Ne,
            "co" => Self::Co,
            "sw" => Self::Sw,
            "ew" => Self::Ew,
            "gt" => Self::Gt,
            "ge" => Self::Ge,
            "lt" => Self::Lt,
            "le" => Self::Le,
            _ => return None,
        })
    }
}

/// A parsed filter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filter {
    Compare {
        path: Vec<String>,
        op: Op,
        value: Value,
    },
    Present(Vec<String>),
    And(Box<Filter>, Box<Filter>),
    Or(Box<Filter>, Box<Filter>),
    Not(Box<Filter>),
    ValuePath {
        path: Vec<String>,
        filter: Box<Filter>,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    LParen,
    RParen,
    LBracket,
    RBracket,
}

fn tokenize(input: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = input.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                tokens.push(Token::LParen);
                i += 1;
            }
            ')' => {
                tokens.push(Token::RParen);
                i += 1;
            }
            '[' => {
                tokens.push(Token::LBracket);
                i += 1;
            }
            ']' => {
                tokens.push(Token::RBracket);
                i += 1;
            }
            '"' => {
                let start = i;
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    match chars[i] {
                        '\\' => i += 2,
                        '"' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        _ => i += 1,
                    }
                }
                if !closed {
                    return Err("unterminated string".to_owned());
                }
                let literal: String = chars[start..i].iter().collect();
                let value: String = serde_json::from_str(&literal)
                    .map_err(|e| format!("invalid string {literal}: {e}"))?;
                tokens.push(Token::Str(value));
            }
            _ => {
                let start = i;
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')' | '[' | ']' | '"')
                {
                    i += 1;
                }
                tokens.push(Token::Word(chars[start..i].iter().collect()));
            }
        }
    }
    Ok(tokens)
}

/// How deeply parentheses, `not` and `[...]` may nest in a filter.
const MAX_DEPTH: usize = 32;
/// How many `and`/`or` terms a filter may have. Both bounds keep the parse, the evaluation
/// and the drop of a filter tree from exhausting the stack on hostile input.
const MAX_TERMS: usize = 256;

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    terms: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn next(&mut self) -> Option<Token> {
        let t = self.tokens.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn peek_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Token::Word(w)) if w.eq_ignore_ascii_case(keyword))
    }

    fn count_term(&mut self) -> Result<(), String> {
        self.terms += 1;
        if self.terms > MAX_TERMS {
            return Err(format!("the filter has more than {MAX_TERMS} terms"));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Filter, String> {
        let mut left = self.and()?;
        while self.peek_keyword("or") {
            self.pos += 1;
            self.count_term()?;
            let right = self.and()?;
            left = Filter::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Filter, String> {
        let mut left = self.unary()?;
        while self.peek_keyword("and") {
            self.pos += 1;
            self.count_term()?;
            let right = self.unary()?;
            left = Filter::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn expect(&mut self, token: Token, what: &str) -> Result<(), String> {
        match self.next() {
            Some(t) if t == token => Ok(()),
            Some(other) => Err(format!("expected {what}, found {}", describe(&other))),
            None => Err(format!("expected {what}, found the end of the filter")),
        }
    }

    fn unary(&mut self) -> Result<Filter, String> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(format!(
                "the filter nests more than {MAX_DEPTH} levels deep"
            ))
        } else {
            self.unary_inner()
        };
        self.depth -= 1;
        result
    }

    fn unary_inner(&mut self) -> Result<Filter, String> {
        if self.peek_keyword("not") {
            self.pos += 1;
            let inner = self.unary()?;
            return Ok(Filter::Not(Box::new(inner)));
        }
        match self.next() {
            Some(Token::LParen) => {
                let inner = self.or()?;
                self.expect(Token::RParen, "')'")?;
                Ok(inner)
            }
            Some(Token::Word(word)) => {
                let path = parse_attr_path(&word)?;
                if self.peek() == Some(&Token::LBracket) {
                    self.pos += 1;
                    let inner = self.or()?;
                    self.expect(Token::RBracket, "']'")?;
                    return Ok(Filter::ValuePath {
                        path,
                        filter: Box::new(inner),
                    });
                }
                let op_word = match self.next() {
                    Some(Token::Word(w)) => w,
                    Some(other) => {
                        return Err(format!(
                            "expected an operator after '{word}', found {}",
                            describe(&other)
                        ));
                    }
                    None => return Err(format!("expected an operator after '{word}'")),
                };
                if op_word.eq_ignore_ascii_case("pr") {
                    return Ok(Filter::Present(path));
                }
                let op =
                    Op::parse(&op_word).ok_or_else(|| format!("unknown operator '{op_word}'"))?;
                let value = match self.next() {
                    Some(Token::Str(s)) => Value::String(s),
                    Some(Token::Word(w)) => literal(&w)?,
                    Some(other) => {
                        return Err(format!(
                            "expected a value after '{op_word}', found {}",
                            describe(&other)
                        ));
                    }
                    None => return Err(format!("expected a value after '{op_word}'")),
                };
                if matches!(op, Op::Co | Op::Sw | Op::Ew) && !value.is_string() {
                    return Err(format!("operator '{op_word}' needs a string value"));
                }
                Ok(Filter::Compare { path, op, value })
            }
            Some(other) => Err(format!(
                "expected an attribute, 'not' or '(', found {}",
                describe(&other)
            )),
            None => Err("unexpected end of the filter".to_owned()),
        }
    }
}

fn describe(token: &Token) -> String {
    match token {
        Token::Word(w) => format!("'{w}'"),
        Token::Str(s) => format!("\"{s}\""),
        Token::LParen => "'('".to_owned(),
        Token::RParen => "')'".to_owned(),
        Token::LBracket => "'['".to_owned(),
        Token::RBracket => "']'".to_owned(),
    }
}

fn literal(word: &str) -> Result<Value, String> {
    match word.to_ascii_lowercase().as_str() {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        "null" => Ok(Value::Null),
        _ => serde_json::from_str::<serde_json::Number>(word)
            .map(Value::Number)
            .map_err(|_| format!("invalid value '{word}' (strings must be quoted)")),
    }
}

/// Strips a schema URN prefix (`urn:ietf:params:scim:schemas:core:2.0:User:userName`).
fn strip_urn(path: &str) -> &str {
    if path.to_ascii_lowercase().starts_with("urn:") {
        path.rsplit(':').next().unwrap_or(path)
    } else {
        path
    }
}

/// Parses `name.givenName` into its segments.
pub(crate) fn parse_attr_path(text: &str) -> Result<Vec<String>, String> {
    let text = strip_urn(text);
    let segments: Vec<String> = text.split('.').map(str::to_owned).collect();
    let valid = |s: &String| {
        let mut chars = s.chars();
        matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '$')
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
    };
    if segments.is_empty() || !segments.iter().all(valid) {
        return Err(format!("invalid attribute path '{text}'"));
    }
    Ok(segments)
}

/// Parses a filter string.
pub(crate) fn parse(input: &str) -> Result<Filter, String> {
    let tokens = tokenize(input)?;
    if tokens.is_empty() {
        return Err("the filter is empty".to_owned());
    }
    let mut parser = Parser {
        tokens,
        pos: 0,
        depth: 0,
        terms: 0,
    };
    let filter = parser.or()?;
    if let Some(extra) = parser.peek() {
        return Err(format!("unexpected {} in the filter", describe(extra)));
    }
    Ok(filter)
}

/// The member of `object` named `name`, ignoring case.
pub(crate) fn get_ci<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// The values at `path` in `value`, arrays flattened.
fn values_at<'a>(value: &'a Value, path: &[String]) -> Vec<&'a Value> {
    let Some((first, rest)) = path.split_first() else {
        return match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
    };
    match value {
        Value::Object(map) => get_ci(map, first)
            .map(|v| values_at(v, rest))
            .unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(|v| values_at(v, path)).collect(),
        _ => Vec::new(),
    }
}

fn case_exact(path: &[String]) -> bool {
    path.last().is_some_and(|last| {
        ["id", "externalId", "applicationId"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(last))
    })
}

/// A multi-valued complex attribute compared without a sub-attribute compares its `value`.
fn scalar(v: &Value) -> &Value {
    match v {
        Value::Object(map) => get_ci(map, "value").unwrap_or(&Value::Null),
        other => other,
    }
}

fn present(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    }
}

fn compare_one(actual: &Value, op: Op, expected: &Value, exact: bool) -> Result<bool, String> {
    let fold = |s: &str| {
        if exact {
            s.to_owned()
        } else {
            s.to_lowercase()
        }
    };
    match (actual, expected) {
        (Value::String(a), Value::String(e)) => {
            let (a, e) = (fold(a), fold(e));
            Ok(match op {
                Op::Eq => a == e,
                Op::Ne => a != e,
                Op::Co => a.contains(&e),
                Op::Sw => a.starts_with(&e),
                Op::Ew => a.ends_with(&e),
                Op::Gt => a > e,
                Op::Ge => a >= e,
                Op::Lt => a < e,
                Op::Le => a <= e,
            })
        }
        (Value::Bool(a), Value::Bool(e)) => match op {
            Op::Eq => Ok(a == e),
            Op::Ne => Ok(a != e),
            _ => Err("booleans can only be compared with eq and ne".to_owned()),
        },
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap_or(0.0), e.as_f64().unwrap_or(0.0));
            Ok(match op {
                Op::Eq => a == e,
                Op::Ne => a != e,
                Op::Gt => a > e,
                Op::Ge => a >= e,
                Op::Lt => a < e,
                Op::Le => a <= e,
                Op::Co | Op::Sw | Op::Ew => false,
            })
        }
        (Value::Bool(_), Value::String(_)) if matches!(op, Op::Gt | Op::Ge | Op::Lt | Op::Le) => {
            Err("booleans can only be compared with eq and ne".to_owned())
        }
        _ => Ok(matches!(op, Op::Ne)),
    }
}

impl Filter {
    /// Whether `resource` matches; an error for comparisons the types do not allow.
    pub(crate) fn matches(&self, resource: &Value) -> Result<bool, String> {
        Ok(match self {
            Self::And(a, b) => a.matches(resource)? && b.matches(resource)?,
            Self::Or(a, b) => a.matches(resource)? || b.matches(resource)?,
            Self::Not(inner) => !inner.matches(resource)?,
            Self::Present(path) => values_at(resource, path).into_iter().any(present),
            Self::ValuePath { path, filter } => {
                for element in values_at(resource, path) {
                    if filter.matches(element)? {
                        return Ok(true);
                    }
                }
                false
            }
            Self::Compare { path, op, value } => {
                let actual = values_at(resource, path);
                let exact = case_exact(path);
                if value.is_null() {
                    let any = actual.iter().any(|v| present(scalar(v)));
                    return match op {
                        Op::Eq => Ok(!any),
                        Op::Ne => Ok(any),
                        _ => Err("null can only be compared with eq and ne".to_owned()),
                    };
                }
                if *op == Op::Ne {
                    for v in &actual {
                        if compare_one(scalar(v), Op::Eq, value, exact)? {
                            return Ok(false);
                        }
                    }
                    return Ok(true);
                }
                for v in actual {
                    if compare_one(scalar(v), *op, value, exact)? {
                        return Ok(true);
                    }
                }
                false
            }
        })
    }
}

/// The value `sortBy` sorts on: the first (primary, if marked) value at the path.
fn sort_key<'a>(resource: &'a Value, path: &[String]) -> Option<&'a Value> {
    let values = values_at(resource, path);
    let primary = values.iter().find(|v| {
        v.as_object()
            .and_then(|m| get_ci(m, "primary"))
            .and_then(Value::as_bool)
            == Some(true)
    });
    primary
        .or(values.first())
        .map(|v| scalar(v))
        .filter(|v| present(v))
}

fn compare_keys(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.to_lowercase().cmp(&b.to_lowercase()),
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .unwrap_or(0.0)
            .partial_cmp(&b.as_f64().unwrap_or(0.0))
            .unwrap_or(Ordering::Equal),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => a.to_string().cmp(&b.to_string()),
    }
}

/// Sorts resources by `path` (stable; resources without a value last).
pub(crate) fn sort(resources: &mut [Value], path: &[String], descending: bool) {
    resources.sort_by(|a, b| match (sort_key(a, path), sort_key(b, path)) {
        (Some(a), Some(b)) => {
            let order = compare_keys(a, b);
            if descending { order.reverse() } else { order }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

/// Attributes always returned, whatever `attributes` / `excludedAttributes` say.
const ALWAYS: [&str; 2] = ["id", "schemas"];

fn is_always(name: &str) -> bool {
    ALWAYS.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// Applies `attributes` (keep only these, plus `id` and `schemas`) and `excludedAttributes`
/// (drop these) to a rendered resource.
pub(crate) fn project(
    resource: Value,
    attributes: &[Vec<String>],
    excluded: &[Vec<String>],
) -> Value {
    let Value::Object(map) = resource else {
        return resource;
    };
    let mut map = if attributes.is_empty() {
        map
    } else {
        keep(map, attributes, true)
    };
    for path in excluded {
        remove_path(&mut map, path, true);
    }
    Value::Object(map)
}

fn keep(map: Map<String, Value>, attributes: &[Vec<String>], top: bool) -> Map<String, Value> {
    let mut out = Map::new();
    for (key, value) in map {
        if top && is_always(&key) {
            out.insert(key, value);
            continue;
        }
        let wanted: Vec<&Vec<String>> = attributes
            .iter()
            .filter(|p| p.first().is_some_and(|f| f.eq_ignore_ascii_case(&key)))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        if wanted.iter().any(|p| p.len() == 1) {
            out.insert(key, value);
            continue;
        }
        let rest: Vec<Vec<String>> = wanted.iter().map(|p| p[1..].to_vec()).collect();
        let value = match value {
            Value::Object(inner) => Value::Object(keep(inner, &rest, false)),
            Value::Array(items) => Value::Array(
                items
                    .into_iter()
                    .map(|item| match item {
                        Value::Object(inner) => Value::Object(keep(inner, &rest, false)),
                        other => other,
                    })
                    .collect(),
            ),
            other => other,
        };
        out.insert(key, value);
    }
    out
}

fn remove_path(map: &mut Map<String, Value>, path: &[String], top: bool) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    let Some(key) = map.keys().find(|k| k.eq_ignore_ascii_case(first)).cloned() else {
        return;
    };
    if rest.is_empty() {
        if !(top && is_always(&key)) {
            map.remove(&key);
        }
        return;
    }
    match map.get_mut(&key) {
        Some(Value::Object(inner)) => remove_path(inner, rest, false),
        Some(Value::Array(items)) => {
            for item in items {
                if let Value::Object(inner) = item {
                    remove_path(inner, rest, false);
                }
            }
        }
        _ => {}
    }
}

/// Parses a comma-separated attribute list.
pub(crate) fn attribute_list(text: Option<&str>) -> Result<Vec<Vec<String>>, String> {
    text.map(|t| {
        t.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(parse_attr_path)
            .collect()
    })
    .unwrap_or_else(|| Ok(Vec::new()))
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn alice() -> Value {
        json!({
            "id": "1", "userName": "Alice@Example.com", "displayName": "Alice", "active": true,
            "externalId": "Ext-1",
            "name": { "givenName": "Alice", "familyName": "Example" },
            "emails": [{ "value": "alice@example.com", "type": "work", "primary": true },
                       { "value": "a@home.net", "type": "home" }],
            "groups": [{ "value": "10", "display": "admins" }]
        })
    }

    fn check(filter: &str) -> bool {
        parse(filter).unwrap().matches(&alice()).unwrap()
    }

    #[test]
    fn operators() {
        assert!(
            check(r#"userName eq "alice@example.com""#),
            "case-insensitive"
        );
        assert!(check(r#"USERNAME EQ "alice@example.com""#));
        assert!(
            !check(r#"externalId eq "ext-1""#),
            "externalId is case-exact"
        );
        assert!(check(r#"userName ne "bob""#));
        assert!(check(r#"userName co "@EXAMPLE""#));
        assert!(check(r#"userName sw "ali""#));
        assert!(check(r#"userName ew ".com""#));
        assert!(check(r#"displayName gt "Aa""#));
        assert!(check(r#"displayName ge "alice""#));
        assert!(check(r#"displayName lt "B""#));
        assert!(check(r#"displayName le "alice""#));
        assert!(check("externalId pr"));
        assert!(!check("roles pr"));
        assert!(check("active eq true"));
        assert!(!check("active ne true"));
        assert!(check(r#"emails.value eq "a@home.net""#));
        assert!(check(r#"emails eq "a@home.net""#));
        assert!(check(r#"emails[type eq "work" and value co "example"]"#));
        assert!(!check(r#"emails[type eq "home" and value co "example"]"#));
        assert!(check(r#"name.givenName eq "alice""#));
        assert!(check(
            r#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "a""#
        ));
        assert!(check("roles eq null"));
        assert!(check(r#"groups.display eq "admins""#));
        assert!(check(r#"missing ne "x""#));
    }

    #[test]
    fn logic_and_precedence() {
        assert!(check(
            r#"userName eq "x" or userName sw "a" and active eq true"#
        ));
        assert!(!check(
            r#"(userName eq "x" or userName sw "a") and active eq false"#
        ));
        assert!(check(r#"not (userName eq "x")"#));
        assert!(check(
            r#"not(userName eq "x") and not (displayName co "zz")"#
        ));
        assert!(check(
            r#"userName eq "x" or (displayName sw "al" and (active eq true))"#
        ));
    }

    #[test]
    fn escapes() {
        let r = json!({ "displayName": "say \"hi\" \\o/" });
        let f = parse(r#"displayName eq "say \"hi\" \\o/""#).unwrap();
        assert!(f.matches(&r).unwrap());
    }

    #[test]
    fn errors() {
        for bad in [
            "",
            "userName",
            r#"userName zz "a""#,
            "userName eq",
            r#"userName eq "a" and"#,
            r#"(userName eq "a""#,
            r#"userName eq "a")"#,
            "userName eq alice",
            r#"userName eq "unterminated"#,
            "userName co 5",
            "1abc eq 1",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should not parse");
        }
        let f = parse("active gt true").unwrap();
        assert!(f.matches(&alice()).is_err());
    }

    #[test]
    fn sorting_and_projection() {
        let mut rs = vec![
            json!({ "id": "1", "userName": "b" }),
            json!({ "id": "2" }),
            json!({ "id": "3", "userName": "A" }),
        ];
        sort(&mut rs, &["userName".to_owned()], false);
        let ids: Vec<&str> = rs.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["3", "1", "2"]);
        sort(&mut rs, &["userName".to_owned()], true);
        let ids: Vec<&str> = rs.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["1", "3", "2"]);

        let attrs = attribute_list(Some("userName, name.givenName")).unwrap();
        let p = project(alice(), &attrs, &[]);
        assert_eq!(
            p,
            json!({ "id": "1", "userName": "Alice@Example.com", "name": { "givenName": "Alice" } })
        );
        let ex = attribute_list(Some("emails,groups,id,name.familyName")).unwrap();
        let p = project(alice(), &[], &ex);
        assert!(p.get("emails").is_none() && p.get("groups").is_none());
        assert_eq!(p["id"], json!("1"));
        assert_eq!(p["name"], json!({ "givenName": "Alice" }));
        let attrs = attribute_list(Some("emails.value")).unwrap();
        let p = project(alice(), &attrs, &[]);
        assert_eq!(
            p["emails"],
            json!([{ "value": "alice@example.com" }, { "value": "a@home.net" }])
        );
    }
}
