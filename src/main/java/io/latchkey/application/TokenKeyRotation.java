package io.latchkey.application;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.logging.Logger;

/**
 * After a key rotation ({@code LATCHKEY_TOKEN_KEY} the new key, {@code
 * LATCHKEY_TOKEN_PREVIOUS_KEYS} the old ones), the tokens sealed under an old key are sealed again
 * under the new one at startup, in batches of one short transaction each; once the log says none
 * are left, the old keys can be removed from the configuration. Safe on several instances at once:
 * each batch reads and writes whole rows, and a token sealed twice opens either way.
 */
@ApplicationScoped
public class TokenKeyRotation {

  private static final Logger LOG = Logger.getLogger(TokenKeyRotation.class.getName());
  static final int BATCH = 100;

  @Inject ApiGrantRecords records;
  @Inject TokenVault vault;

  /** After the migrations (which observe the same event with an earlier priority). */
  void resealAtStartup(
      @Observes
          @Priority(Interceptor.Priority.APPLICATION + 100)
          @Initialized(ApplicationScoped.class)
          Object event) {
    if (!vault.canSeal() || vault.previousKeyIds().isEmpty()) {
      return;
    }
    int total = 0;
    for (int batch = records.resealStale(BATCH); batch > 0; batch = records.resealStale(BATCH)) {
      total += batch;
    }
    int resealed = total;
    LOG.info(
        () ->
            "Sealed "
                + resealed
                + " API tokens again under the current key; none is left under the previous keys"
                + " that still opens, so LATCHKEY_TOKEN_PREVIOUS_KEYS can be removed");
  }
}
