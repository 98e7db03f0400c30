package io.latchkey.infrastructure.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latchkey.application.OperatorMetrics;
import io.latchkey.domain.SignInTally;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

  private final PrometheusMetrics metrics = new PrometheusMetrics();

  @BeforeEach
  void start() {
    metrics.start();
  }

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void eachSeriesIsWrittenInPrometheusTextFormatWithItsLabels() {
    metrics.counted(new SignInTally("password", SignInTally.Outcome.FAILED, "wrong-password"));
    metrics.counted(new SignInTally("password", SignInTally.Outcome.FAILED, "wrong-password"));
    metrics.counted(new SignInTally("password", SignInTally.Outcome.SUCCEEDED, ""));
    metrics.throttled(OperatorMetrics.Limit.PASSWORD_HASHES);
    metrics.signInAnswered("password", true, Duration.ofMillis(30));
    metrics.providerCall("token", "failed", Duration.ofSeconds(3));
    metrics.sessionsChanged(2, 1);

    String text = metrics.scrape();

    for (String line :
        new String[] {
          "latchkey_sign_ins_total{method=\"password\",outcome=\"failed\",reason=\"wrong-password\"} 2",
          "latchkey_sign_ins_total{method=\"password\",outcome=\"succeeded\",reason=\"none\"} 1",
          "latchkey_throttled_total{limit=\"password-hashes\"} 1",
          "latchkey_sign_in_seconds_bucket{method=\"password\",outcome=\"signed-in\",le=\"0.05\"} 1",
          "latchkey_sign_in_seconds_bucket{method=\"password\",outcome=\"signed-in\",le=\"0.025\"} 0",
          "latchkey_provider_call_seconds_count{endpoint=\"token\",outcome=\"failed\"} 1",
          "latchkey_sessions 2",
          "latchkey_sessions_signed_in 1",
        }) {
      assertTrue(text.contains(line), line + " in:\n" + text);
    }
  }
}
