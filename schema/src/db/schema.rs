//! The one diesel schema, shared by both backends.

diesel::table! {
    node_state (id) {
        id -> SmallInt,
        last_seq -> BigInt,
        feed_horizon -> BigInt,
    }
}

diesel::table! {
    records (origin, id) {
        id -> Text,
        kind -> Text,
        origin -> Text,
        version -> BigInt,
        status -> Text,
        created_at -> Text,
        updated_at -> Text,
        content -> Text,
        private -> Nullable<Text>,
        themes -> Text,
        seq -> BigInt,
        deleted -> Bool,
        published_ever -> Bool,
        hash -> Nullable<Text>,
        signature -> Nullable<Text>,
        received_at -> Nullable<Text>,
        changed_at -> Text,
    }
}

diesel::table! {
    api_tokens (name) {
        name -> Text,
        role -> Text,
        token_hash -> Text,
        created_at -> Text,
    }
}

diesel::table! {
    peers (region) {
        region -> Text,
        url -> Nullable<Text>,
        jwks -> Text,
        added_at -> Text,
        cursor -> Nullable<Text>,
        last_attempt_at -> Nullable<Text>,
        last_success_at -> Nullable<Text>,
        last_error -> Nullable<Text>,
        consecutive_failures -> BigInt,
        records_received -> BigInt,
        records_rejected -> BigInt,
        insecure_http -> Bool,
        records_stale -> BigInt,
        records_own -> BigInt,
        pull -> Bool,
    }
}

diesel::table! {
    peer_rejections (id) {
        id -> Text,
        region -> Text,
        at -> Text,
        record_id -> Text,
        reason -> Text,
    }
}

diesel::table! {
    seen_tokens (jti) {
        jti -> Text,
        issuer -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    retired_keys (kid) {
        kid -> Text,
        public_key -> Text,
        retired_at -> Text,
        expires_at -> Text,
    }
}

diesel::table! {
    origin_states (origin) {
        origin -> Text,
        count -> BigInt,
        state -> Binary,
    }
}

diesel::table! {
    checkpoints (origin) {
        origin -> Text,
        count -> BigInt,
        digest -> Text,
        issued_at -> Text,
        kid -> Text,
        signature -> Text,
        received_from -> Text,
        received_at -> Text,
    }
}

diesel::table! {
    key_statements (origin, kind, kid) {
        origin -> Text,
        kind -> Text,
        kid -> Text,
        issued_at -> Text,
        body -> Text,
        received_from -> Text,
    }
}

diesel::table! {
    harvest_deletions (origin, id) {
        origin -> Text,
        id -> Text,
        kind -> Text,
        version -> BigInt,
        seq -> BigInt,
        changed_at -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(records, harvest_deletions);

diesel::table! {
    webhooks (id) {
        id -> Text,
        url -> Text,
        description -> Text,
        filter -> Text,
        secret -> Text,
        cursor -> BigInt,
        active -> Bool,
        disabled_reason -> Nullable<Text>,
        failing_since -> Nullable<Text>,
        next_attempt_at -> Nullable<Text>,
        failures -> BigInt,
        version -> BigInt,
        created_at -> Text,
        updated_at -> Text,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        webhook_id -> Text,
        message_id -> Text,
        event -> Text,
        seq -> BigInt,
        attempt -> BigInt,
        at -> Text,
        status_code -> Nullable<BigInt>,
        error -> Nullable<Text>,
        latency_ms -> BigInt,
    }
}
