package io.latchkey.application;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;

/**
 * The provider's end of ending access: once the transaction that removed a grant has committed, its
 * refresh token is revoked at the provider (RFC 7009), on the server's managed executor, so that
 * nobody's page waits for it. If the provider cannot be reached, the row stays deleted and the
 * failure is logged and audited (the README says what the user can do at the provider). A rolled
 * back removal revokes nothing.
 */
@ApplicationScoped
public class ApiRevocations {

  private static final Logger LOG = Logger.getLogger(ApiRevocations.class.getName());

  @Resource ManagedExecutorService executor;
  @Inject ProviderTokens provider;
  @Inject ApiGrantRecords records;
  @Inject ApiAccessTokens accessTokens;

  /**
   * A grant was removed.
   *
   * @param refreshToken its token, opened; empty when it was revoked already or its key is gone
   */
  public record Ended(long accountId, String grantId, Optional<String> refreshToken) {
    @Override
    public String toString() {
      return "Ended[accountId=" + accountId + ", grantId=" + grantId + "]";
    }
  }

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Ended ended) {
    accessTokens.forget(ended.grantId());
    if (ended.refreshToken().isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> revoke(ended));
    } catch (RejectedExecutionException e) {
      revoke(ended);
    }
  }

  void revoke(Ended ended) {
    ProviderTokens.Revocation result = provider.revoke(ended.refreshToken().orElseThrow());
    if (result instanceof ProviderTokens.Revocation.Revoked) {
      return;
    }
    String reason =
        result instanceof ProviderTokens.Revocation.Failed failed
            ? failed.reason()
            : "the provider publishes no revocation_endpoint";
    LOG.warning(
        () ->
            "An ended API grant of account "
                + ended.accountId()
                + " could not be revoked at the provider: "
                + reason);
    records.revocationFailed(ended.accountId(), reason);
  }
}
