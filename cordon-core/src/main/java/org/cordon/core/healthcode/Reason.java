package org.cordon.core.healthcode;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import org.cordon.core.exchange.IsoTime;
import org.cordon.core.tracing.ContactCategory;

/**
 * Why a code has a colour: the rule, the fact behind it and how long it lasts.
 *
 * @param rule the rule that fired
 * @param colour the colour this reason asks for (never GREEN)
 * @param fact the fact behind it (for a key-group reason: the membership)
 * @param since when this reason began (fact time, release time, or the moment a test fell due)
 * @param until when it ends unless something changes; {@code null} when it waits for an event
 *     (a release, a test, a zone change)
 * @param monitoring true in the home health monitoring phase after a release
 * @param negativeTestsNeeded negative PCR samples still needed for automatic release (0 if none)
 * @param awaitingCloseContact a secondary contact whose own release condition is met but whose close
 *     contact's first tests are not all in yet (its release waits for them)
 */
public record Reason(RuleId rule, CodeColour colour, Fact fact, Instant since, Instant until,
    boolean monitoring, int negativeTestsNeeded, boolean awaitingCloseContact) {

  /** Listing order: most severe first, then rule, then start; ties broken by the fact's text. */
  public static final Comparator<Reason> ORDER = Comparator
      .comparing(Reason::colour, Comparator.reverseOrder())
      .thenComparing(Reason::rule)
      .thenComparing(Reason::monitoring)
      .thenComparing(Reason::since)
      .thenComparing(Reason::until, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> r.fact().toString());

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** A reason that waits for nobody else's tests. */
  public Reason(RuleId rule, CodeColour colour, Fact fact, Instant since, Instant until, boolean monitoring,
      int negativeTestsNeeded) {
    this(rule, colour, fact, since, until, monitoring, negativeTestsNeeded, false);
  }

  public Reason {
    Objects.requireNonNull(rule);
    Objects.requireNonNull(fact);
    Objects.requireNonNull(since);
    if (colour == null || colour == CodeColour.GREEN) {
      throw new IllegalArgumentException("a reason is yellow or red");
    }
  }

  /** The reason in plain English, e.g. "close contact of case 7, exposed 2022-04-12 at venue V1". */
  public String textEn() {
    String what;
    if (fact instanceof CaseConfirmed c) {
      what = "confirmed case since " + day(c.confirmedAt());
    } else if (fact instanceof TestResult t) {
      what = "positive " + t.method().name() + " test sampled " + minute(t.sampledAt());
    } else if (fact instanceof IsolationStarted s) {
      what = "under " + s.setting().name().toLowerCase(Locale.ROOT) + " isolation since " + day(s.startedAt());
    } else if (fact instanceof ContactTraced c && upgraded()) {
      what = "close contact (upgraded from secondary contact: close contact " + c.sourcePersonId()
          + " tested positive or became a case), exposed " + day(c.exposure())
          + (c.place().isEmpty() ? "" : " at " + c.place());
    } else if (fact instanceof ContactTraced c) {
      what = rule.nameEn() + " of " + (c.category() == ContactCategory.SECONDARY ? "close contact " : "case ")
          + c.sourcePersonId() + ", exposed " + day(c.exposure()) + (c.place().isEmpty() ? "" : " at " + c.place());
    } else if (fact instanceof ArrivalRecorded a) {
      what = "arrived " + day(a.arrivedAt()) + " from " + a.risk().name().toLowerCase(Locale.ROOT)
          + "-risk area " + a.area();
    } else if (fact instanceof ZoneMembership z) {
      what = "lives in " + z.level().name().toLowerCase(Locale.ROOT) + " zone " + z.zone() + " since " + day(z.since());
    } else if (fact instanceof PoolRecalled p) {
      what = "positive pool, single-tube retest due (tube " + p.tube() + ", sampled " + minute(p.pooledAt()) + ")";
    } else if (fact instanceof KeyGroupMembership g) {
      what = "key group " + g.group() + ": routine test overdue since " + minute(since);
    } else {
      what = rule.nameEn();
    }
    if (monitoring) {
      return what + "; home health monitoring until " + minute(until);
    }
    if (awaitingCloseContact && fact instanceof ContactTraced c) {
      return what + "; waiting for close contact " + c.sourcePersonId() + "'s first test results";
    }
    if (negativeTestsNeeded > 0) {
      return what + "; " + negativeTestsNeeded + " more negative PCR test" + (negativeTestsNeeded > 1 ? "s" : "")
          + " needed" + (until == null ? "" : ", not before " + minute(until));
    }
    return until == null ? what : what + "; until " + minute(until);
  }

  /**
   * Whether this is a secondary contact managed as a close contact because its close contact turned
   * positive (the close-contact rule on a secondary contact's fact).
   */
  public boolean upgraded() {
    return rule == RuleId.CLOSE_CONTACT && fact instanceof ContactTraced c
        && c.category() == ContactCategory.SECONDARY;
  }

  /** A tracing place ("venue V1", "trip G601-...", "household 12", "cell G1_2") in Chinese words. */
  private static String placeZh(String place) {
    int space = place.indexOf(' ');
    String track = space < 0 ? "" : place.substring(0, space);
    String id = place.substring(space + 1);
    return switch (track) {
      case "venue" -> "场所" + id;
      case "trip" -> "车次" + id;
      case "household" -> "住户" + id;
      case "cell" -> "网格" + id;
      default -> place;
    };
  }

  /** The reason in plain Chinese, e.g. "病例7的密切接触者，2022-04-12在场所V1暴露". */
  public String textZh() {
    String what;
    if (fact instanceof CaseConfirmed c) {
      what = day(c.confirmedAt()) + "起为确诊病例";
    } else if (fact instanceof TestResult t) {
      what = minute(t.sampledAt()) + "采样的" + (t.method() == TestResult.Method.PCR ? "核酸" : "抗原") + "检测结果为阳性";
    } else if (fact instanceof IsolationStarted s) {
      what = day(s.startedAt()) + "起" + (s.setting() == IsolationStarted.Setting.CENTRALIZED ? "集中隔离" : "居家隔离");
    } else if (fact instanceof ContactTraced c && upgraded()) {
      what = "次密接升级为密接（密接" + c.sourcePersonId() + "检测阳性或确诊），" + day(c.exposure())
          + (c.place().isEmpty() ? "" : "在" + placeZh(c.place())) + "暴露";
    } else if (fact instanceof ContactTraced c) {
      what = (c.category() == ContactCategory.SECONDARY ? "密接" : "病例") + c.sourcePersonId() + "的" + rule.nameZh()
          + "，" + day(c.exposure()) + (c.place().isEmpty() ? "" : "在" + placeZh(c.place())) + "暴露";
    } else if (fact instanceof ArrivalRecorded a) {
      String level = a.risk() == ArrivalRecorded.AreaRisk.HIGH ? "高"
          : a.risk() == ArrivalRecorded.AreaRisk.MEDIUM ? "中" : "低";
      what = day(a.arrivedAt()) + "自" + a.area() + "（" + level + "风险区）抵达";
    } else if (fact instanceof ZoneMembership z) {
      what = day(z.since()) + "起为" + z.zone() + rule.nameZh();
    } else if (fact instanceof PoolRecalled p) {
      what = "混管阳性，待单管复核（管号" + p.tube() + "，" + minute(p.pooledAt()) + "采样）";
    } else if (fact instanceof KeyGroupMembership g) {
      what = "重点人群（" + g.group() + "）自" + minute(since) + "起未按时核酸检测";
    } else {
      what = rule.nameZh();
    }
    if (monitoring) {
      return what + "；居家健康监测至" + minute(until);
    }
    if (awaitingCloseContact && fact instanceof ContactTraced c) {
      return what + "；待密接" + c.sourcePersonId() + "的首批核酸结果（均为阴性方可解除）";
    }
    if (negativeTestsNeeded > 0) {
      return what + "；还需" + negativeTestsNeeded + "次核酸阴性" + (until == null ? "" : "，最早" + minute(until) + "解除");
    }
    return until == null ? what : what + "；至" + minute(until);
  }

  private static String day(Instant t) {
    return LocalDateTime.ofInstant(t, IsoTime.DEFAULT_ZONE).format(DAY);
  }

  private static String minute(Instant t) {
    return LocalDateTime.ofInstant(t, IsoTime.DEFAULT_ZONE).format(MINUTE);
  }
}
