package io.latchkey.benchmark;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Latchkey's password hash computed in the benchmark JVM with {@code javax.crypto}: the same
 * parameters as {@code Pbkdf2PasswordHasher} (PBKDF2-HMAC-SHA256, 600,000 iterations, 32-byte salt,
 * 32-byte key) and the stored form of Soteria's {@code Pbkdf2PasswordHashImpl}, {@code
 * algorithm:iterations:base64(salt):base64(key)}, so that seeded accounts sign in with the
 * benchmark's password.
 */
final class Pbkdf2 {

  static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  static final int ITERATIONS = 600_000;
  static final int SALT_BYTES = 32;
  static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private Pbkdf2() {}

  /** The stored form of {@code password} with a new random salt. */
  static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] key = derive(password, salt);
    Base64.Encoder base64 = Base64.getEncoder();
    return ALGORITHM
        + ":"
        + ITERATIONS
        + ":"
        + base64.encodeToString(salt)
        + ":"
        + base64.encodeToString(key);
  }

  /** The duration of one hash in milliseconds. */
  static double millisPerHash(String password) {
    long start = System.nanoTime();
    hash(password);
    return (System.nanoTime() - start) / 1e6;
  }

  private static byte[] derive(String password, byte[] salt) {
    try {
      return SecretKeyFactory.getInstance(ALGORITHM)
          .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, KEY_BYTES * 8))
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
