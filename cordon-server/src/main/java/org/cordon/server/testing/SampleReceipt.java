package org.cordon.server.testing;

/**
 * A registered sample.
 *
 * @param purpose {@code screen}, or {@code retest} for a recalled person's single-tube retest
 * @param tubeSamples samples in the tube now, this one included
 * @param tubeClosed whether the tube is closed (it closes itself when full)
 */
public record SampleReceipt(String campaignId, long personId, String tube, String purpose,
    int tubeSamples, int poolSize, boolean tubeClosed) {
}
