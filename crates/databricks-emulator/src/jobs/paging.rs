//! Page tokens: opaque to clients, naming the last (or first) item seen, so that items created
//! while a client pages are never listed twice.

use crate::error::{ApiError, ApiResult};
use crate::token;

/// An opaque token for `kind` (`after`, `before`, `page`) and a value.
pub(crate) fn encode(kind: &str, value: i64) -> String {
    token::encode(&format!("jobs1:{kind}:{value}"))
}

/// Reads a token made by [`encode`]; anything else is 400 `INVALID_PARAMETER_VALUE`.
pub(crate) fn decode(token: &str) -> ApiResult<(String, i64)> {
    let invalid = || ApiError::invalid_parameter_value(format!("Invalid page token: {token}"));
    let text = token::decode(token).ok_or_else(invalid)?;
    let mut parts = text.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some("jobs1"), Some(kind), Some(value)) => {
            let value = value.parse().map_err(|_| invalid())?;
            Ok((kind.to_owned(), value))
        }
        _ => Err(invalid()),
    }
}

/// One page of a token-paged list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TokenPage {
    /// The ids on this page, in list order.
    pub(crate) items: Vec<i64>,
    /// Token of the next page.
    pub(crate) next: Option<String>,
    /// Token of the previous page.
    pub(crate) prev: Option<String>,
}

/// A page of `ids` (sorted in list order: ascending, or descending when `descending`) after
/// `token` (or from `offset` without one), `limit` long.
pub(crate) fn token_page(
    ids: &[i64],
    descending: bool,
    limit: usize,
    token: Option<&str>,
    offset: usize,
) -> ApiResult<TokenPage> {
    // Index of the first id that comes after `x` in list order.
    let after = |x: i64| ids.partition_point(|id| if descending { *id >= x } else { *id <= x });
    // Index of the first id that is `x` or comes after it.
    let at_or_after = |x: i64| ids.partition_point(|id| if descending { *id > x } else { *id < x });
    let (start, end) = match token.filter(|t| !t.is_empty()).map(decode).transpose()? {
        None => {
            let start = offset.min(ids.len());
            (start, (start + limit).min(ids.len()))
        }
        Some((kind, x)) if kind == "after" => {
            let start = after(x);
            (start, (start + limit).min(ids.len()))
        }
        Some((kind, x)) if kind == "before" => {
            let end = at_or_after(x);
            (end.saturating_sub(limit), end)
        }
        Some(_) => {
            return Err(ApiError::invalid_parameter_value(
                "Invalid page token for this list.",
            ));
        }
    };
    let items = ids[start..end].to_vec();
    let next = (end < ids.len())
        .then(|| items.last().map(|last| encode("after", *last)))
        .flatten();
    let prev = (start > 0)
        .then(|| items.first().map(|first| encode("before", *first)))
        .flatten();
    Ok(TokenPage { items, next, prev })
}

/// The page index of a 2.2 array-property token (`None`: the first page).
pub(crate) fn array_page(token: Option<&str>) -> ApiResult<usize> {
    match token.filter(|t| !t.is_empty()) {
        None => Ok(0),
        Some(token) => match decode(token)? {
            (kind, k) if kind == "page" && k >= 0 => Ok(usize::try_from(k).unwrap_or(0)),
            _ => Err(ApiError::invalid_parameter_value(format!(
                "Invalid page token: {token}"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_garbage() {
        assert_eq!(
            decode(&encode("after", 42)).unwrap(),
            ("after".to_owned(), 42)
        );
        assert!(decode("nope").is_err());
        assert!(decode(&token::encode("other:after:1")).is_err());
    }

    #[test]
    fn ascending_pages_forward_and_back() {
        let ids: Vec<i64> = (1..=7).collect();
        let p1 = token_page(&ids, false, 3, None, 0).unwrap();
        assert_eq!(p1.items, [1, 2, 3]);
        assert!(p1.prev.is_none());
        let p2 = token_page(&ids, false, 3, p1.next.as_deref(), 0).unwrap();
        assert_eq!(p2.items, [4, 5, 6]);
        let p3 = token_page(&ids, false, 3, p2.next.as_deref(), 0).unwrap();
        assert_eq!(p3.items, [7]);
        assert!(p3.next.is_none());
        let back = token_page(&ids, false, 3, p2.prev.as_deref(), 0).unwrap();
        assert_eq!(back.items, [1, 2, 3]);
    }

    #[test]
    fn items_added_while_paging_are_not_repeated() {
        let mut ids: Vec<i64> = vec![30, 20, 10];
        let p1 = token_page(&ids, true, 2, None, 0).unwrap();
        assert_eq!(p1.items, [30, 20]);
        ids.insert(0, 40); // a newer run
        let p2 = token_page(&ids, true, 2, p1.next.as_deref(), 0).unwrap();
        assert_eq!(p2.items, [10]);
    }
}
