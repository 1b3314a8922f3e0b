//! SCIM end to end: users, groups, service principals and Me through the umbrella client
//! against the emulator.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;

use databricks::Method;
use databricks::groups::Principal;
use databricks::scim::{
    ComplexValue, Entitlement, Filter, GetRequest, Group, GroupId, ListRequest, Name, Patch,
    PatchOp, ServicePrincipal, SortOrder, User, UserId,
};
use databricks_emulator::Emulator;
use futures::TryStreamExt;
use serde_json::json;

const ALICE_TOKEN: &str = "dapi-alice-scim-000000000000000000000";

fn id_of(user: &User) -> UserId {
    user.id.clone().unwrap()
}

fn group_id(group: &Group) -> GroupId {
    group.id.clone().unwrap()
}

async fn create_user(client: &databricks::Client, name: &str) -> User {
    client.users().create(User::new(name)).await.unwrap()
}

fn api_code(err: &databricks::Error) -> String {
    err.error_code()
        .map(|c| c.as_str().to_owned())
        .unwrap_or_default()
}

#[tokio::test]
async fn me_is_the_token_owner() {
    let emulator = Emulator::builder()
        .user_token("alice@example.com", ALICE_TOKEN)
        .start()
        .await
        .unwrap();
    let admin = common::client_with_token(&emulator, &emulator.token());
    let alice = common::client_with_token(&emulator, ALICE_TOKEN);

    let me = admin.current_user().me().await.unwrap();
    assert_eq!(
        me.user_name.as_deref(),
        Some(emulator.admin_user().as_str())
    );
    assert!(
        me.groups
            .iter()
            .any(|g| g.display.as_deref() == Some("admins"))
    );
    assert!(
        me.groups
            .iter()
            .any(|g| g.display.as_deref() == Some("users"))
    );
    assert_eq!(me.active, Some(true));
    assert_eq!(me.schemas.len(), 2);
    // Me is the same record as the user listing shows.
    let listed = admin
        .users()
        .find_by_user_name(&emulator.admin_user())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(listed.id, me.id);

    let slim = admin
        .current_user()
        .me_with(&GetRequest::new().attributes(["userName"]))
        .await
        .unwrap();
    assert!(slim.id.is_some(), "id is always returned");
    assert!(slim.groups.is_empty() && slim.display_name.is_none());

    let alice_me = alice.current_user().me().await.unwrap();
    assert_eq!(alice_me.user_name.as_deref(), Some("alice@example.com"));
    assert!(
        !alice_me
            .groups
            .iter()
            .any(|g| g.display.as_deref() == Some("admins"))
    );
    // Non-admins may read but not write.
    assert!(
        !alice
            .users()
            .list(ListRequest::new())
            .collect_all()
            .await
            .unwrap()
            .is_empty()
    );
    let err = alice
        .users()
        .create(User::new("x@example.com"))
        .await
        .unwrap_err();
    assert!(err.is_permission_denied(), "{err}");

    // A change to the token owner shows through Me.
    admin
        .users()
        .patch(
            &alice_me.id.clone().unwrap(),
            Patch::set_display_name("Alice A."),
        )
        .await
        .unwrap();
    let alice_me = alice.current_user().me().await.unwrap();
    assert_eq!(alice_me.display_name.as_deref(), Some("Alice A."));
}

#[tokio::test]
async fn user_crud() {
    let (_emu, client) = common::start().await;
    let users = client.users();

    let bob = users
        .create(User {
            display_name: Some("Bob Example".into()),
            name: Some(Name::new("Bob", "Example")),
            entitlements: vec![ComplexValue::entitlement(Entitlement::AllowClusterCreate)],
            external_id: Some("ext-bob".into()),
            ..User::new("bob@example.com")
        })
        .await
        .unwrap();
    let id = id_of(&bob);
    assert_eq!(bob.active, Some(true));
    assert_eq!(bob.primary_email(), Some("bob@example.com"));
    assert_eq!(
        bob.meta.as_ref().unwrap().resource_type.as_deref(),
        Some("User")
    );
    assert!(bob.has_entitlement("allow-cluster-create"));
    assert!(
        bob.groups
            .iter()
            .any(|g| g.display.as_deref() == Some("users"))
    );

    let got = users.get(&id).await.unwrap();
    assert_eq!(got, bob);

    // PUT: the whole record; userName and emails cannot change.
    let mut changed = got.clone();
    changed.display_name = Some("Robert Example".into());
    changed.user_name = Some("robert@example.com".into());
    changed.entitlements = vec![ComplexValue::entitlement(Entitlement::DatabricksSqlAccess)];
    changed.roles = vec![ComplexValue::new(
        "arn:aws:iam::123456789012:instance-profile/x",
    )];
    let replaced = users.replace(&id, changed).await.unwrap().unwrap();
    assert_eq!(replaced.display_name.as_deref(), Some("Robert Example"));
    assert_eq!(replaced.user_name.as_deref(), Some("bob@example.com"));
    assert!(replaced.has_entitlement("databricks-sql-access"));
    assert!(!replaced.has_entitlement("allow-cluster-create"));
    assert_eq!(replaced.roles.len(), 1);

    // PATCH.
    let patched = users
        .patch(
            &id,
            [
                Patch::set_active(false),
                Patch::replace("name.givenName", "Rob"),
                Patch::remove_role("arn:aws:iam::123456789012:instance-profile/x"),
            ],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(patched.active, Some(false));
    assert_eq!(
        patched.name.as_ref().unwrap().given_name.as_deref(),
        Some("Rob")
    );
    assert_eq!(
        patched.name.as_ref().unwrap().family_name.as_deref(),
        Some("Example")
    );
    assert!(patched.roles.is_empty());

    users.delete(&id).await.unwrap();
    assert!(users.get(&id).await.unwrap_err().is_not_found());
    let err = users.delete(&id).await.unwrap_err();
    assert!(err.is_not_found());
    assert_eq!(api_code(&err), "SCIM_404");
    assert!(
        users
            .find_by_user_name("bob@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn group_crud() {
    let (_emu, client) = common::start().await;
    let groups = client.scim_groups();
    let alice = create_user(&client, "alice@example.com").await;
    let bot = client
        .service_principals()
        .create(ServicePrincipal::new("ci-bot"))
        .await
        .unwrap();

    let team = groups
        .create(Group {
            members: vec![ComplexValue::new(id_of(&alice).as_str())],
            entitlements: vec![ComplexValue::entitlement(Entitlement::DatabricksSqlAccess)],
            ..Group::new("reporting-team")
        })
        .await
        .unwrap();
    let id = group_id(&team);
    assert_eq!(
        team.meta.as_ref().unwrap().resource_type.as_deref(),
        Some("WorkspaceGroup")
    );
    assert!(team.has_member(id_of(&alice).as_str()));
    assert_eq!(
        team.members[0].reference.as_deref(),
        Some(format!("Users/{}", id_of(&alice)).as_str())
    );
    assert!(team.has_entitlement("databricks-sql-access"));

    let bot_id = bot.id.clone().unwrap();
    groups
        .patch(&id, Patch::add_members([bot_id.as_str()]))
        .await
        .unwrap();
    let got = groups.get(&id).await.unwrap();
    assert_eq!(got.members.len(), 2);
    let sp_member = got
        .members
        .iter()
        .find(|m| m.value.as_deref() == Some(bot_id.as_str()))
        .unwrap();
    assert_eq!(
        sp_member.reference.as_deref(),
        Some(format!("ServicePrincipals/{bot_id}").as_str())
    );
    assert_eq!(sp_member.display.as_deref(), Some("ci-bot"));

    // The member side shows it too.
    let alice_now = client.users().get(&id_of(&alice)).await.unwrap();
    assert!(alice_now.is_member_of(id.as_str()));
    let bot_now = client.service_principals().get(&bot_id).await.unwrap();
    assert!(bot_now.is_member_of(id.as_str()));

    // PUT renames and replaces members.
    let mut changed = got.clone();
    changed.display_name = Some("reporting".into());
    changed
        .members
        .retain(|m| m.value.as_deref() == Some(bot_id.as_str()));
    let replaced = groups.replace(&id, changed).await.unwrap().unwrap();
    assert_eq!(replaced.display_name.as_deref(), Some("reporting"));
    assert_eq!(replaced.members.len(), 1);
    assert!(
        !client
            .users()
            .get(&id_of(&alice))
            .await
            .unwrap()
            .is_member_of(id.as_str())
    );
    assert_eq!(
        groups.find_by_name("reporting").await.unwrap().unwrap().id,
        Some(id.clone())
    );
    assert!(
        groups
            .find_by_name("reporting-team")
            .await
            .unwrap()
            .is_none()
    );

    groups
        .patch(&id, Patch::remove_member(bot_id.as_str()))
        .await
        .unwrap();
    assert!(groups.get(&id).await.unwrap().members.is_empty());

    groups.delete(&id).await.unwrap();
    assert!(groups.get(&id).await.unwrap_err().is_not_found());
    assert!(
        client
            .service_principals()
            .get(&bot_id)
            .await
            .unwrap()
            .groups
            .iter()
            .all(|g| g.display.as_deref() == Some("users"))
    );

    // Built-in groups stay.
    let admins = groups.find_by_name("admins").await.unwrap().unwrap();
    let err = groups.delete(&group_id(&admins)).await.unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    let users_group = groups.find_by_name("users").await.unwrap().unwrap();
    assert!(
        users_group.has_member(id_of(&alice).as_str()),
        "everyone is in users"
    );
    let err = groups
        .patch(
            &group_id(&users_group),
            Patch::remove_member(id_of(&alice).as_str()),
        )
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
}

#[tokio::test]
async fn service_principal_crud() {
    let (_emu, client) = common::start().await;
    let sps = client.service_principals();

    let generated = sps.create(ServicePrincipal::new("ci-bot")).await.unwrap();
    let app_id = generated.application_id.clone().unwrap();
    assert_eq!(app_id.len(), 36, "a UUID: {app_id}");
    assert_eq!(generated.active, Some(true));
    assert_eq!(
        generated.meta.as_ref().unwrap().resource_type.as_deref(),
        Some("ServicePrincipal")
    );

    let fixed = sps
        .create(ServicePrincipal {
            application_id: Some("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b".into()),
            entitlements: vec![ComplexValue::entitlement(Entitlement::AllowClusterCreate)],
            ..ServicePrincipal::new("release-bot")
        })
        .await
        .unwrap();
    let id = fixed.id.clone().unwrap();
    assert_eq!(sps.get(&id).await.unwrap(), fixed);
    let found = sps
        .find_by_application_id("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, Some(id.clone()));

    // Both listed (next to the service principal of the emulator's OAuth client).
    let all = sps.list(ListRequest::new()).collect_all().await.unwrap();
    let ours = all
        .iter()
        .filter(|s| s.id == generated.id || s.id == fixed.id)
        .count();
    assert_eq!(ours, 2);
    // Service principals are not users.
    assert!(
        client
            .users()
            .get(&UserId::from(id.as_str()))
            .await
            .unwrap_err()
            .is_not_found()
    );

    let mut changed = fixed.clone();
    changed.display_name = Some("release-bot-2".into());
    changed.application_id = Some("ignored".into());
    changed.entitlements.clear();
    let replaced = sps.replace(&id, changed).await.unwrap().unwrap();
    assert_eq!(replaced.display_name.as_deref(), Some("release-bot-2"));
    assert_eq!(
        replaced.application_id.as_deref(),
        Some("9b1e4f2a-3c5d-4e6f-8a7b-1c2d3e4f5a6b")
    );
    assert!(
        replaced.entitlements.is_empty(),
        "PUT replaces entitlements"
    );

    let patched = sps
        .patch(
            &id,
            [
                Patch::set_active(false),
                Patch::add_entitlements([Entitlement::WorkspaceAccess]),
            ],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(patched.active, Some(false));
    assert!(patched.has_entitlement("workspace-access"));

    sps.delete(&id).await.unwrap();
    assert!(sps.get(&id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn uniqueness_errors_are_scim_409() {
    let (_emu, client) = common::start().await;
    create_user(&client, "dup@example.com").await;
    let err = client
        .users()
        .create(User::new("DUP@example.com"))
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    assert_eq!(api_code(&err), "SCIM_409");
    assert!(err.to_string().contains("uniqueness"), "{err}");

    let g = client
        .scim_groups()
        .create(Group::new("team"))
        .await
        .unwrap();
    let err = client
        .scim_groups()
        .create(Group::new("team"))
        .await
        .unwrap_err();
    assert!(err.is_already_exists(), "{err}");
    let other = client
        .scim_groups()
        .create(Group::new("other"))
        .await
        .unwrap();
    let err = client
        .scim_groups()
        .patch(&group_id(&other), Patch::set_display_name("team"))
        .await
        .unwrap_err();
    assert!(
        err.is_already_exists(),
        "rename onto an existing name: {err}"
    );
    // The failed patch changed nothing.
    assert_eq!(
        client
            .scim_groups()
            .get(&group_id(&other))
            .await
            .unwrap()
            .display_name
            .as_deref(),
        Some("other")
    );
    assert_eq!(
        client
            .scim_groups()
            .get(&group_id(&g))
            .await
            .unwrap()
            .display_name
            .as_deref(),
        Some("team")
    );

    let sp = ServicePrincipal {
        application_id: Some("11111111-2222-4333-8444-555555555555".into()),
        ..ServicePrincipal::new("a")
    };
    client
        .service_principals()
        .create(sp.clone())
        .await
        .unwrap();
    let err = client.service_principals().create(sp).await.unwrap_err();
    assert!(err.is_already_exists(), "{err}");

    // The legacy API reports the same store's names in its own codes.
    let err = client.groups().create("team").await.unwrap_err();
    assert!(err.is_already_exists());
    assert_eq!(api_code(&err), "RESOURCE_ALREADY_EXISTS");
}

#[tokio::test]
async fn nested_groups_through_both_apis() {
    let (_emu, client) = common::start().await;
    let scim = client.scim_groups();
    let legacy = client.groups();
    let alice = create_user(&client, "alice@example.com").await;

    // Outer by SCIM, inner by the legacy API; nest with the legacy API.
    let outer = scim.create(Group::new("outer")).await.unwrap();
    legacy.create("inner").await.unwrap();
    let inner = scim
        .find_by_name("inner")
        .await
        .unwrap()
        .expect("legacy group visible in SCIM");
    legacy
        .add_member("outer", Principal::group("inner"))
        .await
        .unwrap();

    // Alice into inner by SCIM, through the user's `groups`.
    client
        .users()
        .patch(
            &id_of(&alice),
            Patch::add_to_groups([group_id(&inner).as_str()]),
        )
        .await
        .unwrap();

    // The legacy API sees the SCIM change.
    assert_eq!(
        legacy.list_members("inner").await.unwrap(),
        vec![Principal::user("alice@example.com")]
    );
    assert_eq!(
        legacy.list_members("outer").await.unwrap(),
        vec![Principal::group("inner")]
    );
    let mut parents = legacy
        .list_parents(Principal::user("alice@example.com"))
        .await
        .unwrap();
    parents.sort();
    assert_eq!(parents, ["inner", "users"]);
    assert_eq!(
        legacy
            .list_parents(Principal::group("inner"))
            .await
            .unwrap(),
        ["outer"]
    );
    assert!(
        legacy
            .list_parents(Principal::group("outer"))
            .await
            .unwrap()
            .is_empty()
    );

    // SCIM sees the legacy nesting.
    let outer_now = scim.get(&group_id(&outer)).await.unwrap();
    assert_eq!(outer_now.members.len(), 1);
    assert_eq!(
        outer_now.members[0].reference.as_deref(),
        Some(format!("Groups/{}", group_id(&inner)).as_str())
    );
    let inner_now = scim.get(&group_id(&inner)).await.unwrap();
    assert_eq!(inner_now.groups[0].display.as_deref(), Some("outer"));
    assert!(inner_now.has_member(id_of(&alice).as_str()));

    // Filter groups by member.
    let with_alice = scim
        .list(ListRequest::new().filter(Filter::eq("members.value", id_of(&alice).as_str())))
        .collect_all()
        .await
        .unwrap();
    let names: HashSet<_> = with_alice
        .iter()
        .filter_map(|g| g.display_name.clone())
        .collect();
    assert_eq!(
        names,
        HashSet::from(["inner".to_owned(), "users".to_owned()])
    );

    // Cycles are refused by both APIs.
    let err = legacy
        .add_member("inner", Principal::group("outer"))
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    let err = scim
        .patch(
            &group_id(&inner),
            Patch::add_members([group_id(&outer).as_str()]),
        )
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert_eq!(api_code(&err), "SCIM_400");

    // Remove by the legacy API, seen by SCIM; remove by SCIM, seen by the legacy API.
    legacy
        .remove_member("inner", Principal::user("alice@example.com"))
        .await
        .unwrap();
    assert!(
        !client
            .users()
            .get(&id_of(&alice))
            .await
            .unwrap()
            .is_member_of(group_id(&inner).as_str())
    );
    scim.patch(
        &group_id(&outer),
        Patch::remove_member(group_id(&inner).as_str()),
    )
    .await
    .unwrap();
    assert!(legacy.list_members("outer").await.unwrap().is_empty());

    // Rename by SCIM: the legacy API follows the new name; delete by the legacy API.
    legacy
        .add_member("outer", Principal::group("inner"))
        .await
        .unwrap();
    scim.patch(&group_id(&inner), Patch::set_display_name("inner-2"))
        .await
        .unwrap();
    assert_eq!(
        legacy.list_members("outer").await.unwrap(),
        vec![Principal::group("inner-2")]
    );
    legacy.delete("inner-2").await.unwrap();
    assert!(
        scim.get(&group_id(&inner))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(
        scim.get(&group_id(&outer))
            .await
            .unwrap()
            .members
            .is_empty()
    );
}

/// Five users with known attributes, for the filter tests.
async fn filter_fixture(client: &databricks::Client) -> Vec<User> {
    let specs = [
        ("ann@example.com", "Ann Archer", Some("ext-1"), true),
        ("ben@example.com", "Ben Baker", None, true),
        ("cat@corp.example", "Cat Cooper", Some("ext-3"), false),
        ("dan@corp.example", "Dan \"D\" Dyer", None, true),
        ("eve@example.org", "Eve Evans", Some("EXT-5"), false),
    ];
    let mut out = Vec::new();
    for (name, display, external, active) in specs {
        out.push(
            client
                .users()
                .create(User {
                    display_name: Some(display.into()),
                    external_id: external.map(Into::into),
                    active: Some(active),
                    ..User::new(name)
                })
                .await
                .unwrap(),
        );
    }
    out
}

async fn names_matching(client: &databricks::Client, filter: impl Into<String>) -> Vec<String> {
    let mut names: Vec<String> = client
        .users()
        .list(ListRequest::new().filter(filter))
        .collect_all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|u| u.user_name)
        .filter(|n| n != databricks_emulator::DEFAULT_ADMIN_USER)
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn filters_of_each_operator_and_combination() {
    let (_emu, client) = common::start().await;
    let users = filter_fixture(&client).await;
    let c = &client;

    assert_eq!(
        names_matching(c, Filter::eq("userName", "ANN@example.com")).await,
        ["ann@example.com"]
    );
    assert_eq!(
        names_matching(c, Filter::ne("userName", "ann@example.com"))
            .await
            .len(),
        4
    );
    assert_eq!(
        names_matching(c, Filter::co("userName", "@corp")).await,
        ["cat@corp.example", "dan@corp.example"]
    );
    assert_eq!(
        names_matching(c, Filter::sw("userName", "b")).await,
        ["ben@example.com"]
    );
    assert_eq!(
        names_matching(c, Filter::ew("userName", ".org")).await,
        ["eve@example.org"]
    );
    assert_eq!(
        names_matching(c, Filter::pr("externalId")).await,
        ["ann@example.com", "cat@corp.example", "eve@example.org"]
    );
    assert_eq!(
        names_matching(c, Filter::gt("userName", "cat@corp.example")).await,
        ["dan@corp.example", "eve@example.org"]
    );
    assert_eq!(
        names_matching(c, Filter::ge("userName", "cat@corp.example")).await,
        ["cat@corp.example", "dan@corp.example", "eve@example.org"]
    );
    assert_eq!(
        names_matching(c, Filter::lt("userName", "b")).await,
        ["ann@example.com"]
    );
    assert_eq!(
        names_matching(c, Filter::le("userName", "ben@example.com")).await,
        ["ann@example.com", "ben@example.com"]
    );
    assert_eq!(
        names_matching(c, Filter::eq("active", false)).await,
        ["cat@corp.example", "eve@example.org"]
    );
    assert_eq!(
        names_matching(c, Filter::eq("emails.value", "dan@corp.example")).await,
        ["dan@corp.example"]
    );
    assert_eq!(
        names_matching(c, Filter::eq("displayName", "Dan \"D\" Dyer")).await,
        ["dan@corp.example"]
    );
    assert_eq!(
        names_matching(c, Filter::eq("externalId", "EXT-5")).await,
        ["eve@example.org"]
    );
    assert!(
        names_matching(c, Filter::eq("externalId", "ext-5"))
            .await
            .is_empty(),
        "externalId is case-exact"
    );
    let ben_id = id_of(&users[1]);
    assert_eq!(
        names_matching(c, Filter::eq("id", &ben_id)).await,
        ["ben@example.com"]
    );

    // Combinations, precedence and parentheses.
    assert_eq!(
        names_matching(
            c,
            Filter::co("userName", "example.com").and(Filter::eq("active", true))
        )
        .await,
        ["ann@example.com", "ben@example.com"]
    );
    assert_eq!(
        names_matching(
            c,
            Filter::sw("userName", "a").or(Filter::sw("userName", "e"))
        )
        .await,
        ["ann@example.com", "eve@example.org"]
    );
    assert_eq!(
        names_matching(
            c,
            Filter::sw("userName", "a")
                .or(Filter::sw("userName", "c"))
                .and(Filter::eq("active", true))
        )
        .await,
        ["ann@example.com"],
        "(a or c) and active"
    );
    assert_eq!(
        names_matching(
            c,
            r#"userName sw "a" or userName sw "c" and active eq true"#
        )
        .await,
        ["ann@example.com"],
        "and binds tighter: a or (c and active)"
    );
    assert_eq!(
        names_matching(
            c,
            Filter::not(Filter::co("userName", "example")).or(Filter::eq("active", false))
        )
        .await,
        ["cat@corp.example", "eve@example.org"]
    );
    assert_eq!(
        names_matching(
            c,
            Filter::not(Filter::pr("externalId")).and(Filter::eq("active", true))
        )
        .await,
        ["ben@example.com", "dan@corp.example"]
    );
    assert_eq!(
        names_matching(
            c,
            Filter::value_path(
                "emails",
                Filter::eq("type", "work").and(Filter::ew("value", ".org"))
            )
        )
        .await,
        ["eve@example.org"]
    );

    // Service principals by applicationId, groups by displayName.
    let sp = client
        .service_principals()
        .create(ServicePrincipal {
            application_id: Some("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee".into()),
            ..ServicePrincipal::new("filter-bot")
        })
        .await
        .unwrap();
    let found = client
        .service_principals()
        .list(ListRequest::new().filter(Filter::sw("applicationId", "aaaaaaaa")))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, sp.id);
    client
        .scim_groups()
        .create(Group::new("data-eng"))
        .await
        .unwrap();
    client
        .scim_groups()
        .create(Group::new("data-sci"))
        .await
        .unwrap();
    let data = client
        .scim_groups()
        .list(ListRequest::new().filter(Filter::sw("displayName", "data-")))
        .collect_all()
        .await
        .unwrap();
    assert_eq!(data.len(), 2);

    // Bad filters are SCIM 400s.
    for bad in [
        r#"userName zz "a""#,
        "userName eq",
        r#"(userName eq "a""#,
        "active gt true",
    ] {
        let err = client
            .users()
            .list(ListRequest::new().filter(bad))
            .collect_all()
            .await
            .unwrap_err();
        assert!(err.is_invalid_parameter(), "{bad}: {err}");
        assert_eq!(api_code(&err), "SCIM_400");
    }
}

#[tokio::test]
async fn paging_sorting_and_attributes() {
    let (_emu, client) = common::start().await;
    filter_fixture(&client).await;
    let users = client.users();

    // One raw page: 1-based startIndex, count, totalResults, itemsPerPage.
    let page = users
        .list_page(
            &ListRequest::new()
                .sort_by("userName")
                .start_index(2)
                .count(2),
        )
        .await
        .unwrap();
    assert_eq!(page.total_results, Some(6));
    assert_eq!(page.start_index, Some(2));
    assert_eq!(page.items_per_page, Some(2));
    let names: Vec<_> = page
        .resources
        .iter()
        .filter_map(|u| u.user_name.clone())
        .collect();
    let mut all: Vec<String> = users
        .list(ListRequest::new())
        .collect_all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|u| u.user_name)
        .collect();
    all.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, all[1..3]);
    let empty = users
        .list_page(&ListRequest::new().start_index(100))
        .await
        .unwrap();
    assert_eq!(empty.total_results, Some(6));
    assert!(empty.resources.is_empty());
    let counted = users.list_page(&ListRequest::new().count(0)).await.unwrap();
    assert_eq!(
        (counted.total_results, counted.resources.len()),
        (Some(6), 0)
    );

    // Sorting, descending, through several pages.
    let sorted: Vec<String> = users
        .list(
            ListRequest::new()
                .sort_by("userName")
                .sort_order(SortOrder::Descending),
        )
        .page_size(2)
        .collect_all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|u| u.user_name)
        .collect();
    let mut expected = sorted.clone();
    expected.sort();
    expected.reverse();
    assert_eq!(sorted, expected);
    assert_eq!(sorted.len(), 6);

    // Attributes.
    let slim = users
        .list(
            ListRequest::new()
                .attributes(["userName"])
                .filter(Filter::eq("userName", "ann@example.com")),
        )
        .collect_all()
        .await
        .unwrap();
    assert_eq!(slim.len(), 1);
    assert!(slim[0].id.is_some());
    assert!(
        slim[0].display_name.is_none() && slim[0].emails.is_empty() && slim[0].active.is_none()
    );
    let no_emails = users
        .list(ListRequest::new().excluded_attributes(["emails", "groups"]))
        .collect_all()
        .await
        .unwrap();
    assert!(
        no_emails
            .iter()
            .all(|u| u.emails.is_empty() && u.groups.is_empty() && u.user_name.is_some())
    );
}

#[tokio::test]
async fn paging_over_hundreds_of_users_while_users_are_added() {
    let (_emu, client) = common::start().await;
    let users = client.users();
    let mut originals = HashSet::new();
    for i in 0..300 {
        let user = create_user(&client, &format!("user{i:03}@example.com")).await;
        originals.insert(id_of(&user));
    }
    originals.insert(id_of(&client.current_user().me().await.unwrap()));

    // Creation order: new users land at the end, behind the cursor.
    let mut seen = Vec::new();
    let mut pages = users.list(ListRequest::new()).page_size(40).pages();
    let mut added = 0;
    while let Some(page) = pages.try_next().await.unwrap() {
        seen.extend(page.iter().map(id_of));
        create_user(&client, &format!("late{added:02}@example.com")).await;
        added += 1;
    }
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no duplicates");
    assert!(originals.is_subset(&unique), "no gaps");

    // Sorted by userName, new users sort before the cursor and shift pages: duplicates on the
    // wire, none after de-duplication, and still no gaps.
    let mut seen = Vec::new();
    let mut pages = users
        .list(ListRequest::new().sort_by("userName"))
        .page_size(25)
        .pages();
    let mut added = 0;
    while let Some(page) = pages.try_next().await.unwrap() {
        seen.extend(page.iter().map(id_of));
        for _ in 0..3 {
            create_user(&client, &format!("aaa-early{added:03}@example.com")).await;
            added += 1;
        }
    }
    let unique: HashSet<_> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no duplicates");
    assert!(originals.is_subset(&unique), "no gaps");
    assert!(added >= 36, "at least one insert per page ({added})");

    // The raw pages did overlap: the same listing without de-duplication sees repeats.
    let mut raw_ids = Vec::new();
    let mut start = 1;
    loop {
        let page = users
            .list_page(
                &ListRequest::new()
                    .sort_by("userName")
                    .start_index(start)
                    .count(50),
            )
            .await
            .unwrap();
        if page.resources.is_empty() {
            break;
        }
        start += page.resources.len() as u64;
        raw_ids.extend(page.resources.iter().map(id_of));
        if start > page.total_results.unwrap() {
            break;
        }
        create_user(&client, &format!("aaa-raw{start:04}@example.com")).await;
    }
    let raw_unique: HashSet<_> = raw_ids.iter().collect();
    assert!(
        raw_unique.len() < raw_ids.len(),
        "index paging repeats shifted users"
    );

    // limit stops early.
    let first = users
        .list(ListRequest::new())
        .page_size(7)
        .limit(10)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(first.len(), 10);
}

#[tokio::test]
async fn patch_operations() {
    let (_emu, client) = common::start().await;
    let users = client.users();
    let groups = client.scim_groups();
    let dana = create_user(&client, "dana@example.com").await;
    let id = id_of(&dana);
    let team = groups.create(Group::new("team")).await.unwrap();
    let tid = group_id(&team);

    // Add and remove with filtered paths.
    groups
        .patch(&tid, Patch::add_members([id.as_str()]))
        .await
        .unwrap();
    groups
        .patch(
            &tid,
            [
                Patch::add_entitlements([
                    Entitlement::AllowClusterCreate,
                    Entitlement::WorkspaceAccess,
                ]),
                Patch::add_roles(["arn:aws:iam::1:instance-profile/a"]),
            ],
        )
        .await
        .unwrap();
    let got = groups.get(&tid).await.unwrap();
    assert!(got.has_member(id.as_str()));
    assert_eq!(got.entitlements.len(), 2);
    groups
        .patch(
            &tid,
            [
                Patch::remove_entitlement(Entitlement::AllowClusterCreate),
                Patch::remove("roles"),
            ],
        )
        .await
        .unwrap();
    let got = groups.get(&tid).await.unwrap();
    assert_eq!(got.entitlements.len(), 1);
    assert!(got.roles.is_empty());

    // Removing a member that is not there matches nothing: noTarget.
    let err = groups
        .patch(&tid, Patch::remove_member("123"))
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert!(err.to_string().contains("noTarget"), "{err}");
    groups
        .patch(&tid, Patch::remove_member(id.as_str()))
        .await
        .unwrap();
    assert!(groups.get(&tid).await.unwrap().members.is_empty());

    // Replace a multi-valued attribute as a whole.
    users
        .patch(
            &id,
            Patch::add_entitlements([
                Entitlement::WorkspaceAccess,
                Entitlement::DatabricksSqlAccess,
            ]),
        )
        .await
        .unwrap();
    let u = users
        .patch(
            &id,
            Patch::replace("entitlements", json!([{ "value": "allow-cluster-create" }])),
        )
        .await
        .unwrap()
        .unwrap();
    let values: Vec<_> = u.entitlements.iter().map(|e| e.value_str()).collect();
    assert_eq!(values, ["allow-cluster-create"]);

    // No path: an object of attributes. String booleans are accepted ("false").
    let u = users
        .patch(
            &id,
            Patch::op(
                PatchOp::Replace,
                None,
                Some(json!({ "displayName": "Dana D.", "active": "false", "name": { "givenName": "Dana" } })),
            ),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(u.display_name.as_deref(), Some("Dana D."));
    assert_eq!(u.active, Some(false));
    assert_eq!(u.name.as_ref().unwrap().given_name.as_deref(), Some("Dana"));

    // userName and emails are silently immutable.
    let u = users
        .patch(
            &id,
            [
                Patch::replace("userName", "other@example.com"),
                Patch::replace("emails", json!([{ "value": "x@y.z" }])),
            ],
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(u.user_name.as_deref(), Some("dana@example.com"));
    assert_eq!(u.primary_email(), Some("dana@example.com"));

    // Membership through the user's groups attribute.
    users
        .patch(&id, Patch::add_to_groups([tid.as_str()]))
        .await
        .unwrap();
    assert!(groups.get(&tid).await.unwrap().has_member(id.as_str()));
    users
        .patch(&id, Patch::remove_from_group(tid.as_str()))
        .await
        .unwrap();
    assert!(!groups.get(&tid).await.unwrap().has_member(id.as_str()));

    // Errors leave everything unchanged (all or nothing).
    let err = users
        .patch(
            &id,
            [
                Patch::set_active(true),
                Patch::add_entitlements(["no-such-entitlement"]),
            ],
        )
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
    assert_eq!(users.get(&id).await.unwrap().active, Some(false));
    let err = users
        .patch(&id, Patch::replace("nonsense", 1))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("invalidPath"), "{err}");
    let err = users
        .patch(&id, Patch::add_to_groups(["999"]))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = groups
        .patch(&tid, Patch::add_members(["42"]))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err}");
    let err = users
        .patch(&UserId::from("1"), Patch::set_active(true))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
}

#[tokio::test]
async fn scim_media_type_is_accepted() {
    let (_emu, client) = common::start().await;
    let body = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "raw@example.com"
    });
    let created: serde_json::Value = client
        .core()
        .request(Method::POST, "/api/2.0/preview/scim/v2/Users")
        .body(body.to_string(), "application/scim+json")
        .header("accept", "application/scim+json")
        .send()
        .await
        .unwrap();
    assert_eq!(created["userName"], json!("raw@example.com"));
    let id = created["id"].as_str().unwrap().to_owned();
    let patch = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [{ "op": "Replace", "path": "active", "value": "False" }]
    });
    client
        .core()
        .request(
            Method::PATCH,
            format!("/api/2.0/preview/scim/v2/Users/{id}"),
        )
        .body(patch.to_string(), "application/scim+json")
        .send_empty()
        .await
        .unwrap();
    let user = client.users().get(&UserId::from(id)).await.unwrap();
    assert_eq!(user.active, Some(false));

    // A patch without the PatchOp schema URN is refused.
    let err = client
        .core()
        .request(Method::PATCH, format!("/api/2.0/preview/scim/v2/Users/{}", user.id.unwrap()))
        .json(&json!({ "schemas": ["urn:wrong"], "Operations": [{ "op": "add", "path": "active", "value": true }] }))
        .send_empty()
        .await
        .unwrap_err();
    assert!(err.is_invalid_parameter(), "{err}");
}

/// Neither the docs nor the SDKs document a length limit on `userName` or `displayName`, nor
/// that a user name must be an e-mail address: the emulator imposes none either.
#[tokio::test]
async fn names_have_no_documented_length_or_format_limit() {
    let (_emu, client) = common::start().await;
    let long = "x".repeat(70_000);

    let user = client
        .users()
        .create(User {
            display_name: Some(long.clone()),
            ..User::new(format!("{long}@example.com"))
        })
        .await
        .unwrap();
    let got = client.users().get(&id_of(&user)).await.unwrap();
    assert_eq!(got.user_name.as_deref().map(str::len), Some(70_012));
    assert_eq!(got.display_name.as_deref(), Some(long.as_str()));

    let not_an_email = create_user(&client, "build-bot").await;
    assert_eq!(not_an_email.user_name.as_deref(), Some("build-bot"));

    let group = client
        .scim_groups()
        .create(Group::new(long.clone()))
        .await
        .unwrap();
    let got = client.scim_groups().get(&group_id(&group)).await.unwrap();
    assert_eq!(got.display_name.as_deref(), Some(long.as_str()));
}
