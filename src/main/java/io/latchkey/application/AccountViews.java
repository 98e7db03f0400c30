package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes {@link AccountView}s, adding the admin role to the account named by {@code
 * LATCHKEY_ADMIN_EMAIL} — but only once a provider has proven that email: the account must have a
 * linked identity whose provider verified exactly that address. Registration never proves an email,
 * so whoever registers the address with a password first (a squatter) gets nothing; the real owner
 * signs in with their provider (or links it on {@code /account}), and from then on the account is
 * admin, whether they sign in with the provider or the password.
 *
 * <p>The configured admin is computed, not stored: removing the variable takes the role away again,
 * and no account is ever created with a fixed password to hold it.
 */
@ApplicationScoped
public class AccountViews {

  private Optional<EmailAddress> configuredAdmin;

  protected AccountViews() {}

  @Inject
  AccountViews(@ConfigProperty(name = "LATCHKEY_ADMIN_EMAIL") Optional<String> adminEmail) {
    this.configuredAdmin = adminEmail.flatMap(EmailAddress::parse);
  }

  public AccountView of(Account account) {
    return new AccountView(
        account.getId(),
        account.getEmail().map(EmailAddress::value).orElse(null),
        account.getDisplayName(),
        account.getStatus(),
        effectiveRoles(account),
        account.getSessionGeneration(),
        account.hasPassword(),
        account.getCreatedAt(),
        account.getLastSignInAt().orElse(null));
  }

  /**
   * Whether {@code LATCHKEY_ADMIN_EMAIL} names this account and a linked identity proves the
   * address (its admin role is then not revocable in the console).
   */
  public boolean isConfiguredAdmin(Account account) {
    return configuredAdmin.isPresent()
        && configuredAdmin.equals(account.getEmail())
        && account.getIdentities().stream()
            .anyMatch(identity -> identity.provesEmail(configuredAdmin.get().value()));
  }

  /** The account named by {@code LATCHKEY_ADMIN_EMAIL}, by email, if configured. */
  public Optional<EmailAddress> configuredAdmin() {
    return configuredAdmin;
  }

  private Set<Role> effectiveRoles(Account account) {
    Set<Role> roles = EnumSet.of(Role.USER);
    roles.addAll(account.getRoles());
    if (isConfiguredAdmin(account)) {
      roles.add(Role.ADMIN);
    }
    return roles;
  }
}
