//! Instance Profiles API (`/api/2.0/instance-profiles/*`, AWS).
//!
//! `add`, `edit` and `remove` are for admins (403 `PERMISSION_DENIED` otherwise); `list` is
//! open to every caller and lists every registered profile (the emulator has no SCIM roles to
//! narrow it). ARNs must look like `arn:aws:iam::<12 digits>:instance-profile/<name>` (and
//! `:role/<name>` for `iam_role_arn`), else 400 `INVALID_PARAMETER_VALUE`. Adding a
//! registered profile answers 400 `RESOURCE_ALREADY_EXISTS`; editing or removing an unknown
//! one 404 `RESOURCE_DOES_NOT_EXIST`.
//!
//! Failure injection: the AWS dry-run validation of `add` fails (400
//! `INVALID_PARAMETER_VALUE`) for a profile whose name contains `emulator-dry-run-fails`,
//! unless `skip_validation` is true. Clusters may only use registered profiles
//! (`aws_attributes.instance_profile_arn`).

use axum::Router;
use axum::routing::{get, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::request::Ctx;
use crate::workspace::AppState;

/// The marker that makes the dry-run validation of `add` fail.
pub(crate) const DRY_RUN_FAILS: &str = "emulator-dry-run-fails";

/// A registered instance profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct InstanceProfile {
    /// Identity.
    pub(crate) instance_profile_arn: String,
    /// Role ARN.
    #[serde(default)]
    pub(crate) iam_role_arn: Option<String>,
    /// Meta instance profile.
    #[serde(default)]
    pub(crate) is_meta_instance_profile: bool,
}

/// Registered profiles, in registration order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct InstanceProfilesState {
    /// The profiles.
    pub(crate) profiles: Vec<InstanceProfile>,
}

impl InstanceProfilesState {
    /// Whether `arn` is registered.
    pub(crate) fn is_registered(&self, arn: &str) -> bool {
        self.profiles.iter().any(|p| p.instance_profile_arn == arn)
    }
}

/// Checks `arn:<partition>:iam::<12 digits>:<resource>/<name>`.
fn valid_arn(arn: &str, resource: &str) -> bool {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, rest] = parts.as_slice() else {
        return false;
    };
    *prefix == "arn"
        && matches!(*partition, "aws" | "aws-cn" | "aws-us-gov")
        && *service == "iam"
        && region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && rest
            .strip_prefix(resource)
            .and_then(|r| r.strip_prefix('/'))
            .is_some_and(|name| {
                !name.is_empty()
                    && !name.ends_with('/')
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c))
            })
}

fn check_arns(profile_arn: &str, role_arn: Option<&str>) -> ApiResult<()> {
    if !valid_arn(profile_arn, "instance-profile") {
        return Err(ApiError::invalid_parameter_value(format!(
            "Invalid instance profile ARN {profile_arn:?}: expected \
             arn:aws:iam::<account-id>:instance-profile/<name>."
        )));
    }
    if let Some(role) = role_arn {
        if !valid_arn(role, "role") {
            return Err(ApiError::invalid_parameter_value(format!(
                "Invalid IAM role ARN {role:?}: expected arn:aws:iam::<account-id>:role/<name>."
            )));
        }
    }
    Ok(())
}

fn not_registered(arn: &str) -> ApiError {
    ApiError::resource_does_not_exist(format!("Instance profile {arn} does not exist."))
}

async fn add(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let p = &ctx.params;
    let arn = p.str_req("instance_profile_arn")?;
    let role = p.str_opt("iam_role_arn")?;
    let meta = p.bool_opt("is_meta_instance_profile")?.unwrap_or(false);
    let skip = p.bool_opt("skip_validation")?.unwrap_or(false);
    check_arns(&arn, role.as_deref())?;
    if !skip && arn.contains(DRY_RUN_FAILS) {
        return Err(ApiError::invalid_parameter_value(format!(
            "Verification of the instance profile failed. AWS error: Your requested instance \
             type (m5.large) is not supported in your requested Availability Zone. Retry with \
             skip_validation to add {arn} anyway."
        )));
    }
    ctx.ws.update(|s| {
        if s.instance_profiles.is_registered(&arn) {
            return Err(ApiError::resource_already_exists(format!(
                "Instance profile with this ARN already exists: {arn}"
            )));
        }
        s.instance_profiles.profiles.push(InstanceProfile {
            instance_profile_arn: arn.clone(),
            iam_role_arn: role,
            is_meta_instance_profile: meta,
        });
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn edit(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let p = &ctx.params;
    let arn = p.str_req("instance_profile_arn")?;
    let role = p.str_opt("iam_role_arn")?;
    let meta = p.bool_opt("is_meta_instance_profile")?;
    check_arns(&arn, role.as_deref())?;
    ctx.ws.update(|s| {
        let profile = s
            .instance_profiles
            .profiles
            .iter_mut()
            .find(|p| p.instance_profile_arn == arn)
            .ok_or_else(|| not_registered(&arn))?;
        profile.iam_role_arn = role;
        if let Some(meta) = meta {
            profile.is_meta_instance_profile = meta;
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn list(ctx: Ctx) -> ApiResult {
    let items: Vec<Value> = ctx.ws.read(|s| {
        s.instance_profiles
            .profiles
            .iter()
            .map(|p| {
                let mut v = json!({
                    "instance_profile_arn": p.instance_profile_arn,
                    "is_meta_instance_profile": p.is_meta_instance_profile,
                });
                if let Some(role) = &p.iam_role_arn {
                    v["iam_role_arn"] = json!(role);
                }
                v
            })
            .collect()
    });
    Ok(json_ok(list_body("instance_profiles", items)))
}

async fn remove(ctx: Ctx) -> ApiResult {
    ctx.caller.require_admin()?;
    let arn = ctx.params.str_req("instance_profile_arn")?;
    ctx.ws.update(|s| {
        let before = s.instance_profiles.profiles.len();
        s.instance_profiles
            .profiles
            .retain(|p| p.instance_profile_arn != arn);
        if s.instance_profiles.profiles.len() == before {
            return Err(not_registered(&arn));
        }
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

/// Routes of the Instance Profiles API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/2.0/instance-profiles/add", post(add))
        .route("/api/2.0/instance-profiles/edit", post(edit))
        .route("/api/2.0/instance-profiles/list", get(list))
        .route("/api/2.0/instance-profiles/remove", post(remove))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns() {
        assert!(valid_arn(
            "arn:aws:iam::123456789012:instance-profile/a",
            "instance-profile"
        ));
        assert!(valid_arn("arn:aws:iam::123456789012:role/a/b", "role"));
        assert!(!valid_arn(
            "arn:aws:iam::123456789012:role/a",
            "instance-profile"
        ));
        assert!(!valid_arn(
            "arn:aws:iam::12345678901:instance-profile/a",
            "instance-profile"
        ));
        assert!(!valid_arn("nope", "instance-profile"));
    }
}
