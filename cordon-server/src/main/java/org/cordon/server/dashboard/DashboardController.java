package org.cordon.server.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cordon.core.place.DivisionCode;
import org.cordon.server.security.Caller;
import org.cordon.server.security.DivisionNames;
import org.cordon.server.security.Jurisdiction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/dashboard/summary}: counts by division for the console. */
@RestController
@RequestMapping("/api/dashboard")
@Tag(name = "dashboard", description = "Counts by division within the caller's jurisdiction")
public class DashboardController {

  private final DashboardQueries queries;
  private final DivisionNames names;
  private final Clock clock;
  private final ZoneId zone;

  public DashboardController(DashboardQueries queries, DivisionNames names,
      ObjectProvider<Clock> clock, @Value("${cordon.zone:Asia/Shanghai}") String zone) {
    this.queries = queries;
    this.names = names;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.zone = ZoneId.of(zone);
  }

  @GetMapping("/summary")
  @Operation(summary = "Persons, venues and scans today under a division and per child division",
      description = "division defaults to the caller's jurisdiction; 403 if it lies outside it.")
  public DashboardSummary summary(@RequestParam(required = false) String division, Caller caller) {
    DivisionCode code = division == null || division.isBlank() ? caller.jurisdiction()
        : caller.scope().require(DivisionCode.of(division));
    Jurisdiction scope = new Jurisdiction(code);
    int childLength = DashboardQueries.childLength(code);
    int groupLength = childLength == 0 ? code.value().length() : childLength;
    LocalDate today = LocalDate.now(clock.withZone(zone));
    OffsetDateTime from = today.atStartOfDay(zone).toOffsetDateTime();
    OffsetDateTime to = today.plusDays(1).atStartOfDay(zone).toOffsetDateTime();

    DashboardQueries.Grouped persons = queries.persons(scope, groupLength);
    DashboardQueries.Grouped venues = queries.venues(scope, groupLength);
    DashboardQueries.Grouped scans = queries.scans(scope, groupLength, from, to);

    List<DivisionCounts> children = new ArrayList<>();
    if (childLength > 0) {
      Set<String> codes = new TreeSet<>();
      for (DashboardQueries.Grouped g : List.of(persons, venues, scans)) {
        g.byPrefix().keySet().stream().filter(k -> k.length() == childLength).forEach(codes::add);
      }
      for (String child : codes) {
        children.add(new DivisionCounts(child, name(child),
            persons.byPrefix().getOrDefault(child, 0L), venues.byPrefix().getOrDefault(child, 0L),
            scans.byPrefix().getOrDefault(child, 0L)));
      }
    }
    return new DashboardSummary(code.value(), names.displayName(code), persons.total(),
        venues.total(), scans.total(), children);
  }

  private String name(String code) {
    try {
      return names.displayName(new DivisionCode(code));
    } catch (IllegalArgumentException e) {
      return code; // a stored code that is not a well-formed division code: show it as it is
    }
  }
}
