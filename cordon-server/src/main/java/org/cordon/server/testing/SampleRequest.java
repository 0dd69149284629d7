package org.cordon.server.testing;

/**
 * The body of {@code POST /api/testing/samples}: what a collector's scanner sends for one sample.
 *
 * @param personId the person, from the scanned person code; or
 * @param idNumber the person's identity number, typed or read from the ID card
 * @param tube the tube barcode
 * @param sampledAt ISO-8601 with offset; default now
 * @param poolSize for a tube opened by this sample: its capacity (1, 5, 10, 20); default the
 *     campaign's, and always 1 for a retest
 */
public record SampleRequest(String campaignId, String siteId, String tube, Long personId,
    String idNumber, String sampledAt, Integer poolSize) {
}
