package io.latchkey.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.domain.SealedToken;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenVaultTest {

  private static final String TOKEN = "1//0refresh-token-of-ada-at-the-provider";
  private static final String GRANT = "grant-of-ada";
  private static final byte[] OLD_KEY = ApiGrantsTest.key(1);
  private static final byte[] NEW_KEY = ApiGrantsTest.key(2);

  private final TokenVault vault = new TokenVault(Optional.of(OLD_KEY), List.of());

  @Test
  void aSealedTokenOpensForItsGrant() {
    SealedToken sealed = vault.seal(TOKEN, GRANT);

    assertEquals(Optional.of(TOKEN), vault.open(sealed, GRANT));
    assertEquals(vault.currentKeyId().orElseThrow(), sealed.keyId());
    assertTrue(vault.canSeal());
    assertFalse(vault.isStale(sealed));
  }

  @Test
  void theSealDiffersEachTimeAndDoesNotShowTheToken() {
    SealedToken first = vault.seal(TOKEN, GRANT);
    SealedToken second = vault.seal(TOKEN, GRANT);

    assertNotEquals(first.value(), second.value(), "a new nonce each time");
    for (SealedToken sealed : List.of(first, second)) {
      assertFalse(sealed.value().contains(TOKEN));
      assertFalse(sealed.value().contains(base64(Base64.getEncoder())));
      assertFalse(sealed.value().contains(base64(Base64.getUrlEncoder().withoutPadding())));
      assertFalse(sealed.toString().contains(sealed.value()), "toString shows no sealed value");
    }
    assertEquals(Optional.of(TOKEN), vault.open(second, GRANT));
  }

  @Test
  void aSealCopiedToAnotherGrantDoesNotOpen() {
    SealedToken sealed = vault.seal(TOKEN, GRANT);

    assertEquals(Optional.empty(), vault.open(sealed, "grant-of-mallory"));
  }

  @Test
  void anAlteredSealDoesNotOpen() {
    SealedToken sealed = vault.seal(TOKEN, GRANT);
    byte[] raw = Base64.getUrlDecoder().decode(sealed.value());

    for (int index : new int[] {0, 12, raw.length - 1}) {
      byte[] altered = raw.clone();
      altered[index] ^= 1;
      assertEquals(
          Optional.empty(),
          vault.open(new SealedToken(sealed.keyId(), encode(altered)), GRANT),
          "byte " + index + " altered");
    }
    assertEquals(
        Optional.empty(),
        vault.open(new SealedToken(sealed.keyId(), sealed.value().substring(0, 10)), GRANT),
        "cut short");
    assertEquals(
        Optional.empty(),
        vault.open(new SealedToken(sealed.keyId(), "not base64 at all!"), GRANT),
        "not base64");
    assertEquals(Optional.empty(), vault.open(new SealedToken(sealed.keyId(), ""), GRANT));
    assertEquals(
        Optional.empty(),
        vault.open(new SealedToken("0123456789abcdef", sealed.value()), GRANT),
        "another key's id");
  }

  @Test
  void afterARotationOldSealsOpenAreStaleAndNewOnesUseTheNewKey() {
    SealedToken old = vault.seal(TOKEN, GRANT);
    TokenVault rotated = new TokenVault(Optional.of(NEW_KEY), List.of(OLD_KEY));

    assertEquals(Optional.of(TOKEN), rotated.open(old, GRANT));
    assertTrue(rotated.isStale(old));

    SealedToken resealed = rotated.seal(TOKEN, GRANT);
    assertEquals(TokenVault.keyId(NEW_KEY), resealed.keyId());
    assertNotEquals(old.keyId(), resealed.keyId());
    assertFalse(rotated.isStale(resealed));
    assertEquals(Optional.of(TOKEN), rotated.open(resealed, GRANT));
    assertEquals(Optional.empty(), vault.open(resealed, GRANT), "the old vault lacks the new key");
  }

  @Test
  void aSealUnderOneKeyDoesNotOpenUnderAnotherClaimingItsId() {
    SealedToken sealed = vault.seal(TOKEN, GRANT);
    TokenVault other = new TokenVault(Optional.of(NEW_KEY), List.of());

    assertEquals(Optional.empty(), other.open(sealed, GRANT));
    assertEquals(
        Optional.empty(),
        other.open(new SealedToken(other.currentKeyId().orElseThrow(), sealed.value()), GRANT));
  }

  @Test
  void aVaultWithoutCurrentKeyOpensButCannotSeal() {
    SealedToken old = vault.seal(TOKEN, GRANT);
    TokenVault previousOnly = new TokenVault(Optional.empty(), List.of(OLD_KEY));

    assertFalse(previousOnly.canSeal());
    assertEquals(Optional.empty(), previousOnly.currentKeyId());
    assertThrows(IllegalStateException.class, () -> previousOnly.seal(TOKEN, GRANT));
    assertEquals(Optional.of(TOKEN), previousOnly.open(old, GRANT));
    assertFalse(previousOnly.isStale(old), "nothing to seal it again with");

    TokenVault none = new TokenVault(Optional.empty(), List.of());
    assertFalse(none.canSeal());
    assertThrows(IllegalStateException.class, () -> none.seal(TOKEN, GRANT));
    assertEquals(Optional.empty(), none.open(old, GRANT));
  }

  @Test
  void theKeyIdIsSixteenHexCharactersAndStableForTheSameKey() {
    String id = vault.currentKeyId().orElseThrow();

    assertTrue(id.matches("[0-9a-f]{16}"), id);
    assertEquals(id, new TokenVault(Optional.of(OLD_KEY.clone()), List.of()).currentKeyId().get());
    assertEquals(id, TokenVault.keyId(OLD_KEY));
    assertNotEquals(id, TokenVault.keyId(NEW_KEY));
    assertFalse(
        id.contains(java.util.HexFormat.of().formatHex(OLD_KEY, 0, 8)), "not the key itself");
  }

  private static String base64(Base64.Encoder encoder) {
    return encoder.encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
