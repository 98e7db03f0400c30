package io.latchkey.interfaces.web.admin;

import io.latchkey.application.AuditEntryView;
import io.latchkey.application.AuditReadingService;
import io.latchkey.domain.AccountNames.AccountName;
import io.latchkey.domain.AuditEvent;
import io.latchkey.domain.SignInTally;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the audit tables show instead of bare ids: the accounts an entry names (one query per table,
 * not per row), and why a sign-in attempt failed, as a translation key.
 *
 * <p>Usage in a table of {@code entries}: {@code #{auditNames.of(entries)[entry.actorAccountId()]}}
 * and {@code #{auditNames.reasonKey(entry)}}.
 */
@Named
@RequestScoped
public class AuditNames {

  @Inject AuditReadingService reading;

  private final Map<List<AuditEntryView>, Map<Long, AccountName>> byTable = new IdentityHashMap<>();

  /** The existing accounts among the actors and targets of {@code entries}, by id. */
  public Map<Long, AccountName> of(List<AuditEntryView> entries) {
    return byTable.computeIfAbsent(
        entries,
        table -> {
          Set<Long> ids = new HashSet<>();
          for (AuditEntryView entry : table) {
            ids.add(entry.actorAccountId());
            ids.add(entry.targetAccountId());
          }
          ids.removeIf(Objects::isNull);
          return reading.names(ids);
        });
  }

  /** {@code reason.wrong-password} …, for a sign-in that did not succeed; else null. */
  public String reasonKey(AuditEntryView entry) {
    AuditEvent event;
    try {
      event = AuditEvent.valueOf(entry.eventType());
    } catch (IllegalArgumentException unknown) {
      return null;
    }
    return SignInTally.of(event, entry.detail())
        .filter(tally -> tally.outcome() != SignInTally.Outcome.SUCCEEDED)
        .map(tally -> "reason." + tally.reason())
        .orElse(null);
  }

  /** An account's name for people: its email, else its display name. */
  public String labelOf(AccountName name) {
    return name.email() != null ? name.email() : name.displayName();
  }
}
