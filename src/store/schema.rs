//! The diesel schema, in types both backends share (Text, BigInt, Integer, Bool, Timestamp as naive UTC).

diesel::table! {
    settings (name) {
        name -> Text,
        value -> Text,
    }
}

diesel::table! {
    operators (id) {
        id -> Text,
        email -> Text,
        password_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    providers (id) {
        id -> Text,
        name -> Text,
        inn -> Text,
        kpp -> Nullable<Text>,
        ogrn -> Text,
        email -> Text,
        phone -> Text,
        bank_name -> Text,
        bank_bik -> Text,
        bank_account -> Text,
        bank_correspondent_account -> Text,
        webhook_url -> Nullable<Text>,
        status -> Text,
        client_id -> Text,
        client_secret_hash -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    provider_edoc_changes (id) {
        id -> Text,
        provider_id -> Text,
        edoc_capable -> Bool,
        since -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Text,
        family_id -> Text,
        token_hash -> Text,
        subject_role -> Text,
        subject_id -> Text,
        status -> Text,
        expires_at -> Timestamp,
        created_at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (principal, idempotency_key) {
        principal -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Text,
        response_status -> Nullable<Integer>,
        response_content_type -> Nullable<Text>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(provider_edoc_changes -> providers (provider_id));
diesel::allow_tables_to_appear_in_same_query!(settings, operators, providers, provider_edoc_changes, refresh_tokens, idempotency_keys);
