package org.cordon.server.testing;

import java.util.List;

/**
 * The body of {@code POST /api/testing/campaigns}. Times are ISO-8601 with an offset.
 *
 * @param campaignId optional; a token of {@code [A-Za-z0-9_.:-]}, generated when absent
 * @param kind {@code mass} (全员核酸), {@code key_group} or {@code zone}
 * @param poolSize samples per tube: 1, 5, 10 or 20; default 10 (10合1)
 * @param divisions the target divisions: everyone living under one of them is to be tested
 * @param groups key groups (with a schedule in the testing policy): their current members are tested
 * @param persons explicit person ids (e.g. a sealed zone's residents); the three lists are united, and
 *     at least one is needed
 */
public record CampaignRequest(String campaignId, String name, String kind, Integer poolSize,
    String startsAt, String endsAt, List<String> divisions, List<String> groups, List<Long> persons) {
}
