package io.latchkey.application;

import io.latchkey.domain.SignInCounts.SignInDayCount;
import java.time.LocalDate;
import java.util.List;

/**
 * What the admin dashboard shows: account figures and the sign-in counts of the last days.
 *
 * @param from the first day counted (UTC)
 * @param to the last day counted, today (UTC)
 * @param signIns the counts of those days, oldest first; days without sign-ins are absent
 */
public record Dashboard(
    long accounts,
    long activeLast7Days,
    long activeLast30Days,
    long disabled,
    LocalDate from,
    LocalDate to,
    List<SignInDayCount> signIns) {

  public Dashboard {
    signIns = List.copyOf(signIns);
  }
}
