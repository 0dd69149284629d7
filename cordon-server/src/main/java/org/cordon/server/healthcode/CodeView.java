package org.cordon.server.healthcode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.healthcode.HealthCode;
import org.cordon.core.healthcode.Reason;
import org.cordon.core.healthcode.RuleId;

/**
 * A health code as the API and the resident page show it: colour, reasons in plain words (Chinese and
 * English), since and until (ISO-8601 at +08:00), and what to do to turn green.
 *
 * @param colour {@code green}, {@code yellow} or {@code red}
 * @param since when the code took this colour; null when it never had another
 * @param until when it changes unless something happens; null when it waits for an event
 * @param toGreenZh what to do to turn green, one step per reason's rule (empty when green)
 * @param policy the policy that decided it, e.g. {@code healthcode-9th}
 */
public record CodeView(long personId, String colour, String colourZh, List<ReasonView> reasons,
    String since, String until, List<String> toGreenZh, List<String> toGreenEn, String policy) {

  /** One reason. */
  public record ReasonView(String rule, String ruleZh, String ruleEn, String colour, String textZh,
      String textEn, String since, String until, boolean monitoring, int negativeTestsNeeded) {
  }

  static CodeView of(HealthCode code) {
    List<ReasonView> reasons = new ArrayList<>();
    Set<String> zh = new LinkedHashSet<>();
    Set<String> en = new LinkedHashSet<>();
    for (Reason r : code.reasons()) {
      reasons.add(new ReasonView(r.rule().code(), r.rule().nameZh(), r.rule().nameEn(), r.colour().code(),
          r.textZh(), r.textEn(), time(r.since()), time(r.until()), r.monitoring(),
          r.negativeTestsNeeded()));
      zh.add(adviceZh(r));
      en.add(adviceEn(r));
    }
    return new CodeView(code.personId(), code.colour().code(), code.colour().nameZh(), reasons,
        time(code.since()), time(code.until()), List.copyOf(zh), List.copyOf(en), code.policyId());
  }

  private static String time(Instant t) {
    return t == null ? null : IsoTime.format(t);
  }

  private static String adviceZh(Reason r) {
    if (r.monitoring()) {
      return "居家健康监测期间每日测体温，不聚集、不外出非必要活动，监测期满自动转绿";
    }
    return switch (r.rule()) {
      case CASE, POSITIVE_TEST -> "听从医疗机构安排，治愈出院后按规定转码";
      case ISOLATION, CLOSE_CONTACT, SECONDARY_CONTACT -> "配合隔离管理，按时完成核酸检测，解除隔离后转码";
      case KEY_PERSON, COMPANION -> "请尽快到就近核酸采样点检测，结果阴性后自动转绿";
      case POOL_RECALL -> "请在家等候，按社区通知到指定采样点单管复核，复核阴性后自动转绿";
      case ARRIVAL_HIGH_RISK, ARRIVAL_MEDIUM_RISK, ARRIVAL_LOW_RISK ->
          "向社区报备，按要求完成落地核酸检测和健康监测";
      case SEALED_ZONE, CONTROLLED_ZONE, PREVENTION_ZONE -> "遵守所在区域管控要求，区域解封或降级后自动转码";
      case KEY_GROUP_TEST_OVERDUE -> "请尽快到核酸采样点完成规定的定期检测，结果阴性后自动转绿";
    };
  }

  private static String adviceEn(Reason r) {
    if (r.monitoring()) {
      return "home health monitoring: take your temperature daily and avoid gatherings; green when it ends";
    }
    RuleId rule = r.rule();
    return switch (rule) {
      case CASE, POSITIVE_TEST -> "follow the hospital's instructions; the code changes after discharge";
      case ISOLATION, CLOSE_CONTACT, SECONDARY_CONTACT ->
          "stay in isolation and take every scheduled test; the code changes on release";
      case KEY_PERSON, COMPANION -> "take a PCR test at the nearest testing site; green once it is negative";
      case POOL_RECALL ->
          "stay home and take the single-tube retest at the site your community names; green once it is negative";
      case ARRIVAL_HIGH_RISK, ARRIVAL_MEDIUM_RISK, ARRIVAL_LOW_RISK ->
          "report to your community and take the arrival tests and health monitoring";
      case SEALED_ZONE, CONTROLLED_ZONE, PREVENTION_ZONE ->
          "follow your zone's rules; the code changes when the zone is lifted or lowered";
      case KEY_GROUP_TEST_OVERDUE -> "take your routine PCR test now; green once it is negative";
    };
  }
}
