//! List and get parameters, list responses.

use serde::{Deserialize, Serialize};

use super::common::{ListResponseSchema, SortOrder};

/// The parameters of a listing (`GET /Users`, `/Groups`, `/ServicePrincipals`).
///
/// Every field is optional. The `filter` takes a raw SCIM filter string or a
/// [`Filter`](crate::Filter); attribute lists are sent comma-separated.
///
/// ```
/// use databricks_scim::{Filter, ListRequest, SortOrder};
///
/// let request = ListRequest::new()
///     .filter(Filter::sw("userName", "data-").and(Filter::eq("active", true)))
///     .attributes(["id", "userName"])
///     .sort_by("userName")
///     .sort_order(SortOrder::Descending);
/// assert_eq!(request.filter.as_deref(), Some(r#"userName sw "data-" and active eq true"#));
///
/// // Or with struct syntax and a raw filter:
/// let raw = ListRequest {
///     filter: Some(r#"displayName co "ops""#.into()),
///     ..ListRequest::default()
/// };
/// # let _ = raw;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRequest {
    /// A SCIM filter (`filter`), e.g. `userName eq "a@b.com"`.
    pub filter: Option<String>,
    /// Attributes to return (`attributes`); empty: the default set.
    pub attributes: Vec<String>,
    /// Attributes to leave out (`excludedAttributes`).
    pub excluded_attributes: Vec<String>,
    /// The attribute to sort by (`sortBy`), e.g. `userName` or `name.givenName`.
    pub sort_by: Option<String>,
    /// The sort order (`sortOrder`).
    pub sort_order: Option<SortOrder>,
    /// Items per page (`count`) when the paginator's
    /// [`page_size`](databricks_core::Paginator::page_size) is not set; unset, the
    /// service's default.
    pub count: Option<u32>,
    /// The 1-based index of the first item to return (`startIndex`); default 1.
    pub start_index: Option<u64>,
}

impl ListRequest {
    /// A listing of everything, in the service's order.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the filter, raw or built with [`Filter`](crate::Filter).
    pub fn filter(mut self, filter: impl Into<String>) -> Self {
        self.filter = Some(filter.into());
        self
    }

    /// Sets the attributes to return.
    pub fn attributes<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.attributes = attributes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the attributes to leave out.
    pub fn excluded_attributes<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.excluded_attributes = attributes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the attribute to sort by.
    pub fn sort_by(mut self, attribute: impl Into<String>) -> Self {
        self.sort_by = Some(attribute.into());
        self
    }

    /// Sets the sort order.
    pub fn sort_order(mut self, order: SortOrder) -> Self {
        self.sort_order = Some(order);
        self
    }

    /// Sets the page size.
    pub fn count(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }

    /// Sets the 1-based index of the first item.
    pub fn start_index(mut self, start_index: u64) -> Self {
        self.start_index = Some(start_index);
        self
    }
}

/// Which attributes a `get` (or `Me`) returns: `attributes` and `excludedAttributes`.
///
/// ```
/// use databricks_scim::GetRequest;
///
/// let only_names = GetRequest::new().attributes(["userName", "displayName"]);
/// let without_groups = GetRequest::new().excluded_attributes(["groups"]);
/// # let _ = (only_names, without_groups);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetRequest {
    /// Attributes to return; empty: the default set.
    pub attributes: Vec<String>,
    /// Attributes to leave out.
    pub excluded_attributes: Vec<String>,
}

impl GetRequest {
    /// The default attributes.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the attributes to return.
    pub fn attributes<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.attributes = attributes.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the attributes to leave out.
    pub fn excluded_attributes<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.excluded_attributes = attributes.into_iter().map(Into::into).collect();
        self
    }
}

/// One page of a listing, as the service returns it (see the `list_page` methods; `list`
/// pages through them for you).
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de>")
)]
pub struct ListResponse<T> {
    /// Schema URNs (the list response URN).
    #[serde(
        default,
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub schemas: Vec<ListResponseSchema>,
    /// The total number of matches (all pages).
    #[serde(default)]
    pub total_results: Option<u64>,
    /// The 1-based index of this page's first item.
    #[serde(default)]
    pub start_index: Option<u64>,
    /// The number of items on this page.
    #[serde(default)]
    pub items_per_page: Option<u64>,
    /// The items (`Resources` on the wire; absent when there are none).
    #[serde(
        rename = "Resources",
        default = "Vec::new",
        deserialize_with = "databricks_core::serde_util::null_default"
    )]
    pub resources: Vec<T>,
}

impl<T> Default for ListResponse<T> {
    fn default() -> Self {
        Self {
            schemas: Vec::new(),
            total_results: None,
            start_index: None,
            items_per_page: None,
            resources: Vec::new(),
        }
    }
}

/// Joins attribute names with commas, or `None` when there are none.
pub(crate) fn join(attributes: &[String]) -> Option<String> {
    (!attributes.is_empty()).then(|| attributes.join(","))
}
