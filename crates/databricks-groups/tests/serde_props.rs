//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields the SDK does not know) and encodes back what they said. See
//! `databricks_testkit::serde_props` for the template language.
//!
//! The one public model type is [`Principal`] (the reference's `PrincipalName`, the element
//! of `list-members`' `members`). Not covered:
//! - `GroupsApi`, because it is an API handle, not a wire type;
//! - the request bodies (`{"group_name"}`, `MemberRequest`) and the response wrappers
//!   (`{"group_name"}`, `{"group_names"}`, `{"members"}`), because they are private to the
//!   crate (built as JSON values or decoded into private structs) and the public API takes
//!   and returns plain names and `Principal`s; the wire tests in `tests/groups.rs` check them.

use databricks_groups::Principal;
use databricks_testkit::serde_props::round_trip;
use serde_json::json;

#[test]
fn principal() {
    // "exactly one of `user_name` (string) / `group_name` (string) is present".
    round_trip::<Principal>(json!({ "@oneof": [
        { "user_name!": "alice@example.com" },
        { "group_name!": "contractors" },
    ]}));
}
