/**
 * Endpoints for the people who run Latchkey, not for its users: the metrics a scraper reads. Each
 * is off until configured and asks for its own credential, never for a user's session.
 */
package io.latchkey.interfaces.web.operator;
