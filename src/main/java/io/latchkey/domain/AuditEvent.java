package io.latchkey.domain;

/** The kinds of security-relevant events written to the audit trail. */
public enum AuditEvent {
  ACCOUNT_REGISTERED,
  /** Someone tried to register an email that already has an account (the page does not say so). */
  REGISTRATION_OF_EXISTING_EMAIL,
  SIGN_IN_SUCCEEDED,
  SIGN_IN_FAILED,
  /** Consecutive failures paused password sign-in for the account. */
  SIGN_IN_PAUSED,
  /** A sign-in was refused because the account's sign-in was paused or it is disabled. */
  SIGN_IN_REFUSED,
  SIGNED_OUT,
  /** The provider signed the account's sessions out (back-channel logout). */
  SIGNED_OUT_BY_PROVIDER,
  ACCOUNT_DISABLED,
  ACCOUNT_ENABLED,
  ROLE_GRANTED,
  ROLE_REVOKED,
  /** An admin ended every session of the account, or its owner every other session. */
  SESSIONS_ENDED,
  /** One session was ended by its owner (from another session) or by an admin. */
  SESSION_ENDED,
  /** The account is gone; the entry keeps its id and email. */
  ACCOUNT_DELETED,
  /** A provider identity was linked to an account (at a first sign-in that registered it). */
  IDENTITY_LINKED,
  /** A provider identity linked to another account was refused; it stays where it is. */
  IDENTITY_LINK_REFUSED,
  IDENTITY_UNLINKED,
  /** An account that signed in only through providers got a password. */
  PASSWORD_SET,
  PASSWORD_CHANGED,
  /** An admin exported audit entries (the detail names the filter). */
  AUDIT_EXPORTED,
  /** The user granted access to a provider's API (the detail names the scopes). */
  API_CONNECTED,
  /** An access token could not be obtained with the stored refresh token. */
  API_REFRESH_FAILED,
  /** The provider refused the stored refresh token: the grant was revoked at the provider. */
  API_GRANT_LOST,
  /** Access to the API ended here (the detail says why) and the token went to the provider. */
  API_DISCONNECTED,
  /** The provider could not be told that access ended (its token was deleted here anyway). */
  API_REVOCATION_FAILED
}
