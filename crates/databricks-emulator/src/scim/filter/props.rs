//! Property tests of the SCIM filter parser and evaluator: generated filters survive
//! rendering and parsing, keyword and attribute case never matters, the logic operators obey
//! boolean algebra, and no input (however hostile) panics or overflows the stack.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{Filter, MAX_DEPTH, MAX_TERMS, Op, parse};

const OPS: [(Op, &str); 9] = [
    (Op::Eq, "eq"),
    (Op::Ne, "ne"),
    (Op::Co, "co"),
    (Op::Sw, "sw"),
    (Op::Ew, "ew"),
    (Op::Gt, "gt"),
    (Op::Ge, "ge"),
    (Op::Lt, "lt"),
    (Op::Le, "le"),
];

fn op_word(op: Op) -> &'static str {
    OPS.iter()
        .find(|(o, _)| *o == op)
        .map(|(_, w)| *w)
        .unwrap_or("eq")
}

/// Attribute paths over the attributes of [`resource`], plus one that is never there.
fn path() -> impl Strategy<Value = Vec<String>> {
    prop::sample::select(vec![
        vec!["userName"],
        vec!["displayName"],
        vec!["active"],
        vec!["id"],
        vec!["externalId"],
        vec!["name", "givenName"],
        vec!["emails", "value"],
        vec!["emails", "type"],
        vec!["groups", "display"],
        vec!["nickName"],
    ])
    .prop_map(|p| p.into_iter().map(str::to_owned).collect())
}

fn string_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            "alice", "Alice", "a", "work", "example", "admins", "Ext-1"
        ])
        .prop_map(Value::from),
        // Quotes, backslashes, keywords and brackets inside strings must stay strings.
        "[a-zA-Z \"\\\\()\\[\\]]{0,8}".prop_map(Value::from),
        any::<String>().prop_map(Value::from),
    ]
}

fn comparison() -> impl Strategy<Value = Filter> {
    let string_op = (path(), prop::sample::select(OPS.to_vec()), string_value())
        .prop_map(|(path, (op, _), value)| Filter::Compare { path, op, value });
    let other_op = (
        path(),
        prop::sample::select(vec![Op::Eq, Op::Ne, Op::Gt, Op::Ge, Op::Lt, Op::Le]),
        prop_oneof![
            any::<bool>().prop_map(Value::Bool),
            (-1000i64..1000).prop_map(Value::from),
            Just(Value::Null),
        ],
    )
        .prop_map(|(path, op, value)| Filter::Compare { path, op, value });
    prop_oneof![
        3 => string_op,
        1 => other_op,
        1 => path().prop_map(Filter::Present),
    ]
}

/// Filters up to a few levels deep (value paths only over `emails`, as in SCIM).
fn filter() -> impl Strategy<Value = Filter> {
    comparison().prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Filter::Or(Box::new(a), Box::new(b))),
            inner.clone().prop_map(|f| Filter::Not(Box::new(f))),
            (
                prop::sample::select(vec!["type", "value", "primary"]),
                prop::sample::select(OPS.to_vec()),
                string_value()
            )
                .prop_map(|(attr, (op, _), value)| Filter::ValuePath {
                    path: vec!["emails".to_owned()],
                    filter: Box::new(Filter::Compare {
                        path: vec![attr.to_owned()],
                        op,
                        value,
                    }),
                }),
        ]
    })
}

/// How a filter is written: keyword and attribute case, and whether every compound operand
/// is parenthesised or only where precedence needs it.
#[derive(Debug, Clone, Copy)]
struct Style {
    upper_keywords: bool,
    upper_paths: bool,
    full_parens: bool,
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(k, p, f)| Style {
        upper_keywords: k,
        upper_paths: p,
        full_parens: f,
    })
}

fn keyword(word: &str, style: Style) -> String {
    if style.upper_keywords {
        word.to_ascii_uppercase()
    } else {
        word.to_owned()
    }
}

fn render_path(path: &[String], style: Style) -> String {
    let joined = path.join(".");
    if style.upper_paths {
        joined.to_ascii_uppercase()
    } else {
        joined
    }
}

/// Binding strength: `or` < `and` < everything else.
fn level(f: &Filter) -> u8 {
    match f {
        Filter::Or(..) => 0,
        Filter::And(..) => 1,
        _ => 2,
    }
}

/// Renders `f` as an operand needing at least binding strength `min`.
fn operand(f: &Filter, min: u8, style: Style) -> String {
    let text = render(f, style);
    let compound = matches!(f, Filter::And(..) | Filter::Or(..));
    if level(f) < min || (style.full_parens && compound) {
        format!("({text})")
    } else {
        text
    }
}

fn render(f: &Filter, style: Style) -> String {
    match f {
        Filter::Compare { path, op, value } => format!(
            "{} {} {}",
            render_path(path, style),
            keyword(op_word(*op), style),
            // `true`/`false`/`null` are keywords too; strings are JSON.
            match value {
                Value::Bool(_) | Value::Null => keyword(&value.to_string(), style),
                other => other.to_string(),
            }
        ),
        Filter::Present(path) => format!("{} {}", render_path(path, style), keyword("pr", style)),
        // Left-associative: a right operand of the same level needs parentheses.
        Filter::And(a, b) => format!(
            "{} {} {}",
            operand(a, 1, style),
            keyword("and", style),
            operand(b, 2, style)
        ),
        Filter::Or(a, b) => format!(
            "{} {} {}",
            operand(a, 0, style),
            keyword("or", style),
            operand(b, 1, style)
        ),
        Filter::Not(inner) => format!("{} ({})", keyword("not", style), render(inner, style)),
        Filter::ValuePath { path, filter } => {
            format!("{}[{}]", render_path(path, style), render(filter, style))
        }
    }
}

/// Attribute names as the parser keeps them: as written (matching ignores their case).
fn lower_paths(f: &Filter) -> Filter {
    let lower = |p: &[String]| p.iter().map(|s| s.to_ascii_lowercase()).collect();
    match f {
        Filter::Compare { path, op, value } => Filter::Compare {
            path: lower(path),
            op: *op,
            value: value.clone(),
        },
        Filter::Present(path) => Filter::Present(lower(path)),
        Filter::And(a, b) => Filter::And(Box::new(lower_paths(a)), Box::new(lower_paths(b))),
        Filter::Or(a, b) => Filter::Or(Box::new(lower_paths(a)), Box::new(lower_paths(b))),
        Filter::Not(inner) => Filter::Not(Box::new(lower_paths(inner))),
        Filter::ValuePath { path, filter } => Filter::ValuePath {
            path: lower(path),
            filter: Box::new(lower_paths(filter)),
        },
    }
}

fn resource() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(vec!["alice@example.com", "Alice", "bob", ""]),
        prop::option::of(prop::sample::select(vec!["Alice", "alice", "Zed"])),
        any::<bool>(),
        prop::collection::vec(
            (
                prop::sample::select(vec!["a@example.com", "work@x"]),
                prop::sample::select(vec!["work", "home"]),
            ),
            0..3,
        ),
        prop::option::of(prop::sample::select(vec!["Ext-1", "ext-1"])),
    )
        .prop_map(|(user, display, active, emails, external)| {
            let emails: Vec<Value> = emails
                .into_iter()
                .map(|(value, kind)| json!({ "value": value, "type": kind }))
                .collect();
            let mut r = json!({
                "id": "7",
                "userName": user,
                "active": active,
                "name": { "givenName": "Alice" },
                "emails": emails,
                "groups": [{ "value": "10", "display": "admins" }],
            });
            if let Some(d) = display {
                r["displayName"] = json!(d);
            }
            if let Some(e) = external {
                r["externalId"] = json!(e);
            }
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any generated filter, however written, parses back to itself.
    #[test]
    fn rendered_filters_parse_back(f in filter(), style in style()) {
        let text = render(&f, style);
        let parsed = parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(lower_paths(&parsed), lower_paths(&f), "{}", text);
    }

    /// Keyword and attribute-name case never changes which resources match.
    #[test]
    fn case_of_keywords_and_paths_does_not_matter(f in filter(), r in resource()) {
        let plain = Style { upper_keywords: false, upper_paths: false, full_parens: false };
        let upper = Style { upper_keywords: true, upper_paths: true, full_parens: true };
        let a = parse(&render(&f, plain)).map(|f| f.matches(&r));
        let b = parse(&render(&f, upper)).map(|f| f.matches(&r));
        prop_assert_eq!(a, b);
    }

    /// `not`, `and` and `or` are boolean negation, conjunction and disjunction.
    #[test]
    fn logic_is_boolean(a in filter(), b in filter(), r in resource()) {
        let (Ok(x), Ok(y)) = (a.matches(&r), b.matches(&r)) else {
            // A comparison the types do not allow is an error, not a boolean.
            return Ok(());
        };
        let not = Filter::Not(Box::new(a.clone()));
        prop_assert_eq!(not.matches(&r), Ok(!x));
        let and = Filter::And(Box::new(a.clone()), Box::new(b.clone()));
        prop_assert_eq!(and.matches(&r), Ok(x && y));
        let or = Filter::Or(Box::new(a), Box::new(b));
        prop_assert_eq!(or.matches(&r), Ok(x || y));
    }

    /// Arbitrary text never panics: it parses, or it is an error with a message.
    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), r in resource()) {
        match parse(&text) {
            Ok(f) => { let _ = f.matches(&r); }
            Err(e) => prop_assert!(!e.is_empty()),
        }
    }

    /// Soups of real tokens (the inputs most likely to reach deep parser states) never panic.
    #[test]
    fn token_soup_never_panics(
        tokens in prop::collection::vec(prop::sample::select(vec![
            "(", ")", "[", "]", "not", "and", "or", "pr", "eq", "co", "gt", "userName",
            "emails", "emails.value", "\"x\"", "\"", "\\", "true", "null", "1e999", "-0",
            "urn:ietf:params:scim:schemas:core:2.0:User:userName", "", " ",
        ]), 0..40),
        r in resource(),
    ) {
        let text = tokens.join(" ");
        if let Ok(f) = parse(&text) {
            let _ = f.matches(&r);
        }
    }

    /// Nesting past the limit is an error, not a stack overflow, whichever way it nests.
    #[test]
    fn deep_nesting_is_refused(depth in (MAX_DEPTH + 1)..4096, form in 0..3u8) {
        let text = match form {
            0 => format!("{}userName pr{}", "(".repeat(depth), ")".repeat(depth)),
            1 => format!("{}userName pr", "not ".repeat(depth)),
            _ => format!("{}userName pr{}", "emails[".repeat(depth), "]".repeat(depth)),
        };
        let err = parse(&text).err();
        prop_assert!(err.is_some_and(|e| e.contains("levels deep")), "{}", depth);
    }

    /// Long chains past the term limit are an error too.
    #[test]
    fn long_chains_are_refused(extra in 1usize..512, joiner in prop::sample::select(vec![" and ", " or "])) {
        let text = vec!["userName pr"; MAX_TERMS + 1 + extra].join(joiner);
        let err = parse(&text).err();
        prop_assert!(err.is_some_and(|e| e.contains("terms")));
    }
}
