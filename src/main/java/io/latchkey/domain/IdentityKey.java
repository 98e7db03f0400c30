package io.latchkey.domain;

import java.io.Serializable;
import java.util.Objects;

/**
 * The key of an identity: the provider's issuer and the subject identifier ({@code sub}), unique
 * within that issuer. Compared by value; never by email, which a provider may change or reassign.
 */
public record IdentityKey(String issuer, String subject) implements Serializable {

  private static final long serialVersionUID = 1L;

  public IdentityKey {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(subject, "subject");
    if (issuer.isBlank() || subject.isBlank()) {
      throw new IllegalArgumentException("issuer and subject must not be blank");
    }
    if (issuer.length() > 255 || subject.length() > 255) {
      throw new IllegalArgumentException("issuer and subject have at most 255 characters");
    }
  }
}
