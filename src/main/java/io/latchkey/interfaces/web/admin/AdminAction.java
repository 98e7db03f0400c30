package io.latchkey.interfaces.web.admin;

import io.latchkey.application.Keyed;
import java.util.Optional;

/**
 * What an admin can do to an account from the console; the key is the {@code ?action=} value of
 * {@code admin/action} and the message bundle's {@code admin.action.<key>}.
 */
public enum AdminAction implements Keyed {
  DISABLE("disable"),
  ENABLE("enable"),
  UNLINK("unlink"),
  GRANT_ADMIN("grant-admin"),
  REVOKE_ADMIN("revoke-admin"),
  END_SESSIONS("end-sessions"),
  END_SESSION("end-session"),
  REVOKE_GRANT("revoke-grant"),
  DELETE("delete");

  private final String key;

  AdminAction(String key) {
    this.key = key;
  }

  @Override
  public String key() {
    return key;
  }

  /** For pages: {@code #{action.key}}. */
  public String getKey() {
    return key;
  }

  public static Optional<AdminAction> ofKey(String key) {
    return Keyed.byKey(AdminAction.class, key);
  }
}
