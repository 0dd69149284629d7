/**
 * Counts for the console's dashboard: persons, venues and today's scans under a division and per child
 * division, always within the caller's jurisdiction.
 */
package org.cordon.server.dashboard;
