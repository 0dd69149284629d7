package org.cordon.server.intake;

/** A parsed record with the line it came from. */
record Line<T>(long line, T record) {
}
