package org.cordon.server.testing;

import java.util.List;

/**
 * The body of {@code POST /api/testing/tubes}: pre-printed tubes handed to a site for a campaign, so
 * the scanner knows them before their first sample.
 *
 * @param poolSize capacity of each tube (1, 5, 10, 20); default the campaign's
 */
public record TubeIssue(String campaignId, String siteId, List<String> barcodes, Integer poolSize) {
}
