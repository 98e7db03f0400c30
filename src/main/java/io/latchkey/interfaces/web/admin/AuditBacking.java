package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.AuditEntryView;
import io.latchkey.application.Page;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code admin/audit.xhtml}: the audit log, newest first, filtered by event type, account and a
 * range of days (UTC, the "to" day included). Everything is in the URL.
 */
@Named
@RequestScoped
public class AuditBacking {

  public static final int PAGE_SIZE = 50;

  @Inject AccountAdministrationService administration;

  private String type;
  private Long account;
  private String from;
  private String to;
  private int page;
  private Page<AuditEntryView> result;

  public Page<AuditEntryView> getResult() {
    if (result == null) {
      result = administration.auditLog(query(), Math.max(0, Math.min(page, 100_000)), PAGE_SIZE);
    }
    return result;
  }

  public List<String> getEventTypes() {
    return Arrays.stream(AuditEvent.values()).map(Enum::name).toList();
  }

  AuditQuery query() {
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

  public String pageUrl(int number) {
    StringBuilder url = new StringBuilder("audit?page=").append(number);
    append(url, "type", type);
    append(url, "account", account == null ? null : account.toString());
    append(url, "from", from);
    append(url, "to", to);
    return url.toString();
  }

  private static void append(StringBuilder url, String name, String value) {
    if (value != null && !value.isBlank()) {
      url.append('&')
          .append(name)
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public Long getAccount() {
    return account;
  }

  public void setAccount(Long account) {
    this.account = account;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  public int getPage() {
    return page;
  }

  public void setPage(int page) {
    this.page = page;
  }
}
