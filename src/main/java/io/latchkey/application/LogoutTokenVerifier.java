package io.latchkey.application;

/**
 * Checks a back-channel logout token of the configured provider; implemented by the infrastructure.
 */
public interface LogoutTokenVerifier {

  /**
   * The token's claims, once its signature (the provider's keys), issuer, audience, age, event, the
   * absence of a nonce and the presence of {@code sub} or {@code sid} are checked.
   *
   * @throws InvalidLogoutTokenException with the reason, for the log
   */
  LogoutToken verify(String token);

  /** A logout token that is not one the provider issued for this client, now. */
  final class InvalidLogoutTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidLogoutTokenException(String reason) {
      super(reason, null, false, false);
    }
  }
}
