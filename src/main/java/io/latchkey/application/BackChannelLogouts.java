package io.latchkey.application;

import io.latchkey.application.LogoutTokenVerifier.InvalidLogoutTokenException;
import io.latchkey.domain.SeenLogoutTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The provider signs people out of Latchkey (OpenID Connect Back-Channel Logout 1.0): a verified
 * logout token ends the sessions it names on every instance, once.
 */
@ApplicationScoped
public class BackChannelLogouts {

  private static final Logger LOG = Logger.getLogger(BackChannelLogouts.class.getName());

  /** What the provider is told. */
  public enum Answer {
    /** 200: the sessions the token names have ended (none may have been left). */
    DONE,
    /** 400: not a valid logout token for this client, or one already acted on; nothing changed. */
    INVALID,
    /** 503: Latchkey could not act on it now (the database failed); nothing changed. */
    UNAVAILABLE
  }

  @Inject LogoutTokenVerifier verifier;
  @Inject SessionRecords records;
  @Inject SeenLogoutTokens seen;

  public Answer receive(String token, String clientAddress) {
    LogoutToken verified;
    try {
      verified = verifier.verify(token);
    } catch (InvalidLogoutTokenException e) {
      LOG.info(() -> "Refused a back-channel logout token: " + e.getMessage());
      return Answer.INVALID;
    }
    try {
      int ended = records.endProviderSessions(verified, clientAddress);
      LOG.fine(() -> "Back-channel logout ended " + ended + " sessions");
      return Answer.DONE;
    } catch (ReplayedLogoutTokenException e) {
      LOG.info("Refused a back-channel logout token: its jti was used before");
      return Answer.INVALID;
    } catch (RuntimeException e) {
      if (seenMeanwhile(verified)) {
        LOG.info("Refused a back-channel logout token: its jti was used at the same time");
        return Answer.INVALID;
      }
      LOG.log(Level.WARNING, "Could not act on a back-channel logout token", e);
      return Answer.UNAVAILABLE;
    }
  }

  private boolean seenMeanwhile(LogoutToken token) {
    try {
      return seen.seen(token.issuer(), token.jti());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The token's jti was acted on before: nothing is done again. */
  static final class ReplayedLogoutTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplayedLogoutTokenException() {
      super("replayed", null, false, false);
    }
  }
}
