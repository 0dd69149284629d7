package org.cordon.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.place.DivisionTree;
import org.cordon.core.place.GridCell;
import org.cordon.core.primitive.PrimitiveSort;

/**
 * The persons a testing engine knows, in compact arrays: each person has a dense index, and indexes are
 * ordered by home division (then person id), so the residents of any division at any level form one
 * contiguous range of indexes; a hash table finds a person's index. About 20 bytes a person plus the
 * dictionaries. Immutable and safe to share.
 *
 * <p>The home division is the finest known division of the home (normally a community or village, level 5);
 * it must be in the {@link DivisionTree} given to the builder. The grid cell (800 m, {@link GridCell}) is
 * optional. Key groups (重点人群: couriers, cold-chain workers, ...) are named sets of persons.
 */
public final class TestingPopulation {

  private final long[] personIds;      // by index
  private final int[] cellOf;          // by index, -1 unknown
  private final GridCell[] cells;
  private final DivisionCode[] homes;  // sorted by code
  private final int[] homeStart;       // homes.length + 1 bounds of index ranges
  private final int[] idTable;         // open addressing: person index + 1, 0 = empty
  private final Map<String, int[]> groups;
  private final DivisionTree tree;

  private TestingPopulation(Builder b, DivisionTree tree) {
    this.tree = tree;
    int n = b.size;
    this.homes = b.homeList.toArray(DivisionCode[]::new);
    int[] ordinal = new int[homes.length];   // builder home number -> rank in code order
    Integer[] byCode = new Integer[homes.length];
    for (int h = 0; h < homes.length; h++) {
      byCode[h] = h;
    }
    Arrays.sort(byCode, (x, y) -> homes[x].compareTo(homes[y]));
    DivisionCode[] sortedHomes = new DivisionCode[homes.length];
    for (int r = 0; r < byCode.length; r++) {
      ordinal[byCode[r]] = r;
      sortedHomes[r] = homes[byCode[r]];
    }
    System.arraycopy(sortedHomes, 0, homes, 0, homes.length);
    this.homeStart = new int[homes.length + 1];
    for (int i = 0; i < n; i++) {
      homeStart[ordinal[b.home[i]] + 1]++;
    }
    for (int h = 0; h < homes.length; h++) {
      homeStart[h + 1] += homeStart[h];
    }
    // counting sort by home, then ids ascending within each home
    int[] next = Arrays.copyOf(homeStart, homes.length);
    this.personIds = new long[n];
    this.cellOf = new int[n];
    for (int i = 0; i < n; i++) {
      int index = next[ordinal[b.home[i]]]++;
      personIds[index] = b.ids[i];
      cellOf[index] = b.cell[i];
    }
    for (int h = 0; h < homes.length; h++) {
      PrimitiveSort.byKey(personIds, cellOf, homeStart[h], homeStart[h + 1]);
    }
    this.idTable = new int[Math.max(16, Integer.highestOneBit(Math.max(1, n + n / 2)) * 2)];
    for (int index = 0; index < n; index++) {
      if (!insert(index)) {
        throw new IllegalArgumentException("person " + personIds[index] + " is added twice");
      }
    }
    this.cells = b.cellList.toArray(GridCell[]::new);
    Map<String, int[]> g = new TreeMap<>();
    for (Map.Entry<String, List<Long>> e : b.groupMembers.entrySet()) {
      int[] members = new int[e.getValue().size()];
      int m = 0;
      for (long id : e.getValue()) {
        int index = index(id);
        if (index < 0) {
          throw new IllegalArgumentException("group " + e.getKey() + " names unknown person " + id);
        }
        members[m++] = index;
      }
      g.put(e.getKey(), Arrays.stream(members).sorted().distinct().toArray());
    }
    this.groups = g;
  }

  /** Number of persons. */
  public int size() {
    return personIds.length;
  }

  /** The division tree the home divisions belong to. */
  public DivisionTree tree() {
    return tree;
  }

  /** The dense index of a person, or {@code -1} if unknown. O(1): one probe of a hash table, usually. */
  public int index(long personId) {
    int mask = idTable.length - 1;
    for (int slot = slot(personId, mask); ; slot = (slot + 1) & mask) {
      int e = idTable[slot];
      if (e == 0) {
        return -1;
      }
      if (personIds[e - 1] == personId) {
        return e - 1;
      }
    }
  }

  private boolean insert(int index) {
    long id = personIds[index];
    int mask = idTable.length - 1;
    int slot = slot(id, mask);
    while (idTable[slot] != 0) {
      if (personIds[idTable[slot] - 1] == id) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    idTable[slot] = index + 1;
    return true;
  }

  private static int slot(long id, int mask) {
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  /** The person id at {@code index}. */
  public long personId(int index) {
    return personIds[index];
  }

  /** Number of distinct home divisions. */
  public int homeCount() {
    return homes.length;
  }

  /** The {@code h}-th home division in code order. */
  public DivisionCode home(int h) {
    return homes[h];
  }

  /** First person index living in home {@code h}. */
  public int homeStart(int h) {
    return homeStart[h];
  }

  /** One past the last person index living in home {@code h}. */
  public int homeEnd(int h) {
    return homeStart[h + 1];
  }

  /** The home number of the person at {@code index}. O(log homes). */
  public int homeOf(int index) {
    int h = Arrays.binarySearch(homeStart, index);
    if (h < 0) {
      return -h - 2;
    }
    while (h + 1 < homeStart.length - 1 && homeStart[h + 1] == index) {
      h++;   // skip homes without persons (never built, but keep the search exact)
    }
    return h;
  }

  /** The home division of the person at {@code index}. */
  public DivisionCode homeDivision(int index) {
    return homes[homeOf(index)];
  }

  /**
   * The range {@code [from, to)} of person indexes living in {@code division} (any level), empty
   * ({@code from == to}) when nobody lives there.
   */
  public int[] range(DivisionCode division) {
    String prefix = division.value();
    int lo = lowerHome(prefix);
    int hi = lo;
    while (hi < homes.length && homes[hi].value().startsWith(prefix)) {
      hi++;
    }
    return new int[] {homeStart[lo], homeStart[hi]};
  }

  private int lowerHome(String prefix) {
    int lo = 0;
    int hi = homes.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (homes[mid].value().compareTo(prefix) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The grid-cell number of the person at {@code index}, or {@code -1}. */
  public int cellOf(int index) {
    return cellOf[index];
  }

  /** Number of distinct grid cells. */
  public int cellCount() {
    return cells.length;
  }

  /** The grid cell with number {@code c}. */
  public GridCell cell(int c) {
    return cells[c];
  }

  /** The key groups, sorted by name. */
  public Set<String> groupNames() {
    return new TreeSet<>(groups.keySet());
  }

  /** The sorted person indexes of a key group; empty for an unknown group. */
  public int[] groupMembers(String group) {
    int[] m = groups.get(group);
    return m == null ? new int[0] : m.clone();
  }

  /** Collects persons; not thread-safe. */
  public static final class Builder {
    private final DivisionTree tree;
    private long[] ids = new long[1024];
    private int[] home = new int[1024];
    private int[] cell = new int[1024];
    private int size;
    private final Map<DivisionCode, Integer> homeNumbers = new HashMap<>();
    private final List<DivisionCode> homeList = new ArrayList<>();
    private final Map<GridCell, Integer> cellNumbers = new HashMap<>();
    private final List<GridCell> cellList = new ArrayList<>();
    private final Map<String, List<Long>> groupMembers = new HashMap<>();

    /** A builder whose home divisions must be in {@code tree}. */
    public Builder(DivisionTree tree) {
      this.tree = tree;
    }

    /**
     * Adds a person.
     *
     * @param cell the home grid cell, or {@code null} when unknown
     * @throws IllegalArgumentException for a non-positive id or a home division not in the tree
     */
    public Builder add(long personId, DivisionCode homeDivision, GridCell cell) {
      if (personId <= 0) {
        throw new IllegalArgumentException("person_id must be positive, got " + personId);
      }
      Integer h = homeNumbers.get(homeDivision);
      if (h == null) {
        tree.get(homeDivision);
        h = homeList.size();
        homeNumbers.put(homeDivision, h);
        homeList.add(homeDivision);
      }
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, size * 2);
        home = Arrays.copyOf(home, size * 2);
        this.cell = Arrays.copyOf(this.cell, size * 2);
      }
      ids[size] = personId;
      home[size] = h;
      this.cell[size] = cell == null ? -1 : cellNumbers.computeIfAbsent(cell, c -> {
        cellList.add(c);
        return cellList.size() - 1;
      });
      size++;
      return this;
    }

    /** Puts a person (added before or after) into a key group, e.g. {@code courier}. */
    public Builder group(long personId, String group) {
      if (group == null || group.isBlank()) {
        throw new IllegalArgumentException("group name is empty");
      }
      groupMembers.computeIfAbsent(group, g -> new ArrayList<>()).add(personId);
      return this;
    }

    /**
     * Builds the population.
     *
     * @throws IllegalArgumentException for a person added twice or a group member never added
     */
    public TestingPopulation build() {
      return new TestingPopulation(this, tree);
    }
  }
}
