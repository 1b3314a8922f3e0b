//! Wire tests: `list` and `events` page as the service does, with filters in the query string.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use databricks_clusters::{
    ClusterSource, ClustersApi, EventType, GetEvents, GetEventsOrder, ListClustersFilterBy,
    ListClustersRequest, ListClustersSortBy, ListClustersSortByDirection, ListClustersSortByField,
    State,
};
use databricks_core::Timestamp;
use futures::TryStreamExt;
use serde_json::json;
use wiremock::matchers::{body_json, query_param, query_param_is_missing};
use wiremock::{MockServer, Request};

const ID: &str = "0612-083412-z9a1b2c3";

async fn setup() -> (MockServer, ClustersApi) {
    let server = MockServer::start().await;
    let api = ClustersApi::new(client(&server));
    (server, api)
}

fn cluster(id: &str, state: &str) -> serde_json::Value {
    json!({ "cluster_id": id, "cluster_name": id, "state": state, "spark_version": "15.4.x-scala2.12" })
}

#[tokio::test]
async fn list_encodes_filters_as_dotted_repeated_keys_and_follows_tokens() {
    let (server, api) = setup().await;
    let expected_query = |token: Option<&str>| {
        let token = token.map(str::to_owned);
        move |r: &Request| {
            let mut expected = vec![
                ("filter_by.cluster_sources", "API"),
                ("filter_by.cluster_sources", "UI"),
                ("filter_by.cluster_states", "RUNNING"),
                ("filter_by.cluster_states", "PENDING"),
                ("filter_by.is_pinned", "true"),
                ("filter_by.policy_id", "pol-1"),
                ("page_size", "2"),
            ];
            if let Some(t) = &token {
                expected.push(("page_token", t.as_str()));
            }
            expected.push(("sort_by.direction", "DESC"));
            expected.push(("sort_by.field", "CLUSTER_NAME"));
            let mut got = query_pairs(r);
            got.sort();
            let mut expected: Vec<(String, String)> = expected
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            expected.sort();
            got == expected
        }
    };
    endpoint("GET", "/api/2.1/clusters/list")
        .and(expected_query(None))
        .and(no_body)
        .respond_with(ok_json(json!({
            "clusters": [cluster("c1", "RUNNING"), cluster("c2", "PENDING")],
            "next_page_token": "p2", "prev_page_token": ""
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("GET", "/api/2.1/clusters/list")
        .and(expected_query(Some("p2")))
        .respond_with(ok_json(json!({
            "clusters": [cluster("c3", "RUNNING")], "prev_page_token": "p1"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let all = api
        .list(ListClustersRequest {
            filter_by: Some(ListClustersFilterBy {
                cluster_sources: vec![ClusterSource::Api, ClusterSource::Ui],
                cluster_states: vec![State::Running, State::Pending],
                is_pinned: Some(true),
                policy_id: Some("pol-1".into()),
            }),
            sort_by: Some(ListClustersSortBy {
                direction: Some(ListClustersSortByDirection::Desc),
                field: Some(ListClustersSortByField::ClusterName),
            }),
            ..Default::default()
        })
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|c| c.cluster_id.as_str()).collect();
    assert_eq!(ids, ["c1", "c2", "c3"]);
}

#[tokio::test]
async fn list_without_filters_sends_no_query_and_stops_on_empty_token() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/list")
        .and(no_query)
        .respond_with(ok_json(json!({
            "clusters": [cluster("c1", "TERMINATED")], "next_page_token": ""
        })))
        .expect(1)
        .mount(&server)
        .await;
    let all = api
        .list(ListClustersRequest::default())
        .collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].state, Some(State::Terminated));
}

#[tokio::test]
async fn list_uses_the_request_page_size_unless_the_paginator_sets_one() {
    let (server, api) = setup().await;
    endpoint("GET", "/api/2.1/clusters/list")
        .and(query_param("page_size", "7"))
        .respond_with(ok_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let all = api
        .list(ListClustersRequest {
            page_size: Some(7),
            ..Default::default()
        })
        .collect_all()
        .await
        .unwrap();
    assert!(all.is_empty());
}

#[tokio::test]
async fn events_follow_page_tokens_in_the_body() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/events")
        .and(no_query)
        .and(body_json(json!({
            "cluster_id": ID, "order": "ASC", "event_types": ["RUNNING", "TERMINATING"],
            "start_time": 1718181252000_i64, "end_time": 1718190000000_i64, "page_size": 2
        })))
        .respond_with(ok_json(json!({
            "events": [
                { "cluster_id": ID, "timestamp": 1718181530000_i64, "type": "RUNNING" },
                { "cluster_id": ID, "timestamp": 1718181600000_i64, "type": "TERMINATING" }
            ],
            "next_page_token": "t2", "total_count": 0
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/events")
        .and(body_json(json!({
            "cluster_id": ID, "order": "ASC", "event_types": ["RUNNING", "TERMINATING"],
            "start_time": 1718181252000_i64, "end_time": 1718190000000_i64, "page_size": 2,
            "page_token": "t2"
        })))
        .respond_with(ok_json(json!({
            "events": [ { "cluster_id": ID, "timestamp": 1718185000000_i64, "type": "RUNNING" } ],
            "prev_page_token": "t1"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let events = api
        .events(GetEvents {
            order: Some(GetEventsOrder::Asc),
            event_types: vec![EventType::Running, EventType::Terminating],
            start_time: Some(Timestamp::from_millis(1_718_181_252_000)),
            end_time: Some(Timestamp::from_millis(1_718_190_000_000)),
            ..GetEvents::new(ID)
        })
        .page_size(2)
        .collect_all()
        .await
        .unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!(events[2].r#type, Some(EventType::Running));
}

#[tokio::test]
async fn events_follow_next_page_in_offset_mode() {
    let (server, api) = setup().await;
    let first = json!({ "cluster_id": ID, "offset": 0, "limit": 2 });
    let next = json!({ "cluster_id": ID, "offset": 2, "limit": 2, "end_time": 1718190000000_i64, "order": "DESC" });
    endpoint("POST", "/api/2.1/clusters/events")
        .and(body_json(first))
        .respond_with(ok_json(json!({
            "events": [
                { "cluster_id": ID, "timestamp": 3, "type": "RUNNING" },
                { "cluster_id": ID, "timestamp": 2, "type": "STARTING" }
            ],
            "next_page": next, "total_count": 3
        })))
        .expect(1)
        .mount(&server)
        .await;
    endpoint("POST", "/api/2.1/clusters/events")
        .and(body_json(next))
        .respond_with(ok_json(json!({
            "events": [ { "cluster_id": ID, "timestamp": 1, "type": "CREATING" } ],
            "total_count": 3
        })))
        .expect(1)
        .mount(&server)
        .await;
    let pages: Vec<Vec<_>> = api
        .events(GetEvents {
            offset: Some(0),
            limit: Some(2),
            ..GetEvents::new(ID)
        })
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [2, 1]);
    assert_eq!(pages[1][0].r#type, Some(EventType::Creating));
}

#[tokio::test]
async fn events_stop_without_a_token() {
    let (server, api) = setup().await;
    endpoint("POST", "/api/2.1/clusters/events")
        .and(query_param_is_missing("page_token"))
        .respond_with(ok_json(json!({ "events": [], "next_page_token": "" })))
        .expect(1)
        .mount(&server)
        .await;
    let events = api.events(GetEvents::new(ID)).collect_all().await.unwrap();
    assert!(events.is_empty());
}
