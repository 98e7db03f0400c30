package io.latchkey.application;

import io.latchkey.domain.EmailAddress;
import io.latchkey.domain.ProviderIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may get an account at their first provider sign-in ({@code OIDC_REGISTRATION}):
 *
 * <ul>
 *   <li>{@code open} (the default): any identity of the provider;
 *   <li>{@code existing-only}: nobody; only identities already linked, or linked through {@code
 *       /link} or from {@code /account}, sign in;
 *   <li>{@code domains:example.com,example.org}: identities whose provider verified an email in one
 *       of these domains.
 * </ul>
 */
@ApplicationScoped
public class RegistrationPolicy {

  private static final String DOMAINS = "domains:";

  private boolean open;
  private Set<String> domains;

  protected RegistrationPolicy() {}

  @Inject
  public RegistrationPolicy(
      @ConfigProperty(name = "OIDC_REGISTRATION", defaultValue = "open") String policy) {
    String value = policy.strip().toLowerCase(Locale.ROOT);
    if (value.equals("open")) {
      open = true;
      domains = Set.of();
    } else if (value.equals("existing-only")) {
      domains = Set.of();
    } else if (value.startsWith(DOMAINS) && value.length() > DOMAINS.length()) {
      domains =
          Arrays.stream(value.substring(DOMAINS.length()).split(","))
              .map(String::strip)
              .filter(domain -> !domain.isEmpty())
              .collect(Collectors.toUnmodifiableSet());
    } else {
      throw new IllegalArgumentException(
          "OIDC_REGISTRATION must be open, existing-only or domains:example.com,…");
    }
  }

  /** Whether this identity's first sign-in may register an account. */
  public boolean mayRegister(ProviderIdentity identity) {
    if (open) {
      return true;
    }
    return identity
        .verifiedEmail()
        .map(EmailAddress::value)
        .map(email -> domains.contains(email.substring(email.indexOf('@') + 1)))
        .orElse(false);
  }
}
