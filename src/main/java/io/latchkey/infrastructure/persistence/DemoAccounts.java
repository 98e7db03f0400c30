package io.latchkey.infrastructure.persistence;

import io.latchkey.application.RegistrationService;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.EmailAddress;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The explicit demo's password accounts ({@code LATCHKEY_DEMO_ACCOUNTS}, set only by the demo run
 * command): {@code email:Display name:password}, comma-separated, registered at startup unless the
 * email already has an account. Never set in production: nothing else seeds an account.
 */
@ApplicationScoped
public class DemoAccounts {

  private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());

  @Inject RegistrationService registration;
  @Inject AccountRepository accounts;

  @Inject
  @ConfigProperty(name = "LATCHKEY_DEMO_ACCOUNTS")
  Optional<String> demoAccounts;

  /** After the migrations (which observe the same event with an earlier priority). */
  void registerAtStartup(
      @Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
          Object event) {
    if (demoAccounts.isEmpty() || demoAccounts.get().isBlank()) {
      return;
    }
    for (String entry : demoAccounts.get().split(",")) {
      String[] parts = entry.split(":", 3);
      if (parts.length != 3) {
        LOG.warning("LATCHKEY_DEMO_ACCOUNTS entries are email:Display name:password");
        continue;
      }
      Optional<EmailAddress> email = EmailAddress.parse(parts[0]);
      if (email.isPresent() && accounts.findByEmail(email.get()).isEmpty()) {
        registration.register(parts[0], parts[1], parts[2], "demo");
        LOG.info(() -> "Demo account " + parts[0] + " registered");
      }
    }
  }
}
