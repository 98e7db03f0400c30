package io.latchkey.domain;

/** The orders the account list can be read in; each is backed by an index. */
public enum AccountSort {
  EMAIL,
  NAME,
  CREATED,
  LAST_SIGN_IN
}
