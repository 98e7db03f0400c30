/**
 * The infrastructure layer: how the domain's repositories are kept (JPA, migrations, the data
 * source) and how Jakarta Security carries sign-ins (mechanism, identity store, password hashing,
 * session handling). Thin glue that delegates decisions to the application layer.
 */
package io.latchkey.infrastructure;
