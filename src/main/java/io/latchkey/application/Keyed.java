package io.latchkey.application;

import java.util.Optional;

/**
 * An enum whose constants travel as plain strings in URLs, forms and message keys ({@code
 * ?notice=linked}, {@code ?reason=cancelled}, {@code ?action=disable}): one lookup for all of them,
 * so that Java and pages share the constants and nothing else is accepted.
 */
public interface Keyed {

  /** The string form; null for a constant that never travels. */
  String key();

  /** The constant of {@code type} whose key is {@code key}, if any. */
  static <E extends Enum<E> & Keyed> Optional<E> byKey(Class<E> type, String key) {
    if (key == null) {
      return Optional.empty();
    }
    for (E constant : type.getEnumConstants()) {
      if (key.equals(constant.key())) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }
}
