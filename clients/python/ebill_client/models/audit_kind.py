from enum import StrEnum


class AuditKind(StrEnum):
    ACCOUNT_ERASED = "account.erased"
    ADDRESS_LINKED = "address.linked"
    ADDRESS_UNLINKED = "address.unlinked"
    APP_AUTHORIZATION_REVOKED = "app.authorization_revoked"
    APP_AUTHORIZED = "app.authorized"
    APP_REGISTERED = "app.registered"
    APP_SUSPENDED = "app.suspended"
    BILLING_RUN_STARTED = "billing_run.started"
    DELIVERY_CHANGED = "delivery.changed"
    DELIVERY_REVERTED = "delivery.reverted"
    DOCUMENT_SUPPLEMENTARY = "document.supplementary"
    EDOC_DECLARED = "edoc.declared"
    EMAIL_BOUNCED = "email.bounced"
    EMAIL_CHANGED = "email.changed"
    EMAIL_CHANGE_REQUESTED = "email.change_requested"
    EMAIL_SOFT_BOUNCED = "email.soft_bounced"
    LINK_CODE_ISSUED = "link_code.issued"
    PASSWORD_CHANGED = "password.changed"
    PASSWORD_RESET = "password.reset"
    PASSWORD_RESET_REQUESTED = "password.reset_requested"
    PHONE_CHANGED = "phone.changed"
    PHONE_CHANGE_REQUESTED = "phone.change_requested"
    PREMISES_MERGED = "premises.merged"
    PROVIDER_APPROVED = "provider.approved"
    PROVIDER_SUSPENDED = "provider.suspended"
    RESIDENT_REGISTERED = "resident.registered"

    def __str__(self) -> str:
        return str(self.value)
