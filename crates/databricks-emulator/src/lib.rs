//! A local Databricks workspace: a real HTTP server holding one workspace in memory, answering
//! as Databricks does (paths, methods, JSON shapes, statuses, `error_code`s, validation rules
//! and limits). Use it from Rust tests as a library, or as the `databricks-emulator` binary from
//! any client in any language (official SDKs, the CLI, Terraform, curl).
//!
//! # Library
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use databricks_emulator::{Emulator, FaultRule};
//!
//! let emulator = Emulator::start().await?; // loopback, free port, DEFAULT_TOKEN
//! let host = emulator.url(); // http://127.0.0.1:PORT
//! let token = emulator.token();
//! // The next secrets/put answers 503 with Retry-After: 1.
//! emulator
//!     .faults()
//!     .add(FaultRule::new("POST", "/api/2.0/secrets/put").status(503).retry_after_secs(1).times(1));
//! // ... point a client at `host` with `token` ...
//! for request in emulator.requests() {
//!     println!("{} {} -> {:?}", request.method, request.path, request.status);
//! }
//! emulator.shutdown().await?; // or just drop it
//! # let _ = (host, token); Ok(()) }
//! ```
//!
//! [`Emulator::builder`] sets tokens, a non-admin [`user_token`](EmulatorBuilder::user_token),
//! the lifecycle step, a state file, the body limit, the saved-jobs quota, OAuth clients and
//! token lifetime, the fault seed, host and port.
//!
//! # Binary
//!
//! ```text
//! databricks-emulator [--host 127.0.0.1] [--port 8080] [--token TOKEN]... [--lifecycle-ms 1000]
//!                     [--state-file PATH] [--oauth-client-id ID --oauth-client-secret SECRET]
//!                     [--max-body-bytes N] [--max-jobs N] [--fault-seed N]
//! ```
//!
//! Line 1 on stdout is `listening on http://HOST:PORT`; line 2 is a token that works (the first
//! `--token`, else [`DEFAULT_TOKEN`]), bare, for scripts. `--port 0` picks a free port. With
//! `--state-file` the workspace is loaded at start and saved atomically after every change
//! (changes within 50 ms are written together) and on SIGINT/SIGTERM. Unknown flags: a message
//! on stderr and exit code 2.
//!
//! # Authentication
//!
//! Every `/api/` and `/__emulator/` request needs `Authorization: Bearer <token>`: a configured
//! token (an admin, [`DEFAULT_ADMIN_USER`], unless given with `user_token`), a token created
//! through the Token API or Token Management (revoked and expired ones stop working), or an
//! OAuth access token. Missing or unknown tokens get 401 `UNAUTHENTICATED`.
//!
//! OAuth M2M: `GET /oidc/.well-known/oauth-authorization-server` returns the discovery document
//! (`token_endpoint` = `{url}/oidc/v1/token`); `POST /oidc/v1/token` with
//! `grant_type=client_credentials` and the client id/secret (HTTP Basic, or `client_id` and
//! `client_secret` form fields) returns `{"access_token", "token_type": "Bearer", "expires_in",
//! "scope"}`. Wrong credentials get 401 `{"error": "invalid_client", "error_description"}`. The
//! default client is [`DEFAULT_OAUTH_CLIENT_ID`] / [`DEFAULT_OAUTH_CLIENT_SECRET`]; each client
//! acts as an admin service principal whose application id is the client id.
//!
//! # Wire behaviour
//!
//! - Parameters: query string and JSON body are merged (the query wins), for every method, so
//!   clients that send GET parameters as a JSON body work. POST bodies are JSON whatever the
//!   `Content-Type`; an empty body is `{}`.
//! - Errors: `{"error_code", "message"}` with the service's statuses. Unknown endpoints get 404
//!   `ENDPOINT_NOT_FOUND` ("No API found for 'GET /secrets/put'"); known paths with the wrong
//!   method get HTTP 405 with that same body (the service's own `error_code` and wording).
//!   Malformed JSON, invalid UTF-8 and wrong field types get 400 `MALFORMED_REQUEST`; missing
//!   required fields 400 `INVALID_PARAMETER_VALUE` naming the field. Bodies over the limit
//!   (16 MiB by default) get 413 `REQUEST_ENTITY_TOO_LARGE`; a request target over 16 KiB gets
//!   414 and headers over 64 KiB get 431, both with a JSON body (far larger heads, and bytes
//!   that are not HTTP, are refused by the HTTP layer with an empty body).
//! - Empty lists are omitted from responses (`{}`), as the service does.
//!
//! # Implemented APIs
//!
//! - Token API, `/api/2.0/token/{create,list,delete}` and `PATCH /api/2.0/token/{token_id}`.
//! - Token Management, `/api/2.0/token-management/tokens[/{token_id}]` (GET, DELETE, PATCH),
//!   `POST /api/2.0/token-management/on-behalf-of/tokens`, and token permissions
//!   `/api/2.0/permissions/authorization/tokens[/permissionLevels]` (admins only).
//! - SCIM, all 19 endpoints under `/api/2.0/preview/scim/v2/` (Users, Groups,
//!   ServicePrincipals, Me): filters, paging, sorting, attribute selection, RFC 7644 PATCH,
//!   SCIM error bodies; and the legacy Groups API, all 7 endpoints under `/api/2.0/groups/`.
//!   Both over one identity store: the token's user is `Me`, memberships show through both.
//! - Secrets, all 11 endpoints under `/api/2.0/secrets/`. `secrets/get` is served to any caller
//!   with READ (the service restricts it to notebooks for non-admins). An ACL's principal must
//!   be an existing user, group or service principal (404 `RESOURCE_DOES_NOT_EXIST`); ACLs
//!   outlive a principal's later deletion, as on the service.
//! - DBFS, all 10 endpoints under `/api/2.0/dbfs/`: raw bytes stored once, streamed multipart
//!   `put` (up to 2 GiB), handles expiring after 10 idle minutes, the 1 MiB block and read
//!   limits, `PARTIAL_DELETE` after 1000 entries per recursive delete, `MAX_LIST_SIZE_EXCEEDED`
//!   over 10 000 entries (module `dbfs`).
//! - Files API, `/api/2.0/fs/files{path}` (PUT, GET, HEAD, DELETE) and
//!   `/api/2.0/fs/directories{path}` (PUT, GET, HEAD, DELETE) over Unity Catalog volumes
//!   (`/Volumes/<catalog>/<schema>/<volume>/...`, created implicitly; no grants: every
//!   authenticated user may use them): raw bodies streamed into storage up to 5 GiB (chunked
//!   too), one `Range` per download, `If-Unmodified-Since`, listings paged by `page_size` (at
//!   most 1000) and opaque `page_token`, `ErrorInfo` reasons on directory errors. The
//!   presigned-URL helpers answer `FILES_API_API_IS_NOT_ENABLED`, so SDKs fall back to the
//!   plain endpoints (module `files`; DBFS and the Files API use the same `fs_tree` code for
//!   two separate trees: the DBFS API does not serve volumes).
//! - Workspace, all 6 endpoints under `/api/2.0/workspace/` (import and export in SOURCE, HTML,
//!   JUPYTER, DBC, R_MARKDOWN, AUTO and RAW; multipart import; `direct_download` export) and
//!   workspace object permissions `/api/2.0/permissions/{notebooks,directories,files,dashboards}/{id}`
//!   (module `workspace_api`). Every user and service principal has a home folder
//!   `/Users/<name>` (configured ones from the start, SCIM-created ones on creation).
//! - Clusters, all 17 endpoints under `/api/2.1/clusters/` and `/api/2.0/clusters/` (2.0: `list`
//!   unpaged, `events` by offset), and cluster permissions
//!   `/api/2.0/permissions/clusters/{cluster_id}[/permissionLevels]`. Lifecycles advance one
//!   state per lifecycle step (`PENDING` → `RUNNING`, `RESTARTING`, `RESIZING`, `TERMINATING` →
//!   `TERMINATED`); realistic `spark-versions`, `list-node-types` and `list-zones` catalogues.
//!   Numbers are int32 within their documented bounds. A job task run on a terminated cluster
//!   starts it. A running cluster with `autotermination_minutes` terminates (`INACTIVITY`)
//!   after that long without activity (it came up, restarted, was edited or resized; job runs
//!   on it); `last_activity_time` shows it.
//!   Failure injection: custom tag `emulator:fail-start` = a termination reason code (or
//!   `ERROR`), with an optional `emulator:fail-message`, makes every start fail.
//! - Libraries, `/api/2.0/libraries/*`: `PENDING` → `INSTALLING` → `INSTALLED` on a running
//!   cluster, `UNINSTALL_ON_RESTART` until the next restart. A library whose spec contains
//!   `emulator-fail` ends `FAILED`.
//! - Instance Profiles, `/api/2.0/instance-profiles/*` (admins add, edit, remove). A profile
//!   named with `emulator-dry-run-fails` fails validation unless `skip_validation`.
//! - Jobs, all 16 endpoints under `/api/2.2/jobs/`, `/api/2.1/jobs/` and `/api/2.0/jobs/` (2.0
//!   also in the single-task shape), and job permissions
//!   `/api/2.0/permissions/jobs/{job_id}[/permissionLevels]`. Runs advance on the lifecycle
//!   clock (`QUEUED`, `PENDING`, `RUNNING`, `TERMINATING`, `TERMINATED`), tasks in dependency
//!   order with `run_if`, retries, timeouts, `max_concurrent_runs` and queueing, cancellation,
//!   repair, idempotency tokens; 2.2 array paging. Triggers fire on the clock: Quartz cron
//!   `schedule`s in any Java time zone, `periodic` triggers and `continuous` jobs (validated
//!   like the service), and `file_arrival` triggers on volume paths when files arrive there
//!   through the Files API (`table_update` is accepted but never fires). The saved-jobs
//!   quota is 12,000 ([`EmulatorBuilder::max_jobs`]). Failure injection: task parameters
//!   `emulator:fail`, `emulator:fail-times`, `emulator:hang`, `emulator:steps`,
//!   `emulator:internal-error` (see the `jobs` module docs for all of them).
//!
//! Tokens created with the Token API are listed and revocable; configured tokens are not.
//!
//! # Admin endpoints (`/__emulator/`)
//!
//! They need a valid bearer token, are never faulted and never appear in the request log.
//!
//! | Method | Path | Does |
//! |---|---|---|
//! | POST | `/__emulator/faults` | Adds a fault rule; body is a [`FaultRule`] as JSON; returns `{"id"}` |
//! | GET | `/__emulator/faults` | `{"faults": [FaultInfo]}` (rule fields + `id`, `remaining`, `fired`) |
//! | DELETE | `/__emulator/faults` | Removes every rule |
//! | DELETE | `/__emulator/faults/{id}` | Removes one rule |
//! | POST | `/__emulator/faults/seed` | `{"seed": N}`: seed for rules added afterwards |
//! | GET | `/__emulator/requests` | `{"requests": [{seq, method, path, query, status, fault, dropped}]}` |
//! | DELETE | `/__emulator/requests` | Clears the request log |
//! | POST | `/__emulator/reset` | Fresh workspace; clears rules and the request log |
//! | GET | `/__emulator/clock` | `{"now_ms", "lifecycle_step_ms"}` |
//! | POST | `/__emulator/clock` | `{"advance_ms": N}`: moves time forward (expiry, lifecycles) |
//!
//! A fault rule as JSON: `{"method": "POST" (optional; any), "path": "/api/2.0/secrets/*"
//! (exact, or a prefix ending in `*`), "status": 503, "error_code": "TEMPORARILY_UNAVAILABLE"
//! (optional; implied by the status), "message": "...", "retry_after": 2 (or a string),
//! "body": "raw body instead of JSON", "latency_ms": 100, "drop_connection": true, "times": 2,
//! "probability": 0.5, "seed": 42}`. A rule needs `status`, `drop_connection` or `latency_ms`;
//! with only `latency_ms` the request goes on to be answered normally. `drop_connection` closes
//! the socket without a response: clients see a connection error at once.
//!
//! # Real clients
//!
//! - The official Python SDK works with `DATABRICKS_HOST=<url>` and `DATABRICKS_TOKEN=<token>`
//!   (or `DATABRICKS_CLIENT_ID`/`DATABRICKS_CLIENT_SECRET` for OAuth M2M). At start-up it reads
//!   `GET /.well-known/databricks-config` (served: `oidc_endpoint`, `workspace_id`, `cloud`).
//! - The legacy `databricks-cli` (0.18) drops the port from its configured host, so it only
//!   reaches an emulator on port 80: run `databricks-emulator --port 80` for it.
//! - `scripts/real-clients.sh` in this crate drives both (optional, manual; not run in CI).
//! - `tests/fixtures/files_python_sdk.py` drives the Python SDK's `w.files` (upload, download,
//!   metadata, directories, paged listing, deletes; manual, not run in CI).
//!
//! # Adding an API family
//!
//! 1. A module (`clusters.rs`, or `clusters/` when it grows) with the family's state type
//!    (`Default + Serialize + Deserialize`, `#[serde(default)]`), its handlers and
//!    `pub(crate) fn routes() -> Router<AppState>`.
//! 2. A field in `State` (`state.rs`) and a `.merge(clusters::routes())` in
//!    `router.rs`.
//! 3. Handlers take a `Ctx` (workspace, caller, merged parameters, path parameters), read
//!    parameters with its typed accessors, change state through `ws.update(|s| ...)` (validate
//!    first, then mutate: errors leave no change) and return `ApiResult`.
//!    Lifecycles store their start time and read their state from the `LifecycleClock`.
//!    Shared pieces: `permissions` (object ACLs), `identity` (users, groups), `ids` (id formats),
//!    `fs_tree` (file trees with raw bytes, path rules).

mod admin;
mod auth;
mod clock;
mod clusters;
mod dbfs;
mod emulator;
mod error;
mod faults;
mod files;
mod fs_tree;
mod groups;
mod identity;
mod ids;
mod instance_profiles;
mod jobs;
mod libraries;
mod multipart;
mod oauth;
mod permissions;
mod persist;
mod request;
mod request_log;
mod router;
mod scim;
mod secrets;
mod server;
mod state;
mod token;
mod token_management;
mod tokens;
mod workspace;
mod workspace_api;

pub use clock::LifecycleClock;
pub use emulator::{
    DEFAULT_ADMIN_USER, DEFAULT_LIFECYCLE_STEP, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_JOBS,
    DEFAULT_OAUTH_CLIENT_ID, DEFAULT_OAUTH_CLIENT_SECRET, DEFAULT_OAUTH_TOKEN_LIFETIME,
    DEFAULT_TOKEN, Emulator, EmulatorBuilder, Error,
};
pub use faults::{FaultInfo, FaultRule, Faults};
pub use request_log::{MAX_ENTRIES as MAX_LOGGED_REQUESTS, RecordedRequest};
