package io.latchkey.application;

import java.util.List;

/**
 * The first sessions of an account, most recently used first, and how many more it has.
 *
 * @param listed at most the number asked for; the asking session among them when it is open
 * @param unlisted how many open sessions {@code listed} leaves out (at least, unless {@code exact})
 * @param exact false when the account has more unlisted sessions than were counted
 */
public record SessionList(List<SessionView> listed, int unlisted, boolean exact) {

  public SessionList {
    listed = List.copyOf(listed);
  }
}
