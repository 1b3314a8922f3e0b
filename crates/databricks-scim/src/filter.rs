//! A typed builder for SCIM filter expressions (RFC 7644 §3.4.2.2).

use std::fmt;

use crate::model::{GroupId, ServicePrincipalId, UserId};

/// A SCIM filter expression, rendered to the string the `filter` parameter takes.
///
/// Build comparisons with [`Filter::eq`], [`Filter::ne`], [`Filter::co`], [`Filter::sw`],
/// [`Filter::ew`], [`Filter::gt`], [`Filter::ge`], [`Filter::lt`], [`Filter::le`] and
/// [`Filter::pr`], combine them with [`and`](Filter::and), [`or`](Filter::or) and
/// [`Filter::not`], and use the result wherever a filter string is taken (it converts into
/// `String`; `to_string()` shows it). String values are quoted and escaped as JSON strings;
/// booleans and numbers are not quoted. Parentheses are added where precedence needs them
/// (`not` binds tighter than `and`, which binds tighter than `or`).
///
/// Attribute names are written as given (`userName`, `emails.value`, `name.givenName`).
///
/// ```
/// use databricks_scim::Filter;
///
/// let f = Filter::eq("userName", "a@b.com").and(Filter::eq("active", true));
/// assert_eq!(f.to_string(), r#"userName eq "a@b.com" and active eq true"#);
///
/// let f = Filter::sw("displayName", "data")
///     .or(Filter::co("displayName", "ops"))
///     .and(Filter::not(Filter::pr("externalId")));
/// assert_eq!(
///     f.to_string(),
///     r#"(displayName sw "data" or displayName co "ops") and not (externalId pr)"#
/// );
///
/// // Quotes and backslashes are escaped.
/// assert_eq!(
///     Filter::eq("displayName", r#"say "hi" \o/"#).to_string(),
///     r#"displayName eq "say \"hi\" \\o/""#
/// );
///
/// // A raw expression can be combined too (it is parenthesised).
/// let f = Filter::raw(r#"userName ew "@example.com""#).and(Filter::eq("active", false));
/// assert_eq!(f.to_string(), r#"(userName ew "@example.com") and active eq false"#);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Expr);

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Compare {
        attr: String,
        op: &'static str,
        value: FilterValue,
    },
    Present(String),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    ValuePath {
        attr: String,
        filter: Box<Expr>,
    },
    Raw(String),
}

/// A comparison value in a [`Filter`]: a string (quoted), a boolean, a number or `null`.
///
/// Converted from `&str`, `String`, the id types, `bool` and the integer types.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq)]
pub enum FilterValue {
    /// A string, rendered as a quoted JSON string.
    String(String),
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// `null`.
    Null,
}

impl fmt::Display for FilterValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(s) => write_json_string(f, s),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Int(i) => write!(f, "{i}"),
            Self::Null => f.write_str("null"),
        }
    }
}

/// Writes `s` as a JSON string literal (RFC 8259 escaping).
fn write_json_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{08}' => f.write_str("\\b")?,
            '\u{0c}' => f.write_str("\\f")?,
            c if u32::from(c) < 0x20 => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

macro_rules! filter_value_from {
    ($($t:ty => |$v:ident| $e:expr;)+) => {
        $(
            impl From<$t> for FilterValue {
                fn from($v: $t) -> Self {
                    $e
                }
            }
        )+
    };
}

filter_value_from! {
    &str => |v| Self::String(v.to_owned());
    String => |v| Self::String(v);
    &String => |v| Self::String(v.clone());
    &UserId => |v| Self::String(v.as_str().to_owned());
    &GroupId => |v| Self::String(v.as_str().to_owned());
    &ServicePrincipalId => |v| Self::String(v.as_str().to_owned());
    bool => |v| Self::Bool(v);
    i32 => |v| Self::Int(i64::from(v));
    i64 => |v| Self::Int(v);
    u32 => |v| Self::Int(i64::from(v));
}

macro_rules! comparisons {
    ($($(#[$doc:meta])* $name:ident => $op:literal;)+) => {
        $(
            $(#[$doc])*
            pub fn $name(attribute: impl Into<String>, value: impl Into<FilterValue>) -> Self {
                Self::compare(attribute.into(), $op, value.into())
            }
        )+
    };
}

impl Filter {
    comparisons! {
        /// `attribute eq value`: equal (strings compare case-insensitively on most
        /// attributes).
        ///
        /// ```
        /// let f = databricks_scim::Filter::eq("userName", "a@b.com");
        /// assert_eq!(f.to_string(), r#"userName eq "a@b.com""#);
        /// ```
        eq => "eq";
        /// `attribute ne value`: not equal.
        ne => "ne";
        /// `attribute co value`: contains.
        ///
        /// ```
        /// let f = databricks_scim::Filter::co("emails.value", "@example.com");
        /// assert_eq!(f.to_string(), r#"emails.value co "@example.com""#);
        /// ```
        co => "co";
        /// `attribute sw value`: starts with.
        sw => "sw";
        /// `attribute ew value`: ends with.
        ew => "ew";
        /// `attribute gt value`: greater than (lexicographic for strings).
        gt => "gt";
        /// `attribute ge value`: greater than or equal.
        ge => "ge";
        /// `attribute lt value`: less than.
        lt => "lt";
        /// `attribute le value`: less than or equal.
        le => "le";
    }

    fn compare(attr: String, op: &'static str, value: FilterValue) -> Self {
        Self(Expr::Compare { attr, op, value })
    }

    /// `attribute pr`: the attribute is present (has a non-empty value).
    ///
    /// ```
    /// let f = databricks_scim::Filter::pr("externalId");
    /// assert_eq!(f.to_string(), "externalId pr");
    /// ```
    pub fn pr(attribute: impl Into<String>) -> Self {
        Self(Expr::Present(attribute.into()))
    }

    /// `not (filter)`; `!filter` does the same.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let f = Filter::not(Filter::eq("active", true));
    /// assert_eq!(f.to_string(), "not (active eq true)");
    /// assert_eq!(!Filter::pr("externalId"), Filter::not(Filter::pr("externalId")));
    /// ```
    // Named like the SCIM operator; `std::ops::Not` is implemented as well.
    #[allow(clippy::should_implement_trait)]
    pub fn not(filter: Filter) -> Self {
        Self(Expr::Not(Box::new(filter.0)))
    }

    /// A filter on the values of a multi-valued attribute: `attribute[filter]`, e.g.
    /// `emails[type eq "work" and value co "@example.com"]`.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let f = Filter::value_path("members", Filter::eq("value", "123"));
    /// assert_eq!(f.to_string(), r#"members[value eq "123"]"#);
    /// ```
    pub fn value_path(attribute: impl Into<String>, filter: Filter) -> Self {
        Self(Expr::ValuePath {
            attr: attribute.into(),
            filter: Box::new(filter.0),
        })
    }

    /// A filter string written by hand, used as is (parenthesised when combined).
    ///
    /// ```
    /// let f = databricks_scim::Filter::raw(r#"userName sw "a""#);
    /// assert_eq!(f.to_string(), r#"userName sw "a""#);
    /// ```
    pub fn raw(filter: impl Into<String>) -> Self {
        Self(Expr::Raw(filter.into()))
    }

    /// `self and other`.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let f = Filter::eq("active", true).and(Filter::sw("userName", "a"));
    /// assert_eq!(f.to_string(), r#"active eq true and userName sw "a""#);
    /// ```
    pub fn and(self, other: Filter) -> Self {
        let mut parts = match self.0 {
            Expr::And(parts) => parts,
            other => vec![other],
        };
        match other.0 {
            Expr::And(more) => parts.extend(more),
            other => parts.push(other),
        }
        Self(Expr::And(parts))
    }

    /// `self or other`.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let f = Filter::eq("userName", "a").or(Filter::eq("userName", "b"));
    /// assert_eq!(f.to_string(), r#"userName eq "a" or userName eq "b""#);
    /// ```
    pub fn or(self, other: Filter) -> Self {
        let mut parts = match self.0 {
            Expr::Or(parts) => parts,
            other => vec![other],
        };
        match other.0 {
            Expr::Or(more) => parts.extend(more),
            other => parts.push(other),
        }
        Self(Expr::Or(parts))
    }

    /// All of `filters` (`and`); `None` when there are none.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let f = Filter::all([Filter::pr("externalId"), Filter::eq("active", true)]).unwrap();
    /// assert_eq!(f.to_string(), "externalId pr and active eq true");
    /// ```
    pub fn all(filters: impl IntoIterator<Item = Filter>) -> Option<Self> {
        filters.into_iter().reduce(Filter::and)
    }

    /// Any of `filters` (`or`); `None` when there are none.
    ///
    /// ```
    /// use databricks_scim::Filter;
    /// let names = ["a@x.com", "b@x.com"];
    /// let f = Filter::any(names.iter().map(|n| Filter::eq("userName", *n))).unwrap();
    /// assert_eq!(f.to_string(), r#"userName eq "a@x.com" or userName eq "b@x.com""#);
    /// ```
    pub fn any(filters: impl IntoIterator<Item = Filter>) -> Option<Self> {
        filters.into_iter().reduce(Filter::or)
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_expr(f, &self.0)
    }
}

impl std::ops::Not for Filter {
    type Output = Filter;

    fn not(self) -> Filter {
        Filter::not(self)
    }
}

impl From<Filter> for String {
    fn from(filter: Filter) -> Self {
        filter.to_string()
    }
}

impl From<&Filter> for String {
    fn from(filter: &Filter) -> Self {
        filter.to_string()
    }
}

fn write_expr(f: &mut fmt::Formatter<'_>, expr: &Expr) -> fmt::Result {
    match expr {
        Expr::Compare { attr, op, value } => write!(f, "{attr} {op} {value}"),
        Expr::Present(attr) => write!(f, "{attr} pr"),
        Expr::And(parts) => write_joined(f, parts, " and ", |e| {
            matches!(e, Expr::Or(_) | Expr::Raw(_))
        }),
        Expr::Or(parts) => write_joined(f, parts, " or ", |e| matches!(e, Expr::Raw(_))),
        Expr::Not(inner) => {
            f.write_str("not (")?;
            write_expr(f, inner)?;
            f.write_str(")")
        }
        Expr::ValuePath { attr, filter } => {
            write!(f, "{attr}[")?;
            write_expr(f, filter)?;
            f.write_str("]")
        }
        Expr::Raw(raw) => f.write_str(raw),
    }
}

fn write_joined(
    f: &mut fmt::Formatter<'_>,
    parts: &[Expr],
    separator: &str,
    needs_parens: impl Fn(&Expr) -> bool,
) -> fmt::Result {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        if needs_parens(part) {
            f.write_str("(")?;
            write_expr(f, part)?;
            f.write_str(")")?;
        } else {
            write_expr(f, part)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_renders() {
        let cases = [
            (Filter::eq("a", "x"), r#"a eq "x""#),
            (Filter::ne("a", "x"), r#"a ne "x""#),
            (Filter::co("a", "x"), r#"a co "x""#),
            (Filter::sw("a", "x"), r#"a sw "x""#),
            (Filter::ew("a", "x"), r#"a ew "x""#),
            (Filter::gt("a", "x"), r#"a gt "x""#),
            (Filter::ge("a", 3), "a ge 3"),
            (Filter::lt("a", -1i64), "a lt -1"),
            (Filter::le("a", 7u32), "a le 7"),
            (Filter::pr("a"), "a pr"),
            (Filter::eq("a", FilterValue::Null), "a eq null"),
            (Filter::eq("active", false), "active eq false"),
        ];
        for (filter, text) in cases {
            assert_eq!(filter.to_string(), text);
        }
    }

    #[test]
    fn escaping_follows_json() {
        let f = Filter::eq("displayName", "a\"b\\c\nd\u{1}");
        assert_eq!(f.to_string(), r#"displayName eq "a\"b\\c\nd\u0001""#);
        let f = Filter::eq("displayName", "é 中");
        assert_eq!(f.to_string(), "displayName eq \"é 中\"");
    }

    #[test]
    fn precedence_adds_parentheses_only_where_needed() {
        let a = || Filter::eq("a", 1);
        let b = || Filter::eq("b", 2);
        let c = || Filter::eq("c", 3);
        assert_eq!(
            a().and(b()).or(c()).to_string(),
            "a eq 1 and b eq 2 or c eq 3"
        );
        assert_eq!(
            a().or(b()).and(c()).to_string(),
            "(a eq 1 or b eq 2) and c eq 3"
        );
        assert_eq!(
            a().and(b().or(c())).to_string(),
            "a eq 1 and (b eq 2 or c eq 3)"
        );
        assert_eq!(
            a().and(b()).and(c()).to_string(),
            "a eq 1 and b eq 2 and c eq 3"
        );
        assert_eq!(
            a().or(b().or(c())).to_string(),
            "a eq 1 or b eq 2 or c eq 3"
        );
        assert_eq!(
            Filter::not(a().or(b())).and(c()).to_string(),
            "not (a eq 1 or b eq 2) and c eq 3"
        );
        assert_eq!(
            Filter::raw("x pr").or(a()).to_string(),
            "(x pr) or a eq 1",
            "raw parts are parenthesised"
        );
    }

    #[test]
    fn value_paths_nest() {
        let f = Filter::value_path(
            "emails",
            Filter::eq("type", "work").and(Filter::co("value", "@x")),
        )
        .and(Filter::eq("active", true));
        assert_eq!(
            f.to_string(),
            r#"emails[type eq "work" and value co "@x"] and active eq true"#
        );
    }

    #[test]
    fn all_and_any() {
        assert!(Filter::all([]).is_none());
        assert!(Filter::any(Vec::new()).is_none());
        let one = Filter::all([Filter::pr("a")]);
        assert_eq!(one.map(|f| f.to_string()).as_deref(), Some("a pr"));
    }

    #[test]
    fn ids_are_strings() {
        let f = Filter::eq("id", &UserId::from("42"));
        assert_eq!(f.to_string(), r#"id eq "42""#);
        let s: String = Filter::eq("id", &GroupId::from("7")).into();
        assert_eq!(s, r#"id eq "7""#);
    }
}
