//! Token API (`/api/2.0/token/*`): a caller's own personal access tokens.
//!
//! Also holds the token table shared with Token Management ([`TokensState`]).

use std::collections::BTreeMap;

use axum::Router;
use axum::routing::{get, patch, post};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, json_ok, list_body};
use crate::identity::USERS_GROUP;
use crate::ids::Rng;
use crate::permissions::{Grant, Grantee};
use crate::request::{Ctx, Params};
use crate::workspace::AppState;

/// Most live tokens one principal may hold (`QUOTA_EXCEEDED` beyond).
pub(crate) const MAX_TOKENS_PER_USER: usize = 600;
/// The only token permission level.
pub(crate) const CAN_USE: &str = "CAN_USE";

/// A personal access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct TokenRecord {
    /// 64 hex digits.
    pub(crate) token_id: String,
    /// The bearer value (`dapi…`).
    pub(crate) value: String,
    /// Whose token it is (the principal it authenticates as).
    pub(crate) owner_id: i64,
    /// Who created it (differs from the owner for on-behalf-of tokens).
    pub(crate) created_by_id: i64,
    /// Creator's user name.
    pub(crate) created_by_username: String,
    /// Free-text comment.
    #[serde(default)]
    pub(crate) comment: String,
    /// Epoch ms.
    pub(crate) creation_time: i64,
    /// Epoch ms; -1 = never expires.
    pub(crate) expiry_time: i64,
    /// API scopes (newer tokens).
    #[serde(default)]
    pub(crate) scopes: Vec<String>,
    /// Epoch ms of the day it was last used.
    #[serde(default)]
    pub(crate) last_used_day: Option<i64>,
}

impl TokenRecord {
    /// Whether the token no longer authenticates.
    pub(crate) fn is_expired(&self, now_ms: i64) -> bool {
        self.expiry_time >= 0 && now_ms >= self.expiry_time
    }

    /// `PublicTokenInfo` (Token API).
    pub(crate) fn public_info(&self) -> Value {
        let mut info = json!({
            "token_id": self.token_id,
            "creation_time": self.creation_time,
            "expiry_time": self.expiry_time,
            "comment": self.comment,
        });
        if !self.scopes.is_empty() {
            info["scopes"] = json!(self.scopes);
        }
        info
    }

    /// `TokenInfo` (Token Management API).
    pub(crate) fn info(&self, workspace_id: i64) -> Value {
        let mut info = self.public_info();
        info["created_by_id"] = json!(self.created_by_id);
        info["created_by_username"] = json!(self.created_by_username);
        info["owner_id"] = json!(self.owner_id);
        info["workspace_id"] = json!(workspace_id);
        if let Some(day) = self.last_used_day {
            info["last_used_day"] = json!(day);
        }
        info
    }
}

/// A request to issue a token.
#[derive(Debug, Clone)]
pub(crate) struct NewToken {
    /// Principal the token authenticates as.
    pub(crate) owner_id: i64,
    /// Creator.
    pub(crate) created_by_id: i64,
    /// Creator's user name.
    pub(crate) created_by_username: String,
    /// Comment.
    pub(crate) comment: String,
    /// `lifetime_seconds` as sent.
    pub(crate) lifetime_seconds: Option<i64>,
    /// Scopes.
    pub(crate) scopes: Vec<String>,
}

impl NewToken {
    /// Reads `comment`, `lifetime_seconds`, `scopes` (and accepts `autoscope_enabled`).
    pub(crate) fn from_params(p: &Params, owner_id: i64, creator: &Caller) -> ApiResult<Self> {
        let comment = p.str_opt("comment")?.unwrap_or_default();
        let lifetime_seconds = p.i64_opt("lifetime_seconds")?;
        let scopes = p.str_list_opt("scopes")?.unwrap_or_default();
        p.bool_opt("autoscope_enabled")?;
        Ok(Self {
            owner_id,
            created_by_id: creator.id(),
            created_by_username: creator.user_name().to_owned(),
            comment,
            lifetime_seconds,
            scopes,
        })
    }
}

/// The token table and the token permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct TokensState {
    /// Tokens by id.
    pub(crate) tokens: BTreeMap<String, TokenRecord>,
    /// Who may use tokens (`/api/2.0/permissions/authorization/tokens`); admins always may.
    pub(crate) permissions: Vec<Grant>,
}

impl Default for TokensState {
    fn default() -> Self {
        Self {
            tokens: BTreeMap::new(),
            permissions: vec![Grant {
                grantee: Grantee::Group(USERS_GROUP.to_owned()),
                level: CAN_USE.to_owned(),
            }],
        }
    }
}

impl TokensState {
    /// The token with this bearer value.
    pub(crate) fn by_value(&self, value: &str) -> Option<&TokenRecord> {
        self.tokens
            .values()
            .find(|t| crate::ids::constant_time_eq(&t.value, value))
    }

    /// A live token by id.
    pub(crate) fn live(&self, token_id: &str, now_ms: i64) -> Option<&TokenRecord> {
        self.tokens.get(token_id).filter(|t| !t.is_expired(now_ms))
    }

    /// Records the day a token was last used.
    pub(crate) fn touch(&mut self, token_id: &str, day_ms: i64) {
        if let Some(t) = self.tokens.get_mut(token_id) {
            t.last_used_day = Some(day_ms);
        }
    }

    /// Whether the caller may create and use tokens (`CAN_USE`).
    pub(crate) fn may_use(&self, caller: &Caller) -> bool {
        caller.is_admin()
            || self
                .permissions
                .iter()
                .any(|g| g.level == CAN_USE && g.grantee.applies_to(caller))
    }

    /// Issues a token: validates the lifetime and the owner's quota, then stores it.
    pub(crate) fn issue(
        &mut self,
        rng: &mut Rng,
        new: NewToken,
        now_ms: i64,
    ) -> ApiResult<TokenRecord> {
        let expiry_time = expiry_time(new.lifetime_seconds, now_ms)?;
        self.tokens.retain(|_, t| !t.is_expired(now_ms));
        let held = self
            .tokens
            .values()
            .filter(|t| t.owner_id == new.owner_id)
            .count();
        if held >= MAX_TOKENS_PER_USER {
            return Err(ApiError::quota_exceeded(format!(
                "Cannot create more than {MAX_TOKENS_PER_USER} tokens per user."
            )));
        }
        let mut token_id = rng.token_id();
        while self.tokens.contains_key(&token_id) {
            token_id = rng.token_id();
        }
        let record = TokenRecord {
            token_id: token_id.clone(),
            value: rng.token_value(),
            owner_id: new.owner_id,
            created_by_id: new.created_by_id,
            created_by_username: new.created_by_username,
            comment: new.comment,
            creation_time: now_ms,
            expiry_time,
            scopes: new.scopes,
            last_used_day: None,
        };
        self.tokens.insert(token_id, record.clone());
        Ok(record)
    }

    /// Applies `update_mask` fields of `token` (`comment`, `scopes`, `*`).
    pub(crate) fn apply_update(record: &mut TokenRecord, p: &Params) -> ApiResult<()> {
        let token = p
            .object_opt("token")?
            .ok_or_else(|| ApiError::missing_field("token"))?;
        let mask = p.str_req("update_mask")?;
        let fields: Vec<&str> = mask.split(',').map(str::trim).collect();
        let all = fields.contains(&"*");
        let mut comment = None;
        let mut scopes = None;
        for field in &fields {
            match *field {
                "*" => {}
                "comment" => {}
                "scopes" => {}
                other => {
                    return Err(ApiError::invalid_parameter_value(format!(
                        "update_mask field '{other}' cannot be updated; use comment or scopes"
                    )));
                }
            }
        }
        if all || fields.contains(&"comment") {
            comment = Some(token.str_opt("comment")?.unwrap_or_default());
        }
        if all || fields.contains(&"scopes") {
            scopes = Some(token.str_list_opt("scopes")?.unwrap_or_default());
        }
        if let Some(c) = comment {
            record.comment = c;
        }
        if let Some(s) = scopes {
            record.scopes = s;
        }
        Ok(())
    }
}

/// The `expiry_time` for a `lifetime_seconds` (absent, 0 or -1: never, shown as -1).
pub(crate) fn expiry_time(lifetime_seconds: Option<i64>, now_ms: i64) -> ApiResult<i64> {
    match lifetime_seconds {
        None | Some(-1) | Some(0) => Ok(-1),
        Some(secs) if secs > 0 => secs
            .checked_mul(1000)
            .and_then(|ms| now_ms.checked_add(ms))
            .ok_or_else(|| {
                ApiError::invalid_parameter_value(format!("lifetime_seconds {secs} is too large"))
            }),
        Some(secs) => Err(ApiError::invalid_parameter_value(format!(
            "lifetime_seconds must be positive, or -1 for a token that does not expire; got {secs}"
        ))),
    }
}

/// Routes of the Token API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/2.0/token/create", post(create))
        .route("/api/2.0/token/list", get(list))
        .route("/api/2.0/token/delete", post(delete))
        .route("/api/2.0/token/{token_id}", patch(update))
}

fn token_use_denied(caller: &Caller) -> ApiError {
    ApiError::permission_denied(format!(
        "{} does not have permission to use tokens (CAN_USE).",
        caller.user_name()
    ))
}

async fn create(ctx: Ctx) -> ApiResult {
    let new = NewToken::from_params(&ctx.params, ctx.caller.id(), &ctx.caller)?;
    let now = ctx.ws.clock.now_ms();
    let record = ctx.ws.update(|s| {
        if !s.tokens.may_use(&ctx.caller) {
            return Err(token_use_denied(&ctx.caller));
        }
        s.tokens.issue(&mut s.rng, new, now)
    })?;
    Ok(json_ok(json!({
        "token_value": record.value,
        "token_info": record.public_info(),
    })))
}

async fn list(ctx: Ctx) -> ApiResult {
    let now = ctx.ws.clock.now_ms();
    let infos: Vec<Value> = ctx.ws.read(|s| {
        s.tokens
            .tokens
            .values()
            .filter(|t| t.owner_id == ctx.caller.id() && !t.is_expired(now))
            .map(TokenRecord::public_info)
            .collect()
    });
    Ok(json_ok(list_body("token_infos", infos)))
}

async fn delete(ctx: Ctx) -> ApiResult {
    let token_id = ctx.params.str_req("token_id")?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        match s.tokens.live(&token_id, now) {
            Some(t) if t.owner_id == ctx.caller.id() => {}
            _ => {
                return Err(ApiError::resource_does_not_exist(format!(
                    "Token with ID {token_id} does not exist."
                )));
            }
        }
        s.tokens.tokens.remove(&token_id);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

async fn update(ctx: Ctx) -> ApiResult {
    let token_id = ctx.path_param("token_id")?;
    let now = ctx.ws.clock.now_ms();
    ctx.ws.update(|s| {
        let record = s
            .tokens
            .tokens
            .get(&token_id)
            .filter(|t| !t.is_expired(now) && t.owner_id == ctx.caller.id())
            .ok_or_else(|| ApiError::not_found(format!("Token {token_id} not found.")))?;
        let mut updated = record.clone();
        TokensState::apply_update(&mut updated, &ctx.params)?;
        s.tokens.tokens.insert(token_id.clone(), updated);
        Ok(())
    })?;
    Ok(json_ok(json!({})))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_token(owner: i64, lifetime: Option<i64>) -> NewToken {
        NewToken {
            owner_id: owner,
            created_by_id: owner,
            created_by_username: "a@x.com".into(),
            comment: "c".into(),
            lifetime_seconds: lifetime,
            scopes: vec![],
        }
    }

    #[test]
    fn lifetimes() {
        let mut s = TokensState::default();
        let mut rng = Rng::new(1);
        let never = s.issue(&mut rng, new_token(1, None), 1000).unwrap();
        assert_eq!(never.expiry_time, -1);
        let minus_one = s.issue(&mut rng, new_token(1, Some(-1)), 1000).unwrap();
        assert_eq!(minus_one.expiry_time, -1);
        let short = s.issue(&mut rng, new_token(1, Some(60)), 1000).unwrap();
        assert_eq!(short.expiry_time, 61_000);
        assert!(short.is_expired(61_000));
        assert!(!short.is_expired(60_999));
        let bad = s.issue(&mut rng, new_token(1, Some(-5)), 1000).unwrap_err();
        assert_eq!(bad.code, "INVALID_PARAMETER_VALUE");
        let huge = s
            .issue(&mut rng, new_token(1, Some(i64::MAX)), 1000)
            .unwrap_err();
        assert_eq!(huge.code, "INVALID_PARAMETER_VALUE");
    }

    #[test]
    fn quota_per_owner() {
        let mut s = TokensState::default();
        let mut rng = Rng::new(2);
        for _ in 0..MAX_TOKENS_PER_USER {
            s.issue(&mut rng, new_token(1, None), 0).unwrap();
        }
        let err = s.issue(&mut rng, new_token(1, None), 0).unwrap_err();
        assert_eq!(err.code, "QUOTA_EXCEEDED");
        s.issue(&mut rng, new_token(2, None), 0).unwrap();
    }
}
