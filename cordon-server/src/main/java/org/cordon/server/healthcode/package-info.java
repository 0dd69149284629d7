/**
 * Health codes on the server (issue 4): the deployment's {@code HealthCodeEngine} with its policy
 * preset, fed by confirmed cases and their traced contacts ({@code CaseTraced}) and by facts recorded
 * over REST, each fact stored in the transaction of its cause and applied after its commit; facts and
 * every code change stored (V6) so a restart rebuilds the state, facts that can no longer matter pruned
 * to an archive (V10); the read API, the
 * resident sign-in and page, the QR tokens, the public key, and Server-Sent Events of code changes.
 * The engine itself is {@code org.cordon.core.healthcode}.
 */
package org.cordon.server.healthcode;
