//! The [`InstanceProfilesApi`] handle.

use databricks_core::{Client, Method, Result};

use crate::arn::check;
use crate::model::{
    AddInstanceProfile, InstanceProfile, ListInstanceProfilesResponse, RemoveInstanceProfile,
};

const BASE: &str = "/api/2.0/instance-profiles";

/// The Instance Profiles API (AWS): register the IAM instance profiles clusters may launch
/// with (`aws_attributes.instance_profile_arn`).
///
/// ARNs are validated before anything is sent: `arn:<aws|aws-cn|aws-us-gov>:iam::<12-digit
/// account>:instance-profile/<name>` (and `:role/<name>` for `iam_role_arn`).
///
/// ```no_run
/// # async fn demo() -> databricks_core::Result<()> {
/// use databricks_instance_profiles::{AddInstanceProfile, InstanceProfilesApi};
///
/// let profiles = InstanceProfilesApi::new(databricks_core::Client::from_env()?);
/// let arn = "arn:aws:iam::123456789012:instance-profile/databricks-s3-access";
/// match profiles.add(AddInstanceProfile::new(arn)).await {
///     Err(e) if e.is_already_exists() => {} // registered already
///     other => other?,
/// }
/// for p in profiles.list().await? {
///     println!("{} (role {:?})", p.instance_profile_arn, p.iam_role_arn);
/// }
/// profiles.remove(arn).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct InstanceProfilesApi {
    client: Client,
}

impl InstanceProfilesApi {
    /// Creates the handle over a core client.
    ///
    /// ```no_run
    /// # fn demo() -> databricks_core::Result<()> {
    /// let profiles = databricks_instance_profiles::InstanceProfilesApi::new(databricks_core::Client::from_env()?);
    /// # let _ = profiles; Ok(()) }
    /// ```
    pub fn new(client: Client) -> Self {
        Self { client }
    }

    /// `POST /api/2.0/instance-profiles/add`: registers a profile (admins only). The service
    /// validates it with an AWS dry-run launch unless `skip_validation` is set. Not retried
    /// once it may have reached the service.
    ///
    /// ```no_run
    /// # async fn demo(profiles: databricks_instance_profiles::InstanceProfilesApi) -> databricks_core::Result<()> {
    /// use databricks_instance_profiles::AddInstanceProfile;
    ///
    /// profiles
    ///     .add(AddInstanceProfile {
    ///         skip_validation: Some(true),
    ///         ..AddInstanceProfile::new("arn:aws:iam::123456789012:instance-profile/etl")
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn add(&self, request: AddInstanceProfile) -> Result<()> {
        check(
            "instance_profile_arn",
            &request.instance_profile_arn,
            "instance-profile",
        )?;
        if let Some(role) = &request.iam_role_arn {
            check("iam_role_arn", role, "role")?;
        }
        self.client
            .request(Method::POST, format!("{BASE}/add"))
            .json(&request)
            .idempotent(false)
            .send_empty()
            .await
    }

    /// `POST /api/2.0/instance-profiles/edit`: changes the `iam_role_arn` of a registered
    /// profile (admins only).
    ///
    /// ```no_run
    /// # async fn demo(profiles: databricks_instance_profiles::InstanceProfilesApi) -> databricks_core::Result<()> {
    /// use databricks_instance_profiles::InstanceProfile;
    ///
    /// profiles
    ///     .edit(
    ///         InstanceProfile::new("arn:aws:iam::123456789012:instance-profile/etl")
    ///             .with_iam_role_arn("arn:aws:iam::123456789012:role/etl-role"),
    ///     )
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn edit(&self, request: InstanceProfile) -> Result<()> {
        check(
            "instance_profile_arn",
            &request.instance_profile_arn,
            "instance-profile",
        )?;
        if let Some(role) = &request.iam_role_arn {
            check("iam_role_arn", role, "role")?;
        }
        self.client
            .request(Method::POST, format!("{BASE}/edit"))
            .json(&request)
            .idempotent(true)
            .send_empty()
            .await
    }

    /// `GET /api/2.0/instance-profiles/list`: the profiles the caller may use.
    ///
    /// ```no_run
    /// # async fn demo(profiles: databricks_instance_profiles::InstanceProfilesApi) -> databricks_core::Result<()> {
    /// let all = profiles.list().await?;
    /// println!("{} profiles", all.len());
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<InstanceProfile>> {
        let response: ListInstanceProfilesResponse = self
            .client
            .request(Method::GET, format!("{BASE}/list"))
            .idempotent(true)
            .send()
            .await?;
        Ok(response.instance_profiles)
    }

    /// `POST /api/2.0/instance-profiles/remove`: unregisters a profile (admins only); running
    /// clusters keep working. Retried on transient failures (a retry after an attempt that did
    /// succeed may report not-found).
    ///
    /// ```no_run
    /// # async fn demo(profiles: databricks_instance_profiles::InstanceProfilesApi) -> databricks_core::Result<()> {
    /// profiles.remove("arn:aws:iam::123456789012:instance-profile/etl").await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove(&self, instance_profile_arn: &str) -> Result<()> {
        check(
            "instance_profile_arn",
            instance_profile_arn,
            "instance-profile",
        )?;
        self.client
            .request(Method::POST, format!("{BASE}/remove"))
            .json(&RemoveInstanceProfile {
                instance_profile_arn,
            })
            .idempotent(true)
            .send_empty()
            .await
    }
}
