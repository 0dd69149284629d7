package org.cordon.core.testing;

import java.time.Instant;

/** One sample to register in a batch: person, tube barcode, site and time (see {@link SamplingRound#register}). */
public record SampleScan(long personId, String tubeBarcode, String siteId, Instant at) {
}
