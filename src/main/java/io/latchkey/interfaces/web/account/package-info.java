/** Backing beans of the pages under {@code /account/}, which require a signed-in user. */
package io.latchkey.interfaces.web.account;
