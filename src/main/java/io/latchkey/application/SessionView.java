package io.latchkey.application;

import io.latchkey.domain.SessionRecord;
import java.time.Instant;

/**
 * A signed-in session as its owner and the admins see it.
 *
 * @param id the record's opaque id (not the session cookie)
 * @param device a short description from the User-Agent, or empty when it told nothing
 * @param method {@code password} or the provider's id
 * @param current whether it is the session of the request that asks
 */
public record SessionView(
    String id,
    Instant signedInAt,
    Instant lastSeenAt,
    String clientAddress,
    String device,
    String method,
    boolean current) {

  static SessionView of(SessionRecord record, String currentId) {
    return new SessionView(
        record.getId(),
        record.getSignedInAt(),
        record.getLastSeenAt(),
        record.getClientAddress(),
        record.getDevice(),
        record.getMethod(),
        record.getId().equals(currentId));
  }
}
