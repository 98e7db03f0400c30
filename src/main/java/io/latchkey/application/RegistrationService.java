package io.latchkey.application;

import io.latchkey.application.exceptions.InvalidInputException;
import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registers email/password accounts.
 *
 * <p>Registration does not reveal whether an email already has an account: for a taken email
 * nothing is created, the attempt is audited, and the caller sees the same outcome (and about the
 * same timing, since the password is hashed either way) as for a new account. The trade-off:
 * someone who forgot they registered learns it only when signing in with their old password works.
 */
@ApplicationScoped
@Transactional
public class RegistrationService {

  private static final Logger LOG = Logger.getLogger(RegistrationService.class.getName());

  @Inject Clock clock;
  @Inject AttemptLimits limits;
  @Inject AccountRepository accounts;
  @Inject AuditTrail audit;
  @Inject PasswordPolicy passwordPolicy;
  @Inject PasswordHasher hasher;

  /**
   * Registers an account unless the email is taken.
   *
   * @throws InvalidInputException for a malformed email or display name
   * @throws io.latchkey.application.exceptions.PasswordRejectedException when the password does not
   *     meet the policy
   */
  public void register(String email, String displayName, String password, String clientAddress) {
    EmailAddress address =
        EmailAddress.parse(email).orElseThrow(() -> new InvalidInputException("email.invalid"));
    if (!Account.acceptsDisplayName(displayName)) {
      throw new InvalidInputException("displayName.invalid");
    }
    String name = displayName.strip();
    Password chosen = Password.of(password);
    passwordPolicy.check(chosen);
    if (!limits.tryAttempt(clientAddress)) {
      throw new InvalidInputException("register.throttled");
    }
    // The hash runs before the first statement of this transaction: no database connection is
    // held while it runs.
    String[] hash = {null};
    if (!limits.hashInTurn(() -> hash[0] = hasher.hash(chosen))) {
      throw new InvalidInputException("register.throttled");
    }

    Instant now = clock.instant();
    Optional<Account> existing = accounts.findByEmail(address);
    if (existing.isPresent()) {
      audit.record(
          AuditEntry.of(AuditEvent.REGISTRATION_OF_EXISTING_EMAIL, now)
              .target(existing.get())
              .clientAddress(clientAddress)
              .build());
      return;
    }
    Account account = accounts.add(Account.registerWithPassword(address, name, hash[0], now));
    audit.record(
        AuditEntry.byOwner(AuditEvent.ACCOUNT_REGISTERED, account, now, "password", clientAddress));
    LOG.info(() -> "Registered account " + account.getId());
  }

  /**
   * The explicit demo only ({@code LATCHKEY_DEMO_ACCOUNTS}): gives a demo account the admin role,
   * granted by itself. Production accounts become admin through {@code LATCHKEY_ADMIN_EMAIL} with a
   * proven email, or an admin's grant.
   */
  public void grantDemoAdmin(String email) {
    EmailAddress.parse(email)
        .flatMap(accounts::findByEmail)
        .ifPresent(account -> account.grant(Role.ADMIN, account.getId(), clock.instant()));
  }
}
