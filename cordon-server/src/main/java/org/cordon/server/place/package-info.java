/**
 * Places over HTTP: the administrative division tree (children, ancestors, search by name) and the county
 * boundaries for the console map, backed by the shipped data of {@code org.cordon.core.place}.
 */
package org.cordon.server.place;
