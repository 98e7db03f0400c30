package io.latchkey.interfaces.web.admin;

import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The audit log's filter as it travels in URLs: event type, account id and a range of days (UTC,
 * the "to" day included). Shared by the log page and its CSV export, so both list the same entries;
 * anything malformed is ignored rather than refused.
 */
final class AuditFilter {

  private AuditFilter() {}

  static AuditQuery query(String type, Long account, String from, String to) {
    AuditEvent event = null;
    if (type != null && !type.isBlank()) {
      try {
        event = AuditEvent.valueOf(type.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        event = null;
      }
    }
    return new AuditQuery(event, account, day(from, 0), day(to, 1));
  }

  /** {@code ?type=…&account=…} with the parts that are set, or "" when none is. */
  static String queryString(String type, Long account, String from, String to) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("type", type);
    parameters.put("account", account == null ? null : account.toString());
    parameters.put("from", from);
    parameters.put("to", to);
    StringBuilder query = new StringBuilder();
    parameters.forEach(
        (name, value) -> {
          if (value != null && !value.isBlank()) {
            query
                .append(query.length() == 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  private static Instant day(String value, int plusDays) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip())
          .plusDays(plusDays)
          .atStartOfDay(ZoneOffset.UTC)
          .toInstant();
    } catch (DateTimeParseException malformed) {
      return null;
    }
  }
}
