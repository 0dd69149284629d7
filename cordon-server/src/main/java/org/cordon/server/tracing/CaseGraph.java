package org.cordon.server.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The transmission graph of a case: the case, its contacts and the secondary contacts of its close
 * contacts, with an edge from each contact's source (the case, or for a secondary contact the close
 * contact) carrying the evidence of the earliest link.
 *
 * <p>Close and secondary contacts are all shown up to {@link CasePageController#SEVERE_CAP} each; key
 * persons and companions up to {@code limit} each, earliest exposure first. {@code total} and
 * {@code shown} count per category, so a page can say what was left out.
 */
public record CaseGraph(long caseId, List<Node> nodes, List<Edge> edges, Map<String, Long> total,
    Map<String, Integer> shown, int limit) {

  /**
   * A person in the graph.
   *
   * @param category {@code case} for the case itself and for a source that is a case of its own,
   *     else the contact's category
   * @param withheld true for a person living outside the caller's jurisdiction: no name (their
   *     jurisdiction follows them up)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Node(long personId, String name, String homeDivision, String category,
      boolean withheld) {
  }

  /**
   * A link from {@code source} to {@code target} (a contact), of the target's category.
   *
   * @param placeName the venue's name for a venue link, else null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Edge(long source, long target, String category, String via, String place,
      String placeName, OffsetDateTime firstExposure, OffsetDateTime lastExposure) {
  }
}
