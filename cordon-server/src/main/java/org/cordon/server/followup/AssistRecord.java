package org.cordon.server.followup;

import java.time.Instant;

/**
 * One contact of an assist request file (协查): who (identity number, name, phone, home division), why
 * (category, and the evidence of the link: track, place, first and last exposure), and on whose
 * behalf (the sending instance and its pseudonymous case id). See {@link AssistFormat}.
 */
public record AssistRecord(String instance, String sourceCase, String idNumber, String name,
    String phone, String homeDivision, String category, String via, String place,
    Instant firstExposure, Instant lastExposure) {
}
