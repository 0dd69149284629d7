package org.cordon.server.place;

import org.cordon.core.place.Division;
import org.cordon.core.place.DivisionTree;

/**
 * A division as the API shows it.
 *
 * @param code   code in its significant length (2, 4, 6, 9 or 12 digits)
 * @param name   published name
 * @param level  1 province, 2 prefecture, 3 county, 4 township/street, 5 village/community
 * @param parent the containing division's code, {@code null} for a province
 * @param path   names from the province down, joined by {@code /}
 */
public record DivisionView(String code, String name, int level, String parent, String path) {

  static DivisionView of(Division d, DivisionTree tree) {
    return new DivisionView(d.code().value(), d.name(), d.level(),
        d.parent() == null ? null : d.parent().value(), tree.path(d.code()));
  }
}
