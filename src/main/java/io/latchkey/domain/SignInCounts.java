package io.latchkey.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * Sign-in attempts counted per UTC day, method, outcome and reason, as the audit entries are
 * written: in the same transaction, so a count never disagrees with the trail. Reading a month of
 * counts reads at most a few hundred rows whatever the size of the trail.
 */
public interface SignInCounts {

  /** Adds one attempt on {@code day}, in the caller's transaction. */
  void add(LocalDate day, SignInTally tally);

  /** Every count from {@code from} to {@code to}, both included, oldest first. */
  List<SignInDayCount> between(LocalDate from, LocalDate to);

  /** One count: attempts of one kind on one day. */
  record SignInDayCount(LocalDate day, SignInTally tally, long attempts) {}
}
