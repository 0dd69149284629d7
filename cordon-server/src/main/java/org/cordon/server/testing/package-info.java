/**
 * Mass testing on the server (issue 5): screening campaigns and sampling sites, pooled samples
 * registered against tube barcodes, lab results (CSV and HL7 FHIR R4 bundles) with corrections,
 * positive-pool recall and the single-tube retest, turnaround alarms, coverage per division and the
 * missed persons of each community. The tables of {@code V7__mass_testing.sql} are the truth; a
 * positive single-tube result confirms a case through {@code org.cordon.server.tracing}.
 */
package org.cordon.server.testing;
