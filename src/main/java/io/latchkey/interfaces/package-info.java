/**
 * The ways people reach Latchkey (inbound adapters): the Faces pages in {@code interfaces.web} and
 * the HTTP security adapter in {@code interfaces.web.security}.
 */
package io.latchkey.interfaces;
