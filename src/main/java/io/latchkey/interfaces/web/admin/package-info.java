/**
 * Backing beans of the admin console ({@code /admin/…}). web.xml restricts the folder to the admin
 * role, and every use case checks it again in the application layer.
 */
package io.latchkey.interfaces.web.admin;
