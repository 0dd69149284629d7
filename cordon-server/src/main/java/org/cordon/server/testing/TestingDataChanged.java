package org.cordon.server.testing;

/**
 * Published after a commit that changed a campaign's tubes or results (results, closes, and samples the
 * in-memory round had refused but the tables accepted), so the in-memory round of that campaign
 * ({@link RoundSnapshots}) is rebuilt from the tables on its next use. Samples the round accepted are
 * applied to it in place and publish nothing.
 */
record TestingDataChanged(String campaignId) {
}
