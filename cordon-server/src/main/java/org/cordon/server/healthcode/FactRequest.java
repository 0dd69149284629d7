package org.cordon.server.healthcode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Body of {@code POST /api/health-codes/facts}: one fact about one person. {@code at} is when it takes
 * effect (ISO-8601 with offset): the sample time of a test, the start or end of isolation, the arrival,
 * the zone or key-group change. The other fields belong to one kind each:
 * <ul>
 *   <li>{@code test_result}: {@code method} (pcr, antigen), {@code result} (negative, positive)
 *   <li>{@code isolation_started}: {@code setting} (centralized, home); {@code isolation_ended}: none
 *   <li>{@code arrival}: {@code area}, {@code risk} (high, medium, low)
 *   <li>{@code zone}: {@code zone}, {@code level} (sealed, controlled, prevention, none)
 *   <li>{@code key_group}: {@code group} (e.g. courier, cold-chain), {@code member} (default true)
 * </ul>
 */
public record FactRequest(Long personId, String kind, String at, String method, String result,
    String setting, String area, String risk, String zone, String level, String group, Boolean member) {

  /** The kind-specific values as the {@link FactCodec} detail map. */
  Map<String, String> detail() {
    Map<String, String> d = new LinkedHashMap<>();
    put(d, "method", method);
    put(d, "result", result);
    put(d, "setting", setting);
    put(d, "area", area);
    put(d, "risk", risk);
    put(d, "zone", zone);
    put(d, "level", level);
    put(d, "group", group);
    if (member != null) {
      d.put("member", member.toString());
    }
    return d;
  }

  private static void put(Map<String, String> d, String key, String value) {
    if (value != null && !value.isBlank()) {
      d.put(key, value.strip());
    }
  }
}
