package io.latchkey.application;

import io.latchkey.domain.Account;
import io.latchkey.domain.AccountRepository;
import io.latchkey.domain.EmailAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Password sign-in: checks the credentials, keeps count of consecutive failures, and audits every
 * attempt.
 *
 * <p>Every refused attempt costs one password hash, whether the email is unknown, the password is
 * wrong or sign-in is paused, so the response time does not tell them apart. The hash (about 130 ms
 * of CPU) runs in no transaction and holds no database connection, in its turn ({@link
 * AttemptLimits}); only the short read before it and the write after it touch the database.
 */
@ApplicationScoped
public class SignInService {

  @Inject Clock clock;
  @Inject AccountRepository accounts;
  @Inject PasswordHasher hasher;
  @Inject AttemptLimits limits;
  @Inject SignInRecords records;

  @Transactional(Transactional.TxType.NOT_SUPPORTED)
  public SignInOutcome signInWithPassword(String email, String password, String clientAddress) {
    Password given = Password.of(password);
    Instant now = clock.instant();
    Optional<EmailAddress> address = EmailAddress.parse(email);
    if (!limits.tryAttempt(clientAddress)) {
      return records.throttled(address, abbreviate(email), now, clientAddress);
    }
    Optional<Account> found = address.flatMap(accounts::findByEmail);
    boolean[] correct = {false};
    boolean hashed =
        limits.hashInTurn(
            () -> {
              if (found.isEmpty()
                  || !found.get().hasPassword()
                  || found.get().isSignInPaused(now)
                  || given.length() > PasswordPolicy.MAX_LENGTH) {
                hasher.verifyAgainstNothing(given);
              } else {
                correct[0] = hasher.verify(given, found.get().getPasswordHash().orElseThrow());
              }
            });
    if (!hashed) {
      return records.throttled(address, abbreviate(email), now, clientAddress);
    }
    if (found.isEmpty() || !found.get().hasPassword()) {
      return records.noSuchPassword(
          address.map(EmailAddress::value).orElse(abbreviate(email)),
          found.isEmpty(),
          now,
          clientAddress);
    }
    return records.decide(found.get().getId(), correct[0], now, clientAddress);
  }

  static String abbreviate(String email) {
    if (email == null) {
      return null;
    }
    String stripped = email.strip();
    return stripped.length() <= EmailAddress.MAX_LENGTH
        ? stripped
        : stripped.substring(0, EmailAddress.MAX_LENGTH);
  }
}
