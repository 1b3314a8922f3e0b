//! Client-side validation of the rules the Clusters API documents. Every check runs before
//! anything is sent and fails with [`Error::InvalidInput`] naming the JSON field.

use databricks_core::{Error, Result};

use crate::model::{AutoScale, ClusterId, ClusterSpec, EbsVolumeType};

/// At most this many `custom_tags` per cluster.
pub const MAX_CUSTOM_TAGS: usize = 45;
/// At most this many `ssh_public_keys` per cluster.
pub const MAX_SSH_PUBLIC_KEYS: usize = 10;
/// `autotermination_minutes` is 0 (disabled) or within this range.
pub const AUTOTERMINATION_MINUTES_RANGE: std::ops::RangeInclusive<i32> = 10..=10_000;
/// At most this many EBS volumes per instance.
pub const MAX_EBS_VOLUME_COUNT: i32 = 10;
/// `aws_attributes.spot_bid_price_percent` is at most this.
pub const MAX_SPOT_BID_PRICE_PERCENT: i32 = 10_000;

pub(crate) fn cluster_id(field: &str, id: &ClusterId) -> Result<()> {
    if id.as_str().trim().is_empty() {
        return Err(Error::invalid_input(field, "must not be empty"));
    }
    Ok(())
}

pub(crate) fn autoscale(field: &str, a: &AutoScale) -> Result<()> {
    if let Some(min) = a.min_workers {
        if min < 0 {
            return Err(Error::invalid_input(
                format!("{field}.min_workers"),
                format!("must not be negative (got {min})"),
            ));
        }
    }
    match (a.min_workers, a.max_workers) {
        (_, None) => Err(Error::invalid_input(
            format!("{field}.max_workers"),
            "is required",
        )),
        (min, Some(max)) if max <= min.unwrap_or(0) => Err(Error::invalid_input(
            format!("{field}.max_workers"),
            format!(
                "must be greater than min_workers (got max_workers {max}, min_workers {})",
                min.unwrap_or(0)
            ),
        )),
        _ => Ok(()),
    }
}

/// Checks the documented limits of a spec. `prefix` is prepended to field names (`cluster.`
/// for an update).
pub(crate) fn spec(prefix: &str, s: &ClusterSpec) -> Result<()> {
    let f = |name: &str| format!("{prefix}{name}");
    if s.num_workers.is_some() && s.autoscale.is_some() {
        return Err(Error::invalid_input(
            f("num_workers"),
            "num_workers and autoscale are mutually exclusive: set only one",
        ));
    }
    if let Some(n) = s.num_workers {
        if n < 0 {
            return Err(Error::invalid_input(
                f("num_workers"),
                format!("must not be negative (got {n})"),
            ));
        }
    }
    if let Some(a) = &s.autoscale {
        autoscale(&f("autoscale"), a)?;
    }
    if let Some(m) = s.autotermination_minutes {
        if m != 0 && !AUTOTERMINATION_MINUTES_RANGE.contains(&m) {
            return Err(Error::invalid_input(
                f("autotermination_minutes"),
                format!("must be 0 (disabled) or between 10 and 10000 (got {m})"),
            ));
        }
    }
    if s.custom_tags.len() > MAX_CUSTOM_TAGS {
        return Err(Error::invalid_input(
            f("custom_tags"),
            format!(
                "at most {MAX_CUSTOM_TAGS} custom tags are allowed (got {})",
                s.custom_tags.len()
            ),
        ));
    }
    if s.ssh_public_keys.len() > MAX_SSH_PUBLIC_KEYS {
        return Err(Error::invalid_input(
            f("ssh_public_keys"),
            format!(
                "at most {MAX_SSH_PUBLIC_KEYS} keys are allowed (got {})",
                s.ssh_public_keys.len()
            ),
        ));
    }
    if let Some(aws) = &s.aws_attributes {
        if let Some(n) = aws.ebs_volume_count {
            if !(0..=MAX_EBS_VOLUME_COUNT).contains(&n) {
                return Err(Error::invalid_input(
                    f("aws_attributes.ebs_volume_count"),
                    format!("must be between 0 and {MAX_EBS_VOLUME_COUNT} (got {n})"),
                ));
            }
        }
        if let (Some(size), Some(kind)) = (aws.ebs_volume_size, &aws.ebs_volume_type) {
            let range = match kind {
                EbsVolumeType::GeneralPurposeSsd => Some(100..=4096),
                EbsVolumeType::ThroughputOptimizedHdd => Some(500..=4096),
                _ => None,
            };
            if let Some(range) = range {
                if !range.contains(&size) {
                    return Err(Error::invalid_input(
                        f("aws_attributes.ebs_volume_size"),
                        format!(
                            "must be between {} and {} GiB for {kind} (got {size})",
                            range.start(),
                            range.end()
                        ),
                    ));
                }
            }
        }
        if let Some(p) = aws.spot_bid_price_percent {
            if !(0..=MAX_SPOT_BID_PRICE_PERCENT).contains(&p) {
                return Err(Error::invalid_input(
                    f("aws_attributes.spot_bid_price_percent"),
                    format!("must be between 0 and {MAX_SPOT_BID_PRICE_PERCENT} (got {p})"),
                ));
            }
        }
    }
    if let Some(azure) = &s.azure_attributes {
        if let Some(p) = azure.spot_bid_max_price {
            if p != -1.0 && p <= 0.0 {
                return Err(Error::invalid_input(
                    f("azure_attributes.spot_bid_max_price"),
                    format!("must be -1 or greater than 0 (got {p})"),
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn spark_version_required(s: &ClusterSpec) -> Result<()> {
    match s.spark_version.as_deref() {
        Some(v) if !v.trim().is_empty() => Ok(()),
        _ => Err(Error::invalid_input(
            "spark_version",
            "is required (a key from spark_versions(), e.g. 15.4.x-scala2.12)",
        )),
    }
}

pub(crate) fn update_mask(mask: &str) -> Result<()> {
    if mask.trim().is_empty() {
        return Err(Error::invalid_input(
            "update_mask",
            "must name at least one field (or `*`)",
        ));
    }
    if mask.chars().any(char::is_whitespace) {
        return Err(Error::invalid_input(
            "update_mask",
            format!("must be comma-separated without spaces (got {mask:?})"),
        ));
    }
    if mask.split(',').any(str::is_empty) {
        return Err(Error::invalid_input(
            "update_mask",
            format!("has an empty field path (got {mask:?})"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn field(r: Result<()>) -> String {
        match r.unwrap_err() {
            Error::InvalidInput(e) => e.field().to_owned(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spec_rules() {
        let ok = ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 2);
        assert!(spec("", &ok).is_ok());
        let both = ClusterSpec {
            autoscale: Some(AutoScale::new(1, 3)),
            ..ok.clone()
        };
        assert_eq!(field(spec("", &both)), "num_workers");
        let bad_range = ClusterSpec {
            num_workers: None,
            autoscale: Some(AutoScale::new(3, 3)),
            ..ok.clone()
        };
        assert_eq!(
            field(spec("cluster.", &bad_range)),
            "cluster.autoscale.max_workers"
        );
        for m in [1, 9, 10_001, -1] {
            let s = ClusterSpec {
                autotermination_minutes: Some(m),
                ..ok.clone()
            };
            assert_eq!(field(spec("", &s)), "autotermination_minutes", "{m}");
        }
        for m in [0, 10, 10_000] {
            let s = ClusterSpec {
                autotermination_minutes: Some(m),
                ..ok.clone()
            };
            assert!(spec("", &s).is_ok(), "{m}");
        }
        let mut tags = ok.clone();
        for i in 0..46 {
            tags.custom_tags.insert(format!("k{i}"), "v".into());
        }
        assert_eq!(field(spec("", &tags)), "custom_tags");
        tags.custom_tags.remove("k0");
        assert!(spec("", &tags).is_ok());
    }

    #[test]
    fn masks() {
        assert!(update_mask("num_workers,spark_conf").is_ok());
        assert!(update_mask("*").is_ok());
        assert!(update_mask("").is_err());
        assert!(update_mask("a, b").is_err());
        assert!(update_mask("a,,b").is_err());
    }
}
