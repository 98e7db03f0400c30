package io.latchkey.domain;

/** What an account may do. Roles come only from Latchkey's database, never from a provider. */
public enum Role {
  /** Every signed-in account. */
  USER,
  /** May use the admin console. */
  ADMIN;

  /** The name the container sees as the caller's group, matching the roles declared in web.xml. */
  public String groupName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
