package io.latchkey.application;

import io.latchkey.application.settings.ApiSettings;
import io.latchkey.domain.IdentityKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

/**
 * API grants as the user sees them: connect (the end of a connect flow), the Drive files listed
 * with a fresh access token, disconnect. Provider and API calls happen here, outside any
 * transaction; the database work is {@link ApiGrantRecords}'. Ending access anywhere else
 * (unlinking, deleting, an admin) goes through {@link ApiGrantRecords} in that change's own
 * transaction, and {@link ApiRevocations} tells the provider.
 */
@ApplicationScoped
public class ApiGrants {

  /** How many files the Drive page lists. */
  public static final int LISTED_FILES = 10;

  private static final Logger LOG = Logger.getLogger(ApiGrants.class.getName());

  @Inject ApiSettings settings;
  @Inject Clock clock;
  @Inject ApiGrantRecords records;
  @Inject ApiAccessTokens accessTokens;
  @Inject ProviderTokens provider;
  @Inject DriveApi drive;

  /** The tokens of a connect flow's token response (kept by the mechanism until then). */
  public record Tokens(
      Optional<String> refreshToken, String accessToken, Duration expiresIn, Set<String> scopes) {
    @Override
    public String toString() {
      return "Tokens[refreshToken=" + refreshToken.isPresent() + ", scopes=" + scopes + "]";
    }
  }

  /** What a connect flow came to. */
  public enum Connected {
    CONNECTED,
    /** The user did not grant every scope of the API (a provider with granular consent). */
    NOT_GRANTED,
    /** The provider sent no refresh token: offline access was not granted. */
    NO_REFRESH_TOKEN,
    /** The identity that came back is not linked to this account: nothing was stored. */
    OTHER_IDENTITY,
    /** No key to seal the token with: nothing was stored. */
    UNUSABLE
  }

  /**
   * Step 7 of a connect flow: keeps the refresh token, sealed, for the identity the provider
   * authenticated, if it is the linked identity {@code identityId} of the account that started the
   * flow.
   */
  public Connected connect(
      long accountId, long identityId, IdentityKey identity, Tokens tokens, String client) {
    if (!settings.isUsable()) {
      return Connected.UNUSABLE;
    }
    // RFC 6749 5.1: a token response that names no scope granted the scope asked for.
    // Kept sorted: the order a provider lists scopes in means nothing.
    Set<String> granted =
        new TreeSet<>(
            tokens.scopes().isEmpty() ? scopes(settings.authorizationScope()) : tokens.scopes());
    if (!granted.containsAll(settings.scopes())) {
      return Connected.NOT_GRANTED;
    }
    if (tokens.refreshToken().isEmpty()) {
      return Connected.NO_REFRESH_TOKEN;
    }
    granted.remove("offline_access");
    Optional<String> grantId =
        records.connect(
            accountId,
            identityId,
            identity,
            tokens.refreshToken().get(),
            String.join(" ", granted),
            client);
    if (grantId.isEmpty()) {
      return Connected.OTHER_IDENTITY;
    }
    accessTokens.hold(
        grantId.get(), clock, new ApiAccessTokens.Fresh(tokens.accessToken(), tokens.expiresIn()));
    return Connected.CONNECTED;
  }

  public List<ApiGrantView> grantsOf(long accountId) {
    return records.ofAccount(accountId);
  }

  /** What the Drive page shows. */
  public sealed interface Files {
    record Listed(List<DriveApi.DriveFile> files) implements Files {}

    /** No grant, or one this deployment cannot open: offer to connect. */
    record NotConnected() implements Files {}

    /** The provider refused the grant, or the API keeps refusing its tokens: offer to reconnect. */
    record Reconnect() implements Files {}

    /** The provider or the API did not answer usably in time: try again later. */
    record Unavailable() implements Files {}
  }

  /**
   * The user's most recently modified Drive files, through their grant {@code grantId}: with the
   * held access token, or a refreshed one; a 401 from the API refreshes once more.
   */
  public Files recentFiles(long accountId, String grantId) {
    Optional<ApiGrantRecords.Usable> usable =
        settings.isUsable() ? records.usable(accountId, grantId) : Optional.empty();
    if (usable.isEmpty()) {
      return records.isRevoked(accountId, grantId)
          ? new Files.Reconnect()
          : new Files.NotConnected();
    }
    String refused = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      Outcome outcome = new Outcome();
      // The stored token is read again once the refresh may run: a request that waited may find
      // it rotated, or the grant lost, by the one before.
      Optional<String> token =
          accessTokens.obtain(
              grantId, clock, refused, () -> refreshStored(accountId, grantId, outcome));
      if (token.isEmpty()) {
        return outcome.lost ? new Files.Reconnect() : new Files.Unavailable();
      }
      DriveApi.Listing listing = drive.recentFiles(token.get(), LISTED_FILES);
      if (listing instanceof DriveApi.Listing.Files files) {
        records.used(grantId);
        return new Files.Listed(files.files());
      }
      if (listing instanceof DriveApi.Listing.Unavailable unavailable) {
        LOG.info(() -> "The Drive API did not answer usably: " + unavailable.reason());
        return new Files.Unavailable();
      }
      refused = token.get();
    }
    records.refreshFailed(usable.get(), "the API refused a freshly refreshed access token");
    return new Files.Reconnect();
  }

  /** How a refresh inside {@link ApiAccessTokens#obtain} ended, when it gave no token. */
  private static final class Outcome {
    boolean lost;
  }

  private Optional<ApiAccessTokens.Fresh> refreshStored(
      long accountId, String grantId, Outcome outcome) {
    Optional<ApiGrantRecords.Usable> current = records.usable(accountId, grantId);
    if (current.isEmpty()) {
      outcome.lost = records.isRevoked(accountId, grantId);
      return Optional.empty();
    }
    return refresh(current.get(), outcome);
  }

  private Optional<ApiAccessTokens.Fresh> refresh(ApiGrantRecords.Usable usable, Outcome outcome) {
    ProviderTokens.Refresh refresh = provider.refresh(usable.refreshToken());
    if (refresh instanceof ProviderTokens.Refresh.Granted granted) {
      records.refreshed(usable, granted.rotated());
      return Optional.of(new ApiAccessTokens.Fresh(granted.accessToken(), granted.expiresIn()));
    }
    if (refresh instanceof ProviderTokens.Refresh.Refused refused) {
      outcome.lost = true;
      records.lost(usable, "the provider refused the refresh token (" + refused.error() + ")");
      accessTokens.forget(usable.grantId());
      return Optional.empty();
    }
    String reason = ((ProviderTokens.Refresh.Unavailable) refresh).reason();
    LOG.info(() -> "A refresh grant failed: " + reason);
    records.refreshFailed(usable, reason);
    return Optional.empty();
  }

  /** The owner's "Disconnect": false when the grant had ended already. */
  public boolean disconnect(long accountId, String grantId, String client) {
    return records.end(accountId, grantId, accountId, "disconnected by the owner", client);
  }

  /** The scopes of a space-separated list. */
  private static Set<String> scopes(String list) {
    return list == null
        ? Set.of()
        : new LinkedHashSet<>(Arrays.stream(list.split(" ")).filter(s -> !s.isEmpty()).toList());
  }
}
