/**
 * The infrastructure layer (outbound adapters): how the domain's repositories are kept (JPA,
 * migrations, the data source), how passwords are hashed, and how Latchkey calls OpenID providers
 * (timeouts on every call, the discovery document). Nothing here knows HTTP requests or pages.
 */
package io.latchkey.infrastructure;
