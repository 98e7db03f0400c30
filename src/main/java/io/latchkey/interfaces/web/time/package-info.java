/**
 * How pages show a moment in time: one formatter ({@link
 * io.latchkey.interfaces.web.time.TimeFormatter}) and one component ({@code <lk:time value="…"/>})
 * used by every page.
 */
package io.latchkey.interfaces.web.time;
