package org.cordon.server.testing;

/**
 * The body of {@code POST /api/testing/sites} (creates or replaces a site).
 *
 * @param siteId a token of {@code [A-Za-z0-9_.:-]}; a sampling-site device token is a VENUE_DEVICE
 *     token bound to this id
 * @param opens local opening time {@code HH:mm} (Asia/Shanghai); default 00:00
 * @param closes local closing time {@code HH:mm}; default 24:00 (open all day)
 * @param active false for a site that no longer samples; default true
 */
public record SiteRequest(String siteId, String name, String division, Double lat, Double lon,
    String opens, String closes, Boolean active) {
}
