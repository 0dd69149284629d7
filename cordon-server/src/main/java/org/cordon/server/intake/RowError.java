package org.cordon.server.intake;

/** Why the row on {@code line} (1-based, the header is line 1 in CSV) was rejected. */
public record RowError(long line, String reason) {
}
