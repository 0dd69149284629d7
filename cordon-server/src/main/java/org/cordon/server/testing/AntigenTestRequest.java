package org.cordon.server.testing;

/**
 * One rapid antigen test (抗原) in the body of {@code POST /api/testing/antigen-tests}: self-reported or
 * recorded by a community worker.
 *
 * @param testedAt ISO-8601 with an offset, not in the future
 * @param result positive, negative or invalid (POS/NEG, 阳性/阴性)
 */
public record AntigenTestRequest(Long personId, String testedAt, String result) {
}
