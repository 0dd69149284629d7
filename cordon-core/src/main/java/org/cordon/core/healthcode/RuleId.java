package org.cordon.core.healthcode;

import java.util.Locale;

/**
 * The rules a reason can come from. The declaration order breaks ties between reasons of the same
 * colour when they are listed (most specific management first).
 */
public enum RuleId {
  /** Confirmed case: until released (discharged). */
  CASE("确诊病例", "confirmed case"),
  /** A positive test: until a later negative PCR or a release. */
  POSITIVE_TEST("检测阳性", "positive test"),
  /** Put under centralized or home isolation: until released. */
  ISOLATION("隔离管理", "under isolation"),
  /** Close contact (密接): isolation regime from the last exposure until released. */
  CLOSE_CONTACT("密切接触者", "close contact"),
  /** Secondary contact (次密接). */
  SECONDARY_CONTACT("次密切接触者", "secondary contact"),
  /** Same-time-space key person (同时空重点人员): until enough negative tests after exposure. */
  KEY_PERSON("同时空重点人员", "same-time-space key person"),
  /** Time-space companion (时空伴随者): until enough negative tests after exposure. */
  COMPANION("时空伴随者", "time-space companion"),
  /** Member of a positive pool (混管阳性) recalled for a single-tube retest: until a PCR sampled after the pool. */
  POOL_RECALL("混管阳性待复核人员", "positive pool, retest due"),
  /** Arrival from a high-risk area. */
  ARRIVAL_HIGH_RISK("高风险区来返人员", "arrival from a high-risk area"),
  /** Arrival from a medium-risk area. */
  ARRIVAL_MEDIUM_RISK("中风险区来返人员", "arrival from a medium-risk area"),
  /** Arrival from a low-risk area (the rest of a county with risk areas). */
  ARRIVAL_LOW_RISK("低风险区来返人员", "arrival from a low-risk area"),
  /** Resident of a sealed zone (封控区) / high-risk area. */
  SEALED_ZONE("封控区人员", "resident of a sealed zone"),
  /** Resident of a controlled zone (管控区) / medium-risk area. */
  CONTROLLED_ZONE("管控区人员", "resident of a controlled zone"),
  /** Resident of a prevention zone (防范区) / low-risk area. */
  PREVENTION_ZONE("防范区人员", "resident of a prevention zone"),
  /** Member of a key group whose scheduled test is overdue (重点人群未按时检测). */
  KEY_GROUP_TEST_OVERDUE("重点人群未按时核酸检测", "key-group member with an overdue test");

  private final String nameZh;
  private final String nameEn;

  RuleId(String nameZh, String nameEn) {
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  /** The kebab-case form used in files and APIs, e.g. {@code close-contact}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }
}
