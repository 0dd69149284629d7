package org.cordon.server.intake;

/**
 * The answer to one single event: stored now ({@code duplicate} false) or already stored before, by
 * the same {@code clientEventId} or as an identical event ({@code duplicate} true).
 */
public record EventReceipt(String kind, String clientEventId, boolean duplicate) {
}
