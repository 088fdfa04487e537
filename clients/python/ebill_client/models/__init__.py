"""Contains all the data models used in inputs/outputs"""

from .account_delivery_changed_envelope import AccountDeliveryChangedEnvelope
from .account_delivery_changed_envelope_type import AccountDeliveryChangedEnvelopeType
from .account_delivery_changed_event import AccountDeliveryChangedEvent
from .account_delivery_response import AccountDeliveryResponse
from .account_input import AccountInput
from .account_payer_code import AccountPayerCode
from .account_response import AccountResponse
from .address_dto import AddressDto
from .address_list import AddressList
from .address_provider import AddressProvider
from .address_response import AddressResponse
from .app_response import AppResponse
from .app_status import AppStatus
from .app_type import AppType
from .audit_actor import AuditActor
from .audit_event import AuditEvent
from .audit_event_data import AuditEventData
from .audit_kind import AuditKind
from .audit_object import AuditObject
from .authorization_list import AuthorizationList
from .authorization_response import AuthorizationResponse
from .authorize_code_challenge_method import AuthorizeCodeChallengeMethod
from .authorize_response_type import AuthorizeResponseType
from .bank_details import BankDetails
from .batch_response import BatchResponse
from .bounce_accepted import BounceAccepted
from .bounce_kind import BounceKind
from .bounce_request import BounceRequest
from .change_reason import ChangeReason
from .channel import Channel
from .charge_item import ChargeItem
from .charge_response import ChargeResponse
from .checked_bank import CheckedBank
from .checked_payee import CheckedPayee
from .checked_provider import CheckedProvider
from .code import Code
from .confirm_request import ConfirmRequest
from .confirm_response import ConfirmResponse
from .consent_request import ConsentRequest
from .consent_request_version import ConsentRequestVersion
from .create_provider_request import CreateProviderRequest
from .delete_me_request import DeleteMeRequest
from .delivery import Delivery
from .delivery_change_response import DeliveryChangeResponse
from .delivery_history import DeliveryHistory
from .delivery_request import DeliveryRequest
from .delivery_requested import DeliveryRequested
from .document_check import DocumentCheck
from .document_delivered_envelope import DocumentDeliveredEnvelope
from .document_delivered_envelope_type import DocumentDeliveredEnvelopeType
from .document_delivery import DocumentDelivery
from .document_delivery_event import DocumentDeliveryEvent
from .document_failed_envelope import DocumentFailedEnvelope
from .document_failed_envelope_type import DocumentFailedEnvelopeType
from .document_kind import DocumentKind
from .document_response import DocumentResponse
from .document_summary import DocumentSummary
from .edoc_declaration import EdocDeclaration
from .edoc_request import EdocRequest
from .edoc_response import EdocResponse
from .email_confirmation_request import EmailConfirmationRequest
from .email_confirmed import EmailConfirmed
from .export_me_response_200 import ExportMeResponse200
from .field_error import FieldError
from .grant_type import GrantType
from .health import Health
from .health_status import HealthStatus
from .jwks_response_200 import JwksResponse200
from .line_response import LineResponse
from .link_address_request import LinkAddressRequest
from .link_code_response import LinkCodeResponse
from .merge_request import MergeRequest
from .merge_response import MergeResponse
from .message_counts import MessageCounts
from .new_app_request import NewAppRequest
from .oauth_metadata_response_200 import OauthMetadataResponse200
from .page_account_delivery_response import PageAccountDeliveryResponse
from .page_account_response import PageAccountResponse
from .page_app_response import PageAppResponse
from .page_audit_event import PageAuditEvent
from .page_charge_response import PageChargeResponse
from .page_document_summary import PageDocumentSummary
from .page_paper_document import PagePaperDocument
from .page_premises_response import PagePremisesResponse
from .page_provider_summary import PageProviderSummary
from .page_run_response import PageRunResponse
from .page_webhook_delivery_response import PageWebhookDeliveryResponse
from .paper_document import PaperDocument
from .password_reset_confirmation import PasswordResetConfirmation
from .password_reset_request import PasswordResetRequest
from .payee_check import PayeeCheck
from .payee_check_request import PayeeCheckRequest
from .payee_response import PayeeResponse
from .ping_envelope import PingEnvelope
from .ping_envelope_type import PingEnvelopeType
from .ping_event import PingEvent
from .premises_account import PremisesAccount
from .premises_response import PremisesResponse
from .problem_body import ProblemBody
from .provider_contacts import ProviderContacts
from .provider_registered import ProviderRegistered
from .provider_response import ProviderResponse
from .provider_status import ProviderStatus
from .provider_summary import ProviderSummary
from .push_charges_request import PushChargesRequest
from .push_charges_response import PushChargesResponse
from .put_accounts_request import PutAccountsRequest
from .put_accounts_response import PutAccountsResponse
from .redelivery_response import RedeliveryResponse
from .redelivery_status import RedeliveryStatus
from .register_resident_request import RegisterResidentRequest
from .resident_response import ResidentResponse
from .revoke_request import RevokeRequest
from .run_response import RunResponse
from .run_status import RunStatus
from .scope import Scope
from .service_dto import ServiceDto
from .start_run_request import StartRunRequest
from .token_request import TokenRequest
from .token_response import TokenResponse
from .token_type import TokenType
from .token_type_hint import TokenTypeHint
from .update_me_request import UpdateMeRequest
from .update_me_response import UpdateMeResponse
from .update_provider_request import UpdateProviderRequest
from .verification_channel import VerificationChannel
from .verification_response import VerificationResponse
from .verification_status import VerificationStatus
from .warning import Warning_
from .warning_code import WarningCode
from .webhook_delivery_response import WebhookDeliveryResponse
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_event import WebhookEvent
from .webhook_secret_response import WebhookSecretResponse

__all__ = (
    "AccountDeliveryChangedEnvelope",
    "AccountDeliveryChangedEnvelopeType",
    "AccountDeliveryChangedEvent",
    "AccountDeliveryResponse",
    "AccountInput",
    "AccountPayerCode",
    "AccountResponse",
    "AddressDto",
    "AddressList",
    "AddressProvider",
    "AddressResponse",
    "AppResponse",
    "AppStatus",
    "AppType",
    "AuditActor",
    "AuditEvent",
    "AuditEventData",
    "AuditKind",
    "AuditObject",
    "AuthorizationList",
    "AuthorizationResponse",
    "AuthorizeCodeChallengeMethod",
    "AuthorizeResponseType",
    "BankDetails",
    "BatchResponse",
    "BounceAccepted",
    "BounceKind",
    "BounceRequest",
    "ChangeReason",
    "Channel",
    "ChargeItem",
    "ChargeResponse",
    "CheckedBank",
    "CheckedPayee",
    "CheckedProvider",
    "Code",
    "ConfirmRequest",
    "ConfirmResponse",
    "ConsentRequest",
    "ConsentRequestVersion",
    "CreateProviderRequest",
    "DeleteMeRequest",
    "Delivery",
    "DeliveryChangeResponse",
    "DeliveryHistory",
    "DeliveryRequest",
    "DeliveryRequested",
    "DocumentCheck",
    "DocumentDeliveredEnvelope",
    "DocumentDeliveredEnvelopeType",
    "DocumentDelivery",
    "DocumentDeliveryEvent",
    "DocumentFailedEnvelope",
    "DocumentFailedEnvelopeType",
    "DocumentKind",
    "DocumentResponse",
    "DocumentSummary",
    "EdocDeclaration",
    "EdocRequest",
    "EdocResponse",
    "EmailConfirmationRequest",
    "EmailConfirmed",
    "ExportMeResponse200",
    "FieldError",
    "GrantType",
    "Health",
    "HealthStatus",
    "JwksResponse200",
    "LineResponse",
    "LinkAddressRequest",
    "LinkCodeResponse",
    "MergeRequest",
    "MergeResponse",
    "MessageCounts",
    "NewAppRequest",
    "OauthMetadataResponse200",
    "PageAccountDeliveryResponse",
    "PageAccountResponse",
    "PageAppResponse",
    "PageAuditEvent",
    "PageChargeResponse",
    "PageDocumentSummary",
    "PagePaperDocument",
    "PagePremisesResponse",
    "PageProviderSummary",
    "PageRunResponse",
    "PageWebhookDeliveryResponse",
    "PaperDocument",
    "PasswordResetConfirmation",
    "PasswordResetRequest",
    "PayeeCheck",
    "PayeeCheckRequest",
    "PayeeResponse",
    "PingEnvelope",
    "PingEnvelopeType",
    "PingEvent",
    "PremisesAccount",
    "PremisesResponse",
    "ProblemBody",
    "ProviderContacts",
    "ProviderRegistered",
    "ProviderResponse",
    "ProviderStatus",
    "ProviderSummary",
    "PushChargesRequest",
    "PushChargesResponse",
    "PutAccountsRequest",
    "PutAccountsResponse",
    "RedeliveryResponse",
    "RedeliveryStatus",
    "RegisterResidentRequest",
    "ResidentResponse",
    "RevokeRequest",
    "RunResponse",
    "RunStatus",
    "Scope",
    "ServiceDto",
    "StartRunRequest",
    "TokenRequest",
    "TokenResponse",
    "TokenType",
    "TokenTypeHint",
    "UpdateMeRequest",
    "UpdateMeResponse",
    "UpdateProviderRequest",
    "VerificationChannel",
    "VerificationResponse",
    "VerificationStatus",
    "Warning_",
    "WarningCode",
    "WebhookDeliveryResponse",
    "WebhookDeliveryStatus",
    "WebhookEvent",
    "WebhookSecretResponse",
)
