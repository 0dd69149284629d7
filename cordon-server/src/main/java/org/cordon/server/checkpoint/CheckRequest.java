package org.cordon.server.checkpoint;

import java.math.BigDecimal;

/**
 * Body of {@code POST /api/checkpoint/check}.
 *
 * @param token the QR content the device scanned
 * @param temperature body temperature in °C (30.0..45.0)
 * @param masked whether the person wears a mask
 * @param staff whether the person comes in as a worker of the venue (default false): at key workplaces
 *     a worker needs a recent negative test
 * @param venueId optional; when given it must be the device's own venue
 */
public record CheckRequest(String token, BigDecimal temperature, Boolean masked, Boolean staff,
    String venueId) {
}
