package io.latchkey.infrastructure.persistence;

import io.latchkey.application.RegistrationService;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.EmailAddress;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The explicit demo's password accounts ({@code LATCHKEY_DEMO_ACCOUNTS}, set only by the demo run
 * command, which keeps their database in a directory of its own): {@code email:Display
 * name:password}, comma-separated, with {@code :admin} after the password for an account that gets
 * the admin role; registered at startup unless the email already has an account. Never set in
 * production: nothing else seeds an account, and every page says "demo" while it is set ({@link
 * #isActive()}).
 */
@Named("demo")
@ApplicationScoped
public class DemoAccounts {

  private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());
  private static final String ADMIN_SUFFIX = ":admin";

  @Inject RegistrationService registration;
  @Inject AccountRepository accounts;

  @Inject
  @ConfigProperty(name = "LATCHKEY_DEMO_ACCOUNTS")
  Optional<String> demoAccounts;

  /** Whether this is the demo: pages then say so on every view. */
  public boolean isActive() {
    return demoAccounts.isPresent() && !demoAccounts.get().isBlank();
  }

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
      boolean admin = parts[2].endsWith(ADMIN_SUFFIX);
      String password =
          admin ? parts[2].substring(0, parts[2].length() - ADMIN_SUFFIX.length()) : parts[2];
      if (email.isPresent() && accounts.findByEmail(email.get()).isEmpty()) {
        registration.register(parts[0], parts[1], password, "demo");
        if (admin) {
          registration.grantDemoAdmin(parts[0]);
        }
        LOG.info(() -> "Demo account " + parts[0] + " registered" + (admin ? " (admin)" : ""));
      }
    }
  }
}
