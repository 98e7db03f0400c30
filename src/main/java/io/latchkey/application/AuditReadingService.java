package io.latchkey.application;

import io.latchkey.domain.AccountNames;
import io.latchkey.domain.AccountNames.AccountName;
import io.latchkey.domain.AuditEntry;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.AuditQuery;
import io.latchkey.domain.AuditTrail;
import io.latchkey.domain.SignInCounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The admin console's reading of the trail beyond its pages: the dashboard (from the per-day
 * counters, never the trail itself, and the account figures of at most a minute ago), names for the
 * accounts that entries mention, and the export of a filtered trail in batches. Admins only, like
 * every console use case.
 */
@Stateless
@RolesAllowed("admin")
public class AuditReadingService {

  /** The days the dashboard shows, today included. */
  public static final int DAYS = 30;

  @Inject Clock clock;
  @Inject AccountFigures accountFigures;
  @Inject SignInCounts signInCounts;
  @Inject AccountNames accountNames;
  @Inject AuditTrail audit;

  public Dashboard dashboard() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate from = today.minusDays(DAYS - 1L);
    AccountFigures.Figures figures = accountFigures.current();
    return new Dashboard(
        figures.total(),
        figures.activeLast7Days(),
        figures.activeLast30Days(),
        figures.disabled(),
        from,
        today,
        signInCounts.between(from, today));
  }

  /** The accounts among {@code ids} that still exist. */
  public Map<Long, AccountName> names(Collection<Long> ids) {
    return accountNames.of(ids);
  }

  /**
   * Audits an export before it starts (so that an export cut short is on record too).
   *
   * @param filter the filter as the admin gave it, for the entry's detail
   */
  public void exportStarted(long adminId, String filter, String clientAddress) {
    audit.record(
        AuditEntry.of(AuditEvent.AUDIT_EXPORTED, clock.instant())
            .actor(adminId)
            .detail("filter: " + (filter == null || filter.isBlank() ? "none" : filter))
            .clientAddress(clientAddress)
            .build());
  }

  /**
   * One batch of an export, newest first; each call is a transaction of its own, so an export of
   * millions of entries holds one batch at a time.
   *
   * @param after the last entry of the previous batch, or null for the first
   */
  public List<AuditEntryView> exportBatch(AuditQuery query, AuditEntryView after, int size) {
    List<AuditEntry> entries =
        after == null
            ? audit.search(query, 0, size)
            : audit.searchAfter(query, after.occurredAt(), after.id(), size);
    return entries.stream().map(AuditEntryView::of).toList();
  }
}
