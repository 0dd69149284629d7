package org.cordon.server.testing;

/**
 * Published after a commit that changed a campaign's samples or results, so the in-memory round of
 * that campaign ({@link RoundSnapshots}) is rebuilt from the tables on its next use.
 */
record TestingDataChanged(String campaignId) {
}
