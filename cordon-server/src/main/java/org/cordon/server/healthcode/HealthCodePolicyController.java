package org.cordon.server.healthcode;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.CodeChange;
import org.cordon.core.healthcode.HealthCodePolicy;
import org.cordon.core.healthcode.Regime;
import org.cordon.core.healthcode.RuleId;
import org.cordon.server.security.AuditLog;
import org.cordon.server.security.Caller;
import org.cordon.server.security.Permission;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The deployment's health-code policy: which one is active, since when and chosen by whom, which
 * presets there are; and the switch at run time, for a command centre whose jurisdiction covers the
 * deployment (every attempt audited as {@code health_code.policy}).
 */
@RestController
@RequestMapping("/api/health-codes/policy")
@Tag(name = "health codes")
public class HealthCodePolicyController {

  /** The body of a switch. */
  public record PolicyRequest(String policy) {
  }

  private static final int HISTORY = 10;

  private final HealthCodeManagement codes;
  private final HealthCodePolicies policies;
  private final AuditLog audit;
  private final String deployment;

  HealthCodePolicyController(HealthCodeManagement codes, HealthCodePolicies policies, AuditLog audit,
      @Value("${cordon.deployment.jurisdiction:1401}") String deployment) {
    this.codes = codes;
    this.policies = policies;
    this.audit = audit;
    this.deployment = deployment.strip();
  }

  @GetMapping
  @Operation(summary = "The active health-code policy, when and by whom it was set, the presets",
      description = "source is 'setting' (chosen at run time, stored) or 'configuration' "
          + "(cordon.healthcode.policy, nothing chosen yet); history lists the last choices, newest first.")
  public Map<String, Object> active(Caller caller) {
    return view(caller);
  }

  @PutMapping
  @Operation(summary = "Switch the health-code policy: body {\"policy\": \"healthcode-8th\"}",
      description = "Command centre whose jurisdiction covers the deployment's only (403 otherwise). "
          + "Stored (it survives a restart), every person re-evaluated at once; the changes are "
          + "recorded with cause 'policy <from> -> <to>' and pushed to the streams. 400 for a "
          + "missing or unknown policy, nothing changed. Every attempt is audited.")
  public Map<String, Object> change(@RequestBody(required = false) PolicyRequest body, Caller caller,
      HttpServletRequest request) {
    if (!caller.scope().contains(deployment)) {
      audit.record(caller, AuditLog.HEALTH_CODE_POLICY, null, "denied", request);
      throw new HealthCodeProblem(HttpStatus.FORBIDDEN, "switching the health-code policy needs a "
          + "jurisdiction covering the deployment's (" + deployment + "); yours is " + caller.jurisdiction());
    }
    if (body == null || body.policy() == null || body.policy().isBlank()) {
      audit.record(caller, AuditLog.HEALTH_CODE_POLICY, null, "unknown", request);
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, "policy is required, one of "
          + String.join(", ", policies.choices().keySet()));
    }
    HealthCodePolicy next;
    try {
      next = policies.choice(body.policy());
    } catch (IllegalArgumentException e) {
      audit.record(caller, AuditLog.HEALTH_CODE_POLICY, null, "unknown", request);
      throw new HealthCodeProblem(HttpStatus.BAD_REQUEST, e.getMessage());
    }
    boolean active = codes.policy().id().equals(next.id());
    // audited before anything changes: a failed audit write means no switch
    audit.record(caller, AuditLog.HEALTH_CODE_POLICY, null, active ? "unchanged" : "switched", request);
    List<CodeChange> changes = codes.switchPolicy(next, caller.name());
    Map<String, Object> answer = view(caller);
    answer.put("changes", changes.size());
    answer.put("colourChanges", changes.stream().filter(CodeChange::colourChanged).count());
    return answer;
  }

  private Map<String, Object> view(Caller caller) {
    HealthCodePolicy active = codes.policy();
    Optional<HealthCodePolicies.Setting> setting = policies.current()
        .filter(s -> s.policyId().equals(active.id()));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", active.id());
    m.put("edition", active.edition());
    m.put("source", setting.isPresent() ? "setting" : "configuration");
    m.put("setAt", setting.map(s -> IsoTime.format(s.setAt())).orElse(null));
    m.put("setBy", setting.map(HealthCodePolicies.Setting::setBy).orElse(null));
    m.put("configured", policies.configured().id());
    m.put("presets", policies.choices().values().stream().map(HealthCodePolicyController::summary).toList());
    m.put("mayChange", caller.may(Permission.SWITCH_HEALTH_CODE_POLICY) && caller.scope().contains(deployment));
    m.put("history", policies.history(HISTORY).stream().map(s -> {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("policy", s.policyId());
      h.put("previous", s.previousId());
      h.put("setAt", IsoTime.format(s.setAt()));
      h.put("setBy", s.setBy());
      return h;
    }).toList());
    return m;
  }

  /** A preset in a few words: the regimes people ask about when choosing. */
  private static Map<String, Object> summary(HealthCodePolicy p) {
    Regime close = p.regime(RuleId.CLOSE_CONTACT);
    Regime secondary = p.regime(RuleId.SECONDARY_CONTACT);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", p.id());
    m.put("edition", p.edition());
    m.put("closeContact", close.minDays() + "+" + close.monitoringDays());
    m.put("closeContactColour", close.colour().code());
    m.put("secondaryContactDays", secondary.minDays());
    m.put("secondaryContactColour", secondary.colour().code());
    m.put("secondaryCloseContactTests", p.secondaryRelease().closeContactTests());
    return m;
  }
}
