package org.cordon.server.testing;

/** A targeted resident not yet sampled in a campaign (不漏一人); masked per role. */
public record MissedPerson(long personId, String name, String community, String idNumber,
    String phone, boolean taskOpen) {
}
