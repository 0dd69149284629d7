package org.cordon.server.security;

/** Things a caller may do; which role holds which is the table in {@link AccessPolicy}. */
public enum Permission {
  /** Upload bulk files and send single events other than venue scans. */
  INTAKE,
  /** Send single venue-scan events ({@code POST /api/intake/scans/events}). */
  SEND_SCAN_EVENTS,
  /** List persons and read one person's details (always scoped and audited). */
  READ_PERSONS,
  /** See identity numbers unmasked. */
  SEE_FULL_IDENTITY_NUMBER,
  /** See phone numbers unmasked. */
  SEE_FULL_PHONE,
  /** Read the dashboard counts. */
  READ_DASHBOARD,
  /** Use console endpoints not listed in the route table (safe default for new console pages). */
  USE_CONSOLE,
  /** Create, list and revoke API tokens. */
  MANAGE_TOKENS,
  /** Read the audit log. */
  READ_AUDIT,
  /** Confirm a case ({@code POST /api/cases}), which traces and stores its contacts. */
  CONFIRM_CASES,
  /** List confirmed cases. */
  READ_CASES,
  /** Read a case's contacts living in one's jurisdiction (audited). */
  READ_CASE_CONTACTS,
  /**
   * Read a person's health code (audited): console roles within their jurisdiction, a resident only
   * their own (anything else is 403 and an audit row).
   */
  READ_HEALTH_CODES,
  /** Record health-code facts by hand: isolation start and end, test results, arrivals, zones. */
  RECORD_HEALTH_FACTS,
  /**
   * Switch the deployment's health-code policy at run time (every person re-evaluated; audited). The
   * controller also asks for a jurisdiction that covers the whole deployment.
   */
  SWITCH_HEALTH_CODE_POLICY,
  /** Check a code at a venue door ({@code POST /api/checkpoint/check}): venue devices, own venue only. */
  CHECK_ENTRIES,
  /** A resident's own pages: their code, its QR token, their stream of changes. */
  RESIDENT_SELF,
  /** List the follow-up tasks of one's jurisdiction and move them on (status changes audited). */
  FOLLOW_UP,
  /** List, export and import assist requests (协查) with other instances (audited). */
  ASSIST_REQUESTS,
  /** Create testing campaigns and sampling sites, push missed-person tasks. */
  MANAGE_TESTING,
  /** Register samples against tube barcodes and close tubes (collectors, sampling-site devices). */
  COLLECT_SAMPLES,
  /** Send lab results (CSV, FHIR) and mark tubes received. */
  REPORT_RESULTS,
  /** Read testing boards: campaigns, sites, coverage, turnaround. */
  READ_TESTING,
  /** Read testing lists that name persons: missed persons, recall and missed tasks (audited). */
  READ_TESTING_PERSONS
}
