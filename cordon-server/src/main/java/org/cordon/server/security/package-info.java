/**
 * Who may do what, and where: console login (session cookie or HTTP Basic), API tokens of venue devices
 * and labs (bearer), roles and the {@link org.cordon.server.security.AccessPolicy} table, jurisdiction
 * scoping ({@link org.cordon.server.security.Jurisdiction}) and the audit log of reads of personal data.
 *
 * <p>Other capabilities take a {@link org.cordon.server.security.Caller} parameter in their controllers to
 * learn who is asking and scope their queries with {@code caller.jurisdiction()}.
 */
package org.cordon.server.security;
