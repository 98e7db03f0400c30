/** Time as the rest of the application sees it: one injectable {@link java.time.Clock}. */
package io.latchkey.infrastructure.time;
