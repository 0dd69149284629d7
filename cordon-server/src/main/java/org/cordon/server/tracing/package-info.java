/**
 * Contact tracing on the server: the presence snapshot the engine runs over, confirmed cases and their
 * stored contact lists with evidence, and the REST API for them. The engine itself is
 * {@code org.cordon.core.tracing}; the presence data comes from {@code org.cordon.server.intake}.
 */
package org.cordon.server.tracing;
