package io.latchkey.application;

import java.util.Optional;

/**
 * What the code exchange of the provider callback running on this thread adds to the standard
 * mechanism's token request: the PKCE {@code code_verifier}, and the client's credentials in an
 * {@code Authorization: Basic} header instead of the form ({@code client_secret_basic}).
 *
 * <p>Why a thread-bound value: the mechanism sends its token request synchronously, on the
 * callback's own thread, through the server's JAX-RS client, which the infrastructure's client
 * hooks reach but CDI does not. The value is bound only while the mechanism handles one callback,
 * so no other request of the application ever sees it.
 *
 * @param codeVerifier the verifier of this flow's challenge, or null when the flow sent none
 * @param clientSecretBasic whether the client secret moves from the form to a Basic header
 */
public record CodeExchange(String codeVerifier, boolean clientSecretBasic) {

  private static final ThreadLocal<CodeExchange> CURRENT = new ThreadLocal<>();

  /** Work that may throw, run while a code exchange is bound. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code work} with this exchange bound to the thread, and unbinds it afterwards. */
  public <T, E extends Exception> T during(Work<T, E> work) throws E {
    CodeExchange outer = CURRENT.get();
    CURRENT.set(this);
    try {
      return work.run();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** The exchange bound to this thread, if a callback is being handled on it. */
  public static Optional<CodeExchange> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Whether the token request needs anything added. */
  public boolean changesAnything() {
    return codeVerifier != null || clientSecretBasic;
  }
}
