package io.latchkey.infrastructure.persistence;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Stores {@link Instant}s as UTC {@code TIMESTAMP}s, whatever the server's time zone (JPA 3.1 has
 * no mapping of its own for {@code Instant}).
 */
@Converter(autoApply = true)
public class InstantConverter implements AttributeConverter<Instant, LocalDateTime> {

  @Override
  public LocalDateTime convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  @Override
  public Instant convertToEntityAttribute(LocalDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant(ZoneOffset.UTC);
  }
}
