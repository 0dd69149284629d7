package org.cordon.core.presence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The obviously right model of a presence index: a list of rows and linear scans. */
final class ReferencePresences {
  /** A presence in Unix epoch seconds, [start, end). */
  record Row(long personId, String placeId, long start, long end, int seat) {
  }

  static final Comparator<Row> ORDER = Comparator.comparingLong(Row::personId)
      .thenComparing(Row::placeId).thenComparingLong(Row::start).thenComparingLong(Row::end)
      .thenComparingInt(Row::seat);

  private final List<Row> rows = new ArrayList<>();

  void add(Row row) {
    rows.add(row);
  }

  List<Row> atPlace(String placeId, long from, long to) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.placeId().equals(placeId) && from < to && r.start() < to && r.end() > from) {
        out.add(r);
      }
    }
    out.sort(ORDER);
    return out;
  }

  List<Row> ofPerson(long personId, long from, long to) {
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      if (r.personId() == personId && from < to && r.start() < to && r.end() > from) {
        out.add(r);
      }
    }
    out.sort(ORDER);
    return out;
  }

  /** Runs a query on the index and returns what it visited as reference rows, sorted. */
  static List<Row> collect(PresenceIndex index, java.util.function.Consumer<PresenceVisitor> query) {
    List<Row> out = new ArrayList<>();
    query.accept((person, place, start, end, seat) -> out.add(new Row(index.personId(person),
        index.placeId(place), PresenceTime.toEpochSecond(start), PresenceTime.toEpochSecond(end), seat)));
    out.sort(ORDER);
    return out;
  }
}
