/**
 * The application layer: the use cases (register, sign in with a password, change a password, …),
 * each one transaction that either completes with its audit entry or leaves nothing behind.
 *
 * <p>Rejections the user can fix are {@link io.latchkey.application.exceptions.BusinessException}s
 * carrying a message key; the web layer turns them into messages in the user's language. This layer
 * depends on the domain only: no Faces, Servlet or Jakarta Security types.
 */
package io.latchkey.application;
