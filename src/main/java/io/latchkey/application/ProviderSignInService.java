package io.latchkey.application;

import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.DuplicateEmailException;
import io.latchkey.domain.DuplicateLinkException;
import io.latchkey.domain.ExternalProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Sign-in through an OpenID provider, after the protocol layer validated the id_token: finds the
 * account linked to (issuer, subject), or registers one at the first sign-in, or refuses.
 *
 * <p>Two first sign-ins of the same person can race (a double click, two tabs): the unique keys on
 * (issuer, subject) and on email let exactly one registration commit; the other is resolved again
 * and signs in to the account the first one created.
 */
@ApplicationScoped
public class ProviderSignInService {

  private static final Logger LOG = Logger.getLogger(ProviderSignInService.class.getName());

  @Inject ProviderAccountResolver resolver;
  @Inject AuditTrail audit;

  public SignInOutcome signIn(ExternalProfile profile, String clientAddress) {
    try {
      return resolver.resolve(profile, clientAddress);
    } catch (DuplicateLinkException | DuplicateEmailException raced) {
      LOG.info(() -> "Concurrent first sign-in of one identity; resolving it again");
      return resolver.resolve(profile, clientAddress);
    }
  }

  /**
   * Audits a provider sign-in that failed before an identity was known (a rejected token, a
   * provider error, a cancelled sign-in). The reason names the check, never a token or code.
   */
  @Transactional
  public void failed(String reason, String supportId, String clientAddress) {
    audit.record(
        AuditEntry.of(AuditEvent.SIGN_IN_FAILED, Instant.now())
            .detail("provider: " + reason + " (support id " + supportId + ")")
            .clientAddress(clientAddress)
            .build());
  }
}
