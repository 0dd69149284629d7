package org.cordon.server.testing;

/**
 * One member in the body of {@code POST /api/testing/key-groups/members} (a JSON list).
 *
 * @param group a key group with a schedule in the testing policy, e.g. {@code courier}, {@code cold-chain}
 * @param workplaceId the workplace (a venue code, an employer id), a token of {@code [A-Za-z0-9_.:-]}
 * @param workplaceName its name as shown on the boards
 * @param since ISO-8601 with an offset, not in the future; default now (the first window is a grace period)
 */
public record KeyGroupMemberRequest(Long personId, String group, String workplaceId, String workplaceName,
    String since) {
}
