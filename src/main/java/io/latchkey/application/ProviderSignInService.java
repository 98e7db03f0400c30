package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.DuplicateEmailException;
import io.latchkey.domain.LinkedIdentity;
import io.latchkey.domain.LinkedIdentityRepository;
import io.latchkey.domain.ProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
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

  @Inject Clock clock;
  @Inject ProviderAccountResolver resolver;
  @Inject AuditTrail audit;
  @Inject LinkedIdentityRepository identities;
  @Inject AccountViews views;

  public SignInOutcome signIn(ProviderIdentity profile, String clientAddress) {
    try {
      return resolver.resolve(profile, clientAddress);
    } catch (DuplicateEmailException raced) {
      LOG.info(() -> "Concurrent first sign-in of one identity; resolving it again");
      return resolver.resolve(profile, clientAddress);
    }
  }

  /**
   * A signed-in user authenticated again at the provider: valid only with an identity linked to
   * their own account, which must still be active.
   */
  @Transactional
  public SignInOutcome reauthenticate(
      long accountId, ProviderIdentity identity, String clientAddress) {
    Optional<Account> account =
        identities
            .find(identity.key())
            .map(LinkedIdentity::getAccount)
            .filter(linked -> linked.getId() == accountId);
    if (account.isEmpty()) {
      return new SignInOutcome.Failed(
          "re-authenticated with an identity that is not linked to this account");
    }
    if (!account.get().isActive()) {
      return new SignInOutcome.Refused(SignInOutcome.Reason.DISABLED);
    }
    audit.record(
        AuditEntry.byOwner(
            AuditEvent.SIGN_IN_SUCCEEDED,
            account.get(),
            clock.instant(),
            "re-authentication, provider " + identity.key().issuer(),
            clientAddress));
    return new SignInOutcome.FlowCompleted(
        views.of(account.get()), SignInOutcome.Notice.REAUTHENTICATED);
  }

  /**
   * Audits a provider sign-in that failed before an identity was known (a rejected token, a
   * provider error, a cancelled sign-in). The reason names the check, never a token or code.
   */
  @Transactional
  public void failed(String reason, String supportId, String clientAddress) {
    audit.record(
        AuditEntry.of(AuditEvent.SIGN_IN_FAILED, clock.instant())
            .detail("provider: " + reason + " (support id " + supportId + ")")
            .clientAddress(clientAddress)
            .build());
  }
}
