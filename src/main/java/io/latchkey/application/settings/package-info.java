/**
 * Settings from the environment (MicroProfile Config) that both the inbound and the outbound
 * adapters read: the base URL and session limits, the OpenID provider.
 */
package io.latchkey.application.settings;
