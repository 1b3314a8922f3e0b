//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields the SDK does not know) and encodes back what they said. See
//! `databricks_testkit::serde_props` for the template language.
//!
//! Not covered: `InstanceProfilesApi` (an API handle, no serde); `RemoveInstanceProfile`
//! (crate-private and `Serialize` only: `remove` takes the ARN as a `&str`);
//! `ListInstanceProfilesResponse` (crate-private: `list` returns `Vec<InstanceProfile>`, so
//! its items are what `instance_profile` covers).

use databricks_instance_profiles::{AddInstanceProfile, InstanceProfile};
use databricks_testkit::serde_props::round_trip;
use serde_json::json;

#[test]
fn add_instance_profile() {
    round_trip::<AddInstanceProfile>(json!({
        "iam_role_arn": "arn:aws:iam::123456789012:role/name",
        "instance_profile_arn!": "arn:aws:iam::123456789012:instance-profile/name",
        "is_meta_instance_profile": false,
        "skip_validation": false,
    }));
}

#[test]
fn instance_profile() {
    round_trip::<InstanceProfile>(json!({
        "iam_role_arn": "arn:aws:iam::123456789012:role/name",
        "instance_profile_arn": "arn:aws:iam::123456789012:instance-profile/name",
        "is_meta_instance_profile": false,
    }));
}
