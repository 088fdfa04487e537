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
        webhook_secret -> Text,
        webhook_secret_previous -> Nullable<Text>,
        webhook_secret_rotated_at -> Nullable<Timestamp>,
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
        client_id -> Nullable<Text>,
        scope -> Nullable<Text>,
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
        response_location -> Nullable<Text>,
    }
}

diesel::table! {
    counters (name) {
        name -> Text,
        value -> BigInt,
    }
}

diesel::table! {
    premises (id) {
        id -> Text,
        payer_code -> Text,
        address_key -> Text,
        city -> Text,
        street -> Text,
        house -> Text,
        building -> Nullable<Text>,
        apartment -> Nullable<Text>,
        merged_into -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    premises_merges (id) {
        id -> Text,
        from_premises_id -> Text,
        into_premises_id -> Text,
        operator_id -> Text,
        accounts_moved -> Integer,
        merged_at -> Timestamp,
    }
}

diesel::table! {
    provider_accounts (id) {
        id -> Text,
        provider_id -> Text,
        number -> Text,
        premises_id -> Text,
        holder -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    account_moves (id) {
        id -> Text,
        account_id -> Text,
        from_premises_id -> Text,
        to_premises_id -> Text,
        reason -> Text,
        moved_at -> Timestamp,
    }
}

diesel::table! {
    charge_batches (id) {
        id -> Text,
        provider_id -> Text,
        period -> Text,
        items -> Integer,
        created -> Integer,
        updated -> Integer,
        created_at -> Timestamp,
        warnings -> Text,
    }
}

diesel::table! {
    charged_accounts (provider_id, period, account_number) {
        provider_id -> Text,
        period -> Text,
        account_number -> Text,
    }
}

diesel::table! {
    charged_periods (provider_id, period) {
        provider_id -> Text,
        period -> Text,
        accounts -> BigInt,
        carried -> BigInt,
    }
}

diesel::table! {
    charges (provider_id, period, account_number, service_code) {
        provider_id -> Text,
        period -> Text,
        account_number -> Text,
        service_code -> Text,
        service_name -> Text,
        unit -> Text,
        volume -> Nullable<Text>,
        tariff -> Nullable<Text>,
        amount -> BigInt,
        recalculation -> BigInt,
        debt -> BigInt,
        penalty -> BigInt,
        batch_id -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    closed_periods (period) {
        period -> Text,
        closed_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> Text,
        channel -> Text,
        topic -> Text,
        recipient -> Text,
        payload -> Text,
        dedupe_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        run_id -> Nullable<Text>,
        document_id -> Nullable<Text>,
        traceparent -> Nullable<Text>,
        event_id -> Nullable<Text>,
    }
}

diesel::table! {
    residents (id) {
        id -> Text,
        email -> Text,
        email_confirmed_at -> Nullable<Timestamp>,
        pending_email -> Nullable<Text>,
        phone -> Text,
        pending_phone -> Nullable<Text>,
        password_hash -> Text,
        name -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        email_undeliverable_at -> Nullable<Timestamp>,
        email_bounce_reason -> Nullable<Text>,
        consent_version -> Nullable<Text>,
        consent_at -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    web_sessions (id) {
        id -> Text,
        resident_id -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        ended_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    apps (id) {
        id -> Text,
        name -> Text,
        app_type -> Text,
        redirect_uris -> Text,
        client_secret_hash -> Nullable<Text>,
        status -> Text,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        scopes -> Text,
    }
}

diesel::table! {
    authorization_codes (code_hash) {
        code_hash -> Text,
        client_id -> Text,
        resident_id -> Text,
        redirect_uri -> Text,
        scope -> Text,
        code_challenge -> Text,
        family_id -> Nullable<Text>,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    app_authorizations (resident_id, client_id) {
        resident_id -> Text,
        client_id -> Text,
        scope -> Text,
        granted_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    password_resets (id) {
        id -> Text,
        resident_id -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    email_confirmations (id) {
        id -> Text,
        resident_id -> Text,
        email -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    addresses (id) {
        id -> Text,
        resident_id -> Text,
        premises_id -> Text,
        channel -> Text,
        sms_notifications -> Bool,
        effective_from -> Nullable<Text>,
        created_at -> Timestamp,
        unlinked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    link_codes (id) {
        id -> Text,
        premises_id -> Text,
        code_hash -> Text,
        source -> Text,
        issued_by -> Nullable<Text>,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        used_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    link_attempts (id) {
        id -> Text,
        premises_id -> Text,
        resident_id -> Text,
        succeeded -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    verifications (id) {
        id -> Text,
        resident_id -> Text,
        address_id -> Nullable<Text>,
        purpose -> Text,
        phone -> Text,
        code_hash -> Text,
        requested_channel -> Nullable<Text>,
        requested_sms_notifications -> Nullable<Bool>,
        requested_phone -> Nullable<Text>,
        attempts_left -> Integer,
        status -> Text,
        expires_at -> Timestamp,
        client -> Nullable<Text>,
        created_at -> Timestamp,
        client_id -> Nullable<Text>,
        confirmed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    delivery_changes (id) {
        id -> Text,
        address_id -> Text,
        resident_id -> Text,
        from_channel -> Text,
        to_channel -> Text,
        from_sms_notifications -> Bool,
        sms_notifications -> Bool,
        effective_from -> Text,
        verification_id -> Nullable<Text>,
        client -> Nullable<Text>,
        changed_at -> Timestamp,
        reason -> Text,
        client_id -> Nullable<Text>,
    }
}

diesel::table! {
    billing_runs (id) {
        id -> Text,
        period -> Text,
        status -> Text,
        operator_id -> Text,
        premises_total -> Integer,
        chunks_total -> Integer,
        chunks_done -> Integer,
        e_receipts -> Integer,
        paper_documents -> Integer,
        lease_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    run_premises (run_id, seq) {
        run_id -> Text,
        seq -> Integer,
        premises_id -> Text,
        electronic -> Bool,
    }
}

diesel::table! {
    run_providers (run_id, provider_id) {
        run_id -> Text,
        provider_id -> Text,
    }
}

diesel::table! {
    run_recipients (run_id, address_id) {
        run_id -> Text,
        premises_id -> Text,
        seq -> Integer,
        address_id -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
    }
}

diesel::table! {
    documents (id) {
        id -> Text,
        run_id -> Text,
        chunk -> Integer,
        period -> Text,
        premises_id -> Text,
        kind -> Text,
        provider_id -> Nullable<Text>,
        total -> BigInt,
        verification_code -> Text,
        link_code_sealed -> Nullable<Text>,
        delivery_status -> Text,
        created_at -> Timestamp,
        origin -> Text,
    }
}

diesel::table! {
    document_lines (document_id, provider_id, account_number, service_code) {
        document_id -> Text,
        provider_id -> Text,
        account_number -> Text,
        service_code -> Text,
        service_name -> Text,
        unit -> Text,
        volume -> Nullable<Text>,
        tariff -> Nullable<Text>,
        amount -> BigInt,
        recalculation -> BigInt,
        debt -> BigInt,
        penalty -> BigInt,
        total -> BigInt,
    }
}

diesel::table! {
    run_payees (run_id, provider_id) {
        run_id -> Text,
        provider_id -> Text,
        name -> Text,
        inn -> Text,
        kpp -> Nullable<Text>,
        bank_name -> Text,
        bank_bik -> Text,
        bank_account -> Text,
        bank_correspondent_account -> Text,
    }
}

diesel::joinable!(provider_edoc_changes -> providers (provider_id));
diesel::joinable!(provider_accounts -> providers (provider_id));
diesel::joinable!(provider_accounts -> premises (premises_id));
diesel::joinable!(addresses -> premises (premises_id));
diesel::joinable!(addresses -> residents (resident_id));
diesel::joinable!(app_authorizations -> apps (client_id));
diesel::joinable!(documents -> premises (premises_id));
diesel::joinable!(document_lines -> documents (document_id));
diesel::allow_tables_to_appear_in_same_query!(
    settings,
    operators,
    providers,
    provider_edoc_changes,
    refresh_tokens,
    idempotency_keys,
    counters,
    premises,
    premises_merges,
    provider_accounts,
    account_moves,
    charge_batches,
    charged_accounts,
    charged_periods,
    charges,
    closed_periods,
    outbox,
    residents,
    email_confirmations,
    password_resets,
    web_sessions,
    apps,
    authorization_codes,
    app_authorizations,
    addresses,
    link_codes,
    link_attempts,
    verifications,
    delivery_changes,
    billing_runs,
    run_premises,
    run_providers,
    run_recipients,
    documents,
    document_lines,
    run_payees
);

diesel::table! {
    verification_sends (id) {
        id -> Text,
        resident_id -> Text,
        recipient -> Text,
        verification_id -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    revocations (subject) {
        subject -> Text,
        revoked_at -> Timestamp,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        actor_kind -> Text,
        actor_id -> Nullable<Text>,
        kind -> Text,
        object_type -> Text,
        object_id -> Text,
        data -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Text,
        provider_id -> Text,
        event_id -> Text,
        event_type -> Text,
        url -> Text,
        attempt -> Integer,
        status -> Text,
        response_status -> Nullable<Integer>,
        latency_ms -> Integer,
        error -> Nullable<Text>,
        redelivery -> Bool,
        outbox_id -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
    }
}
