/**
 * JPA repositories, the data source chosen by {@code LATCHKEY_DB_URL}, and the Flyway migrations
 * that bring the schema up to date at startup, on H2 and on PostgreSQL alike.
 */
package io.latchkey.infrastructure.persistence;
