//! The one diesel schema, shared by both backends.

diesel::table! {
    node_state (id) {
        id -> SmallInt,
        last_seq -> BigInt,
    }
}

diesel::table! {
    records (id) {
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
