package io.latchkey.testing.fakes;

import io.latchkey.application.OperatorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Operator metrics that remember the refusals they were told about. */
public class RecordingMetrics implements OperatorMetrics {

  public final List<Limit> throttled = new ArrayList<>();

  @Override
  public void signInAnswered(String method, boolean signedIn, Duration took) {}

  @Override
  public synchronized void throttled(Limit limit) {
    throttled.add(limit);
  }

  @Override
  public void sessionsChanged(int all, int signedIn) {}

  @Override
  public String scrape() {
    return "";
  }
}
