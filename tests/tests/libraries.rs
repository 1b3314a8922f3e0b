//! Libraries end to end: installs progress with their cluster in the emulator.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use databricks::clusters::{CloneCluster, ClusterSpec, ClustersApi, CreateCluster, RestartCluster};
use databricks::libraries::{
    ClusterLibraryStatuses, InstallLibraries, Library, LibraryInstallStatus, MavenLibrary,
    PythonPyPiLibrary, UninstallLibraries,
};
use databricks::{Error, ErrorCode, Waiter};

fn fast<T: Send + Sync + 'static>(w: Waiter<T>) -> Waiter<T> {
    w.poll_interval(Duration::from_millis(5), Duration::from_millis(20))
        .timeout(Duration::from_secs(10))
}

async fn running(clusters: &ClustersApi) -> databricks::clusters::ClusterId {
    fast(clusters.create_and_wait(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 1)))
        .await
        .unwrap()
        .cluster_id
}

fn status(s: &ClusterLibraryStatuses, lib: &Library) -> Option<LibraryInstallStatus> {
    s.status_of(lib).and_then(|l| l.status.clone())
}

#[tokio::test]
async fn install_on_a_running_cluster() {
    let (emu, client) = common::start().await;
    let (clusters, libraries) = (client.clusters(), client.libraries());
    let id = running(&clusters).await;
    let libs = vec![
        Library::jar("/Volumes/main/default/libs/etl-utils-1.4.jar"),
        Library::whl("/Workspace/Shared/wheels/etl_lib-0.3.0-py3-none-any.whl"),
        Library::from(
            PythonPyPiLibrary::new("simplejson==3.19.2").with_repo("https://pypi.org/simple"),
        ),
        Library::from(MavenLibrary::new("org.jsoup:jsoup:1.17.2").with_exclusions(["slf4j:slf4j"])),
        Library::cran("forecast"),
        Library::requirements("/Workspace/Shared/requirements.txt"),
    ];
    libraries
        .install(InstallLibraries::new(&id, libs.clone()))
        .await
        .unwrap();
    let now = libraries.cluster_status(&id).await.unwrap();
    assert_eq!(now.library_statuses.len(), 6);
    assert!(
        now.library_statuses
            .iter()
            .all(|s| s.status.as_ref().unwrap().is_in_progress())
    );

    let done = fast(libraries.wait_until_installed(&id)).await.unwrap();
    assert_eq!(done.cluster_id, id);
    let listed: Vec<&Library> = done.library_statuses.iter().map(|s| &s.library).collect();
    assert_eq!(
        listed,
        libs.iter().collect::<Vec<_>>(),
        "add order, specs as sent"
    );
    assert!(done.library_statuses.iter().all(|s| s.status
        == Some(LibraryInstallStatus::Installed)
        && !s.is_library_for_all_clusters));

    // Installing again changes nothing.
    libraries
        .install(InstallLibraries::new(&id, [libs[0].clone()]))
        .await
        .unwrap();
    assert_eq!(
        libraries
            .cluster_status(&id)
            .await
            .unwrap()
            .library_statuses
            .len(),
        6
    );

    let all = libraries.all_cluster_statuses().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].cluster_id, id);

    // install_and_wait waits for its own libraries only.
    let extra = Library::pypi("requests==2.32.3");
    let done = fast(libraries.install_and_wait(InstallLibraries::new(&id, [extra.clone()])))
        .await
        .unwrap();
    assert_eq!(done.library_statuses.len(), 1);
    assert_eq!(status(&done, &extra), Some(LibraryInstallStatus::Installed));
    assert_eq!(
        common::count_requests(&emu, "POST", "/api/2.0/libraries/install"),
        3
    );
}

#[tokio::test]
async fn a_terminated_cluster_installs_when_it_starts() {
    let (_emu, client) = common::start().await;
    let (clusters, libraries) = (client.clusters(), client.libraries());
    let id = running(&clusters).await;
    fast(clusters.delete_and_wait(&id)).await.unwrap();

    let lib = Library::pypi("pandas==2.2.2");
    libraries
        .install(InstallLibraries::new(&id, [lib.clone()]))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(80)).await;
    let s = libraries.cluster_status(&id).await.unwrap();
    assert_eq!(status(&s, &lib), Some(LibraryInstallStatus::Pending));

    // Waiting without starting the cluster runs out of time, still PENDING.
    let err = libraries
        .wait_until_installed(&id)
        .poll_interval(Duration::from_millis(5), Duration::from_millis(5))
        .timeout(Duration::from_millis(60))
        .await
        .unwrap_err();
    let Error::Timeout(t) = err else {
        panic!("{err:?}")
    };
    assert_eq!(t.last_state(), Some("PENDING"));

    fast(clusters.ensure_running(&id)).await.unwrap();
    let done = fast(libraries.wait_until_installed(&id)).await.unwrap();
    assert_eq!(status(&done, &lib), Some(LibraryInstallStatus::Installed));
}

#[tokio::test]
async fn failed_installs_are_reported_with_their_messages() {
    let (_emu, client) = common::start().await;
    let (clusters, libraries) = (client.clusters(), client.libraries());
    let id = running(&clusters).await;
    let good = Library::pypi("simplejson==3.19.2");
    let bad = Library::pypi("emulator-fail==1.0");
    let err =
        fast(libraries.install_and_wait(InstallLibraries::new(&id, [good.clone(), bad.clone()])))
            .await
            .unwrap_err();
    let Error::Wait(w) = err else {
        panic!("{err:?}")
    };
    assert_eq!(w.state(), "FAILED");
    assert!(
        w.message()
            .starts_with("1 of 2 libraries failed to install: pypi emulator-fail==1.0 ("),
        "{}",
        w.message()
    );
    assert!(
        w.message().contains("Library resolution failed"),
        "{}",
        w.message()
    );
    let last = w.last::<ClusterLibraryStatuses>().unwrap();
    assert_eq!(status(last, &good), Some(LibraryInstallStatus::Installed));
    let failed: Vec<_> = last.failed().collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].library, bad);
    assert!(!failed[0].messages.is_empty());

    // Eggs fail on DBR 14 and later, as on the service.
    let egg = Library::egg("/Workspace/Shared/old.egg");
    let err = fast(libraries.install_and_wait(InstallLibraries::new(&id, [egg])))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("eggs are not supported"), "{err}");
}

#[tokio::test]
async fn uninstall_takes_effect_at_restart() {
    let (_emu, client) = common::start().await;
    let (clusters, libraries) = (client.clusters(), client.libraries());
    let id = running(&clusters).await;
    let keep = Library::maven("org.jsoup:jsoup:1.17.2");
    let drop = Library::jar("/Volumes/main/default/libs/old.jar");
    fast(libraries.install_and_wait(InstallLibraries::new(&id, [drop.clone(), keep.clone()])))
        .await
        .unwrap();

    libraries
        .uninstall(UninstallLibraries::new(
            &id,
            [drop.clone(), Library::pypi("never-installed")],
        ))
        .await
        .unwrap();
    let s = libraries.cluster_status(&id).await.unwrap();
    assert_eq!(s.library_statuses.len(), 2);
    // Libraries to install first, then those marked for removal.
    assert_eq!(s.library_statuses[0].library, keep);
    assert_eq!(s.library_statuses[1].library, drop);
    assert_eq!(
        status(&s, &drop),
        Some(LibraryInstallStatus::UninstallOnRestart)
    );
    // UNINSTALL_ON_RESTART is terminal for a wait.
    fast(libraries.wait_until_installed(&id)).await.unwrap();

    fast(clusters.restart_and_wait(RestartCluster::new(&id)))
        .await
        .unwrap();
    let s = fast(libraries.wait_until_installed(&id)).await.unwrap();
    assert_eq!(s.library_statuses.len(), 1);
    assert_eq!(status(&s, &keep), Some(LibraryInstallStatus::Installed));
    assert!(s.status_of(&drop).is_none());
}

#[tokio::test]
async fn clone_from_copies_libraries() {
    let (_emu, client) = common::start().await;
    let (clusters, libraries) = (client.clusters(), client.libraries());
    let source = running(&clusters).await;
    let lib = Library::whl("/Volumes/main/default/libs/tool-1.0-py3-none-any.whl");
    fast(libraries.install_and_wait(InstallLibraries::new(&source, [lib.clone()])))
        .await
        .unwrap();
    let clone = fast(clusters.create_and_wait(CreateCluster {
        clone_from: Some(CloneCluster::new(&source)),
        ..CreateCluster::from(ClusterSpec::new("15.4.x-scala2.12", "i3.xlarge", 1))
    }))
    .await
    .unwrap();
    let s = fast(libraries.wait_until_installed(&clone.cluster_id))
        .await
        .unwrap();
    assert_eq!(status(&s, &lib), Some(LibraryInstallStatus::Installed));
}

#[tokio::test]
async fn errors_and_validation() {
    let (emu, client) = common::start().await;
    let libraries = client.libraries();
    let nope = "0101-000000-nope0000";
    let err = libraries.cluster_status(nope).await.unwrap_err();
    assert_eq!(
        err.error_code().map(ErrorCode::as_str),
        Some("INVALID_PARAMETER_VALUE")
    );
    assert!(err.to_string().contains("does not exist"), "{err}");
    let err = libraries
        .install(InstallLibraries::new(nope, [Library::pypi("x")]))
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");

    emu.clear_requests();
    let two_kinds = Library {
        whl: Some("/a.whl".into()),
        ..Library::jar("/a.jar")
    };
    for bad in [
        InstallLibraries::new(nope, []),
        InstallLibraries::new(nope, [two_kinds]),
        InstallLibraries::new(nope, [Library::default()]),
        InstallLibraries::new(nope, [Library::maven("org.jsoup:jsoup")]),
        InstallLibraries::new(
            nope,
            [Library::requirements("s3://bucket/requirements.txt")],
        ),
        InstallLibraries::new("", [Library::pypi("x")]),
    ] {
        let err = libraries.install(bad).await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    }
    assert!(emu.requests().is_empty());

    // The emulator rejects the same specs when a client skips validation.
    let raw = client
        .core()
        .request(databricks::Method::POST, "/api/2.0/libraries/install")
        .json(&serde_json::json!({ "cluster_id": nope, "libraries": [{"jar": "/a.jar", "whl": "/b.whl"}] }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(raw.is_invalid_parameter(), "{raw}");
}
