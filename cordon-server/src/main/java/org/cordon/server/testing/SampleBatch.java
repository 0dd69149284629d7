package org.cordon.server.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the checks of one batch know about its persons and tubes (from the rounds or from the tables),
 * and the rows they accepted, with the first sample time of each tube. Lives for one registration.
 */
final class SampleBatch {
  Map<String, Long> byNumber = Map.of();
  final Map<Long, String> homes = new HashMap<>();
  /** {@code campaign|person|purpose} of the stored samples of the batch's persons. */
  final Set<String> sampled = new HashSet<>();
  /** {@code campaign|person} of open recalls. */
  final Set<String> recalls = new HashSet<>();
  final Map<String, SampleRecords.Tube> tubes = new LinkedHashMap<>();
  final Map<String, CampaignView> campaignById = new HashMap<>();
  final Map<String, SiteView> siteById = new HashMap<>();
  final Map<String, Instant> firstSample = new HashMap<>();
  final List<SampleRecords.NewSample> accepted = new ArrayList<>();
}
