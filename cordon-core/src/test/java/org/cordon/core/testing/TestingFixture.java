package org.cordon.core.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GridCell;

/** A small division tree, populations and campaigns for the testing engines' tests. */
final class TestingFixture {
  static final Instant START = Instant.parse("2022-04-05T00:00:00Z");   // 08:00 in Shanxi
  static final Instant END = START.plusSeconds(2 * 86_400);
  static final DivisionCode PROVINCE = DivisionCode.of("14");
  static final DivisionCode CITY = DivisionCode.of("1401");
  static final DivisionCode COUNTY_A = DivisionCode.of("140105");
  static final DivisionCode COUNTY_B = DivisionCode.of("140106");
  static final DivisionCode STREET_A1 = DivisionCode.of("140105001");
  static final DivisionCode STREET_A2 = DivisionCode.of("140105002");
  static final DivisionCode STREET_B1 = DivisionCode.of("140106001");
  static final DivisionCode COMMUNITY_A1X = DivisionCode.of("140105001001");
  static final DivisionCode COMMUNITY_A1Y = DivisionCode.of("140105001002");
  static final DivisionCode COMMUNITY_A2X = DivisionCode.of("140105002001");
  static final DivisionCode COMMUNITY_B1X = DivisionCode.of("140106001001");
  static final List<DivisionCode> COMMUNITIES = List.of(COMMUNITY_A1X, COMMUNITY_A1Y, COMMUNITY_A2X, COMMUNITY_B1X);

  private TestingFixture() {
  }

  static DivisionTree tree() {
    List<Division> ds = new ArrayList<>();
    String[][] rows = {{"14", "山西省"}, {"1401", "太原市"}, {"140105", "小店区"}, {"140106", "迎泽区"},
        {"140105001", "坞城街道"}, {"140105002", "营盘街道"}, {"140106001", "柳巷街道"},
        {"140105001001", "师范街社区"}, {"140105001002", "坞城社区"}, {"140105002001", "营盘社区"},
        {"140106001001", "柳巷社区"}};
    for (String[] r : rows) {
      DivisionCode c = DivisionCode.of(r[0]);
      ds.add(new Division(c, r[1], c.parent()));
    }
    return DivisionTree.of(ds);
  }

  /** Persons 1..n spread over the four communities (person i in community i % 4), cells by i % 7. */
  static TestingPopulation population(int n) {
    TestingPopulation.Builder b = new TestingPopulation.Builder(tree());
    for (int i = 1; i <= n; i++) {
      b.add(i, COMMUNITIES.get(i % 4), new GridCell(5000 + i % 7, 7000));
    }
    return b.build();
  }

  static SamplingSite site(String id) {
    return new SamplingSite(id, "采样点 " + id, STREET_A1, null, List.of());
  }

  static Campaign campaign(TargetPopulation target, int poolSize, SamplingSite... sites) {
    return new Campaign("round-1", "第1轮全员核酸", CampaignKind.CITY_ROUND, target, START, END, poolSize,
        List.of(sites));
  }

  static Campaign cityRound(int poolSize) {
    return campaign(TargetPopulation.divisions(CITY), poolSize, site("S1"), site("S2"));
  }

  static Instant at(int minutes) {
    return START.plusSeconds(minutes * 60L);
  }
}
