package io.latchkey.application.settings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Session and URL settings, from environment variables through MicroProfile Config. */
@ApplicationScoped
public class SecuritySettings {

  private URI baseUrl;
  private Duration sessionIdleTimeout;
  private Duration sessionMaxAge;
  private Duration reauthenticateAfter;
  private Duration adminReauthenticateAfter;

  protected SecuritySettings() {}

  @Inject
  public SecuritySettings(
      @ConfigProperty(name = "LATCHKEY_BASE_URL", defaultValue = "http://localhost:8080")
          String baseUrl,
      @ConfigProperty(name = "LATCHKEY_SESSION_IDLE_MINUTES", defaultValue = "30") int idleMinutes,
      @ConfigProperty(name = "LATCHKEY_SESSION_MAX_HOURS", defaultValue = "12") int maxHours,
      @ConfigProperty(name = "LATCHKEY_REAUTHENTICATE_AFTER_SECONDS", defaultValue = "300")
          int reauthenticateAfterSeconds,
      @ConfigProperty(name = "LATCHKEY_ADMIN_REAUTHENTICATE_AFTER_SECONDS", defaultValue = "900")
          int adminReauthenticateAfterSeconds) {
    this.baseUrl =
        URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    if (!baseUrl.startsWith("https://") && !baseUrl.startsWith("http://")) {
      throw new IllegalArgumentException("LATCHKEY_BASE_URL must be an absolute http(s) URL");
    }
    if (idleMinutes < 1 || maxHours < 1) {
      throw new IllegalArgumentException("Session timeouts must be at least one minute / hour");
    }
    this.sessionIdleTimeout = Duration.ofMinutes(idleMinutes);
    this.sessionMaxAge = Duration.ofHours(maxHours);
    this.reauthenticateAfter = Duration.ofSeconds(reauthenticateAfterSeconds);
    this.adminReauthenticateAfter = Duration.ofSeconds(adminReauthenticateAfterSeconds);
  }

  /** How recent an admin's own authentication must be for an action in the console. */
  public Duration adminReauthenticateAfter() {
    return adminReauthenticateAfter;
  }

  /** The external URL of Latchkey, without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  /** Cookies are marked Secure whenever Latchkey is reached over https. */
  public boolean isSecure() {
    return "https".equals(baseUrl.getScheme());
  }

  public Duration sessionIdleTimeout() {
    return sessionIdleTimeout;
  }

  /**
   * How recent the last authentication must be for sensitive changes (connecting or removing an
   * identity, setting a password); older sign-ins authenticate again first.
   */
  public Duration reauthenticateAfter() {
    return reauthenticateAfter;
  }

  /** How long a sign-in lasts at most, however active the user is. */
  public Duration sessionMaxAge() {
    return sessionMaxAge;
  }
}
