//! Wire tests for the Libraries API.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_core::Error;
use databricks_libraries::{
    ClusterLibraryStatuses, InstallLibraries, LibrariesApi, Library, LibraryInstallStatus,
    MavenLibrary, PythonPyPiLibrary, RCranLibrary, UninstallLibraries,
};
use serde_json::{Value, json};
use wiremock::MockServer;
use wiremock::matchers::{body_json, query_param};

const ID: &str = "0612-083412-z9a1b2c3";

const STATUS: &str = r#"{
  "cluster_id": "0612-083412-z9a1b2c3",
  "library_statuses": [
    { "library": { "pypi": { "package": "simplejson==3.19.2" } }, "status": "INSTALLED", "is_library_for_all_clusters": false },
    { "library": { "maven": { "coordinates": "org.jsoup:jsoup:1.17.2" } }, "status": "FAILED", "is_library_for_all_clusters": false,
      "messages": ["Library resolution failed. Cause: java.lang.RuntimeException: org.jsoup:jsoup download failed."] },
    { "library": { "jar": "/Volumes/main/default/libs/old.jar" }, "status": "UNINSTALL_ON_RESTART", "is_library_for_all_clusters": false },
    { "library": { "whl": "/Workspace/Shared/legacy.whl" }, "status": "INSTALLED", "is_library_for_all_clusters": true },
    { "library": { "volume_package": { "path": "/Volumes/x" } }, "status": "TELEPORTING", "new_field": 1 }
  ]
}"#;

async fn setup() -> (MockServer, LibrariesApi) {
    let server = MockServer::start().await;
    let api = LibrariesApi::new(client(&server));
    (server, api)
}

fn every_kind() -> Vec<Library> {
    vec![
        Library::jar("/Volumes/main/default/libs/etl-utils-1.4.jar"),
        Library::egg("/Workspace/Shared/old.egg"),
        Library::whl("/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl"),
        Library::from(
            PythonPyPiLibrary::new("simplejson==3.19.2").with_repo("https://pypi.org/simple"),
        ),
        Library::from(
            MavenLibrary::new("org.jsoup:jsoup:1.17.2")
                .with_exclusions(["slf4j:slf4j"])
                .with_repo("https://repo.example.com/maven"),
        ),
        Library::from(RCranLibrary::new("forecast").with_repo("https://cran.example.com")),
        Library::requirements("/Workspace/Shared/requirements.txt"),
    ]
}

fn every_kind_json() -> Value {
    json!([
        { "jar": "/Volumes/main/default/libs/etl-utils-1.4.jar" },
        { "egg": "/Workspace/Shared/old.egg" },
        { "whl": "/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl" },
        { "pypi": { "package": "simplejson==3.19.2", "repo": "https://pypi.org/simple" } },
        { "maven": { "coordinates": "org.jsoup:jsoup:1.17.2", "exclusions": ["slf4j:slf4j"], "repo": "https://repo.example.com/maven" } },
        { "cran": { "package": "forecast", "repo": "https://cran.example.com" } },
        { "requirements": "/Workspace/Shared/requirements.txt" }
    ])
}

#[tokio::test]
async fn install_sends_every_library_kind() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/libraries/install")
        .and(no_query)
        .and(body_json(
            json!({ "cluster_id": ID, "libraries": every_kind_json() }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.install(InstallLibraries::new(ID, every_kind()))
        .await
        .unwrap();
}

#[tokio::test]
async fn uninstall_sends_the_libraries() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.0/libraries/uninstall")
        .and(body_json(json!({
            "cluster_id": ID,
            "libraries": [ { "jar": "/Volumes/main/default/libs/old.jar" } ]
        })))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    api.uninstall(UninstallLibraries::new(
        ID,
        [Library::jar("/Volumes/main/default/libs/old.jar")],
    ))
    .await
    .unwrap();
}

#[tokio::test]
async fn cluster_status_decodes_statuses_and_keeps_unknowns() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .and(query_param("cluster_id", ID))
        .and(no_body)
        .respond_with(ok_json(fixture(STATUS)))
        .expect(1)
        .mount(&server)
        .await;
    let s = api.cluster_status(ID).await.unwrap();
    assert_eq!(s.cluster_id.as_str(), ID);
    assert_eq!(s.library_statuses.len(), 5);
    assert_eq!(
        s.status_of(&Library::pypi("simplejson==3.19.2"))
            .unwrap()
            .status,
        Some(LibraryInstallStatus::Installed)
    );
    let failed: Vec<_> = s.failed().collect();
    assert_eq!(failed.len(), 1);
    assert!(failed[0].messages[0].contains("download failed"));
    assert!(s.library_statuses[3].is_library_for_all_clusters);
    let unknown = &s.library_statuses[4];
    assert_eq!(
        unknown.status,
        Some(LibraryInstallStatus::Unrecognized("TELEPORTING".into()))
    );
    assert_eq!(
        unknown.library.extra["volume_package"]["path"],
        "/Volumes/x"
    );
    assert_eq!(unknown.library.kinds(), ["volume_package"]);
    // Unknown library kinds go back to the service as they came.
    assert_eq!(
        serde_json::to_value(&unknown.library).unwrap(),
        json!({ "volume_package": { "path": "/Volumes/x" } })
    );
}

#[tokio::test]
async fn cluster_status_of_a_cluster_without_libraries() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    let s = api.cluster_status(ID).await.unwrap();
    assert_eq!(s.cluster_id.as_str(), ID, "filled in from the request");
    assert!(s.library_statuses.is_empty());
}

#[tokio::test]
async fn all_cluster_statuses() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/all-cluster-statuses")
        .and(no_query)
        .and(no_body)
        .respond_with(ok_json(json!({ "statuses": [
            { "cluster_id": ID, "library_statuses": [ { "library": { "pypi": { "package": "a" } }, "status": "INSTALLED" } ] },
            { "cluster_id": "0101-000000-other000" }
        ] })))
        .expect(1)
        .mount(&server)
        .await;
    let all = api.all_cluster_statuses().await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[1].library_statuses.is_empty());

    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/all-cluster-statuses")
        .respond_with(ok_empty())
        .mount(&server)
        .await;
    assert!(api.all_cluster_statuses().await.unwrap().is_empty());
}

#[tokio::test]
async fn errors_map_to_predicates() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Cluster does not exist",
        ))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/libraries/install")
        .respond_with(api_error(403, "PERMISSION_DENIED", "needs CAN_MANAGE"))
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.0/libraries/uninstall")
        .respond_with(api_error(400, "INVALID_PARAMETER_VALUE", "bad coordinates"))
        .mount(&server)
        .await;
    assert!(api.cluster_status(ID).await.unwrap_err().is_not_found());
    let err = api
        .install(InstallLibraries::new(ID, [Library::pypi("x")]))
        .await
        .unwrap_err();
    assert!(err.is_permission_denied());
    let err = api
        .uninstall(UninstallLibraries::new(ID, [Library::pypi("x")]))
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter());
}

#[tokio::test]
async fn validation_rejects_before_sending() {
    let (server, api) = setup().await;
    forbid_any_request(&server).await;
    assert_invalid(
        api.install(InstallLibraries::new("", [Library::pypi("x")]))
            .await,
        "cluster_id",
    );
    assert_invalid(
        api.install(InstallLibraries::new(ID, [])).await,
        "libraries",
    );
    assert_invalid(
        api.install(InstallLibraries::new(ID, [Library::default()]))
            .await,
        "libraries[0]",
    );
    let two = Library {
        pypi: Some(PythonPyPiLibrary::new("a")),
        ..Library::jar("/a.jar")
    };
    assert_invalid(
        api.install(InstallLibraries::new(ID, [Library::jar("/ok.jar"), two]))
            .await,
        "libraries[1]",
    );
    assert_invalid(
        api.install(InstallLibraries::new(
            ID,
            [Library::maven("org.jsoup:jsoup")],
        ))
        .await,
        "libraries[0].maven.coordinates",
    );
    assert_invalid(
        api.install(InstallLibraries::new(ID, [Library::pypi("")]))
            .await,
        "libraries[0].pypi.package",
    );
    assert_invalid(
        api.install(InstallLibraries::new(ID, [Library::cran(" ")]))
            .await,
        "libraries[0].cran.package",
    );
    assert_invalid(
        api.install(InstallLibraries::new(ID, [Library::whl("")]))
            .await,
        "libraries[0].whl",
    );
    assert_invalid(
        api.install(InstallLibraries::new(
            ID,
            [Library::requirements("dbfs:/requirements.txt")],
        ))
        .await,
        "libraries[0].requirements",
    );
    assert_invalid(
        api.uninstall(UninstallLibraries::new(ID, [Library::default()]))
            .await,
        "libraries[0]",
    );
    assert_invalid(api.cluster_status("").await, "cluster_id");
    let err = fast(api.install_and_wait(InstallLibraries::new(ID, [])))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

fn statuses(entries: Vec<(&Library, &str)>) -> Value {
    json!({
        "cluster_id": ID,
        "library_statuses": entries
            .into_iter()
            .map(|(l, s)| json!({ "library": l, "status": s, "is_library_for_all_clusters": false }))
            .collect::<Vec<_>>()
    })
}

#[tokio::test]
async fn wait_until_installed_polls_until_nothing_is_in_progress() {
    let (server, api) = setup().await;
    let a = Library::pypi("a==1");
    let b = Library::jar("/b.jar");
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(Sequence::json(vec![
            statuses(vec![(&a, "PENDING"), (&b, "PENDING")]),
            statuses(vec![(&a, "RESOLVING"), (&b, "INSTALLING")]),
            statuses(vec![(&a, "INSTALLED"), (&b, "SKIPPED")]),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let states = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let progress = states.clone();
    let done = fast(api.wait_until_installed(ID))
        .on_progress(move |_: &ClusterLibraryStatuses, s: &str| {
            progress.lock().unwrap().push(s.to_owned())
        })
        .await
        .unwrap();
    assert_eq!(done.library_statuses.len(), 2);
    assert_eq!(*states.lock().unwrap(), ["PENDING", "RESOLVING"]);
}

#[tokio::test]
async fn wait_until_installed_reports_failures_with_messages() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(ok_json(fixture(STATUS)))
        .mount(&server)
        .await;
    let err = fast(api.wait_until_installed(ID)).await.unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    assert_eq!(w.state(), "FAILED");
    assert_eq!(w.what(), format!("libraries of cluster {ID}"));
    assert_eq!(
        w.message(),
        "1 of 4 libraries failed to install: maven org.jsoup:jsoup:1.17.2 (Library resolution failed. Cause: java.lang.RuntimeException: org.jsoup:jsoup download failed.)"
    );
    let last = w.last::<ClusterLibraryStatuses>().unwrap();
    assert!(
        last.library_statuses
            .iter()
            .all(|s| !s.is_library_for_all_clusters),
        "all-cluster libraries are ignored"
    );
}

#[tokio::test]
async fn install_and_wait_installs_once_and_watches_only_its_libraries() {
    let (server, api) = setup().await;
    let mine = Library::from(MavenLibrary::new("g:a:1"));
    let other = Library::pypi("failing-elsewhere");
    endpoint("POST", "/api/2.0/libraries/install")
        .and(body_json(
            json!({ "cluster_id": ID, "libraries": [ { "maven": { "coordinates": "g:a:1" } } ] }),
        ))
        .respond_with(ok_empty())
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(Sequence::json(vec![
            // Not listed yet, then installing, then done; the other library failed long ago.
            statuses(vec![(&other, "FAILED")]),
            statuses(vec![(&other, "FAILED"), (&mine, "INSTALLING")]),
            statuses(vec![(&other, "FAILED"), (&mine, "INSTALLED")]),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let done = fast(api.install_and_wait(InstallLibraries::new(ID, [mine.clone()])))
        .await
        .unwrap();
    assert_eq!(done.library_statuses.len(), 1);
    assert_eq!(done.library_statuses[0].library, mine);
}

#[tokio::test]
async fn a_brand_new_cluster_may_be_unknown_for_a_few_polls() {
    let (server, api) = setup().await;
    let a = Library::pypi("a");
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(Sequence::new(vec![
            api_error(404, "RESOURCE_DOES_NOT_EXIST", "Cluster does not exist"),
            api_error(404, "RESOURCE_DOES_NOT_EXIST", "Cluster does not exist"),
            ok_json(statuses(vec![(&a, "INSTALLED")])),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    fast(api.wait_until_installed(ID)).await.unwrap();

    // But not for ever.
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.0/libraries/cluster-status")
        .respond_with(api_error(
            404,
            "RESOURCE_DOES_NOT_EXIST",
            "Cluster does not exist",
        ))
        .expect(4)
        .mount(&server)
        .await;
    let err = fast(api.wait_until_installed(ID)).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
}

#[test]
fn library_json_shape_and_display() {
    let libs = every_kind();
    assert_eq!(serde_json::to_value(&libs).unwrap(), every_kind_json());
    let back: Vec<Library> = serde_json::from_value(every_kind_json()).unwrap();
    assert_eq!(back, libs);
    let shown: Vec<String> = libs.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "jar /Volumes/main/default/libs/etl-utils-1.4.jar",
            "egg /Workspace/Shared/old.egg",
            "whl /Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl",
            "pypi simplejson==3.19.2",
            "maven org.jsoup:jsoup:1.17.2",
            "cran forecast",
            "requirements /Workspace/Shared/requirements.txt"
        ]
    );
    assert_eq!(Library::default().to_string(), "(empty library)");
}
