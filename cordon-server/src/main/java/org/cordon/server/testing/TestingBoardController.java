package org.cordon.server.testing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cordon.core.place.DivisionCode;
import org.cordon.core.testing.PoolPlanner;
import org.cordon.core.testing.TestingPolicy;
import org.cordon.server.export.XlsxTable;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Paging;
import org.cordon.server.security.Permission;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Boards and lists of a campaign: coverage, lab turnaround, missed persons, recall and missed tasks. */
@RestController
@RequestMapping("/api/testing")
@Tag(name = "testing")
public class TestingBoardController {

  /** Rows of one xlsx export at most (a community is a few thousand residents). */
  static final int EXPORT_LIMIT = 100_000;

  private final CampaignManagement campaigns;
  private final TestingBoards boards;
  private final RoundSnapshots rounds;
  private final AuditLog audit;
  private final Clock clock;
  private final TestingPolicy policy;

  TestingBoardController(CampaignManagement campaigns, TestingBoards boards, RoundSnapshots rounds,
      AuditLog audit, ObjectProvider<Clock> clock, TestingPolicy policy) {
    this.campaigns = campaigns;
    this.boards = boards;
    this.rounds = rounds;
    this.audit = audit;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.policy = policy;
  }

  @GetMapping("/pool-plan")
  @Operation(summary = "Dorfman pool-size plan for an estimated prevalence",
      description = "Expected tests and recall visits per person for each pool size of the policy (or "
          + "every size up to maxPool), and the size with the fewest tests; 400 for a prevalence "
          + "outside (0, 1).")
  public PoolPlanner.PoolPlan poolPlan(@RequestParam double prevalence,
      @RequestParam(required = false) Integer maxPool) {
    return maxPool == null
        ? PoolPlanner.plan(prevalence, policy.poolSizes().stream().mapToInt(Integer::intValue).toArray())
        : PoolPlanner.planUpTo(prevalence, maxPool);
  }

  @GetMapping("/campaigns/{id}/coverage")
  @Operation(summary = "Targeted, sampled, resulted, missed, recall and positive in a division and each "
      + "of its children", description = "From the campaign's in-memory round (rebuilt from the tables "
      + "after a change). division defaults to the caller's jurisdiction; 403 outside it.")
  public CoverageView coverage(@PathVariable String id, @RequestParam(required = false) String division,
      Caller caller) {
    CampaignView c = campaigns.require(caller, id);
    DivisionCode d = division(caller, division);
    return boards.coverage(c, d, rounds.round(c));
  }

  @GetMapping("/campaigns/{id}/turnaround")
  @Operation(summary = "Lab turnaround: tubes sampled → received → resulted, alarms past the limit",
      description = "The limit is the testing policy's turnaround-limit-hours (default 6). Tubes of sites in "
          + "the caller's jurisdiction; alarms first.")
  public TurnaroundView turnaround(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size, Caller caller) {
    return boards.turnaround(campaigns.require(caller, id), caller.scope(),
        policy.turnaroundLimitHours(), clock.instant(),
        new Paging(page, size));
  }

  @GetMapping("/campaigns/{id}/missed")
  @Operation(summary = "Targeted residents of a division not yet sampled (不漏一人); audited, masked")
  public List<MissedPerson> missed(@PathVariable String id, @RequestParam String division,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
      Caller caller, HttpServletRequest request) {
    CampaignView c = campaigns.require(caller, id);
    DivisionCode d = division(caller, division);
    Paging paging = new Paging(page, size);
    audit.testingListRead(caller, request);
    return boards.missed(c, d, paging, caller.may(Permission.SEE_FULL_IDENTITY_NUMBER),
        caller.may(Permission.SEE_FULL_PHONE));
  }

  @GetMapping("/campaigns/{id}/missed.xlsx")
  @Operation(summary = "The missed residents of a division as an Excel download; audited, masked")
  public void missedXlsx(@PathVariable String id, @RequestParam String division, Caller caller,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    CampaignView c = campaigns.require(caller, id);
    DivisionCode d = division(caller, division);
    audit.testingListRead(caller, request);
    List<MissedPerson> rows = new ArrayList<>();
    boolean fullId = caller.may(Permission.SEE_FULL_IDENTITY_NUMBER);
    boolean fullPhone = caller.may(Permission.SEE_FULL_PHONE);
    for (int page = 0; rows.size() < EXPORT_LIMIT; page++) {
      List<MissedPerson> chunk = boards.missed(c, d, new Paging(page, Paging.MAX_SIZE), fullId,
          fullPhone);
      rows.addAll(chunk);
      if (chunk.size() < Paging.MAX_SIZE) {
        break;
      }
    }
    response.setContentType(XlsxTable.CONTENT_TYPE);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"" + MissedExport.fileName(c.campaignId(), d.value()) + "\"");
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    MissedExport.write(rows, response.getOutputStream());
  }

  @PostMapping("/campaigns/{id}/missed/tasks")
  @Operation(summary = "Push a task for every missed resident of a division to its community",
      description = "Idempotent: a resident who has a missed task already gets no second one.")
  public Map<String, Object> pushMissed(@PathVariable String id, @RequestParam String division,
      Caller caller) {
    CampaignView c = campaigns.require(caller, id);
    DivisionCode d = division(caller, division);
    int created = boards.pushMissed(c, d, caller.name(), clock.instant());
    return Map.of("campaignId", c.campaignId(), "division", d.value(), "created", created);
  }

  @GetMapping("/tasks")
  @Operation(summary = "Recall and missed tasks of residents of the caller's jurisdiction; audited",
      description = "kind recall|missed, status open|done|cancelled, campaign, division (a community "
          + "or any division above it); newest first; identity numbers and phones masked per role.")
  public List<TaskView> tasks(@RequestParam(required = false) String kind,
      @RequestParam(required = false) String campaign, @RequestParam(required = false) String status,
      @RequestParam(required = false) String division, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size, Caller caller, HttpServletRequest request) {
    String k = oneOf("kind", kind, Set.of("recall", "missed"));
    String s = oneOf("status", status, Set.of("open", "done", "cancelled"));
    DivisionCode d = division == null || division.isBlank() ? null : division(caller, division);
    Paging paging = new Paging(page, size);
    audit.testingListRead(caller, request);
    return boards.tasks(caller.scope(), k, campaign, s, d, paging,
        caller.may(Permission.SEE_FULL_IDENTITY_NUMBER), caller.may(Permission.SEE_FULL_PHONE));
  }

  private static DivisionCode division(Caller caller, String text) {
    return text == null || text.isBlank() ? caller.jurisdiction()
        : caller.scope().require(DivisionCode.of(text.strip()));
  }

  private static String oneOf(String field, String value, Set<String> allowed) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (!allowed.contains(v)) {
      throw TestingProblem.badRequest(field + " '" + value + "' is not one of " + allowed);
    }
    return v;
  }
}
