/**
 * The read side of persons for the console: pages of persons in the caller's jurisdiction and one
 * person's details, with identity numbers and phones masked unless the caller's role may see them, and
 * every detail read audited. The write side (intake) lives in {@code org.cordon.server.intake}.
 */
package org.cordon.server.person;
