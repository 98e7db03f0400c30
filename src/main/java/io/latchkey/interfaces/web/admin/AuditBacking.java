package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AccountAdministrationService;
import io.latchkey.application.AuditEntryView;
import io.latchkey.application.Page;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

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
    return AuditFilter.query(type, account, from, to);
  }

  /** The CSV export of what this page lists (every page of it). */
  public String getExportUrl() {
    return "audit.csv" + AuditFilter.queryString(type, account, from, to);
  }

  public String pageUrl(int number) {
    String filter = AuditFilter.queryString(type, account, from, to);
    return "audit?page=" + number + (filter.isEmpty() ? "" : "&" + filter.substring(1));
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
