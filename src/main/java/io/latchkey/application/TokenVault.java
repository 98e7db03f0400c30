package io.latchkey.application;

import io.latchkey.application.settings.ApiSettings;
import io.latchkey.domain.SealedToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals refresh tokens for the database and opens them again: AES-256-GCM (the JDK's), a random
 * 96-bit nonce per seal, and the grant's id as associated data, so that a sealed token copied into
 * another row does not open. Each sealed token names its key by an id (the first 8 bytes of the
 * key's SHA-256, in hex), so that after a rotation ({@code LATCHKEY_TOKEN_KEY} the new key, {@code
 * LATCHKEY_TOKEN_PREVIOUS_KEYS} the old ones) old rows still open and are sealed again under the
 * new key.
 */
@ApplicationScoped
public class TokenVault {

  private static final String CIPHER = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Optional<String> currentKeyId = Optional.empty();
  private Map<String, SecretKey> keys = Map.of();

  protected TokenVault() {}

  @Inject
  public TokenVault(ApiSettings settings) {
    this(settings.key(), settings.previousKeys());
  }

  /** A vault with a current key (empty: sealing is off) and earlier ones that still open tokens. */
  public TokenVault(Optional<byte[]> current, List<byte[]> previous) {
    Map<String, SecretKey> byId = new LinkedHashMap<>();
    List<byte[]> all = new ArrayList<>();
    current.ifPresent(all::add);
    all.addAll(previous);
    for (byte[] key : all) {
      byId.putIfAbsent(keyId(key), new SecretKeySpec(key, "AES"));
    }
    this.keys = Map.copyOf(byId);
    this.currentKeyId = current.map(TokenVault::keyId);
  }

  /** Whether tokens can be sealed (a current key is configured). */
  public boolean canSeal() {
    return currentKeyId.isPresent();
  }

  /** The id of the key new tokens are sealed with. */
  public Optional<String> currentKeyId() {
    return currentKeyId;
  }

  /**
   * Seals a token for the row {@code grantId}.
   *
   * @throws IllegalStateException without a current key
   */
  public SealedToken seal(String token, String grantId) {
    String keyId = currentKeyId.orElseThrow(() -> new IllegalStateException("no token key"));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.ENCRYPT_MODE, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(keyId, grantId));
      byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.UTF_8));
      byte[] stored = new byte[NONCE_BYTES + sealed.length];
      System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
      System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
      return new SealedToken(keyId, Base64.getUrlEncoder().withoutPadding().encodeToString(stored));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The token a seal of the row {@code grantId} holds; empty when its key is not configured or it
   * does not open (altered, or sealed for another row).
   */
  public Optional<String> open(SealedToken sealed, String grantId) {
    SecretKey key = keys.get(sealed.keyId());
    if (key == null) {
      return Optional.empty();
    }
    try {
      byte[] stored = Base64.getUrlDecoder().decode(sealed.value());
      if (stored.length <= NONCE_BYTES) {
        return Optional.empty();
      }
      Cipher cipher = Cipher.getInstance(CIPHER);
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
      cipher.updateAAD(associatedData(sealed.keyId(), grantId));
      byte[] token = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
      return Optional.of(new String(token, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** The ids of the earlier keys: tokens sealed under them are sealed again under the current. */
  public List<String> previousKeyIds() {
    return keys.keySet().stream().filter(id -> !currentKeyId.equals(Optional.of(id))).toList();
  }

  /** Whether a seal is under an earlier key, to be sealed again under the current one. */
  public boolean isStale(SealedToken sealed) {
    return currentKeyId.isPresent() && !currentKeyId.get().equals(sealed.keyId());
  }

  static String keyId(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] associatedData(String keyId, String grantId) {
    return ("latchkey api_grant " + keyId + " " + grantId).getBytes(StandardCharsets.UTF_8);
  }
}
