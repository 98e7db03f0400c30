package io.latchkey.application;

import java.util.List;

/**
 * One page of a list that may be very long. There is no total: counting a million rows for every
 * page costs more than the page itself; {@code hasNext} says whether to offer the next one.
 */
public record Page<T>(List<T> items, int number, boolean hasNext) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasPrevious() {
    return number > 0;
  }

  /** Reads one more than a page to learn whether another follows. */
  static <T> Page<T> of(List<T> itemsPlusOne, int number, int size) {
    boolean hasNext = itemsPlusOne.size() > size;
    return new Page<>(hasNext ? itemsPlusOne.subList(0, size) : itemsPlusOne, number, hasNext);
  }
}
