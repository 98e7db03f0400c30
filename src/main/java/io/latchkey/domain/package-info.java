/**
 * The domain layer: accounts, the identities linked to them, and the audit trail.
 *
 * <p>Rules that hold whatever the user interface or the protocol (for example "an account's email
 * is unique after normalisation", "after five consecutive failed sign-ins further attempts are
 * paused") live on the entities here. This layer knows JPA mappings but nothing of Faces, Servlets
 * or Jakarta Security; repositories are interfaces implemented in {@code
 * infrastructure.persistence}.
 */
package io.latchkey.domain;
