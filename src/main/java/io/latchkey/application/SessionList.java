package io.latchkey.application;

import java.util.List;

/**
 * The first sessions of an account, most recently used first, and how many more it has.
 *
 * @param listed at most the number asked for; the asking session among them when it is open
 * @param unlisted how many open sessions {@code listed} leaves out
 */
public record SessionList(List<SessionView> listed, long unlisted) {

  public SessionList {
    listed = List.copyOf(listed);
  }
}
