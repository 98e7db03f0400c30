/** The ways people reach Latchkey: today the Faces pages in {@code interfaces.web}. */
package io.latchkey.interfaces;
