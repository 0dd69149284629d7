package org.cordon.core.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.junit.jupiter.api.Test;

class CountyBoundariesTest {

  private static final CountyBoundaries BOUNDARIES = CountyBoundaries.shipped();
  private static final DivisionTree TREE = DivisionTree.shipped();
  private static final GeometryFactory GF = new GeometryFactory();

  private static DivisionCode code(String c) {
    return new DivisionCode(c);
  }

  private static Point point(GeoPoint p) {
    return GF.createPoint(new Coordinate(p.lon(), p.lat()));
  }

  @Test
  void everyShanxiCountyOfTheDivisionTreeHasABoundaryUnderItsCurrentName() {
    TreeSet<DivisionCode> expected = TREE.descendantsAtLevel(code("14"), 3).stream()
        .map(Division::code)
        .filter(c -> !c.inStatisticalZone())
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(expected).hasSize(117);
    assertThat(BOUNDARIES.counties()).containsExactlyElementsOf(expected);
    for (DivisionCode c : BOUNDARIES.counties()) {
      assertThat(BOUNDARIES.name(c)).isEqualTo(TREE.get(c).name());
      Geometry g = BOUNDARIES.boundary(c).orElseThrow();
      assertThat(g.isValid()).as("shape of %s", c).isTrue();
      assertThat(BOUNDARIES.areaKm2(c)).as("area of %s", c).isBetween(10.0, 6_000.0);
    }
  }

  @Test
  void theCountyAreasAddUpToShanxisArea() {
    double total = BOUNDARIES.counties().stream().mapToDouble(BOUNDARIES::areaKm2).sum();
    // Shanxi's published area is 156,711 km²; the source shapes are simplified
    assertThat(total).isCloseTo(156_711, within(1_500.0));
  }

  @Test
  void knownPlacesLieInTheirCounties() {
    // central Taiyuan by 五一广场, about 400 m inside 迎泽区 on these shapes
    assertThat(BOUNDARIES.countyAt(new GeoPoint(37.8665, 112.5636))).contains(code("140106"));
    // the ancient city of Pingyao, the old town of Datong, the centre of Yuncheng, of Changzhi, of Xinzhou
    assertThat(BOUNDARIES.countyAt(new GeoPoint(37.20, 112.18))).contains(code("140728"));
    assertThat(BOUNDARIES.countyAt(new GeoPoint(40.09, 113.30))).contains(code("140213"));
    assertThat(BOUNDARIES.countyAt(new GeoPoint(35.03, 111.00))).contains(code("140802"));
    assertThat(BOUNDARIES.countyAt(new GeoPoint(36.19, 113.12))).contains(code("140403"));
    assertThat(BOUNDARIES.countyAt(new GeoPoint(38.41, 112.73))).contains(code("140902"));
    // Tiananmen, Beijing: outside every shipped shape
    assertThat(BOUNDARIES.countyAt(new GeoPoint(39.9075, 116.3972))).isEmpty();
  }

  @Test
  void countyAtAgreesWithAScanOfEveryShape() {
    Map<DivisionCode, Geometry> shapes = new TreeMap<>();
    for (DivisionCode c : BOUNDARIES.counties()) {
      shapes.put(c, BOUNDARIES.boundary(c).orElseThrow());
    }
    SplittableRandom random = new SplittableRandom(7);
    int inSome = 0;
    for (int i = 0; i < 2_000; i++) {
      GeoPoint p = new GeoPoint(34.4 + random.nextDouble() * 6.4, 110.2 + random.nextDouble() * 4.4);
      Optional<DivisionCode> expected = Optional.empty();
      for (Map.Entry<DivisionCode, Geometry> e : shapes.entrySet()) {
        if (e.getValue().covers(point(p))) {
          expected = Optional.of(e.getKey());
          break;
        }
      }
      assertThat(BOUNDARIES.countyAt(p)).as("county at %s", p).isEqualTo(expected);
      if (expected.isPresent()) {
        inSome++;
      }
    }
    // Shanxi fills a bit over half of that box
    assertThat(inSome).isBetween(800, 1_600);
  }

  @Test
  void concurrentLookupsAgreeWithSequentialOnes() throws Exception {
    CountyBoundaries fresh = CountyBoundaries.fromGeoJson(List.of(BOUNDARIES.geoJson(code("14"))));
    SplittableRandom random = new SplittableRandom(9);
    List<GeoPoint> points = new ArrayList<>();
    for (int i = 0; i < 4_000; i++) {
      points.add(new GeoPoint(34.4 + random.nextDouble() * 6.4, 110.2 + random.nextDouble() * 4.4));
    }
    List<Optional<DivisionCode>> expected = points.stream().map(BOUNDARIES::countyAt).toList();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<Optional<DivisionCode>>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(pool.submit(() -> points.stream().map(fresh::countyAt).toList()));
      }
      for (java.util.concurrent.Future<List<Optional<DivisionCode>>> r : results) {
        assertThat(r.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void randomPointsFallInsideTheirCountyAndRepeatForTheSameSeed() {
    for (DivisionCode c : BOUNDARIES.counties()) {
      Geometry g = BOUNDARIES.boundary(c).orElseThrow();
      SplittableRandom random = new SplittableRandom(c.value().hashCode());
      for (int i = 0; i < 20; i++) {
        GeoPoint p = BOUNDARIES.randomPointIn(c, random);
        assertThat(g.contains(point(p))).as("%s in %s", p, c).isTrue();
      }
    }
    List<GeoPoint> first = sample(code("140105"), 11, 100);
    assertThat(sample(code("140105"), 11, 100)).isEqualTo(first);
    assertThat(sample(code("140105"), 12, 100)).isNotEqualTo(first);
  }

  @Test
  void randomPointsAreSpreadByArea() {
    // The west half of 小店区's bounding box against the east half: the share of points in each must
    // match the share of the county's area in each.
    DivisionCode c = code("140105");
    Geometry g = BOUNDARIES.boundary(c).orElseThrow();
    double midLon = g.getEnvelopeInternal().centre().x;
    Geometry westBox = GF.toGeometry(new org.locationtech.jts.geom.Envelope(
        g.getEnvelopeInternal().getMinX(), midLon, g.getEnvelopeInternal().getMinY(),
        g.getEnvelopeInternal().getMaxY()));
    double westShare = g.intersection(westBox).getArea() / g.getArea();
    int n = 20_000;
    long west = sample(c, 3, n).stream().filter(p -> p.lon() < midLon).count();
    assertThat((double) west / n).isCloseTo(westShare, within(0.02));
  }

  private static List<GeoPoint> sample(DivisionCode c, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<GeoPoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(BOUNDARIES.randomPointIn(c, random));
    }
    return out;
  }

  @Test
  void aCountyWithoutAShapeIsReported() {
    assertThat(BOUNDARIES.boundary(code("140171"))).isEmpty();
    assertThatThrownBy(() -> BOUNDARIES.areaKm2(code("140171")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no boundary for county 140171");
    assertThatThrownBy(() -> BOUNDARIES.randomPointIn(code("110101"), new SplittableRandom(1)))
        .hasMessage("no boundary for county 110101");
  }

  @Test
  void geoJsonOfAPrefectureHoldsItsCountiesAndReadsBack() {
    String json = BOUNDARIES.geoJson(code("1401"));
    CountyBoundaries taiyuan = CountyBoundaries.fromGeoJson(List.of(json));
    assertThat(taiyuan.counties()).extracting(DivisionCode::value).containsExactly(
        "140105", "140106", "140107", "140108", "140109", "140110", "140121", "140122", "140123", "140181");
    for (DivisionCode c : taiyuan.counties()) {
      assertThat(taiyuan.boundary(c).orElseThrow().equalsExact(BOUNDARIES.boundary(c).orElseThrow())).isTrue();
      assertThat(taiyuan.name(c)).isEqualTo(BOUNDARIES.name(c));
    }
    assertThat(CountyBoundaries.fromGeoJson(List.of(BOUNDARIES.geoJson(code("14")))).counties()).hasSize(117);
    assertThat(BOUNDARIES.geoJson(code("140105"))).contains("\"小店区\"");
    assertThat(BOUNDARIES.geoJson(code("11"))).isEqualTo("{\"type\":\"FeatureCollection\",\"features\":[]}");
  }

  @Test
  void readingGeoJsonRejectsWhatIsNotACountyShape() {
    String square = "[[[112,37],[113,37],[113,38],[112,38],[112,37]]]";
    String bowtie = "[[[112,37],[113,38],[113,37],[112,38],[112,37]]]";
    assertThatThrownBy(() -> read("1401", "Polygon", square)).hasMessage("feature 0: code 1401 is not a county");
    assertThatThrownBy(() -> read("140105", "LineString", "[[112,37],[113,38]]"))
        .hasMessage("feature 0: county 140105 has geometry LineString, not a (Multi)Polygon");
    assertThatThrownBy(() -> read("140105", "Polygon", bowtie))
        .hasMessage("feature 0: county 140105 has an invalid shape");
    assertThatThrownBy(() -> CountyBoundaries.fromGeoJson(List.of("{\"type\":\"FeatureCollection\",\"features\":[")))
        .hasMessageContaining("JSON syntax error at offset");
    assertThat(read("140105", "Polygon", square).areaKm2(code("140105"))).isCloseTo(
        // 1° x 1° at 37..38°N: about 111.0 km by 88.0 km
        9_770, within(60.0));
  }

  private static CountyBoundaries read(String code, String type, String coordinates) {
    return CountyBoundaries.fromGeoJson(List.of("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
        + "\"properties\":{\"code\":\"" + code + "\",\"name\":\"x\"},\"geometry\":{\"type\":\"" + type
        + "\",\"coordinates\":" + coordinates + "}}]}"));
  }
}
