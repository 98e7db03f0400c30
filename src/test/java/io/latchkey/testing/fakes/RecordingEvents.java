package io.latchkey.testing.fakes;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * An {@link Event} that keeps what is fired, in order, for tests to read back; no observer is
 * called (an observer of a transaction phase would not run in a plain test either).
 */
public final class RecordingEvents<T> implements Event<T> {

  private final List<T> fired = new ArrayList<>();

  @Override
  public synchronized void fire(T event) {
    fired.add(event);
  }

  /** Everything fired, in order. */
  public synchronized List<T> fired() {
    return List.copyOf(fired);
  }

  /** The only event fired; fails when there is none or more than one. */
  public synchronized T only() {
    if (fired.size() != 1) {
      throw new AssertionError("expected one event, got " + fired);
    }
    return fired.get(0);
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public Event<T> select(Annotation... qualifiers) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    throw new UnsupportedOperationException("not needed by the tests");
  }
}
