package io.latchkey.interfaces.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.Dashboard;
import io.latchkey.domain.SignInCounts.SignInDayCount;
import io.latchkey.domain.SignInTally;
import io.latchkey.domain.SignInTally.Outcome;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInChartTest {

  private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
  private static final String ISSUER = "https://accounts.google.com";

  @Test
  void oneStackedBarPerDayWithTheTableAndTheFailuresByReason() {
    SignInChart chart =
        SignInChart.of(
            dashboard(
                count(TODAY, "password", Outcome.SUCCEEDED, "", 6),
                count(TODAY, "password", Outcome.FAILED, "wrong-password", 2),
                count(TODAY.minusDays(1), ISSUER, Outcome.SUCCEEDED, "", 3),
                count(TODAY.minusDays(1), ISSUER, Outcome.REFUSED, "disabled", 1),
                count(TODAY.minusDays(2), "password", Outcome.FAILED, "wrong-password", 1)));

    assertEquals(30, chart.bars().size());
    assertEquals(13, chart.total());
    assertEquals(4, chart.series().size());
    assertEquals("password", chart.series().get(0).method(), "the password first");

    SignInChart.Bar today = chart.bars().get(29);
    assertEquals(8, today.total());
    assertEquals(2, today.segments().size());
    assertTrue(today.labelled(), "the last day is labelled");
    int top = today.segments().get(1).y();
    assertTrue(top >= SignInChart.TOP && top < chart.plotBottom());

    assertEquals(TODAY, chart.rows().get(0).day(), "the table starts with today");
    assertEquals(List.of(6L, 2L, 0L, 0L), chart.rows().get(0).counts());
    assertEquals(
        List.of(new SignInChart.Reason("wrong-password", 3), new SignInChart.Reason("disabled", 1)),
        chart.failures());
    assertEquals(8, chart.ticks().get(4).value(), "the grid's top is a round number");
  }

  @Test
  void aQuietMonthHasNoSeriesAndEmptyBars() {
    SignInChart chart = SignInChart.of(dashboard());
    assertEquals(0, chart.total());
    assertEquals(30, chart.bars().size());
    assertTrue(chart.series().isEmpty());
    assertTrue(chart.failures().isEmpty());
  }

  @Test
  void roundCeilings() {
    assertEquals(4, SignInChart.niceCeiling(0));
    assertEquals(8, SignInChart.niceCeiling(5));
    assertEquals(20, SignInChart.niceCeiling(9));
    assertEquals(40, SignInChart.niceCeiling(21));
    assertEquals(200_000, SignInChart.niceCeiling(123_456));
  }

  private static Dashboard dashboard(SignInDayCount... counts) {
    return new Dashboard(10, 5, 7, 1, TODAY.minusDays(29), TODAY, List.of(counts));
  }

  private static SignInDayCount count(
      LocalDate day, String method, Outcome outcome, String reason, long attempts) {
    return new SignInDayCount(day, new SignInTally(method, outcome, reason), attempts);
  }
}
