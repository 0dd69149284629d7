package org.cordon.core.testing;

/** What a campaign is for; it changes how the console presents it, not how samples are handled. */
public enum CampaignKind {
  /** A round of city- or district-wide testing (全员核酸). */
  CITY_ROUND,
  /** The routine testing of key groups (重点人群), e.g. couriers or cold-chain workers. */
  KEY_GROUP_ROUTINE,
  /** Screening of the persons in a sealed or controlled zone (区域核酸). */
  ZONE_SCREENING
}
