package io.latchkey.infrastructure.security;

import io.latchkey.application.Password;
import io.latchkey.application.PasswordHasher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.Map;

/**
 * PBKDF2-HMAC-SHA256 with 600,000 iterations, a 32-byte random salt and a 32-byte key (the OWASP
 * recommendation of 2023), through Jakarta Security's {@link Pbkdf2PasswordHash}. The stored form
 * names the algorithm and iterations, so a later increase leaves existing hashes verifiable.
 */
@ApplicationScoped
public class Pbkdf2PasswordHasher implements PasswordHasher {

  public static final int ITERATIONS = 600_000;

  @Inject Pbkdf2PasswordHash pbkdf2;

  private String hashOfNothing;

  @PostConstruct
  void initialise() {
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS),
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    char[] random = new char[32];
    SecureRandom secureRandom = new SecureRandom();
    for (int i = 0; i < random.length; i++) {
      random[i] = (char) ('a' + secureRandom.nextInt(26));
    }
    hashOfNothing = pbkdf2.generate(random);
  }

  @Override
  public String hash(Password password) {
    return pbkdf2.generate(password.chars());
  }

  @Override
  public boolean verify(Password password, String storedHash) {
    return pbkdf2.verify(password.chars(), storedHash);
  }

  @Override
  public void verifyAgainstNothing(Password password) {
    pbkdf2.verify(password.chars(), hashOfNothing);
  }
}
