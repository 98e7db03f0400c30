package io.latchkey.domain;

/** Whether an account may sign in. */
public enum AccountStatus {
  ACTIVE,
  DISABLED
}
