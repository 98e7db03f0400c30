package io.latchkey.application.settings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.testing.fakes.TestSettings;
import java.net.URI;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code OIDC_API_*} and the token keys ({@code LATCHKEY_TOKEN_KEY}, …_PREVIOUS_KEYS). */
class ApiSettingsTest {

  private static final String GOOGLE = "https://accounts.google.com";
  private static final String OTHER = "https://id.example.test";
  private static final String DRIVE = "https://www.googleapis.com/auth/drive.metadata.readonly";
  private static final byte[] KEY = bytes(32, 1);
  private static final byte[] OLD_KEY = bytes(32, 2);
  private static final byte[] OLDER_KEY = bytes(32, 3);

  @Test
  void googleIsAskedForOfflineAccessWithAccessType() {
    ApiSettings settings = settings(GOOGLE, DRIVE);

    assertEquals(ApiSettings.Offline.ACCESS_TYPE, settings.offline());
    assertEquals("openid " + DRIVE, settings.authorizationScope());
  }

  @Test
  void aGoogleIssuerWithATrailingSlashIsGoogleToo() {
    assertEquals(ApiSettings.Offline.ACCESS_TYPE, settings(GOOGLE + "/", DRIVE).offline());
  }

  @Test
  void anotherProviderIsAskedForTheOfflineAccessScope() {
    ApiSettings settings = settings(OTHER, DRIVE);

    assertEquals(ApiSettings.Offline.OFFLINE_ACCESS_SCOPE, settings.offline());
    assertEquals("openid " + DRIVE + " offline_access", settings.authorizationScope());
  }

  @Test
  void theWayOfAskingForOfflineAccessCanBeSet() {
    assertEquals(
        ApiSettings.Offline.OFFLINE_ACCESS_SCOPE,
        settings(GOOGLE, DRIVE, Optional.of("offline_access"), key(KEY), Optional.empty())
            .offline());
    assertEquals(
        ApiSettings.Offline.ACCESS_TYPE,
        settings(OTHER, DRIVE, Optional.of(" access_type "), key(KEY), Optional.empty()).offline());
    assertEquals(
        ApiSettings.Offline.OFFLINE_ACCESS_SCOPE,
        settings(OTHER, DRIVE, Optional.of(" "), key(KEY), Optional.empty()).offline(),
        "blank is the default");
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> settings(OTHER, DRIVE, Optional.of("always"), key(KEY), Optional.empty()));
    assertTrue(refused.getMessage().contains("OIDC_API_OFFLINE"), refused.getMessage());
  }

  @Test
  void openidAndOfflineAccessAreNotApiScopes() {
    ApiSettings settings =
        settings(OTHER, " openid  " + DRIVE + " offline_access\thttps://scope.example.test/two ");

    assertEquals(Set.of(DRIVE, "https://scope.example.test/two"), settings.scopes());
    assertEquals(
        "openid " + DRIVE + " https://scope.example.test/two offline_access",
        settings.authorizationScope(),
        "each once, in the order configured");
  }

  @Test
  void onlyOpenidAndOfflineAccessOfferNothing() {
    ApiSettings settings = settings(GOOGLE, "openid offline_access");

    assertEquals(Set.of(), settings.scopes());
    assertFalse(settings.isOffered());
    assertFalse(settings.isUsable());
  }

  @Test
  void theFeatureIsOfferedWithScopesAndUsableWithAKey() {
    assertFalse(settings(GOOGLE, "").isOffered(), "off without OIDC_API_SCOPES");
    assertFalse(settings(GOOGLE, "  ").isOffered());
    assertFalse(
        new ApiSettings(
                TestSettings.provider(GOOGLE),
                Optional.empty(),
                "Google Drive",
                "https://www.googleapis.com",
                Optional.empty(),
                key(KEY),
                Optional.empty())
            .isUsable(),
        "a key alone offers nothing");

    ApiSettings keyless = settings(GOOGLE, DRIVE, Optional.empty(), Optional.empty(), none());
    assertTrue(keyless.isOffered());
    assertFalse(keyless.isUsable(), "shown, but it cannot be used");
    assertEquals(Optional.empty(), keyless.key());
    ApiSettings blankKey = settings(GOOGLE, DRIVE, Optional.empty(), Optional.of("  "), none());
    assertFalse(blankKey.isUsable());

    ApiSettings usable = settings(GOOGLE, DRIVE);
    assertTrue(usable.isOffered());
    assertTrue(usable.isUsable());
  }

  @Test
  void keysAreBase64StandardOrUrlSafe() {
    byte[] urlUnsafe = new byte[32];
    Arrays.fill(urlUnsafe, (byte) 0xFB); // "+/v7…" in standard base64
    String standard = Base64.getEncoder().encodeToString(urlUnsafe);
    assertTrue(standard.contains("+") || standard.contains("/"), standard);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(urlUnsafe);

    assertArrayEquals(
        urlUnsafe,
        settings(GOOGLE, DRIVE, Optional.empty(), Optional.of(standard), none()).key().get());
    assertArrayEquals(
        urlUnsafe,
        settings(GOOGLE, DRIVE, Optional.empty(), Optional.of(" " + urlSafe + "\n"), none())
            .key()
            .get());
  }

  @Test
  void previousKeysAreSeparatedByCommasOrSpaces() {
    ApiSettings settings =
        settings(
            GOOGLE,
            DRIVE,
            Optional.empty(),
            key(KEY),
            Optional.of(encode(OLD_KEY) + ", " + encode(OLDER_KEY) + " ,"));

    List<byte[]> previous = settings.previousKeys();
    assertEquals(2, previous.size());
    assertArrayEquals(OLD_KEY, previous.get(0));
    assertArrayEquals(OLDER_KEY, previous.get(1));
    assertArrayEquals(KEY, settings.key().orElseThrow());
    assertEquals(List.of(), settings(GOOGLE, DRIVE).previousKeys());
  }

  @Test
  void theKeysCannotBeChangedThroughTheSettings() {
    ApiSettings settings = settings(GOOGLE, DRIVE);

    settings.key().orElseThrow()[0] ^= 1;

    assertArrayEquals(KEY, settings.key().orElseThrow());
  }

  @Test
  void aKeyOfAnotherLengthIsRefusedWithoutShowingIt() {
    String shortKey = encode(bytes(16, 9));
    String longKey = encode(bytes(48, 9));

    for (String value : List.of(shortKey, longKey)) {
      IllegalArgumentException refused =
          assertThrows(
              IllegalArgumentException.class,
              () -> settings(GOOGLE, DRIVE, Optional.empty(), Optional.of(value), none()));
      assertTrue(refused.getMessage().contains("LATCHKEY_TOKEN_KEY"), refused.getMessage());
      assertTrue(refused.getMessage().contains("32 bytes"), refused.getMessage());
      assertFalse(refused.getMessage().contains(value), refused.getMessage());
      assertFalse(refused.getMessage().contains(value.substring(0, 8)), refused.getMessage());
    }
  }

  @Test
  void aKeyThatIsNotBase64IsRefusedWithoutShowingIt() {
    String value = "correct horse battery staple!!";

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> settings(GOOGLE, DRIVE, Optional.empty(), Optional.of(value), none()));

    assertTrue(refused.getMessage().contains("LATCHKEY_TOKEN_KEY"), refused.getMessage());
    assertFalse(refused.getMessage().contains("horse"), refused.getMessage());
    assertEquals(null, refused.getCause(), "no cause that could quote it");
  }

  @Test
  void aBadPreviousKeyIsRefusedWithoutShowingIt() {
    String bad = encode(bytes(31, 4));

    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                settings(
                    GOOGLE,
                    DRIVE,
                    Optional.empty(),
                    key(KEY),
                    Optional.of(encode(OLD_KEY) + "," + bad)));

    assertTrue(refused.getMessage().contains("LATCHKEY_TOKEN_PREVIOUS_KEYS"), refused.getMessage());
    assertFalse(refused.getMessage().contains(bad), refused.getMessage());
    assertFalse(refused.getMessage().contains(encode(OLD_KEY)), refused.getMessage());
  }

  @Test
  void theApiBaseUrlLosesItsTrailingSlashAndMustBeHttps() {
    assertEquals(
        URI.create("https://www.googleapis.com"),
        settings(GOOGLE, DRIVE, "https://www.googleapis.com/").baseUrl());
    assertEquals(
        URI.create("http://localhost:9999/api"),
        settings(GOOGLE, DRIVE, "http://localhost:9999/api").baseUrl(),
        "plain http only on the loopback");
    assertThrows(
        IllegalArgumentException.class, () -> settings(GOOGLE, DRIVE, "http://api.example.test"));
  }

  @Test
  void theNameIsTrimmed() {
    ApiSettings settings =
        new ApiSettings(
            TestSettings.provider(GOOGLE),
            Optional.of(DRIVE),
            "  Google Drive ",
            "https://www.googleapis.com",
            Optional.empty(),
            key(KEY),
            Optional.empty());

    assertEquals("Google Drive", settings.getName());
  }

  // Helpers --------------------------------------------------------------------------------------

  private static ApiSettings settings(String issuer, String scopes) {
    return settings(issuer, scopes, Optional.empty(), key(KEY), none());
  }

  private static ApiSettings settings(String issuer, String scopes, String baseUrl) {
    return new ApiSettings(
        TestSettings.provider(issuer),
        Optional.of(scopes),
        "Google Drive",
        baseUrl,
        Optional.empty(),
        key(KEY),
        none());
  }

  private static ApiSettings settings(
      String issuer,
      String scopes,
      Optional<String> offline,
      Optional<String> key,
      Optional<String> previousKeys) {
    return new ApiSettings(
        TestSettings.provider(issuer),
        Optional.of(scopes),
        "Google Drive",
        "https://www.googleapis.com",
        offline,
        key,
        previousKeys);
  }

  private static Optional<String> key(byte[] key) {
    return Optional.of(encode(key));
  }

  private static Optional<String> none() {
    return Optional.empty();
  }

  private static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static byte[] bytes(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (seed + i * 13);
    }
    return bytes;
  }
}
