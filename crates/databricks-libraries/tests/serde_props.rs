//! Property tests: every model type decodes documents generated from the API reference's
//! shapes (with fields and enum values the SDK does not know) and encodes back what they
//! said. See `databricks_testkit::serde_props` for the template language.
//!
//! `LibraryInstallStatus` (an open enum) is covered through `LibraryFullStatus.status`.
//!
//! Not covered: `LibrariesApi` (an API handle, no serde); `AllClusterStatuses` (the
//! `{"statuses": [...]}` body of `all-cluster-statuses`, crate-private: the endpoint returns
//! `Vec<ClusterLibraryStatuses>`, whose items `cluster_library_statuses` covers).

use databricks_libraries::{
    ClusterLibraryStatuses, InstallLibraries, Library, LibraryFullStatus, MavenLibrary,
    PythonPyPiLibrary, RCranLibrary, UninstallLibraries,
};
use databricks_testkit::serde_props::round_trip;
use serde_json::{Value, json};

const INSTALL_STATUS: &str =
    "@enum:FAILED|INSTALLED|INSTALLING|PENDING|RESOLVING|RESTORED|SKIPPED|UNINSTALL_ON_RESTART";

fn pypi() -> Value {
    json!({ "package!": "simplejson==3.8.0", "repo": "https://pypi.example.com/simple" })
}

fn maven() -> Value {
    json!({
        "coordinates!": "org.jsoup:jsoup:1.17.2",
        "exclusions": ["slf4j:slf4j"],
        "repo": "https://repo.example.com/maven",
    })
}

fn cran() -> Value {
    json!({ "package!": "forecast", "repo": "https://cran.example.com" })
}

/// A `Library`: exactly one variant key per element.
fn library() -> Value {
    json!({ "@oneof": [
        { "cran!": cran() },
        { "egg!": "/Workspace/lib.egg" },
        { "jar!": "/Volumes/main/default/libs/a.jar" },
        { "maven!": maven() },
        { "pypi!": pypi() },
        { "requirements!": "/Workspace/Shared/requirements.txt" },
        { "whl!": "/Volumes/main/default/libs/a.whl" },
    ]})
}

fn full_status() -> Value {
    json!({
        "is_library_for_all_clusters": false,
        "library": library(),
        "messages": ["message"],
        "status": INSTALL_STATUS,
    })
}

fn cluster_statuses() -> Value {
    json!({
        "cluster_id": "0923-164208-meows279",
        "library_statuses": [full_status()],
    })
}

#[test]
fn python_pypi_library() {
    round_trip::<PythonPyPiLibrary>(pypi());
}

#[test]
fn maven_library() {
    round_trip::<MavenLibrary>(maven());
}

#[test]
fn r_cran_library() {
    round_trip::<RCranLibrary>(cran());
}

#[test]
fn library_spec() {
    round_trip::<Library>(library());
}

#[test]
fn install_libraries() {
    round_trip::<InstallLibraries>(json!({
        "cluster_id!": "0923-164208-meows279",
        "libraries!": [library()],
    }));
}

#[test]
fn uninstall_libraries() {
    round_trip::<UninstallLibraries>(json!({
        "cluster_id!": "0923-164208-meows279",
        "libraries!": [library()],
    }));
}

#[test]
fn library_full_status() {
    round_trip::<LibraryFullStatus>(full_status());
}

#[test]
fn cluster_library_statuses() {
    round_trip::<ClusterLibraryStatuses>(cluster_statuses());
}
