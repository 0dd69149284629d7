package org.cordon.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DivisionTreeTest {

  private static final DivisionTree TREE = DivisionTree.shipped();

  private static DivisionCode code(String c) {
    return new DivisionCode(c);
  }

  private static List<String> codes(List<Division> ds) {
    return ds.stream().map(d -> d.code().value()).toList();
  }

  @Test
  void shipsTheWholeCountryDownToTownshipsAndShanxiDownToCommunities() {
    int[] perLevel = new int[6];
    for (Division p : TREE.provinces()) {
      for (int level = 1; level <= 5; level++) {
        perLevel[level] += TREE.descendantsAtLevel(p.code(), level).size();
      }
    }
    assertThat(perLevel[1]).isEqualTo(31);
    assertThat(perLevel[2]).isEqualTo(342);
    assertThat(perLevel[3]).isEqualTo(2978);
    assertThat(perLevel[4]).isEqualTo(41352);
    assertThat(perLevel[5]).isEqualTo(21895);
    assertThat(perLevel[1] + perLevel[2] + perLevel[3] + perLevel[4] + perLevel[5]).isEqualTo(TREE.size());
    assertThat(TREE.descendantsAtLevel(code("14"), 5)).hasSize(21895);
  }

  @Test
  void everyDivisionsParentIsInTheTreeAndListsItAsAChild() {
    for (Division p : TREE.provinces()) {
      assertThat(p.parent()).isNull();
      for (int level = 2; level <= 5; level++) {
        for (Division d : TREE.descendantsAtLevel(p.code(), level)) {
          assertThat(TREE.find(d.parent())).as("parent of %s", d.code()).isPresent();
          assertThat(TREE.children(d.parent())).contains(d);
        }
      }
    }
  }

  @Test
  void shanxiHasItsElevenPrefecturesAndTheirCounties() {
    assertThat(TREE.get(code("14")).name()).isEqualTo("山西省");
    assertThat(TREE.children(code("14"))).extracting(Division::name).containsExactly(
        "太原市", "大同市", "阳泉市", "长治市", "晋城市", "朔州市", "晋中市", "运城市", "忻州市", "临汾市", "吕梁市");
    List<Division> counties = TREE.descendantsAtLevel(code("14"), 3);
    // 117 GB/T 2260 counties plus 4 statistical zones (county part 71..80)
    assertThat(counties).hasSize(121);
    assertThat(counties.stream().filter(d -> d.code().inStatisticalZone()).map(d -> d.code().value()))
        .containsExactly("140171", "140271", "140671", "140971");
    assertThat(TREE.get(code("140105")).name()).isEqualTo("小店区");
    assertThat(TREE.get(code("140213")).name()).isEqualTo("平城区");
    assertThat(TREE.get(code("141182")).name()).isEqualTo("汾阳市");
    for (Division county : counties) {
      assertThat(TREE.children(county.code())).as("townships of %s", county.code()).isNotEmpty();
    }
    for (Division township : TREE.descendantsAtLevel(code("14"), 4)) {
      assertThat(TREE.children(township.code())).as("communities of %s", township.code()).isNotEmpty();
    }
  }

  @Test
  void municipalitiesAndDirectlyAdministeredCountiesHaveTheirPlaceholderPrefecture() {
    assertThat(TREE.path(code("110101"))).isEqualTo("北京市/市辖区/东城区");
    assertThat(TREE.get(code("4190")).name()).isEqualTo("省直辖县级行政区划");
    assertThat(TREE.get(code("441900")).parent()).isEqualTo(code("4419"));
  }

  @Test
  void ancestorsRunFromTheProvinceDownExcludingTheDivisionItself() {
    assertThat(codes(TREE.ancestors(code("140105001001"))))
        .containsExactly("14", "1401", "140105", "140105001");
    assertThat(TREE.ancestors(code("14"))).isEmpty();
    assertThat(TREE.path(code("140105001001"))).isEqualTo("山西省/太原市/小店区/坞城街道/师范街社区居委会");
  }

  @Test
  void childrenAreSortedByCodeAndEmptyForACommunity() {
    List<String> children = codes(TREE.children(code("1401")));
    assertThat(children).isSorted().contains("140105", "140106", "140181").hasSize(11);
    assertThat(TREE.children(code("140105001001"))).isEmpty();
  }

  @Test
  void descendantsAtALevelAreThoseWhoseCodeExtendsTheDivisionsCode() {
    List<Division> communities = TREE.descendantsAtLevel(code("140105"), 5);
    assertThat(codes(communities)).isSorted().allMatch(c -> c.startsWith("140105") && c.length() == 12);
    int viaChildren = TREE.children(code("140105")).stream().mapToInt(t -> TREE.children(t.code()).size()).sum();
    assertThat(communities).hasSize(viaChildren);
    assertThat(TREE.descendantsAtLevel(code("140105"), 3)).containsExactly(TREE.get(code("140105")));
    assertThatThrownBy(() -> TREE.descendantsAtLevel(code("140105"), 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("level must be between 3");
    assertThatThrownBy(() -> TREE.descendantsAtLevel(code("140105"), 6))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void searchPutsExactNamesFirstThenPrefixesThenTheRest() {
    List<Division> hits = TREE.search("小店", 50);
    assertThat(hits).isNotEmpty().allMatch(d -> d.name().contains("小店"));
    assertThat(hits.get(0).name()).startsWith("小店");
    assertThat(TREE.search("小店区", 3).get(0).code()).isEqualTo(code("140105"));
    List<Division> chengqu = TREE.search("城区", 500);
    int firstNonExact = 0;
    while (chengqu.get(firstNonExact).name().equals("城区")) {
      firstNonExact++;
    }
    assertThat(chengqu.subList(0, 2)).extracting(d -> d.code().value()).containsExactly("140302", "140502");
    assertThat(chengqu.subList(firstNonExact, chengqu.size())).noneMatch(d -> d.name().equals("城区"));
    assertThat(TREE.search("城区", 3)).hasSize(3);
    assertThat(TREE.search("不存在的地名", 10)).isEmpty();
  }

  @Test
  void searchRejectsABlankFragmentOrALimitBelowOne() {
    assertThatThrownBy(() -> TREE.search(" ", 10)).hasMessageContaining("non-blank");
    assertThatThrownBy(() -> TREE.search("太原", 0)).hasMessageContaining("at least 1");
  }

  @Test
  void anUnknownCodeIsReportedByName() {
    assertThat(TREE.find(code("140199"))).isEmpty();
    assertThatThrownBy(() -> TREE.get(code("140199")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown division 140199");
    assertThatThrownBy(() -> TREE.children(code("99"))).hasMessage("unknown division 99");
    assertThatThrownBy(() -> TREE.ancestors(code("140105999"))).hasMessage("unknown division 140105999");
  }

  @Test
  void readingATableReportsTheLineOfAMalformedRowAndAMissingParent() {
    assertThatThrownBy(() -> read("# c\n14\t山西省\n1401 太原市\n"))
        .hasMessage("division table line 3: expected code<TAB>name");
    assertThatThrownBy(() -> read("14\t山西省\n14x1\t太原市\n"))
        .hasMessageStartingWith("division table line 2: division code must be digits only");
    assertThatThrownBy(() -> read("14\t山西省\n140105\t小店区\n"))
        .hasMessage("division 140105 小店区 has no parent 1401 in the tree");
    assertThatThrownBy(() -> read("14\t山西省\n14\t山西\n")).hasMessage("division 14 appears twice");
  }

  @Test
  void aSmallTableReadsIntoATree() throws IOException {
    DivisionTree t = read("14\t山西省\r\n\n1401\t太原市\n140105\t小店区\n");
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.path(code("140105"))).isEqualTo("山西省/太原市/小店区");
  }

  private static DivisionTree read(String text) throws IOException {
    return DivisionTree.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
