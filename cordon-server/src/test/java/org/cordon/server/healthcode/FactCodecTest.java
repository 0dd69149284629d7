package org.cordon.server.healthcode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cordon.core.healthcode.Fact;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lab upload's tube rows: what the replay reads back from a row ({@code decodeAll}) is exactly what
 * the live path applied ({@code tubeFacts}), for every kind, sample times to the nanosecond, any
 * barcode; and a tube row's JSON is the mapper's.
 */
class FactCodecTest {

  private static final Instant RECORDED = Instant.parse("2026-11-23T04:00:00Z");

  @Test
  void aTubeRowReadsBackAsTheFactsTheLivePathApplied() {
    Random rnd = new Random(42);
    for (String kind : new String[] {"test_result", "pool_recall", "result_withdrawn"}) {
      for (int round = 0; round < 200; round++) {
        List<FactCodec.Member> members = new ArrayList<>();
        for (int k = 1 + rnd.nextInt(20); k > 0; k--) {
          // samples before and after the recording (a recall takes effect at the later of the two)
          Instant sampled = RECORDED.plusSeconds(rnd.nextInt(8 * 3600) - 6 * 3600)
              .plusNanos(rnd.nextBoolean() ? 0 : rnd.nextInt(1_000_000_000));
          members.add(new FactCodec.Member(1 + rnd.nextInt(5_000_000), sampled));
        }
        boolean positive = rnd.nextBoolean();
        String tube = "T-" + round + (rnd.nextBoolean() ? "" : "-\"混\\管\"");
        FactCodec.Stored row = FactCodec.tube(kind, tube, positive, RECORDED, members);
        // as stored and read back: the detail through its JSON
        FactCodec.Stored read = new FactCodec.Stored(0, row.kind(), row.at(),
            FactCodec.detailOf(FactCodec.detailJson(row.detail())), row.members());
        List<Fact> live = FactCodec.tubeFacts(kind, tube, positive, RECORDED, members);
        assertThat(FactCodec.decodeAll(read)).as("%s %s", kind, row).isEqualTo(live);
        assertThat(live).hasSize(members.size());
      }
    }
  }

  @Test
  void aTubeRowsJsonIsTheMappers() {
    JsonMapper mapper = JsonMapper.builder().build();
    for (String tube : new String[] {"T-1", "T \"quoted\" \\ back", "管号\u0001\n"}) {
      Map<String, String> d = new LinkedHashMap<>();
      d.put("method", "pcr");
      d.put("result", "negative");
      d.put("tube", tube);
      assertThat(FactCodec.detailJson(d)).isEqualTo(mapper.writeValueAsString(d));
      assertThat(FactCodec.detailOf(FactCodec.detailJson(d))).isEqualTo(d);
    }
  }

  @Test
  void aPersonsRowIsOneFactAndABadMemberIsNamed() {
    FactCodec.Stored one = FactCodec.encode(org.cordon.core.healthcode.TestResult.negativePcr(7, RECORDED));
    assertThat(FactCodec.decodeAll(one)).singleElement().isEqualTo(
        org.cordon.core.healthcode.TestResult.negativePcr(7, RECORDED));
    FactCodec.Stored bad = new FactCodec.Stored(0, "test_result", RECORDED, Map.of("method", "pcr", "result",
        "negative", "tube", "T-9"), "12@1763870400 x@1");
    assertThatThrownBy(() -> FactCodec.decodeAll(bad)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("member 'x@1'");
    assertThatThrownBy(() -> FactCodec.tube("test_result", "T-9", false, RECORDED, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
