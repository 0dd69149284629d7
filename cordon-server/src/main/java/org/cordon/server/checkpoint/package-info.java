/**
 * The venue checkpoint (测温、扫码、戴口罩): a venue device sends the code token it scanned with the
 * temperature and mask check; the token is verified, the online colour looked up, the entry answered
 * allow or deny and recorded durably (group commit) as a venue scan through intake, so tracing sees
 * it. Admission is bounded: a saturated checkpoint answers 503 with Retry-After.
 */
package org.cordon.server.checkpoint;
