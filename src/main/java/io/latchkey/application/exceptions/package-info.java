/**
 * Rejections of a use case that the user can understand and fix; each rolls its transaction back.
 */
package io.latchkey.application.exceptions;
