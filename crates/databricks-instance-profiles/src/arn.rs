//! ARN validation.

use databricks_core::{Error, Result};

/// The AWS partitions an IAM ARN may name.
const PARTITIONS: [&str; 3] = ["aws", "aws-cn", "aws-us-gov"];

/// Checks `arn` has the shape `arn:<partition>:iam::<12-digit account>:<resource>/<name>`,
/// where `<resource>` is `instance-profile` or `role`.
///
/// ```
/// use databricks_instance_profiles::validate_arn;
///
/// assert!(validate_arn("arn:aws:iam::123456789012:instance-profile/etl", "instance-profile").is_ok());
/// assert!(validate_arn("arn:aws:iam::123456789012:instance-profile/team/etl", "instance-profile").is_ok());
/// assert!(validate_arn("arn:aws:iam::123456789012:role/etl", "instance-profile").is_err());
/// assert!(validate_arn("arn:aws:iam::1234:instance-profile/etl", "instance-profile").is_err());
/// ```
pub fn validate_arn(arn: &str, resource: &str) -> std::result::Result<(), String> {
    let expected = format!("arn:aws:iam::<12-digit account id>:{resource}/<name>");
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [prefix, partition, service, region, account, rest] = parts.as_slice() else {
        return Err(format!("{arn:?} is not an ARN; expected {expected}"));
    };
    if *prefix != "arn" || !PARTITIONS.contains(partition) || *service != "iam" {
        return Err(format!(
            "{arn:?} is not an AWS IAM ARN; expected {expected}"
        ));
    }
    if !region.is_empty() {
        return Err(format!(
            "{arn:?} names a region; IAM ARNs have none ({expected})"
        ));
    }
    if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{arn:?} does not name a 12-digit AWS account id; expected {expected}"
        ));
    }
    let Some(name) = rest
        .strip_prefix(resource)
        .and_then(|r| r.strip_prefix('/'))
    else {
        return Err(format!(
            "{arn:?} is not a {resource} ARN; expected {expected}"
        ));
    };
    let valid = |c: char| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c);
    if name.is_empty() || name.ends_with('/') || !name.chars().all(valid) {
        return Err(format!(
            "{arn:?} has an invalid {resource} name; expected {expected}"
        ));
    }
    Ok(())
}

pub(crate) fn check(field: &str, arn: &str, resource: &str) -> Result<()> {
    validate_arn(arn, resource).map_err(|m| Error::invalid_input(field, m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns() {
        for ok in [
            "arn:aws:iam::123456789012:instance-profile/databricks-s3-access",
            "arn:aws-us-gov:iam::123456789012:instance-profile/a.b@c+d=e,f_g",
            "arn:aws-cn:iam::123456789012:instance-profile/path/to/name",
        ] {
            assert!(validate_arn(ok, "instance-profile").is_ok(), "{ok}");
        }
        for bad in [
            "",
            "databricks-s3-access",
            "arn:aws:s3::123456789012:instance-profile/x",
            "arn:azure:iam::123456789012:instance-profile/x",
            "arn:aws:iam:us-west-2:123456789012:instance-profile/x",
            "arn:aws:iam::12345678901:instance-profile/x",
            "arn:aws:iam::12345678901a:instance-profile/x",
            "arn:aws:iam::123456789012:instance-profile/",
            "arn:aws:iam::123456789012:instance-profile/has space",
            "arn:aws:iam::123456789012:instance-profilex",
            "arn:aws:iam::123456789012:role/x",
        ] {
            assert!(validate_arn(bad, "instance-profile").is_err(), "{bad}");
        }
        assert!(validate_arn("arn:aws:iam::123456789012:role/x", "role").is_ok());
    }
}
